"""Resolve step `resolve_when`: each event's date range, precision and the basis it rests on.

For each event, the time expressions of its own sentence are the candidates (the one nearest
the trigger wins). A time inside a background clause ("since Russia's invasion began in
February 2022") is used only when the sentence has nothing else; "since <date>" in the event's
own clause ("Since launching the offensive on August 6, forces have captured ...") opens a range
that runs to the publication date. "between 12 and 14 August" is one range. With no time in the
sentence, an event in a sentence that continues the previous one ("The attack ...", "They ...")
in the same paragraph carries that sentence's date (basis `carried`); otherwise the publication
date stands in, and says so (basis `publication`, precision `unknown`). With no publication date
and no absolute date the event stays `unresolved`: a year is never invented.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.records import Event, Extraction, Precision, Span, Time, When, WhenBasis

_ACLED_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}


@dataclass(frozen=True)
class Interval:
    start: date
    end: date
    precision: Precision


def _month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _narrow(start: date, end: date, mod: str | None) -> tuple[date, date]:
    """Early / mid / late: the first, middle or last third of a month (days 1-10, 11-20, 21-end)
    or of a year (January-April, May-August, September-December)."""
    if mod not in ("START", "MID", "END"):
        return start, end
    part = ("START", "MID", "END").index(mod)
    if start.year == end.year and start.month == end.month:
        lo = start.replace(day=1 + 10 * part)
        return lo, (end if part == 2 else start.replace(day=10 + 10 * part))
    lo_m = 1 + 4 * part
    return date(start.year, lo_m, 1), _month_range(start.year, lo_m + 3)[1]


def interval(value: str | None, mod: str | None = None, anchor: date | None = None) -> Interval | None:
    """The calendar range a TIMEX3 value stands for, or None when it names no known stretch."""
    if not value or "X" in value.split("T")[0]:
        return None
    if value == "PRESENT_REF":
        return Interval(anchor, anchor, "day") if anchor else None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return Interval(d, d, "day")
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        start = monday + timedelta(days=5) if m.group(3) else monday
        return Interval(start, monday + timedelta(days=6), "week")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            return None
        s, e = _narrow(*_month_range(y, mo), mod)
        return Interval(s, e, "month")
    if m := re.fullmatch(r"(?:FY)?(\d{4})-([QH])(\d)", value):
        y, kind, n = int(m.group(1)), m.group(2), int(m.group(3))
        span = 3 if kind == "Q" else 6
        first = (n - 1) * span + 1
        if not 1 <= first <= 12:
            return None
        s, e = _month_range(y, first)[0], _month_range(y, first + span - 1)[1]
        return Interval(s, e, "month")
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        y = int(m.group(1))
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(2)]
        last_y, last_m = (y + 1, 2) if first == 12 else (y, first + 2)
        return Interval(date(y, first, 1), _month_range(last_y, last_m)[1], "month")
    if m := re.fullmatch(r"(?:FY)?(\d{4})", value):
        y = int(m.group(1))
        s, e = _narrow(date(y, 1, 1), date(y, 12, 31), mod)
        return Interval(s, e, "year")
    if m := re.fullmatch(r"(\d{3})", value):
        y = int(m.group(1)) * 10
        return Interval(date(y, 1, 1), date(y + 9, 12, 31), "year")
    return None


# -- the sentence around an event --------------------------------------------------------------

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n+")
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_PAST_SPAN = re.compile(r"(?:(?:over|in|during|for|within|about|nearly|more\s+than)\s+)?(?:the\s+)?(?:past|last)\s",
                        re.IGNORECASE)
_BETWEEN_RANGE = re.compile(r"^\s*(?:-|–|—|to|and|until|till|through)\s*$", re.IGNORECASE)
# A finite verb inside a "since ..." clause makes it a background fact ("since the war began in
# 2022"); a gerund or a bare date ("since launching ... on August 6", "since August 6") does not.
_FINITE = re.compile(
    r"\b(?:began|begun|started|broke|erupted|was|were|took|came|ended|invaded|seized|annexed|"
    r"launched|signed|collapsed|fell|won|became|had|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
_CONTINUES = re.compile(
    r"^[\"“‘']?(?:it|they|he|she|this|these|those|there|the\s+(?:same\s+)?(?:attack|attacks|strike|strikes|"
    r"assault|offensive|operation|raid|raids|bombing|shelling|explosion|explosions|blast|fighting|clashes|"
    r"incident|violence|barrage|ambush|shooting|killings|protest|protests|demonstration|arrests|"
    r"fire|missile|missiles|drone|drones|troops|forces|soldiers|militants|gunmen|attackers))\b",
    re.IGNORECASE,
)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENT_END.finditer(text):
        if m.end() > pos:
            return start, m.start()
        start = m.end()
    return start, len(text)


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


@dataclass
class Option:
    """A candidate date for an event: one time, a range of two, or a since-range."""

    start: int
    end: int
    first: Time
    last: Time | None = None
    since: bool = False
    background: bool = False


def _options(text: str, sent: tuple[int, int], times: list[Time], background_triggers: list[Span]) -> list[Option]:
    inside = [t for t in times if sent[0] <= t.span.start and t.span.end <= sent[1]
              and (t.type in ("DATE", "TIME") or (t.type == "DURATION" and _PAST_SPAN.match(t.span.text)))]
    out: list[Option] = []
    i = 0
    while i < len(inside):
        t = inside[i]
        nxt = inside[i + 1] if i + 1 < len(inside) else None
        if nxt is not None and _BETWEEN_RANGE.match(text[t.span.end : nxt.span.start]):
            out.append(Option(t.span.start, nxt.span.end, t, nxt))
            i += 2
            continue
        out.append(Option(t.span.start, t.span.end, t))
        i += 1
    for o in out:
        clause_start = _clause_start(text, sent[0], o.start)
        lead = text[clause_start : o.start]
        sinces = list(_SINCE.finditer(lead))
        if sinces:
            since = sinces[-1]
            between = lead[since.end() :]
            if _FINITE.search(between):
                o.background = True
            else:
                o.since = True
        if any(clause_start <= b.start < o.start or o.end <= b.start < o.end + 40 for b in background_triggers):
            o.background = True
    return out


def _clause_start(text: str, sent_start: int, pos: int) -> int:
    cut = sent_start
    for m in re.finditer(r"[,;:—–(]", text[sent_start:pos]):
        cut = sent_start + m.end()
    return cut


def _basis_of(t: Time) -> WhenBasis:
    return "explicit" if re.search(r"\d{4}|['’]\d\d\b", t.span.text) else "relative"


def _recent_stretch(t: Time, anchor: date | None) -> Interval | None:
    """"the past 24 hours", "over the last two weeks": the stretch that ends at publication."""
    m = re.fullmatch(r"PT?(\d+(?:\.\d+)?)([HDWMY]|DE|CE)", t.value or "")
    if anchor is None or m is None or t.type != "DURATION":
        return None
    n, unit = float(m.group(1)), m.group(2)
    if t.value and t.value.startswith("PT"):
        if unit != "H":
            return None
        days = max(1, round(n / 24))
    else:
        days = round(n * {"D": 1, "W": 7, "M": 30.4, "Y": 365.25, "DE": 3652.5, "CE": 36525}[unit])
    precision: Precision = "day" if days <= 1 else "week" if days <= 7 else "month" if days <= 31 else "year"
    return Interval(anchor - timedelta(days=max(0, days - 1)), anchor, precision)


def _when_from(option: Option, anchor: date | None, text: str) -> When | None:
    first = interval(option.first.value, option.first.mod, anchor) if option.first.type != "DURATION" \
        else _recent_stretch(option.first, anchor)
    if first is None:
        return None
    basis = _basis_of(option.first)
    end = first.end
    if option.last is not None:
        last = interval(option.last.value, option.last.mod, anchor)
        if last is not None and last.end >= first.start:
            end = last.end
    if option.since:
        end = first.end if anchor is None else max(anchor, first.end)
    span = Span.of(text, option.start, option.end)
    return When(start=first.start, end=end, precision=first.precision,
                acled_time_precision=_ACLED_PRECISION[first.precision], basis=basis,
                value=option.first.value, span=span)


def when_for(event: Event, extraction: Extraction, previous: When | None) -> When:
    """The `When` of one event (`previous` is the date of the sentence before, for carrying)."""
    text = extraction.article.text
    anchor = extraction.article.published
    pos = event.trigger.start if event.trigger else (event.sentence.start if event.sentence else None)
    if pos is None:
        return _fallback(anchor)
    sent = (event.sentence.start, event.sentence.end) if event.sentence else _sentence_bounds(text, pos)
    background = [e.trigger for e in extraction.events
                  if e.modality == "background" and e.trigger is not None and e.id != event.id]
    # a date in the dateline ("KYIV, Aug 14 (Reuters) -") is the story's date, never an event's
    story_times = [t for t in extraction.times if t.span.start >= extraction.article.body_start
                   and t.span.text.lower() not in _ADJECTIVE_REFS]
    options = _options(text, sent, sorted(story_times, key=lambda t: t.span.start), background)
    usable = [(o, w) for o in options if (w := _when_from(o, anchor, text)) is not None]
    if usable:
        foreground = [(o, w) for o, w in usable if not o.background] or usable
        if event.modality == "background":
            foreground = usable
        trig = (event.trigger.start, event.trigger.end) if event.trigger else (pos, pos)
        _, best = min(foreground, key=lambda ow: _distance(text, ow[0], trig))
        return best
    if previous is not None and previous.basis in ("explicit", "relative", "carried"):
        para = _paragraph_start(text, sent[0])
        body = text[sent[0] : sent[1]].lstrip()
        if para < sent[0] and _CONTINUES.match(body):
            return previous.model_copy(update={"basis": "carried"})
    return _fallback(anchor)


def _distance(text: str, option: Option, trigger: tuple[int, int]) -> int:
    """Characters between a time and the trigger, plus a penalty for each clause break between."""
    if option.end <= trigger[0]:
        lo, hi = option.end, trigger[0]
    elif trigger[1] <= option.start:
        lo, hi = trigger[1], option.start
    else:
        return 0
    return (hi - lo) + 40 * len(re.findall(r"[,;:—–]", text[lo:hi]))


# "the current offensive", "recent raids": an adjective reference describes a noun, it dates no event
_ADJECTIVE_REFS = frozenset({"current", "recent"})


def _fallback(anchor: date | None) -> When:
    if anchor is None:
        return When(basis="unresolved", precision="unknown")
    return When(start=anchor, end=anchor, precision="unknown", acled_time_precision=3, basis="publication")


def resolve_when(extraction: Extraction) -> Extraction:
    """Set `when` on every event of the extraction (records in, records out)."""
    if not extraction.events:
        return extraction
    text = extraction.article.text

    def where(e: Event) -> tuple[int, int]:
        if e.sentence is not None:
            return e.sentence.start, e.sentence.end
        if e.trigger is not None:
            return _sentence_bounds(text, e.trigger.start)
        return -1, -1

    events = sorted(extraction.events, key=lambda e: (where(e), e.trigger.start if e.trigger else 0))
    dated: dict[tuple[int, int], When] = {}  # the date each sentence's events got from its own words
    resolved: dict[str, When] = {}
    for event in events:
        sent = where(event)
        # The sentence just before this one, in the same paragraph, and the date it gave.
        previous = None
        for (s0, s1), w in dated.items():
            if s1 <= sent[0] and re.fullmatch(r"[ \t]*", text[s1 : sent[0]]) is not None and s0 < sent[0]:
                previous = w
        when = when_for(event, extraction, previous)
        resolved[event.id] = when
        if when.basis in ("explicit", "relative", "carried") and event.modality != "background":
            dated.setdefault(sent, when)
    updated = [e.model_copy(update={"when": resolved.get(e.id, e.when)}) for e in extraction.events]
    return extraction.model_copy(update={"events": updated})
