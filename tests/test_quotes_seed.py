"""The seed story: every quote, claim and figure of expected.yaml, event attribution on hand-built
events, and the CI floors of `eventwire evaluate quotes`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from eventwire.assemble.quantities import quantities_from_doc
from eventwire.assemble.quotes import quotes_from_doc
from eventwire.evaluate.report import below_floors, load_floors
from eventwire.records import Article, Event, Extraction, Span, Speaker
from eventwire.resolve.attribution import resolve_attribution
from eventwire.resolve.figures import resolve_figures

FLOORS = Path(__file__).resolve().parents[1] / "quality" / "floors" / "quotes.yaml"

# the word the events stage reads each seed event from (its trigger), by expected event id
TRIGGERS = {
    "advance-1-2-km": "moved",
    "servicemen-captured": "captured",
    "belgorod-shelling-and-drones": "shelling",
    "displacement": "fled",
    "airfield-drone-strikes": "targeted",
    "sudzha-flag": "removing",
    "kremlin-claims-repelled": "repelled",
    "incursion-captures-settlements": "capturing",
}


@pytest.fixture(scope="module")
def qnlp() -> Language:
    from eventwire.assemble.quotes import quotes_nlp

    return quotes_nlp()


@pytest.fixture(scope="module")
def layers(seed_text: str, qnlp: Language) -> Extraction:
    doc = qnlp(seed_text)
    quotes, relations, claims = quotes_from_doc(doc)
    return Extraction(id="seed", article=Article(id="seed", text=seed_text), quotes=quotes, claims=claims,
                      attributions=relations, quantities=quantities_from_doc(doc))


def _names(sp: Speaker | None) -> str:
    if sp is None:
        return ""
    return " | ".join(x for x in (sp.name, sp.text, sp.role) if x).lower()


def test_every_seed_quote_and_speaker(layers: Extraction, seed_expected: dict[str, Any]) -> None:
    for exp in seed_expected["quotes"]:
        q = next((q for q in layers.quotes if q.text.startswith(exp["text_starts"])), None)
        assert q is not None, exp
        want = exp["speaker"].lower().removeprefix("a ").removeprefix("the ")
        assert want in _names(q.speaker), (exp, q.speaker)
        if "speaker_role" in exp:
            assert q.speaker is not None and exp["speaker_role"].lower() in (q.speaker.role or "").lower()
        if "anonymous" in exp:
            assert q.speaker is not None and q.speaker.anonymous is exp["anonymous"]


def test_every_seed_claim_and_the_dispute(layers: Extraction, seed_expected: dict[str, Any]) -> None:
    for exp in seed_expected["claims"]:
        c = next((c for c in layers.claims if c.content.text.startswith(exp["content_starts"])), None)
        assert c is not None, exp
        assert exp["claimant"].lower() in _names(c.claimant), (exp, c.claimant)
        if "contradicted_by" in exp:
            assert c.status == "disputed"
            answering = [d for d in layers.claims if c.id in d.contradicts]
            assert answering and exp["contradicted_by"].lower() in _names(answering[0].claimant)


def test_every_seed_figure(layers: Extraction, seed_expected: dict[str, Any], seed_text: str) -> None:
    for ev in seed_expected["events"]:
        for exp in ev.get("quantities") or []:
            start = ev["sentence_start"]
            end = seed_text.find("\n", start)
            found = [q for q in layers.quantities if start <= q.span.start < end and q.kind == exp["kind"]]
            assert found, (ev["id"], exp)
            q = found[0]
            for key in ("low", "best", "high", "unit", "qualifier"):
                if key in exp:
                    assert getattr(q, key) == exp[key], (ev["id"], key, getattr(q, key))


def test_no_figure_from_dates_or_background(layers: Extraction) -> None:
    texts = " | ".join(q.span.text for q in layers.quantities)
    for bad in ("August 6", "2022", "World War"):
        assert bad not in texts


def _events(seed_text: str, seed_expected: dict[str, Any]) -> list[Event]:
    events = []
    for ev in seed_expected["events"]:
        word = TRIGGERS.get(ev["id"])
        if word is None:
            continue
        s = ev["sentence_start"]
        end = seed_text.find("\n", s)
        i = seed_text.index(word, s)
        assert i < end
        events.append(Event(id=ev["id"], trigger=Span.of(seed_text, i, i + len(word)),
                            sentence=Span.of(seed_text, s, end)))
    return events


def test_events_carry_their_claim(layers: Extraction, seed_text: str, seed_expected: dict[str, Any]) -> None:
    ex = layers.model_copy(deep=True)
    ex.events = _events(seed_text, seed_expected)
    ex = resolve_attribution(resolve_figures(ex))
    by_id = {e.id: e for e in ex.events}
    claims = {c.id: c for c in ex.claims}
    for ev in seed_expected["events"]:
        att = ev.get("attribution")
        if not att or ev["id"] not in by_id:
            continue
        got = by_id[ev["id"]].attribution
        if "claimant" in att:
            assert att["claimant"].lower() in _names(got.source), (ev["id"], got)
        if "source" in att:
            assert att["source"].lower() in _names(got.source), (ev["id"], got)
        if "cue" in att:
            assert got.cue == att["cue"]
        if "claimant_country" in att:
            assert got.source is not None and got.source.country == att["claimant_country"]
        if "claimant_sector" in att:
            assert got.source is not None and got.source.sector == att["claimant_sector"]
        if "status" in att:
            assert got.status == att["status"], (ev["id"], got)
        if "disputed_by" in att:
            assert got.status == "disputed" and got.disputed_by
            assert att["disputed_by"].lower() in _names(claims[got.disputed_by[0]].claimant)
        assert got.claim_id is not None and ev["id"] in claims[got.claim_id].event_ids
    # events outside every claim keep the outlet's voice
    assert by_id["airfield-drone-strikes"].attribution.status == "asserted"
    # the figures went to their events
    assert [q.kind for q in by_id["servicemen-captured"].quantities] == ["captured"]
    assert [q.kind for q in by_id["advance-1-2-km"].quantities] == ["distance"]


@pytest.mark.slow
def test_quality_floors(shared_data: Path, qnlp: Language) -> None:
    from eventwire.evaluate.quotes import evaluate_quotes

    report = evaluate_quotes(shared_data, with_events=False)
    assert below_floors(report, load_floors(FLOORS)) == []
