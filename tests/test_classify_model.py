"""The learned second layer of `eventwire classify` (eventwire.learn): it loads, classifies
hand-written sentences right, says so in `rule`, votes with the rules as documented, and the
classifier degrades to the rules alone when no model ships."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import classify
from eventwire.classify import classify_snippets, model_acled
from eventwire.knowledge.taxonomy import taxonomy
from eventwire.learn.combine import RULE_WEIGHT, vote
from eventwire.learn.crossval import folds
from eventwire.learn.data import fingerprint, fresh_items, training_items
from eventwire.learn.features import features
from eventwire.learn.model import LinearModel, shipped_model, train

# Written for this test: paraphrases in neither the training sentences nor the fresh set.
MODEL_SENTENCES = [
    ("Hundreds of people were forced to flee their villages as the fighting spread.", "Other"),
    ("Tens of thousands abandoned the city, carrying what they could.", "Other"),
    ("Workers downed tools at the refinery over unpaid salaries.", "Peaceful protest"),
    ("A landmine blast tore through a minibus on the highway.", "Remote explosive/landmine/IED"),
    ("Protesters lit bonfires and pelted officers with rocks.", "Violent demonstration"),
    ("Jets hammered the rebel-held town for a second day.", "Air/drone strike"),
    ("Hostages were snatched from their homes by armed men overnight.", "Abduction/forced disappearance"),
    ("The two sides inked a truce after weeks of talks.", "Agreement"),
]


def test_the_shipped_model_loads_and_covers_every_acled_sub_type() -> None:
    model = shipped_model()
    assert model is not None
    assert set(model.classes) == set(taxonomy().sub_types())
    assert model.coef.shape == (len(model.classes), len(model.index)) == (len(model.classes), model.idf.shape[0])
    probs = model.proba("Rebels shelled the town overnight.")
    assert set(probs) == set(model.classes) and abs(sum(probs.values()) - 1.0) < 1e-6


@pytest.mark.parametrize(("text", "sub"), MODEL_SENTENCES)
def test_the_model_alone_classifies_hand_written_sentences(text: str, sub: str) -> None:
    model = shipped_model()
    assert model is not None
    assert model.predict(text)[0] == sub
    assert model_acled(text) == (taxonomy().event_type_of(sub), sub, pytest.approx(model.predict(text)[1]))


def test_classify_says_when_the_model_decided() -> None:
    # no trigger of the lexicon in either sentence: the rules alone fall back, the model types them
    items = [{"id": 1, "text": "Tens of thousands abandoned the city, carrying what they could."},
             {"id": 2, "text": "Jets hammered the rebel-held town for a second day."}]
    rules = list(classify_snippets(items, use_model=False))
    both = list(classify_snippets(items))
    assert all(r["rule"].startswith("fallback:") for r in rules)
    assert [r["rule"] for r in both] == ["model:linear", "model:linear"]
    assert [r["acled"]["sub_event_type"] for r in both] == ["Other", "Air/drone strike"]
    assert both[1]["acled"]["event_type"] == "Explosions/Remote violence"
    assert all(not r["is_event"] and r["confidence"] <= 0.2 for r in both)  # no trigger: not sure it happened


def test_confident_rules_keep_their_rule_name() -> None:
    [r] = classify_snippets([{"id": 0, "text": "Russian drones struck a power plant in Odesa overnight."}])
    assert r["acled"]["sub_event_type"] == "Air/drone strike" and r["rule"].startswith("lexicon:")


def test_without_a_shipped_model_classify_is_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify, "shipped_model", lambda: None)
    items = [{"id": 0, "text": "Jets hammered the rebel-held town for a second day."}]
    [r] = classify_snippets(items)
    [rules] = classify_snippets(items, use_model=False)
    assert r == rules and not str(r["rule"]).startswith("model:")


def test_model_acled_is_none_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify, "shipped_model", lambda: None)
    assert classify.model_acled("Jets hammered the town.") is None


def test_a_bad_model_file_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match=r"broken\.npz"):
        LinearModel.from_npz(bad, source=str(bad))


def test_vote_rules_win_when_confident_and_the_model_stands_in_when_they_found_nothing() -> None:
    gap = RULE_WEIGHT * 0.9 / 2  # the model prefers another type by less than confident rules add
    probs = {"Armed clash": 0.4 + gap, "Attack": 0.4, "Other": 0.2 - gap}
    assert vote("Attack", 0.9, probs) == vote("Attack", 0.9, probs, RULE_WEIGHT)
    assert vote("Attack", 0.9, probs).sub_event_type == "Attack" and not vote("Attack", 0.9, probs).by_model
    assert vote("Attack", 0.2, probs).sub_event_type == "Armed clash"  # unsure rules, the model overrules
    assert vote("Attack", 0.9, probs, weight=0.0).sub_event_type == "Armed clash"
    found_nothing = vote(None, 0.0, probs)
    assert found_nothing.sub_event_type == "Armed clash" and found_nothing.by_model
    assert found_nothing.probability == probs["Armed clash"]


def test_train_save_and_load_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    texts = ["Jets bombed the town.", "Warplanes bombed the village.", "Police arrested two men.",
             "Officers arrested a journalist.", "Protesters marched in the capital.", "Thousands marched peacefully."]
    labels = ["Air/drone strike", "Air/drone strike", "Arrests", "Arrests", "Peaceful protest", "Peaceful protest"]
    model = train(texts, labels, c=10.0, trained_on="abc")
    path = tmp_path / "m.npz"
    model.save(path)
    again = LinearModel.from_npz(path)
    assert again.classes == model.classes and again.index == model.index and again.trained_on == "abc"
    for text in ("Jets bombed a market.", "Police arrested a cleric.", "Students marched."):
        assert again.predict(text)[0] == model.predict(text)[0]
    assert again.predict("Fighter jets bombed the base.")[0] == "Air/drone strike"


def test_the_shipped_model_was_trained_on_the_current_sentences() -> None:
    # stale after an edit of dev_sentences.yaml or the lexicon's examples: run scripts/train_classify_model.py
    model = shipped_model()
    assert model is not None and model.trained_on == fingerprint(training_items())
    items = training_items()
    assert fingerprint(list(reversed(items))) == fingerprint(items) != fingerprint(items[1:])


def test_training_data_never_holds_the_fresh_set() -> None:
    train_texts = {it["text"] for it in training_items()}
    fresh = fresh_items()
    assert len(fresh) == 6 * len(taxonomy().sub_types())
    assert not train_texts & {it["text"] for it in fresh}


def test_folds_spread_every_sub_type_over_every_fold() -> None:
    items = [{"acled": ("x", sub)} for sub in ("a", "b") for _ in range(10)]
    got = folds(items, 5)
    for sub in ("a", "b"):
        assert sorted(f for it, f in zip(items, got, strict=True) if it["acled"][1] == sub) == [0, 0, 1, 1, 2, 2, 3,
                                                                                                3, 4, 4]


def test_features_read_digits_as_zero_and_carry_stems() -> None:
    feats = features("On 12 May 2024, jets bombarded Kharkiv.")
    assert "w:0000" in feats and "w:00" in feats and "b:jets bombarded" in feats
    assert "c:bomba" in feats and not any(ch.isdigit() and ch != "0" for f in feats for ch in f)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_a_probability_distribution(text: str) -> None:
    model = shipped_model()
    assert model is not None
    p = np.array(list(model.proba(text).values()))
    assert np.all(p >= 0) and abs(p.sum() - 1.0) < 1e-6


def test_cli_rules_only_leaves_the_model_out(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from eventwire.cli.main import app

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "j", "text": "Jets hammered the rebel-held town for a second day."}) + "\n",
                   encoding="utf-8")
    rules = [json.loads(x) for x in CliRunner().invoke(app, ["classify", str(src), "--rules-only"]).output.splitlines()]
    both = [json.loads(x) for x in CliRunner().invoke(app, ["classify", str(src)]).output.splitlines()]
    assert rules[0]["rule"].startswith("fallback:") and both[0]["rule"] == "model:linear"
