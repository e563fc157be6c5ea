"""Target conventions (`knowledge/data/actors/conventions.yaml`): every example sentence of the data
file, and hand-written sentences for proposals answered, places standing for their people and
countries a sentence names for an actor it cannot place."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from eventwire.classify import snippet_events
from eventwire.knowledge.actors import convention_words
from eventwire.records import Event


def _examples() -> list[tuple[str, str, dict[str, Any]]]:
    raw = yaml.safe_load(resources.files("eventwire.knowledge").joinpath(
        "data", "actors", "conventions.yaml").read_text("utf-8"))
    return [(name, ex["text"], ex) for name, spec in raw.items() for ex in spec["examples"]]


def _main(text: str) -> Event:
    [(_, _, events)] = list(snippet_events([(0, text)]))
    occurred = [e for e in events if e.modality == "occurred"] or events
    assert occurred, text
    return occurred[0]


def _check_target(text: str, country: str, sector: str | None) -> None:
    e = _main(text)
    assert e.actor2 is not None, text
    assert e.actor2.country == country, (text, e.actor2)
    if sector is not None:
        assert e.actor2.sector == sector, (text, e.actor2)


@pytest.mark.parametrize(("name", "text", "example"), _examples())
def test_convention_examples(name: str, text: str, example: dict[str, Any]) -> None:
    assert convention_words(name)
    assert "target" in example or "source" in example, (name, text)
    if "target" in example:
        _check_target(text, example["target"]["country"], example["target"].get("sector"))
    if "source" in example:
        actor = _main(text).actor1
        assert actor is not None, text
        assert actor.country == example["source"]["country"], (text, actor)
        assert example["source"].get("sector") in {None, actor.sector}, (text, actor)


def test_unknown_convention_list_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no list 'nonsense'"):
        convention_words("nonsense")


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # whose proposal a response answers
        ("Kenya rejected Uganda's demand for a new border survey.", "UGA", None),
        ("The United States vetoed a Security Council resolution on the blockade.", "UNO", None),
        ("Norway is opposed to Swedish mediation in the fisheries dispute.", "SWE", None),
        ("The rebels dismissed an appeal from President Ama Mensah of Ghana to disarm.", "GHA", "GOV"),
        # a demonym with a settlement or home noun is that country's civilians
        ("Militiamen burned Somali villages near the border on Tuesday.", "SOM", "CVL"),
        # "Sierra Leonean and Liberian refugees" with the first demonym parsed as the head
        ("Soldiers tortured dozens of Sierra Leonean and Liberian refugees at the camp.", "SLE", "REF"),
        # an actor with no country takes the one the sentence names, even actor 1's when it is the only one
        ("The Zambian government accepted demands from striking miners for higher pay.", "ZMB", "LAB"),
        # ... a multi-word country too
        ("Rebels in Sierra Leone rejected an offer from President Ama Kanu to disarm.", "SLE", "GOV"),
        # what actor 1 sends to a recipient is not the target, the recipient is
        ("Ghana is ready to contribute 800 troops to a regional force in Mali.", "MLI", None),
        # a complaint lodged with an international body targets whom it is about
        ("Peru complained to the United Nations over two Chilean air raids on its border posts.", "CHL", None),
        # violence whose object names nobody: the victims of another of its mentions, or an owner
        ("Insurgents kidnapped six Turkish civilians from a market and exploded a series of bombs in the capital.",
         "TUR", "CVL"),
        ("Militiamen set fire to the offices of the Kenyan electoral commission overnight.", "KEN", None),
        ("Police fired tear gas at protesters in Nairobi.", "KEN", None),  # "at" names whom it is aimed at
        # a city threatened with a blockade is its people
        ("Striking truckers said on Monday they would blockade Nairobi from Wednesday.", "KEN", "CVL"),
        # what is protested belongs to, or is done by, the target
        ("Farmers began a hunger strike in protest of the Kenyan government's refusal to pay.", "KEN", "GOV"),
        ("Youths threw stones during demonstrations against abuses by the Nigerian army.", "NGA", "MIL"),
        # an accusation is about the subject of its reported clause
        ("Amnesty International charged that Kenyan police had tortured detainees.", "KEN", "COP"),
        # a target named with whose it is is not replaced by the toll ("killing at least 50 people")
        ("A camp for Somali refugees was attacked by gunmen at dawn, killing at least 50 people.", "SOM", "REF"),
        # of two phrases as near the trigger, whom a protest is against before where it is
        ("Students staged rallies in Nairobi against the Kenyan education minister on Friday.", "KEN", "GOV"),
        # a demand that someone act is addressed to them, not to whom they would act on
        ("Ghana demanded that Togolese police release the detained fishermen.", "TGO", "COP"),
        # who is made to act is the target of what is imposed
        ("Zimbabwean authorities pressured striking teachers to cancel their walkout.", "ZWE", "EDU"),
        # victims with no country of their own are not the attacker's people by a guess
        ("Russian missiles hit Kharkiv on Monday, killing four civilians.", "UKR", "CVL"),
        ("Russia attacked Ukraine with 300 drones, killing 12 people.", "UKR", "CVL"),
        # ... but domestic violence stays domestic, and a border names a neighbour, not the victims
        ("Burmese troops overran a Karen guerrilla stronghold near the Thai border.", "MMR", "REB"),
        # a region of a country hit by violence is its people
        ("Israeli jets struck southern Lebanon overnight.", "LBN", "CVL"),
        # who was hit before the place that was hit
        ("Israeli strikes on Gaza killed 30 Palestinians overnight.", "PSE", "CVL"),
        # "the U.S." keeps the dot of its abbreviation
        ("Danish police officials have shared evidence with the U.S. about the smuggling ring.", "USA", None),
    ],
)
def test_target_conventions(text: str, country: str, sector: str | None) -> None:
    _check_target(text, country, sector)


def test_anti_prefix_names_no_country() -> None:
    e = _main("A prominent anti-Kenya broadcaster was shot dead in central Kampala on Monday.")
    assert e.actor2 is not None
    assert e.actor2.country != "KEN"
