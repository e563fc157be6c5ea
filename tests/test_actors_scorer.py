"""The PLOVER GSR actor scorer: which gold actor of a record ours is scored against."""

from __future__ import annotations

from eventwire.evaluate.events import _gold_actor
from eventwire.records import Actor

COMPOUND = [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"},
            {"actorText": "Romanian", "code": "ROU", "sector": "GOV"}]


def test_compound_gold_actor_is_the_one_ours_matches() -> None:
    g = _gold_actor(COMPOUND, Actor(text="Romania", country="ROU", sector="GOV"))
    assert g is not None and g["code"] == "ROU"


def test_compound_gold_actor_defaults_to_the_first() -> None:
    g = _gold_actor(COMPOUND, Actor(text="Poland", country="POL", sector="GOV"))
    assert g is not None and g["code"] == "HUN"
    g = _gold_actor(COMPOUND, None)
    assert g is not None and g["code"] == "HUN"


def test_single_and_missing_gold_actors() -> None:
    single = {"actorText": "Tokyo", "code": "JAP"}
    assert _gold_actor(single, Actor(text="Kenya", country="KEN")) == single
    assert _gold_actor([single]) == single
    assert _gold_actor("") is None
    assert _gold_actor(None) is None
