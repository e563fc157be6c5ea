"""The seed story's report: what the hand-written expectations say must show, and what the pipeline gives.

`gold_extraction` turns ../shared/data/seed/expected.yaml into records at test time (nothing from
the story is copied into the repository), so the report is checked on correct data whatever the
extraction stages can do today; the pipeline's own output is checked for consistency.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire.out.report import build_report, render_report
from eventwire.records import (
    AcledType,
    Actor,
    Article,
    Attribution,
    Claim,
    Event,
    Extraction,
    Place,
    PloverType,
    Quantity,
    Span,
    Speaker,
    When,
    content_id,
)
from eventwire.store import EventFilter, Store

WEEK = EventFilter(since=date(2024, 8, 6), until=date(2024, 8, 14), country="RU")


def _sentence(text: str, start: int) -> Span:
    m = re.compile(r"[.!?][”\"’]?(\s|$)").search(text, start)
    end = m.start() + 1 if m else len(text)
    return Span.of(text, start, end)


def _span_from(text: str, phrase: str, within: Span | None = None) -> Span:
    lo = within.start if within else 0
    i = text.find(phrase, lo)
    assert i >= 0, phrase
    return _sentence(text, i) if within is None else Span.of(text, i, within.end)


def gold_extraction(text: str, expected: dict[str, Any]) -> Extraction:
    published = date.fromisoformat(str(expected["article"]["published"]))
    aid = content_id(text)
    claims: list[Claim] = []
    for n, c in enumerate(expected.get("claims", [])):
        i = text.find(c["content_starts"])
        content = Span.of(text, i, _sentence(text, i).end)
        claim = Claim(id=f"c{n}", claimant=Speaker(text=c["claimant"]), content=content, cue="said")
        claims.append(claim)
        if c.get("contradicted_by"):
            j = text.find(c["contradicted_by"], i)
            denial = Span.of(text, j, _sentence(text, j).end)
            claims.append(Claim(id=f"c{n}-denial", claimant=Speaker(text=c["contradicted_by"]), content=denial,
                                cue="denied", status="denied", contradicts=[claim.id]))
            claims[-2] = claim.model_copy(update={"status": "disputed"})
    events: list[Event] = []
    for spec in expected["events"]:
        sent = _sentence(text, int(spec["sentence_start"]))
        acled = spec.get("acled", {}).get("accept")
        plover = spec.get("plover")
        # An event without a place of its own takes the place of another in the same sentence
        # (as the resolver carries it: "moved deeper into Kursk ... and captured ...").
        place = dict(spec.get("place") or next((o["place"] for o in expected["events"] if o.get("place")
                                                 and o["sentence_start"] == spec["sentence_start"]), {}))
        known = next((p for p in expected.get("places", []) if place.get("geonameid")
                      and p.get("geonameid") == place.get("geonameid")), {})
        place = {**known, **place} if place else None
        when = spec.get("when", {})
        att = spec.get("attribution", {})
        start = when.get("start") or (when.get("accept_start") or [None])[0]
        claimant = att.get("claimant") or att.get("source")
        claim_id = next((c.id for c in claims if claimant and c.claimant and c.claimant.text == claimant
                         and c.content.start >= sent.start and c.content.end <= sent.end + 1), None)
        status = att.get("status") or ("attributed" if claimant else "asserted")

        def actor(a: dict[str, Any] | None) -> Actor | None:
            return None if not a else Actor(text=a.get("name") or f"{a.get('country')} {a.get('sector', '')}".strip(),
                                            name=a.get("name"), country=a.get("country"), sector=a.get("sector"),
                                            acled_type=a.get("acled_type"))

        events.append(Event(
            id=f"gold-{spec['id']}",
            acled=AcledType(event_type=acled[0][0], sub_event_type=acled[0][1]) if acled else None,
            plover=PloverType(type=plover["type"], mode=plover.get("mode") or (plover.get("accept_modes") or [None])[0])
            if plover else None,
            actor1=actor(spec.get("actor1")), actor2=actor(spec.get("actor2")),
            place=Place(name=place.get("text") or f"{place.get('country_code')} region",
                        country_code=place.get("country_code"),
                        lat=place.get("lat"), lon=place.get("lon"), precision=place.get("precision"))
            if place else None,
            when=When(start=date.fromisoformat(start) if start else published,
                      end=date.fromisoformat(start) if start else published, precision="day",
                      basis="explicit" if start else "publication"),
            quantities=[Quantity(span=sent, kind=q["kind"], low=q.get("low"), best=q.get("best"), high=q.get("high"),
                                 qualifier=q.get("qualifier"), unit=q.get("unit")) for q in spec.get("quantities", [])],
            attribution=Attribution(status=status, source=Speaker(text=claimant) if claimant else None,
                                    cue=att.get("cue"), claim_id=claim_id,
                                    disputed_by=[c.id for c in claims if claim_id in c.contradicts]),
            modality=spec.get("modality", "occurred"),
            sentence=sent, evidence=[sent], confidence=1.0, article_ids=[aid],
        ))
    article = Article(id=aid, text=text, published=published, anchor_source="input", title="seed story")
    return Extraction(id=aid, article=article, events=events, claims=claims)


@pytest.fixture()
def gold_store(tmp_path: Path, seed_text: str, seed_expected: dict[str, Any]) -> Store:
    store = Store(str(tmp_path / "gold.db"))
    store.write(gold_extraction(seed_text, seed_expected))
    return store


def test_seed_week_report_shows_what_the_story_says(gold_store: Store, seed_expected: dict[str, Any]) -> None:
    rep = build_report(gold_store, WEEK)
    html = render_report(rep, "html")
    types = {it.event.acled.event_type for it in rep.events if it.event.acled}
    assert "Explosions/Remote violence" in types  # the strikes
    assert "Battles" in types  # the incursion and the advance
    kinds = {f.kind: f for f in rep.figures}
    assert "captured" in kinds and "100" in kinds["captured"].text  # captured servicemen
    displaced = [f for f in rep.figures if f.kind == "displaced"]
    assert displaced and all(f.status == "reportedly" for f in displaced)
    assert re.search(r'<td>displaced</td><td>more than 120,000</td><td><span class="badge reportedly">', html)
    claims = seed_expected["claims"]
    disputed = [c for c in claims if c.get("contradicted_by")]
    for c in disputed:
        match = [d for d in rep.disputes if d.claim.claimant == c["claimant"]]
        assert match, f"dispute by {c['claimant']} missing"
        assert any(a.claimant == c["contradicted_by"] for a in match[0].denials)
    headline = {h.kind: h for h in rep.headlines}
    assert headline["displaced"].open_ended and "reportedly" in headline["displaced"].hedged


def test_report_on_the_pipelines_seed_extraction(tmp_path: Path, seed_extraction: Extraction) -> None:
    store = Store(str(tmp_path / "seed.db"))
    store.write(seed_extraction)
    flt = EventFilter(since=date(2024, 8, 6), until=date(2024, 8, 14))
    events = store.events(flt)
    rep = build_report(store, flt)
    html = render_report(rep, "html")
    assert rep.n_events == len(events)
    assert html.count('class="event" id="ev-') == len(rep.events) == min(len(events), 40)
    for e in events:
        for q in e.quantities:
            if q.kind == "displaced" and e.attribution.status == "reportedly":
                assert any(f.kind == "displaced" and f.status == "reportedly" for f in rep.figures)
    pairs = [(c, t) for c in seed_extraction.claims for t in c.contradicts]
    for denial, target in pairs:
        claim = next(c for c in seed_extraction.claims if c.id == target)
        related = set(claim.event_ids) | set(denial.event_ids)
        if not related or related & {m.id for m in store.mentions(flt)} | {e.id for e in events}:
            assert any(d.claim.text == claim.content.text for d in rep.disputes)
