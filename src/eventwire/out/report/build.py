"""Gather a situation report from the store: events, figures, sources, disputed claims, pictures."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape

from eventwire.out.report.style import type_color, type_order, unknown_type
from eventwire.out.report.svg import MapPoint, daily_chart, event_map, marker_radius
from eventwire.records import Article, Claim, Event, Extraction, Quantity, Span, Speaker
from eventwire.store import EventFilter, Store

# The figures a desk reads first, in this order; other kinds are listed after them.
HEADLINE_KINDS = ("killed", "injured", "captured", "detained", "missing", "displaced")
OPEN_QUALIFIERS = ("more than", "over", "at least", "upwards of", "in excess of", "dozens", "hundreds",
                   "thousands", "several", "some", "+")
VAGUE = {"dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "several", "scores",
         "a few", "some", "many", "numerous"}
HEDGED = {"reportedly": "reportedly", "disputed": "disputed", "denied": "denied", "attributed": "claimed"}


@dataclass
class Source:
    id: str
    title: str
    outlet: str | None
    url: str | None
    published: date | None
    n_events: int = 0


@dataclass
class Figure:
    kind: str
    text: str  # "more than 120,000"
    low: float | None
    high: float | None
    open_ended: bool
    status: str  # asserted / reportedly / claimed / disputed / denied
    claimant: str | None
    event_ref: str | None
    event_label: str
    evidence: str
    source: Source | None


@dataclass
class EventItem:
    ref: str
    event: Event
    type_name: str
    sub_type: str
    plover: str
    color: str
    date_text: str
    basis: str
    place_text: str
    precision_text: str
    actors_text: str
    figures: list[Figure]
    says: str
    evidence_html: str
    evidence_md: str
    source: Source | None


@dataclass
class ClaimView:
    claimant: str
    cue: str | None
    text: str
    status: str
    context: str


@dataclass
class Dispute:
    claim: ClaimView
    denials: list[ClaimView]
    source: Source | None


@dataclass
class Headline:
    kind: str
    low: float
    high: float
    open_ended: bool
    n_events: int
    hedged: list[str]

    @property
    def range_text(self) -> str:
        text = _num(self.low) if self.low == self.high else f"{_num(self.low)}–{_num(self.high)}"
        return text + ("+" if self.open_ended else "")


@dataclass
class SituationReport:
    title: str
    scope: str
    generated: str
    period_start: date | None
    period_end: date | None
    n_events: int
    n_located: int
    n_undated: int
    type_counts: list[tuple[str, int, str]]
    headlines: list[Headline]
    events: list[EventItem]
    n_more_events: int
    figures: list[Figure]
    disputes: list[Dispute]
    sources: list[Source]
    chart_svg: str | None
    map_svg: str | None
    filters: dict[str, str] = field(default_factory=dict)


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


def _speaker(s: Speaker | None) -> str | None:
    if s is None:
        return None
    return s.name or s.text


def _actor_text(e: Event) -> str:
    def one(a: object) -> str:
        if a is None:
            return ""
        name = getattr(a, "name", None) or getattr(a, "text", "")
        codes = "/".join(c for c in (getattr(a, "country", None), getattr(a, "sector", None)) if c)
        return f"{name} ({codes})" if codes else str(name)

    a1, a2 = one(e.actor1), one(e.actor2)
    if a1 and a2:
        return f"{a1} → {a2}"
    return a1 or (f"→ {a2}" if a2 else "—")


def _date_text(e: Event) -> str:
    w = e.when
    if w.start is None:
        return "undated"
    text = w.start.isoformat()
    if w.end and w.end != w.start:
        text += f" – {w.end.isoformat()}"
    return text


_BASIS = {
    "explicit": "date in the story",
    "relative": "relative to publication",
    "carried": "carried from an earlier date",
    "publication": "publication date only (no time in the story)",
    "unresolved": "no date found",
}

_PRECISION = {1: "exact place", 2: "near / part of a place", 3: "region"}


def _place_text(e: Event) -> tuple[str, str]:
    p = e.place
    if p is None:
        return "—", ""
    bits = [p.name]
    if p.admin1_name and p.admin1_name != p.name:
        bits.append(p.admin1_name)
    if p.country_code:
        bits.append(p.country_code)
    prec = _PRECISION.get(p.precision or 0, "")
    return ", ".join(bits), prec


def _range(q: Quantity) -> tuple[float | None, float | None, bool]:
    low = q.low if q.low is not None else q.best
    high = q.high if q.high is not None else (q.best if q.best is not None else None)
    qual = (q.qualifier or "").lower()
    open_ended = high is None or any(qual.startswith(o) for o in OPEN_QUALIFIERS)
    if high is None and low is not None and not open_ended:
        high = low
    return low, high, open_ended


def _figure_text(q: Quantity) -> str:
    low, high, _ = _range(q)
    num = _num(low) if (high is None or low == high) else f"{_num(low)}–{_num(high)}"
    if low is None and high is not None:
        num = _num(high)
    unit = f" {q.unit}" if q.unit else ""
    if q.qualifier and q.qualifier.lower() in VAGUE:  # "dozens" with an estimate: say it is one
        return f"{q.qualifier} (≈{num}){unit}"
    return f"{q.qualifier + ' ' if q.qualifier else ''}{num}{unit}"


def _status_word(status: str) -> str:
    return HEDGED.get(status, "asserted")


def _context_bounds(text: str, spans: Sequence[Span], sentence: Span | None) -> tuple[int, int]:
    if sentence is not None:
        return sentence.start, sentence.end
    if not spans:
        return 0, 0
    start = min(s.start for s in spans)
    end = max(s.end for s in spans)
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    start = left + 1 if left >= 0 else 0
    m = re.compile(r"[.!?][”\"’]?(\s|$)").search(text, end)
    end = m.end() if m else len(text)
    return start, end


def _event_spans(e: Event) -> list[Span]:
    spans: list[Span | None] = [*e.evidence, e.trigger, e.when.span, e.attribution.cue_span]
    spans += [e.place.span if e.place else None, e.actor1.span if e.actor1 else None,
              e.actor2.span if e.actor2 else None]
    spans += [q.span for q in e.quantities]
    if e.attribution.source is not None:
        spans.append(e.attribution.source.span)
    return [s for s in spans if s is not None]


def highlight(text: str, spans: Sequence[Span], bounds: tuple[int, int], *, markdown: bool = False) -> str:
    """The text between `bounds` with every span inside it marked (<mark> or **bold**)."""
    lo, hi = bounds
    cuts: list[tuple[int, int]] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        a, b = max(s.start, lo), min(s.end, hi)
        while a < b and text[a].isspace():  # marks hold words, never the white space around them
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if cuts and a <= cuts[-1][1]:
            cuts[-1] = (cuts[-1][0], max(cuts[-1][1], b))
        else:
            cuts.append((a, b))
    out: list[str] = []
    pos = lo
    for a, b in cuts:
        plain, marked = text[pos:a], text[a:b]
        if markdown:
            out.append(_md_escape(plain))
            out.append(f"**{_md_escape(marked.strip())}**" if marked.strip() else marked)
        else:
            out.append(escape(plain))
            out.append(f"<mark>{escape(marked)}</mark>")
        pos = b
    tail = text[pos:hi]
    out.append(_md_escape(tail) if markdown else escape(tail))
    return "".join(out).strip()


def _md_escape(s: str) -> str:
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", s).replace("\n", " ")


def _significance(e: Event) -> float:
    deaths = e.fatalities.high or e.fatalities.best or e.fatalities.low or 0
    figures = sum(1 for q in e.quantities if q.kind in HEADLINE_KINDS)
    return deaths * 3 + figures * 2 + (2 if e.primary else 0) + (1 if e.acled else 0) + e.confidence


def _scope_text(flt: EventFilter) -> str:
    bits: list[str] = []
    if flt.admin1:
        bits.append(flt.admin1)
    if flt.country:
        bits.append(flt.country.upper())
    if flt.event_type:
        bits.append(flt.event_type + (f" / {flt.sub_event_type}" if flt.sub_event_type else ""))
    if flt.actor:
        bits.append(f"actor “{flt.actor}”")
    if flt.text:
        bits.append(f"text “{flt.text}”")
    if flt.disputed:
        bits.append("disputed only")
    return ", ".join(bits) or "all places"


def filter_params(flt: EventFilter) -> dict[str, str]:
    """The filter as query parameters (the dashboard's report link uses the same names)."""
    out: dict[str, str] = {}
    for key, value in flt.model_dump(exclude_defaults=True).items():
        if key in ("limit", "offset", "sort"):
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, tuple):
            out[key] = ",".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


def _claim_view(c: Claim, text: str) -> ClaimView:
    bounds = _context_bounds(text, [c.content, *([c.cue_span] if c.cue_span else [])], None)
    return ClaimView(
        claimant=_speaker(c.claimant) or "unnamed source",
        cue=c.cue,
        text=c.content.text,
        status=c.status,
        context=text[bounds[0]:bounds[1]].strip(),
    )


def _disputes(extractions: dict[str, Extraction], scope_ids: set[str], sources: dict[str, Source],
              events: Iterable[Event]) -> list[Dispute]:
    out: list[Dispute] = []
    seen: set[tuple[str, str]] = set()
    for aid, x in extractions.items():
        by_id = {c.id: c for c in x.claims}
        denials: dict[str, list[Claim]] = defaultdict(list)
        for c in x.claims:
            for target in c.contradicts:
                if target in by_id:
                    denials[target].append(c)
        for target, answers in denials.items():
            claim = by_id[target]
            related = set(claim.event_ids) | {i for a in answers for i in a.event_ids}
            if related and not related & scope_ids:
                continue
            seen.add((aid, target))
            out.append(Dispute(_claim_view(claim, x.article.text),
                               [_claim_view(a, x.article.text) for a in answers], sources.get(aid)))
    # Events marked disputed/denied whose claim was not already shown as a pair.
    for e in events:
        st = e.attribution.status
        if st not in ("disputed", "denied"):
            continue
        aid = home_article(e, extractions)
        if e.attribution.claim_id and (aid, e.attribution.claim_id) in seen:
            continue
        xe = extractions.get(aid)
        text = xe.article.text if xe else ""
        by_id = {c.id: c for c in xe.claims} if xe else {}
        sentence = e.sentence.text if e.sentence else " … ".join(s.text for s in e.evidence)
        view = ClaimView(_speaker(e.attribution.source) or "unnamed source", e.attribution.cue, sentence, st,
                         sentence)
        replies = [_claim_view(by_id[i], text) for i in e.attribution.disputed_by if i in by_id]
        if e.attribution.claim_id:
            seen.add((aid, e.attribution.claim_id))
        out.append(Dispute(view, replies, sources.get(aid)))
    return out


def build_report(store: Store, flt: EventFilter, *, max_events: int = 40, title: str | None = None
                 ) -> SituationReport:
    """Everything a situation report shows, for the events that match `flt`."""
    asked = flt
    flt = resolve_admin1(store, flt)
    events = store.events(flt.model_copy(update={"limit": None, "offset": 0, "sort": "date"}))
    # Figures are listed per source: the mentions as each article gave them, when the store keeps
    # merged events apart from their mentions; otherwise the events themselves.
    mentions = _mentions(store, flt) or events
    article_ids = sorted({a for e in [*events, *mentions] for a in e.article_ids})
    extractions: dict[str, Extraction] = {}
    for aid in article_ids:
        x = store.get_extraction(aid)
        if x is not None:
            extractions[aid] = x
    counts_by_article = Counter(a for e in events for a in e.article_ids)
    sources: dict[str, Source] = {}
    for aid, x in extractions.items():
        a: Article = x.article
        sources[aid] = Source(aid, a.title or _first_words(a.text), a.outlet, a.url, a.published,
                              counts_by_article.get(aid, 0))

    unknown = unknown_type()
    ranked = sorted(events, key=_significance, reverse=True)
    main_ids = {e.id for e in ranked[:max_events]}
    refs = {e.id: f"ev-{i + 1}" for i, e in enumerate(events)}

    items: list[EventItem] = []
    figures: list[Figure] = []
    mention_ref = {mid: refs[eid] for mid, eid in _mention_owners(store, events).items()}
    mention_ref.update({e.id: refs[e.id] for e in events})
    # A figure is labelled with the event it counts for (the merged event, when there is one).
    owner_of_ref = {refs[e.id]: e for e in events}
    for m in mentions:
        aid = home_article(m, extractions)
        x = extractions.get(aid)
        text = x.article.text if x else ""
        owner = owner_of_ref.get(mention_ref.get(m.id, ""), m)
        label = owner.acled.sub_event_type if owner.acled else (owner.plover.type if owner.plover else "event")
        place, _ = _place_text(owner)
        for q in m.quantities:
            low, high, open_ended = _range(q)
            qb = _context_bounds(text, [q.span], None) if text else (0, 0)
            figures.append(Figure(q.kind, _figure_text(q), low, high, open_ended,
                                  _status_word(m.attribution.status), _speaker(m.attribution.source),
                                  mention_ref.get(m.id), f"{label}, {place}",
                                  text[qb[0]:qb[1]].strip() if text else q.span.text, sources.get(aid)))
    for e in events:
        aid = home_article(e, extractions)
        x = extractions.get(aid)
        text = x.article.text if x else ""
        src = sources.get(aid)
        place, prec = _place_text(e)
        claimant = _speaker(e.attribution.source)
        status = _status_word(e.attribution.status)
        evs = [f for f in figures if f.event_ref == refs[e.id]]
        if e.id not in main_ids:
            continue
        spans = _event_spans(e)
        bounds = _context_bounds(text, spans, e.sentence) if text else (0, 0)
        says = status + (f": {claimant}" if claimant else "")
        if e.attribution.cue and e.attribution.cue.lower() != status:
            says += f" ({e.attribution.cue})"
        items.append(EventItem(
            ref=refs[e.id], event=e,
            type_name=e.acled.event_type if e.acled else unknown,
            sub_type=e.acled.sub_event_type if e.acled else "",
            plover=" / ".join(x for x in ((e.plover.type, e.plover.mode) if e.plover else ()) if x),
            color=type_color(e.acled.event_type if e.acled else None),
            date_text=_date_text(e), basis=_BASIS.get(e.when.basis, e.when.basis),
            place_text=place, precision_text=prec, actors_text=_actor_text(e), figures=evs, says=says,
            evidence_html=highlight(text, spans, bounds) if text else escape(" … ".join(s.text for s in e.evidence)),
            evidence_md=highlight(text, spans, bounds, markdown=True) if text else "",
            source=src,
        ))

    # Figures written in a story in scope but tied to no event (the extraction may not link them).
    for aid, x in extractions.items():
        linked = {(q.span.start, q.span.end) for e in x.events for q in e.quantities}
        for q in x.quantities:
            if q.kind not in HEADLINE_KINDS or (q.span.start, q.span.end) in linked:
                continue
            low, high, open_ended = _range(q)
            qb = _context_bounds(x.article.text, [q.span], None)
            context = x.article.text[qb[0]:qb[1]].strip()
            hedge = "reportedly" if re.search(r"\breported(ly)?\b|\bsaid to\b|\ballegedly\b", context, re.I) \
                else "in the story"
            figures.append(Figure(q.kind, _figure_text(q), low, high, open_ended, hedge, None, None,
                                  "not linked to an event", context, sources.get(aid)))

    kind_rank = {k: i for i, k in enumerate(HEADLINE_KINDS)}
    figures.sort(key=lambda f: (kind_rank.get(f.kind, 99), f.kind, -(f.low or 0)))
    headlines = _headlines(events)

    order = type_order()
    type_counter = Counter(e.acled.event_type if e.acled else unknown for e in events)
    types_present = [t for t in order if type_counter.get(t)] + sorted(t for t in type_counter if t not in order)
    type_counts = [(t, type_counter[t], type_color(t)) for t in types_present]

    dated = [e for e in events if e.when.start]
    start = flt.since or (min(e.when.start for e in dated if e.when.start) if dated else None)
    end = flt.until or (max(e.when.start for e in dated if e.when.start) if dated else None)
    chart = None
    if start and end and dated:
        per_day: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for e in dated:
            assert e.when.start is not None
            per_day[e.when.start][e.acled.event_type if e.acled else unknown] += 1
        chart = daily_chart(per_day, types_present, min(start, end), max(start, end))

    points = [
        MapPoint(e.place.lon, e.place.lat, type_color(e.acled.event_type if e.acled else None),
                 marker_radius(e.fatalities.high or e.fatalities.best or e.fatalities.low),
                 e.place.name, f"{refs[e.id]}: {e.acled.sub_event_type if e.acled else 'event'} — {e.place.name}",
                 refs[e.id])
        for e in events if e.place and e.place.lat is not None and e.place.lon is not None
    ]
    scope = _scope_text(flt)
    if asked.admin1 and flt.admin1 != asked.admin1:
        scope = scope.replace(flt.admin1 or "", f"{asked.admin1} ({flt.admin1})", 1)
    period = ""
    if start and end:
        period = f"{start.isoformat()} to {end.isoformat()}" if start != end else start.isoformat()
    return SituationReport(
        title=title or f"Situation report: {scope}" + (f", {period}" if period else ""),
        scope=scope,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        period_start=start, period_end=end,
        n_events=len(events), n_located=len(points), n_undated=len(events) - len(dated),
        type_counts=type_counts, headlines=headlines,
        events=items, n_more_events=len(events) - len(items),
        figures=figures,
        disputes=_disputes(extractions, {e.id for e in [*events, *mentions]}, sources, events),
        sources=sorted(sources.values(), key=lambda s: (s.published or date.min, s.title), reverse=True),
        chart_svg=chart, map_svg=event_map(points) if points else None,
        filters=filter_params(flt),
    )


def _headlines(events: Sequence[Event]) -> list[Headline]:
    """Per kind, the sum over events of each event's lowest and highest figure."""
    acc: dict[str, Headline] = {}
    for e in events:
        per_kind: dict[str, list[Quantity]] = defaultdict(list)
        for q in e.quantities:
            per_kind[q.kind].append(q)
        kinds = set(per_kind) & set(HEADLINE_KINDS)
        if e.fatalities.high or e.fatalities.best or e.fatalities.low:
            kinds.add("killed")
        for kind in kinds:
            lows: list[float] = []
            highs: list[float] = []
            open_ended = False
            for q in per_kind.get(kind, []):
                low, high, oe = _range(q)
                if low is not None:
                    lows.append(low)
                if high is not None:
                    highs.append(high)
                open_ended = open_ended or oe
            if kind == "killed":
                f = e.fatalities
                lows.append(float(f.low))
                highs.append(float(f.high if f.high is not None else (f.best if f.best is not None else f.low)))
            h = acc.setdefault(kind, Headline(kind, 0, 0, False, 0, []))
            low_v = min(lows) if lows else 0.0
            h.low += low_v
            h.high += max(highs) if highs else low_v
            h.open_ended = h.open_ended or open_ended
            h.n_events += 1
            word = _status_word(e.attribution.status)
            if word != "asserted" and word not in h.hedged:
                h.hedged.append(word)
    rank = {k: i for i, k in enumerate(HEADLINE_KINDS)}
    return sorted(acc.values(), key=lambda h: rank.get(h.kind, 99))


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def _mentions(store: Store, flt: EventFilter) -> list[Event]:
    """The mentions behind the matching events, when the store keeps them apart (merged events)."""
    fn = getattr(store, "mentions", None)
    if fn is None:
        return []
    found: list[Event] = fn(flt.model_copy(update={"limit": None, "offset": 0, "sort": "date"}))
    return found


def _mention_owners(store: Store, events: Sequence[Event]) -> dict[str, str]:
    """Mention id -> id of the merged event it belongs to (when the store merges mentions)."""
    fn = getattr(store, "event_detail", None)
    if fn is None:
        return {}
    owners: dict[str, str] = {}
    for e in events:
        detail = fn(e.id)
        for link in getattr(detail, "mentions", None) or []:
            owners[str(link.event_id)] = e.id
    return owners


def home_article(e: Event, extractions: dict[str, Extraction]) -> str:
    """The article the event's spans point into (a merged event speaks with one mention's words)."""
    probe = e.sentence or e.trigger or (e.evidence[0] if e.evidence else None)
    for aid in e.article_ids:
        x = extractions.get(aid)
        if x is None:
            continue
        if probe is None or x.article.text[probe.start:probe.end] == probe.text:
            return aid
    return e.article_ids[0] if e.article_ids else ""


_GENERIC = re.compile(r"\b(oblast|oblast'|region|province|krai|kray|governorate|district|state|respublika|"
                      r"republic|of|the)\b")


def _region_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", _GENERIC.sub(" ", name.lower().replace("'", "")))


def resolve_admin1(store: Store, flt: EventFilter) -> EventFilter:
    """The filter with `admin1` spelled as the store spells it, when the given spelling matches no
    event: 'Kursk Oblast' finds 'Kurskaya oblast'' (the gazetteer's transliterated name)."""
    if not flt.admin1 or store.count_events(flt) or not hasattr(store, "aggregate"):
        return flt
    want = _region_key(flt.admin1)
    if len(want) < 4:
        return flt
    rows = store.aggregate("admin1", flt.model_copy(update={"admin1": None}))
    names = {str(r["values"][1]) for r in rows if len(r.get("values", [])) > 1 and r["values"][1]}
    matches = sorted(n for n in names if (k := _region_key(n)) and (k.startswith(want) or want.startswith(k)))
    return flt.model_copy(update={"admin1": matches[0]}) if len(matches) == 1 else flt
