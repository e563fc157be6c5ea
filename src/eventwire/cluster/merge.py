"""Incremental, deterministic merging of event mentions into events.

A new mention is compared with the mentions of every candidate event (same kind, nearby dates,
same country); it joins the event holding its best-scoring match above the threshold, or founds
a new event. Mentions are taken in order (article by article, then in reading order), candidate
events by id, so the same input always gives the same events. Existing events are never split
or fused behind the user's back: a mention joins at most one.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventwire.cluster.config import DEFAULT_CONFIG, MergeConfig
from eventwire.cluster.features import PairScore, evidence_text, pair_score
from eventwire.cluster.model import FigureRange, MentionLink, MergedEvent, Source, SourceFigure
from eventwire.records import Claim, Event, Extraction, Fatalities


def cluster_id_for(event_id: str, salt: int = 0) -> str:
    """The id of an event founded by mention `event_id` (salted if that id is taken)."""
    key = event_id if salt == 0 else f"{event_id}#{salt}"
    return "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass
class Candidate:
    """An existing event: its id and its mentions in the order they joined."""

    cluster_id: str
    members: list[Event]


@dataclass
class Decision:
    cluster_id: str | None
    score: float | None = None
    matched_event_id: str | None = None
    pair: PairScore | None = None
    considered: int = 0


def assign(mention: Event, candidates: Iterable[Candidate], cfg: MergeConfig = DEFAULT_CONFIG) -> Decision:
    """Which candidate event `mention` joins (cluster_id None: it founds a new one).

    The mention is scored against each member; a candidate is ruled out when most of its
    members contradict the mention (a block), so one mis-read member cannot veto a whole event.
    """
    best = Decision(None)
    n = 0
    for cand in sorted(candidates, key=lambda c: c.cluster_id):
        n += 1
        scored = [(pair_score(mention, m, cfg), m) for m in cand.members if m.id != mention.id]
        if not scored:
            continue
        blocked = sum(1 for p, _ in scored if p.blocked_by)
        if blocked * 2 > len(scored):
            continue
        pair, member = max(scored, key=lambda pm: pm[0].score)
        if pair.score >= cfg.threshold and (best.score is None or pair.score > best.score):
            best = Decision(cand.cluster_id, pair.score, member.id, pair)
    best.considered = n
    return best


@dataclass
class Member:
    """One mention of an event with how it joined (as stored in cluster_members)."""

    event: Event
    article_id: str
    position: int
    matched_event_id: str | None = None
    score: float | None = None
    features: dict[str, Any] = field(default_factory=dict)


def _median(values: Sequence[float]) -> float:
    return float(statistics.median_low(sorted(values)))


def _specificity(m: Member) -> tuple[int, int, int, float, int]:
    """Sort key of the mention that speaks for the event: the most precise place and date, then
    the most complete (actors, figures), then the most confident, then the earliest."""
    e = m.event
    precision = e.place.precision if e.place and e.place.precision else 4
    when = {"day": 0, "week": 1, "month": 2, "year": 3}.get(e.when.precision, 4)
    filled = sum(x is not None for x in (e.actor1, e.actor2, e.place, e.when.start)) + min(len(e.quantities), 2)
    return (precision, when, -filled, -e.confidence, m.position)


def _figures(m: Member, sources: dict[str, Source]) -> list[SourceFigure]:
    e = m.event
    outlet = sources[m.article_id].outlet if m.article_id in sources else None
    claimant = None
    if e.attribution.source:
        claimant = e.attribution.source.name or e.attribution.source.text
    out = [
        SourceFigure(kind=q.kind, low=q.low, best=q.best, high=q.high, unit=q.unit, qualifier=q.qualifier,
                     text=q.span.text, article_id=m.article_id, event_id=e.id, outlet=outlet,
                     claimant=claimant, status=e.attribution.status)
        for q in e.quantities
    ]
    if not any(f.kind == "killed" for f in out) and (e.fatalities.low or e.fatalities.best):
        f = e.fatalities
        out.append(SourceFigure(kind="killed", low=f.low, best=f.best, high=f.high, article_id=m.article_id,
                                event_id=e.id, outlet=outlet, claimant=claimant, status=e.attribution.status))
    return out


def figure_ranges(figures: Sequence[SourceFigure]) -> list[FigureRange]:
    """Per kind: the lowest, median and highest figure across sources (each source once per kind)."""
    out: list[FigureRange] = []
    for kind in sorted({f.kind for f in figures}):
        fs = [f for f in figures if f.kind == kind]
        lows = [v for f in fs for v in (f.low, f.best, f.high) if v is not None]
        bests = [f.best if f.best is not None else (f.low if f.low is not None else f.high) for f in fs]
        known = [b for b in bests if b is not None]
        units = sorted({f.unit for f in fs if f.unit})
        out.append(FigureRange(
            kind=kind,
            low=min(lows) if lows else None,
            best=_median(known) if known else None,
            high=max(lows) if lows else None,
            unit=units[0] if units else None,
            n_sources=len({f.article_id for f in fs}),
            agree=len(set(known)) <= 1,
        ))
    return out


def build_merged(
    cluster_id: str,
    members: Sequence[Member],
    sources: dict[str, Source],
    claims: dict[str, list[Claim]] | None = None,
) -> MergedEvent:
    """The merged event from its mentions: the most specific mention speaks for the event;
    sources, figures (per source, with ranges) and claims are gathered from all of them."""
    ordered = sorted(members, key=lambda m: m.position)
    rep = min(ordered, key=_specificity).event
    article_ids: list[str] = []
    for m in ordered:
        if m.article_id not in article_ids:
            article_ids.append(m.article_id)
    figures = [f for m in ordered for f in _figures(m, sources)]
    ranges = figure_ranges(figures)
    killed = next((r for r in ranges if r.kind == "killed"), None)
    fat = rep.fatalities
    if killed is not None and killed.low is not None:
        fat = Fatalities(low=int(killed.low), best=int(killed.best) if killed.best is not None else None,
                         high=int(killed.high) if killed.high is not None else None)
    statuses = {m.event.attribution.status for m in ordered}
    attribution = rep.attribution
    if statuses & {"disputed", "denied"} and attribution.status not in ("disputed", "denied"):
        attribution = attribution.model_copy(update={"status": "disputed"})
    modality = "occurred" if any(m.event.modality == "occurred" for m in ordered) else rep.modality
    event = rep.model_copy(update={
        "id": cluster_id,
        "article_ids": article_ids,
        "fatalities": fat,
        "attribution": attribution,
        "modality": modality,
        "confidence": max(m.event.confidence for m in ordered),
        "primary": any(m.event.primary for m in ordered),
    })
    links = [
        MentionLink(
            event_id=m.event.id, article_id=m.article_id, position=m.position,
            matched_event_id=m.matched_event_id, score=m.score,
            features=dict(m.features.get("features", {})), reasons=list(m.features.get("reasons", [])),
            status=m.event.attribution.status, modality=m.event.modality, evidence=evidence_text(m.event),
            event=m.event,
        )
        for m in ordered
    ]
    claim_rows = linked_claims(ordered, claims or {})
    return MergedEvent(
        id=cluster_id,
        event=event,
        mentions=links,
        sources=[sources.get(a, Source(article_id=a)) for a in article_ids],
        figures=figures,
        ranges=ranges,
        claims=claim_rows,
    )


def linked_claims(members: Sequence[Member], claims: dict[str, list[Claim]]) -> list[dict[str, Any]]:
    """Claims about the event in each member's article (claim ids are per article), with the
    denials that answer them: a claim and its denial stay linked, never merged away."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for m in members:
        article_claims = claims.get(m.article_id, [])
        direct = [c for c in article_claims
                  if c.id == m.event.attribution.claim_id or m.event.id in c.event_ids]
        ids = {c.id for c in direct}
        answers = [c for c in article_claims if c.id not in ids and (set(c.contradicts) & ids)]
        answered = [c for c in article_claims
                    if c.id not in ids and any(c.id in d.contradicts for d in direct)]
        for c in direct + answers + answered:
            if (m.article_id, c.id) in seen:
                continue
            seen.add((m.article_id, c.id))
            row = c.model_dump(mode="json")
            row["article_id"] = m.article_id
            rows.append(row)
    return rows


def source_of(x: Extraction) -> Source:
    a = x.article
    return Source(article_id=a.id, url=a.url, title=a.title, outlet=a.outlet, published=a.published)


class Clusterer:
    """Merging in memory (no store): the same decisions the store makes, for scoring and tests."""

    def __init__(self, cfg: MergeConfig = DEFAULT_CONFIG) -> None:
        self.cfg = cfg
        self.members: dict[str, list[Member]] = {}
        self.sources: dict[str, Source] = {}
        self.claims: dict[str, list[Claim]] = {}

    def add(self, x: Extraction) -> list[str]:
        """Merge one article's mentions; returns the event id each mention went to."""
        self.sources[x.article.id] = source_of(x)
        self.claims[x.article.id] = list(x.claims)
        out = []
        for e in x.events:
            cands = [Candidate(cid, [m.event for m in ms]) for cid, ms in self.members.items()]
            d = assign(e, cands, self.cfg)
            cid = d.cluster_id
            if cid is None:
                salt = 0
                while cluster_id_for(e.id, salt) in self.members:
                    salt += 1
                cid = cluster_id_for(e.id, salt)
                self.members[cid] = []
            feats: dict[str, Any] = {}
            if d.pair is not None:
                feats = {"features": d.pair.as_dict(), "reasons": d.pair.reasons()}
            self.members[cid].append(Member(e, x.article.id, len(self.members[cid]), d.matched_event_id,
                                            d.score, feats))
            out.append(cid)
        return out

    def events(self) -> list[MergedEvent]:
        return [build_merged(cid, ms, self.sources, self.claims)
                for cid, ms in sorted(self.members.items())]
