"""Turn grammar matches into TIMEX3 (type, value, mod), anchored on the publication date.

Dates the text leaves open ("on Friday", "August 6", "in March") take the direction of the
sentence's tense: the nearest tense cue to the expression (past verbs, "will", "plans to" ...)
decides whether the last or the next such day is meant; with no cue the nearer one wins, and
a weekday equal to the publication day is that day. Anaphoric expressions ("the same day",
"the following day", "that night", a clock time with no day) use the last day the story
mentioned. Without a publication date nothing is invented: the parts that would come from it
are written as X ("XXXX-08-06", "XXXX-XX-XX").
"""

from __future__ import annotations

import bisect
import calendar
import contextlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from eventwire.nlp.time.grammar import Candidate, find_candidates, select
from eventwire.nlp.time.lexicon import Lexicon, alternation, lexicon

Dep = str  # "none": absolute; "year": only the year came from the anchor; "full": all of it did

_DUMMY_ANCHOR = date(2000, 6, 15)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass
class Timex:
    """A normalised time expression: character extent, TIMEX3 type, value and mod."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    rule: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "type": self.type, "value": self.value, "mod": self.mod}


# ---------------------------------------------------------------------------------------------
# calendar helpers


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def week_value(d: date, shift: int = 0) -> str:
    iso = (d + timedelta(weeks=shift)).isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def mask(value: str | None, dep: Dep) -> str | None:
    """Hide the parts of a value that came from a made-up anchor (no publication date)."""
    if value is None or dep == "none":
        return value
    if dep == "year":
        return re.sub(r"^(FY)?\d{4}", lambda m: (m.group(1) or "") + "XXXX", value)
    head, sep, tail = value.partition("T")
    if head.startswith("P") or head.endswith("_REF"):
        return value
    return re.sub(r"\d", "X", head) + sep + tail


# ---------------------------------------------------------------------------------------------
# tense


@cache
def _tense_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    fut = re.compile(alternation(list(lx.future_cues), boundary=True), re.IGNORECASE)
    past = re.compile(alternation(list(lx.past_cues), boundary=True)
                      + r"|(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b[a-z]{3,}ed\b", re.IGNORECASE)
    return fut, past


_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])|\n[ \t]*\n\s*")


_CUE_REACH = 300
_CLAUSE_BREAK = re.compile(r"\b(?:and|but|while|whereas)\b")


class TenseIndex:
    """Sentence bounds and tense cues of one text, for choosing past or future.

    Cues are read per sentence and only for sentences that hold an open-ended date.
    """

    def __init__(self, text: str, lx: Lexicon) -> None:
        self.text = text
        self.lx = lx
        self.starts = [0] + [m.end() for m in _SENT_END.finditer(text)]
        self.text_len = len(text)
        self._cues: dict[int, list[tuple[int, int, str]]] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else self.text_len
        return self.starts[i], end

    def cues(self, s0: int, s1: int) -> list[tuple[int, int, str]]:
        if s0 not in self._cues:
            fut, past = _tense_res()
            found = [(m.start(), m.end(), "future") for m in fut.finditer(self.text, s0, s1)]
            found += [(m.start(), m.end(), "past") for m in past.finditer(self.text, s0, s1)
                      if m.group(0).lower() not in self.lx.not_past_ed]
            found.sort()
            self._cues[s0] = found
        return self._cues[s0]

    def tense(self, start: int, end: int) -> str | None:
        before = self.text[max(0, start - 12) : start].lower()
        sig_past, sig_future = _signal_res()
        if sig_past.search(before):
            return "past"
        if sig_future.search(before):
            return "future"
        s0, s1 = self.sentence(start)
        best: tuple[int, int, str] | None = None  # (is a reporting verb, distance, tense)
        cues = self.cues(s0, s1)
        # only cues within a few hundred characters matter (and long run-on "sentences" stay linear)
        lo = bisect.bisect_left(cues, (start - _CUE_REACH,))
        hi = bisect.bisect_right(cues, (end + _CUE_REACH,))
        for cs, ce, kind in cues[lo:hi]:
            if cs < end and start < ce:
                continue  # a cue inside the expression itself
            dist = start - ce if ce <= start else cs - end
            # a reporting verb right next to the expression ("said on Friday") dates the report
            weak = int(dist > 5 and self.text[cs:ce].lower() in self.lx.reporting)
            # a cue after the expression but past a clause break ("met on Tuesday and will meet
            # again") belongs to the next clause
            if ";" in (self.text[end:cs] if cs >= end else self.text[ce:start]):
                continue  # across a semicolon: another sentence in all but name
            if cs >= end and _CLAUSE_BREAK.search(self.text, end, cs):
                weak = 1
            if best is None or (weak, dist) < best[:2]:
                best = (weak, dist, kind)
        return best[2] if best else None


@cache
def _signal_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    past = re.compile(alternation(list(lx.past_signals), boundary=True) + r"\s+(?:the\s+)?$")
    future = re.compile(alternation(list(lx.future_signals), boundary=True) + r"\s+(?:the\s+)?$")
    return past, future


# ---------------------------------------------------------------------------------------------
# guards: candidates the grammar matches but that are not times

_YEAR_NOUN_AFTER = re.compile(
    r"\s+(?:people|men|women|children|troops|soldiers|police|personnel|staff|km|kilometres|kilometers|"
    r"miles|metres|meters|feet|tons|tonnes|dollars|euros|pounds|residents|civilians|fighters|"
    r"refugees|cases|deaths|votes|units|jobs|homes|houses|vehicles|cars|rounds|shells|rockets|missiles|"
    r"drones|employees|workers|points|hectares|acres|barrels|(?P<plural>[a-z]+(?<![suia'’])s))\b"
)
_YEAR_BEFORE = re.compile(
    r"(?:resolution|no\.|number|flight|route|article|room|highway|model|version|chapter|section|page|"
    r"paragraph|bill|code|iso|#|top|over|than|about|nearly|almost|some|around|approximately)\s*$",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(
    r"(?:\d|%|million|billion|trillion|percent|per\s+cent|cents?|dollars?|euros?|pounds?|times|once|twice)"
    r"\s*$",
    re.IGNORECASE,
)


_SEASON_LEADS = frozenset({"in", "during", "by", "since", "until", "till", "before", "after", "of", "from",
                           "through", "throughout", "and", "or", "this", "last", "next", "early", "late", "the"})


_CURRENT_NOUN_LEADS = (r"upward|downward|electric|electrical|ocean|strong|powerful|direct|alternating|rip|air|"
                       r"water|jet|warm|cold|tidal|swift|fast|weak|low|high|an")


def accept(c: Candidate, text: str, lx: Lexicon) -> bool:
    g = c.groups
    before = text[max(0, c.start - 30) : c.start]
    after = text[c.end : c.end + 30]
    if c.rule == "year":
        if g.get("fy") or g.get("pos"):
            return True
        if _YEAR_BEFORE.search(before):
            return False
        noun = _YEAR_NOUN_AFTER.match(after)
        # "2000 people" is a count; "in 2019 elections were held" and "the 2019 elections" are dates
        if noun and not re.search(r"\b(?:in|since|by|until|till|from|during|before|after|through|of)\s+$", before,
                                  re.IGNORECASE) and not (
                noun.group("plural") and re.search(r"\b(?:the|its|their|his|her|this|that|a|an)\s+$", before,
                                                   re.IGNORECASE)):
            return False
        return not re.match(r"\s*(?:-|–|to)\s*\d", after) or bool(re.match(r"\s*(?:-|–|to)\s*\d{4}", after))
    if c.rule == "month":
        mon = (g.get("mon") or "").lower().rstrip(".")
        if mon in lx.ambiguous_months and not (g.get("rel") or g.get("pos") or g.get("skip")):
            return False
        if mon in lx.ambiguous_months and re.match(r"\s+[A-Z][a-z]", after):  # "May Day", "March Madness"
            return False
        return not re.search(r"[A-Z][a-z]+\s+$", before) or bool(g.get("skip") or g.get("rel") or g.get("pos"))
    if c.rule == "season":
        season = (g.get("season") or "").lower()
        pre = (g.get("pre") or "").lower()
        if season == "fall" and not (pre in ("this", "last", "next", "early", "late", "mid", "that") or g.get("yr")):
            return False
        if pre == "the" and re.match(r"\s+of\s+(?!\d)", after):
            return False
        if pre in ("", "the") and re.match(r"\s+(?:Olympics|Olympic|Paralympics|Games|Palace|Offensive|Campaign)\b", after):
            return False  # "the 2014 Winter Olympics", "the Winter Palace": names
        prev = re.search(r"([A-Za-z]+)[ \t]+$", before)
        if text[c.start:c.end][:1].isupper() and not pre and prev and prev.group(1)[0].isupper() \
                and prev.group(1).lower() not in _SEASON_LEADS:
            return False  # "Operation Peace Spring", "the Arab Spring": names
        return not re.search(r"\b(?:Arab|Prague)\s+$", before)
    if c.rule == "ref":
        ref = " ".join((g.get("ref") or "").lower().split())
        guard = lx.reference_guards.get(ref)
        if guard:
            nxt = re.match(r"\s*([\w']+)", after)
            if nxt and nxt.group(1).lower() in guard:
                return False
        if ref in ("current", "recent"):
            if after[:1] == "-":
                return False  # "current-account"
            word = text[c.start:c.end]
            prev = re.search(r"(\S+)\s*$", before)
            if word[:1].isupper() and prev and not re.search(r"[.!?:\"“”)]$", prev.group(1)):
                return False  # "the journal Current Biology": a name
            if ref == "current" and prev and re.fullmatch(_CURRENT_NOUN_LEADS, prev.group(1), re.IGNORECASE):
                return False  # "an upward current", "electric current": the noun
        return True
    if c.rule == "set" and (g.get("every") or "").lower() == "per" and re.search(
            r"(?:km|kilomet(?:re|er)s?|miles?|mph|knots?|met(?:re|er)s?|feet|inch(?:es)?|litres?|liters?|"
            r"gallons?|tonnes?|tons?|barrels?|kg|bpd)\s*$", before, re.IGNORECASE):
        return False  # "200 km per hour" is a speed, not a recurring time
    if c.rule == "anaphor":
        det = " ".join((g.get("det") or "").lower().split())
        unit = (g.get("unit") or "").lower()
        if g.get("pos"):  # "late in the day", "earlier in the week": that day or week, whatever follows
            return det == "the" and unit in ("day", "week", "month", "year")
        if unit == "time" and det in ("the same", "that same"):
            return False  # "at the same time": simultaneously
        if det == "the" and unit not in ("day", "night", "week", "weekend", "year", "quarter"):
            return False
        if det.startswith("this") and unit not in ("day",):
            return False
        if re.match(r"-[a-z]", after, re.IGNORECASE):
            return False  # "the year-earlier quarter", "the day-long siege": part of a compound word
        if unit == "year" and det == "the" and re.match(r"\s*(?:\d|of\b|when\b|that\b|before\b|after\b|in\s+which|to\b|through\b)",
                                                        after, re.IGNORECASE):
            return False  # "the year 2000", "the year of the flood", "the year before", "the year to March"
        if unit in ("year", "quarter", "month") and det == "the" and re.match(
                r"\s+(?:ended|ending)\s+(?:in\s+|on\s+)?(?:[A-Z]|\d)", after):
            return False  # "the year ended March 31": a fiscal period, not the year in view
        # "the day of the attack", "the day the war began", "the day when ..." name no day by themselves
        return not (unit in ("day", "year", "quarter", "night", "morning", "evening", "afternoon") and det == "the" and re.match(
            r"\s+(?:of|when|that|which|before|after|in|the|a|an|he|she|they|it|we|i|you|his|her|their|its)\b",
            after, re.IGNORECASE))
    if c.rule in ("weekday", "date") and g.get("wd"):
        prev = re.search(r"([A-Za-z]+)[ \t]+$", before)
        if prev and prev.group(1)[0].isupper() and prev.group(1).lower() in lx.named_day_prefixes:
            return False  # "Super Tuesday", "Black Monday", "Good Friday": named events
    if c.rule == "duration":
        num = (g.get("num") or "").lower()
        unit = (g.get("unit") or "").lower()
        if num in ("a", "an") and unit.startswith("second"):
            return False
        if unit.startswith("quarter") and num in ("a", "an", "three") and re.match(r"\s+of\b", after):
            # "a quarter of its dealers", "three quarters of the town": fractions
            return False
        if unit.startswith("quarter") and re.match(r"\s*,\s*of\b", after):
            return False  # "about a quarter, of its dealers"
        if unit in ("min", "sec", "hr", "mins", "secs", "hrs") and not re.match(r"\d", num):
            return False
        if unit.startswith("night") and not re.match(r"\d|[a-z]", num):
            return False
        return not (num == "some" and not re.search(r"\d", num))
    if c.rule == "rel_anaphor" and (g.get("dir2") or "").lower() in ("before", "after") and re.match(
            r"\s+[a-z]+ing\b", after, re.IGNORECASE):
        return False  # "rebounded late in the day after falling 250 points": "after" opens a clause
    if c.rule == "dur_range":
        n1, n2 = lx.number(g.get("n1") or ""), lx.number(g.get("num") or "")
        if n1 is None or n2 is None or "X" in (n1, n2) or not 0 < float(n1) < float(n2):
            return False  # "thirty-five years", "two and a half years", "12 or 11 years": no range
        if re.fullmatch(r"\d{4}", (g.get("n1") or "").strip()):
            return False  # "between 2014 and 2016 years" reads years, not 2014 years
        return not re.match(r"\s+(?:ago|earlier|later|before|after|from\s+now|old)\b", after)  # "7 or 8 years ago"
    if c.rule == "pod" and re.match(r"\s+of\b", after):
        return False  # "the night of the attack" names no night by itself
    if c.rule == "plural":
        unit = (g.get("unit") or "").lower()
        return not (unit in ("days", "hours", "weeks") and not (g.get("pre") or g.get("skip") or g.get("ago")))
    if c.rule == "clock":
        if g.get("h2") is not None and re.search(r"[\d:]$", before):
            return False
        return not (g.get("h2") is not None and re.match(r":\d", after))
    if c.rule == "decade":
        lead = before + text[c.start : c.end]
        if g.get("dec3") and not re.search(r"(?:the|mid-?|early|late|and|['’])\s*\d0s$", lead, re.IGNORECASE):
            return False
        return not (g.get("dec3") and re.search(r"\b(?:their|his|her|in\s+the)\s+$", before))
    if c.rule == "yy":
        return bool(re.search(r"(?:in|of|since|from|the|class|spring|summer|fall|autumn|winter)\s+$", before,
                              re.IGNORECASE))
    if c.rule == "quarter":
        return not ((g.get("qh") or "").lower() == "half" and not (g.get("yr") or g.get("rel") or g.get("fy")))
    return True


# ---------------------------------------------------------------------------------------------
# the normaliser


class Normalizer:
    """Normalise one text's candidates in reading order, keeping the last day mentioned."""

    def __init__(self, text: str, anchor: date | None, lx: Lexicon | None = None) -> None:
        self.text = text
        self.lx = lx or lexicon()
        self.real_anchor = anchor
        self.anchor = anchor or _DUMMY_ANCHOR
        self.anchor_dep: Dep = "none"
        self.tenses = TenseIndex(text, self.lx)
        self.ref: date = self.anchor
        self.ref_dep: Dep = "full"
        self.last_value: str | None = None

    # -- shared pieces ---------------------------------------------------------------------------

    def _dep(self, kind: Dep) -> Dep:
        """How a value built from the anchor depends on it (nothing, when there is a real anchor)."""
        return "none" if self.real_anchor is not None else kind

    def direction(self, c: Candidate) -> str | None:
        return self.tenses.tense(c.start, c.end)

    def year(self, text: str | None) -> int | None:
        return int(text) if text else None

    def month(self, text: str | None) -> int | None:
        if not text:
            return None
        return self.lx.months.get(text.lower().rstrip("."))

    def day(self, text: str | None) -> int | None:
        if not text:
            return None
        return int(re.sub(r"\D", "", text))

    def infer_md(self, mon: int, day: int, tense: str | None) -> date | None:
        a = self.anchor
        options = [d for y in (a.year - 1, a.year, a.year + 1) if (d := safe_date(y, mon, day))]
        if not options:
            return None
        nearest = min(options, key=lambda d: (abs((d - a).days), d > a))
        if abs((nearest - a).days) <= 60:
            # A day and month within two months of publication is that one, whatever the tense:
            # a story names the year of a date a year away.
            return nearest
        if tense == "past":
            past = [d for d in options if d <= a]
            return max(past) if past else min(options, key=lambda d: abs((d - a).days))
        if tense == "future":
            fut = [d for d in options if d >= a]
            return min(fut) if fut else min(options, key=lambda d: abs((d - a).days))
        return min(options, key=lambda d: (abs((d - a).days), d > a))

    def infer_month_year(self, mon: int, tense: str | None, rel: str | None = None) -> int:
        a = self.anchor
        if rel in ("last", "past"):
            return a.year if mon < a.month else a.year - 1
        if rel in ("next", "coming"):
            return a.year if mon > a.month else a.year + 1
        if rel == "this":
            return a.year
        if tense == "past":
            return a.year if mon <= a.month else a.year - 1
        if tense == "future":
            return a.year if mon >= a.month else a.year + 1
        # no cue: up to three months ahead is the coming one, else the past one (news reports more
        # than it announces)
        ahead = (mon - a.month) % 12
        if mon == a.month:
            return a.year
        if ahead <= 3:
            return a.year + (1 if mon < a.month else 0)
        return a.year - (1 if mon > a.month else 0)

    def weekday_date(self, wd: int, rel: str | None, tense: str | None, base: date | None = None) -> date:
        a = base or self.anchor
        back = (a.weekday() - wd) % 7
        fwd = (wd - a.weekday()) % 7
        if rel in ("last", "past", "previous"):
            return a - timedelta(days=back or 7)
        if rel == "this":  # "this Friday": the Friday of this (ISO) week, unless the tense says otherwise
            d = a + timedelta(days=wd - a.weekday())
            if tense == "past" and d > a:
                return a - timedelta(days=back)
            return a + timedelta(days=fwd) if tense == "future" and d < a else d
        if rel in ("next", "coming"):
            return a + timedelta(days=fwd or 7)
        if back == 0:
            return a
        if tense == "past":
            return a - timedelta(days=back)
        if tense == "future":
            return a + timedelta(days=fwd)
        return a - timedelta(days=back) if back <= fwd + 1 else a + timedelta(days=fwd)

    def shift_unit(self, base: date, unit: str, k: int) -> tuple[str, str]:
        """The value of the `unit` that is k units from `base` and its granularity."""
        u = unit.lower()
        if u.startswith("day") or u == "night":
            return (base + timedelta(days=k)).isoformat(), "day"
        if u.startswith("weekend"):
            return week_value(base, k) + "-WE", "week"
        if u.startswith("week") or u == "fortnight":
            return week_value(base, k), "week"
        if u.startswith("month"):
            y, m = add_months(base.year, base.month, k)
            return f"{y:04d}-{m:02d}", "month"
        if u.startswith("quarter"):
            y, m = add_months(base.year, (quarter_of(base) - 1) * 3 + 1, 3 * k)
            return f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter"
        if u.startswith("decade"):
            return f"{base.year // 10 + k:03d}", "decade"
        if u.startswith("centur"):
            return f"{base.year // 100 + k:02d}", "century"
        if "fiscal" in u or "financial" in u:
            return f"FY{base.year + k}", "year"
        return f"{base.year + k:04d}", "year"

    def pos_mod(self, pos: str | None) -> str | None:
        if not pos:
            return None
        key = " ".join(w for w in pos.lower().split() if w != "very")  # "the very beginning of"
        if key in self.lx.position_mods or key + " of" in self.lx.position_mods:
            return self.lx.position_mods.get(key) or self.lx.position_mods[key + " of"]
        if key in self.lx.position_mods:
            return self.lx.position_mods[key]
        for word, mod in self.lx.position_mods.items():
            if word in key:
                return mod
        return None

    def amount_mod(self, amod: str | None) -> str | None:
        if not amod:
            return None
        return self.lx.amount_mods.get(" ".join(amod.lower().split()))

    # -- the rules --------------------------------------------------------------------------------

    def run(self, candidates: list[Candidate]) -> list[Timex]:
        out: list[Timex] = []
        i = 0
        while i < len(candidates):
            c = candidates[i]
            nxt = candidates[i + 1] if i + 1 < len(candidates) else None
            if c.rule == "clock" and nxt is not None and nxt.rule in ("weekday", "rel_day", "date", "iso") \
                    and re.fullmatch(r"[ \t]*(?:on\s+)?", self.text[c.end : nxt.start]):
                day = self.normalize(nxt)
                if day and day[0].value and re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", day[0].value):
                    merged = self.clock(c, day[0].value)
                    merged.start, merged.end = c.start, nxt.end
                    out.append(merged)
                    i += 2
                    continue
            if c.rule == "clock" and nxt is not None and nxt.rule in ("date", "iso", "rel_day", "weekday") \
                    and re.fullmatch(r"[ \t]*(?:,[ \t]*)?(?:local\s+time[ \t]*,?[ \t]*)?(?:on\s+)?",
                                     self.text[c.end : nxt.start], re.IGNORECASE):
                # "at 16:15 UTC, June 1st": the clock time is on that day, and both are tagged
                day = self.normalize(nxt)
                if day and day[0].value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day[0].value):
                    out.append(self.clock(c, day[0].value))
                    out.extend(day)
                    i += 2
                    continue
            out.extend(self.normalize(c))
            i += 1
        return out

    def normalize(self, c: Candidate) -> list[Timex]:
        handler = getattr(self, "r_" + c.rule)
        result = handler(c)
        if result is None:
            return []
        items = result if isinstance(result, list) else [result]
        for t in items:
            t.rule = t.rule or c.rule
            if t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", t.value):
                self.ref = date.fromisoformat(t.value[:10])
                self.ref_dep = "none"
            if t.type == "DATE" and t.value and re.match(r"(?:FY)?\d{4}", t.value) and c.rule != "holiday":
                self.last_value = t.value
        return items

    def make(self, c: Candidate, typ: str, value: str | None, dep: Dep = "none", mod: str | None = None,
             start: int | None = None, end: int | None = None) -> Timex:
        real_dep = dep if self.real_anchor is None else "none"
        return Timex(c.start if start is None else start, c.end if end is None else end, typ,
                     mask(value, real_dep), mod, c.rule)

    def r_iso(self, c: Candidate) -> Timex | None:
        g = c.groups
        d = safe_date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
        if d is None:
            return None
        if g.get("hh"):
            return self.make(c, "TIME", f"{d.isoformat()}T{g['hh']}:{g['mi']}")
        return self.make(c, "DATE", d.isoformat())

    def r_slash(self, c: Candidate) -> Timex | None:
        g = c.groups
        a, b, y = int(g["a"] or 0), int(g["b"] or 0), int(g["y"] or 0)
        if y < 100:
            y += 2000 if 2000 + y <= self.anchor.year + 5 else 1900
        mon, day = (a, b) if a <= 12 else (b, a)
        d = safe_date(y, mon, day)
        return self.make(c, "DATE", d.isoformat()) if d else None

    def r_dotted(self, c: Candidate) -> Timex | None:
        g = c.groups
        d = safe_date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
        return self.make(c, "DATE", d.isoformat()) if d else None

    def _md(self, c: Candidate, mon: int | None, day: int | None, yr: int | None,
            wd: str | None = None) -> tuple[str, Dep] | None:
        if mon is None or day is None:
            return None
        if yr is not None:
            d = safe_date(yr, mon, day)
            return (d.isoformat(), "none") if d else None
        d = self.infer_md(mon, day, self.direction(c))
        if d is None:
            return None
        if wd:  # the weekday settles the year: Monday, August 12 -> the year where Aug 12 is a Monday
            want = self.lx.weekdays.get(wd.lower().rstrip("."))
            if want is not None and d.weekday() != want:
                for y in (self.anchor.year, self.anchor.year - 1, self.anchor.year + 1):
                    e = safe_date(y, mon, day)
                    if e and e.weekday() == want:
                        d = e
                        break
        return d.isoformat(), "year"

    def r_dom(self, c: Candidate) -> Timex | None:
        day = self.day(c.groups.get("day"))
        if day is None:
            return None
        a, tense = self.anchor, self.direction(c)
        options = [d for k in (-1, 0, 1) if (d := safe_date(*add_months(a.year, a.month, k), day))]
        if not options:
            return None
        if tense == "past":
            options = [d for d in options if d <= a] or options
        elif tense == "future":
            options = [d for d in options if d >= a] or options
        d = min(options, key=lambda d: abs((d - a).days))
        value = d.isoformat() if self.real_anchor is not None else f"XXXX-XX-{day:02d}"
        return self.make(c, "DATE", value, "none")

    def r_date(self, c: Candidate) -> Timex | None:
        g = c.groups
        mon = self.month(g.get("mon") or g.get("mon2"))
        day = self.day(g.get("day") or g.get("day2"))
        yr = self.year(g.get("yr") or g.get("yr2"))
        res = self._md(c, mon, day, yr, g.get("wd"))
        if res is None:
            return None
        pod = (g.get("podof") or "").lower()
        if pod:  # "the night of March 3": that part of that day
            return self.make(c, "TIME", f"{res[0]}T{self.lx.parts_of_day.get(pod, 'NI')}", res[1])
        return self.make(c, "DATE", res[0], res[1], self.pos_mod(g.get("pos")))

    def _range(self, c: Candidate, first_end_group: str, second_start_group: str) -> list[Timex] | None:
        g = c.groups
        mon = self.month(g.get("mon"))
        d1, d2 = self.day(g.get("d1")), self.day(g.get("d2"))
        yr = self.year(g.get("yr"))
        r1 = self._md(c, mon, d1, yr)
        r2 = self._md(c, mon, d2, yr)
        if r1 is None or r2 is None or (d1 or 0) >= (d2 or 0):
            return None
        s1_end = c.spans[first_end_group][1]
        s2_start = c.spans[second_start_group][0]
        return [self.make(c, "DATE", r1[0], r1[1], end=s1_end), self.make(c, "DATE", r2[0], r2[1], start=s2_start)]

    def r_day_range(self, c: Candidate) -> list[Timex] | None:
        return self._range(c, "d1", "d2")

    def r_day_range2(self, c: Candidate) -> list[Timex] | None:
        return self._range(c, "d1", "d2")

    def r_month_year(self, c: Candidate) -> Timex | None:
        g = c.groups
        mon, yr = self.month(g.get("mon")), self.year(g.get("yr"))
        if mon is None or yr is None:
            return None
        return self.make(c, "DATE", f"{yr:04d}-{mon:02d}", "none", self.pos_mod(g.get("pos")))

    def r_month(self, c: Candidate) -> Timex | None:
        g = c.groups
        mon = self.month(g.get("mon"))
        if mon is None:
            return None
        rel = (g.get("rel") or "").lower() or None
        ryr = " ".join((g.get("ryr") or "").lower().split())
        if ryr:
            yr = self.anchor.year + {"next": 1, "the following": 1, "last": -1, "the previous": -1}.get(ryr, 0)
        else:
            yr = self.infer_month_year(mon, self.direction(c), rel)
        return self.make(c, "DATE", f"{yr:04d}-{mon:02d}", "year", self.pos_mod(g.get("pos")))

    def r_same_period(self, c: Candidate) -> Timex | None:
        unit = (c.groups.get("unit") or "").lower()
        last = self._last_of(unit)
        if unit in ("period", "time", "season") and self.last_value and re.match(r"(?:FY)?\d{4}", self.last_value):
            base = self.last_value
        elif last is not None:
            base, _ = self.shift_unit(last, unit, 0)
        else:
            base, _ = self.shift_unit(self.ref, unit if unit not in ("period", "time", "season") else "year", 0)
        m = re.match(r"(FY)?(\d{4})(.*)", base)
        if m is None:
            return None
        value = f"{m.group(1) or ''}{int(m.group(2)) - 1:04d}{m.group(3)}"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value) and safe_date(int(value[:4]), int(value[5:7]),
                                                                    int(value[8:10])) is None:
            value = value[:7]
        return self.make(c, "DATE", value, self.ref_dep)

    def _ordinal(self, text: str | None) -> int | None:
        if not text:
            return None
        t = text.lower()
        if t in self.lx.ordinals:
            return self.lx.ordinals[t]
        digits = re.sub(r"\D", "", t)
        return int(digits) if digits else None

    def r_ord_weekday(self, c: Candidate) -> Timex | None:
        g = c.groups
        n, mon = self._ordinal(g.get("ord")), self.month(g.get("mon"))
        wd = self.lx.weekdays.get((g.get("wd") or "").lower())
        if n is None or mon is None or wd is None:
            return None
        yr = self.year(g.get("yr"))
        dep: Dep = "none"
        if yr is None:
            yr, dep = self.infer_month_year(mon, self.direction(c)), "year"
        days = [d for d in range(1, calendar.monthrange(yr, mon)[1] + 1) if date(yr, mon, d).weekday() == wd]
        if n == -1:
            day = days[-1]
        elif 1 <= n <= len(days):
            day = days[n - 1]
        else:
            return None
        return self.make(c, "DATE", date(yr, mon, day).isoformat(), dep)

    def r_ord_week(self, c: Candidate) -> Timex | None:
        g = c.groups
        n, mon = self._ordinal(g.get("ord")), self.month(g.get("mon"))
        if n is None or mon is None:
            return None
        yr = self.year(g.get("yr"))
        dep: Dep = "none"
        if yr is None:
            yr, dep = self.infer_month_year(mon, self.direction(c)), "year"
        last = calendar.monthrange(yr, mon)[1]
        day = last - 3 if n == -1 else 4 + 7 * (n - 1)
        if not 1 <= day <= last:
            return None
        return self.make(c, "DATE", week_value(date(yr, mon, day)), dep)

    def r_year(self, c: Candidate) -> Timex:
        g = c.groups
        yr = g.get("yr") or ""
        if g.get("fy"):
            return self.make(c, "DATE", f"FY{yr}")
        return self.make(c, "DATE", yr, "none", self.pos_mod(g.get("pos")))

    def r_decade(self, c: Candidate) -> Timex | None:
        g = c.groups
        if g.get("dec"):
            value = (g.get("dec") or "")[:3]
        else:
            two = int(g.get("dec2") or g.get("dec3") or "0")
            if two >= 100:
                return None
            century = 20 if 2000 + two <= self.anchor.year else 19
            value = f"{century}{two // 10}"
        return self.make(c, "DATE", value, "none", self.pos_mod(g.get("pos")))

    def r_yy(self, c: Candidate) -> Timex:
        yy = int(c.groups.get("yy") or 0)
        year = 2000 + yy if 2000 + yy <= self.anchor.year + 1 else 1900 + yy
        return self.make(c, "DATE", str(year))

    def r_century(self, c: Candidate) -> Timex | None:
        n = self._ordinal(c.groups.get("ord"))
        if n is None or n <= 0:
            return None
        return self.make(c, "DATE", f"{n - 1:02d}", "none", self.pos_mod(c.groups.get("pos")))

    def r_quarter(self, c: Candidate) -> Timex | None:
        g = c.groups
        n = self._ordinal(g.get("ord"))
        half = (g.get("qh") or "").lower() == "half"
        if n is None:
            return None
        top = 2 if half else 4
        a = self.anchor
        cur = quarter_of(a) if not half else (1 if a.month <= 6 else 2)
        yr = self.year(g.get("yr") or g.get("fyr"))
        rel = (g.get("rel") or "").lower()
        dep: Dep = "none"
        prefix = "FY" if g.get("fy") else ""
        if yr is None:
            dep = "year"
            if rel in ("this", "the", "that"):
                yr = a.year
            elif rel == "last":
                yr = a.year - 1
            elif rel == "next":
                yr = a.year + 1
        if n == -1:
            if yr is None:  # "the last quarter": the one before the current one
                yq = a.year * top + cur - 2
                yr, n = yq // top, yq % top + 1
            else:
                n = top
        if not 1 <= n <= top:
            return None
        if yr is None:
            tense = self.direction(c)
            yr = a.year
            if tense == "future" and n < cur:
                yr = a.year + 1
            elif tense == "past" and n - cur >= 2:  # "the fourth quarter" said in January or April
                yr = a.year - 1
        letter = "H" if half else "Q"
        return self.make(c, "DATE", f"{prefix}{yr:04d}-{letter}{n}", dep)

    def r_quarter_q(self, c: Candidate) -> Timex | None:
        q = int((c.groups.get("q") or "Q0")[1])
        yr = self.year(c.groups.get("yr"))
        if yr is None:
            a = self.anchor
            yr = a.year if q <= quarter_of(a) else a.year - 1
            return self.make(c, "DATE", f"{yr:04d}-Q{q}", "year")
        return self.make(c, "DATE", f"{yr:04d}-Q{q}")

    def r_season(self, c: Candidate) -> Timex | None:
        g = c.groups
        code = self.lx.seasons.get((g.get("season") or "").lower())
        if code is None:
            return None
        pre = (g.get("pre") or "").lower()
        yr = self.year(g.get("yr"))
        mod = self.pos_mod(pre) if pre in ("early", "late", "mid") else None
        if yr is not None:
            return self.make(c, "DATE", f"{yr:04d}-{code}", "none", mod)
        a = self.anchor
        start = _SEASON_START[code]
        # the season the anchor is in (winter belongs to the year it starts in)
        cur_year = a.year if a.month >= start or code != "WI" else a.year - 1
        in_it = (code == "WI" and (a.month == 12 or a.month <= 2)) or (code != "WI" and start <= a.month < start + 3)
        started = in_it or (code != "WI" and a.month >= start + 3)
        if pre == "last":
            yr = cur_year if started and not in_it else cur_year - 1
        elif pre == "next":
            yr = cur_year + 1 if started else cur_year
        elif pre in ("this", "that") or pre == "":
            tense = self.direction(c)
            if in_it or pre == "this":
                yr = cur_year
            elif tense == "past":
                yr = cur_year if started else cur_year - 1
            elif tense == "future":
                yr = cur_year + 1 if started else cur_year
            else:
                yr = cur_year
        else:
            yr = cur_year
        return self.make(c, "DATE", f"{yr:04d}-{code}", "year", mod)

    def r_rel_unit(self, c: Candidate) -> Timex | None:
        g = c.groups
        rel = " ".join((g.get("rel") or "").lower().split())
        unit = " ".join((g.get("unit") or "").lower().split())
        mod = self.pos_mod(g.get("pos"))
        has_the = rel.startswith("the ")
        word = rel.split()[-1]
        if word == "past" and has_the:
            code = self._unit_code(unit, 1)
            return self.make(c, "DURATION", code, "none", mod) if code else None
        base, dep = self.anchor, "full"
        if word in ("following", "same") or (word == "next" and has_the) or word == "preceding" or (
                word == "previous" and has_the):
            base, dep = self.ref, self.ref_dep
        k = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "next": 1, "coming": 1, "following": 1,
             "upcoming": 1, "latest": -1}.get(word, 0)
        if unit == "weekend" and word == "last" and self.anchor.weekday() == 6:
            k = 0
        value, _ = self.shift_unit(base, unit, k)
        return self.make(c, "DATE", value, dep, mod)

    def _unit_code(self, unit: str, n: float | str) -> str | None:
        u = self.lx.unit(unit.split()[-1])
        if u is None:
            return None
        code, is_time, factor = u
        if n != "X" and factor != 1:
            n = float(n) * factor
        amount = n if isinstance(n, str) else (str(int(n)) if n == int(n) else str(n))
        if code in ("DE", "CE", "ML") and amount != "X":
            # a counted decade or century in years ("the past decade": P10Y, as MEANTIME's TimeML
            # annotators write it); an uncounted one keeps the unit (PXDE)
            mult = {"DE": 10, "CE": 100, "ML": 1000}[code]
            return f"P{_num(float(amount) * mult)}Y"
        if amount != "X" and "." in amount and is_time and code in ("H", "M"):
            # clock durations in whole minutes or seconds: half an hour is PT30M, 2.5 hours PT150M
            whole = float(amount) * 60
            if whole == int(whole):
                return f"PT{int(whole)}{'M' if code == 'H' else 'S'}"
        return f"P{'T' if is_time else ''}{amount}{code}"

    def r_pos_the(self, c: Candidate) -> Timex | None:
        g = c.groups
        unit = (g.get("unit") or "").lower()
        base, dep = (self.ref, self.ref_dep) if unit == "day" else (self.anchor, "full")
        value, _ = self.shift_unit(base, unit, 0)
        return self.make(c, "DATE", value, dep, self.pos_mod(g.get("pos")))

    def r_weekday(self, c: Candidate) -> Timex | None:
        g = c.groups
        wd = self.lx.weekdays.get((g.get("wd") or "").lower())
        if wd is None:
            return None
        if g.get("pl"):
            return self.make(c, "SET", f"XXXX-WXX-{wd + 1}")
        rel = (g.get("rel") or "").lower() or None
        mod = None
        if rel in ("early", "late"):
            mod, rel = ("START" if rel == "early" else "END"), None
        d = self.weekday_date(wd, rel, self.direction(c))
        hours = " ".join((g.get("hours") or "").lower().split())
        pod = (g.get("pod") or "").lower()
        if hours.startswith(("the night", "overnight")):
            pod = "night"
        if hours.endswith("early on") or hours.endswith("early hours of"):
            mod = "START"
        elif hours.startswith("late"):
            mod = "END"
        if pod:
            code = self.lx.parts_of_day.get(pod, "NI")
            return self.make(c, "TIME", f"{d.isoformat()}T{code}", "full", mod)
        return self.make(c, "DATE", d.isoformat(), "full", mod)

    def r_rel_day(self, c: Candidate) -> Timex | None:
        g = c.groups
        rd = " ".join((g.get("rd") or "").lower().split())
        off = self.lx.relative_days.get(rd)
        if off is None:
            return None
        d = self.anchor + timedelta(days=off)
        pod = (g.get("pod") or "").lower()
        if rd == "tonight":
            pod = pod or "night"
        pos = (g.get("pos") or "").lower()
        mod = {"early": "START", "late": "END"}.get(pos)
        if pod:
            return self.make(c, "TIME", f"{d.isoformat()}T{self.lx.parts_of_day.get(pod, 'NI')}", "full", mod)
        return self.make(c, "DATE", d.isoformat(), "full", mod)

    def r_pod(self, c: Candidate) -> Timex | None:
        g = c.groups
        det = " ".join((g.get("det") or "").lower().split())
        pod = (g.get("pod") or "").lower()
        code = self.lx.parts_of_day.get(pod)
        if code is None:
            return None
        base, dep = self.anchor, "full"
        if det == "last":
            base = self.anchor - timedelta(days=1)
        elif det.startswith(("that", "the same", "in", "on", "during", "the")) and not det.startswith(
                ("the previous", "the following", "the next")):
            base, dep = self.ref, self.ref_dep
        elif det == "the previous":
            base, dep = self.ref - timedelta(days=1), self.ref_dep
        elif det in ("the following", "the next"):
            base, dep = self.ref + timedelta(days=1), self.ref_dep
        elif det == "late last":
            base = self.anchor - timedelta(days=1)
        return self.make(c, "TIME", f"{base.isoformat()}T{code}", dep)

    def r_overnight(self, c: Candidate) -> Timex:
        # "overnight" in a past-tense story is the night before publication; in a future one, the
        # coming night.
        tense = self.direction(c)
        d = self.anchor if tense == "future" else self.anchor - timedelta(days=1)
        return self.make(c, "TIME", f"{d.isoformat()}TNI", "full")

    def r_early_hours(self, c: Candidate) -> Timex:
        of = (c.groups.get("of") or "").lower()
        d = self.anchor - timedelta(days=1) if of == "yesterday" else self.anchor
        return self.make(c, "TIME", f"{d.isoformat()}TMO", "full")

    def clock(self, c: Candidate, day: str | None = None) -> Timex:
        g = c.groups
        word = (g.get("word") or "").lower()
        if word:
            hh, mm = (24, 0) if word == "midnight" else (12, 0)
        else:
            h = g.get("h") or g.get("h2") or g.get("h3") or "0"
            m = g.get("mi") or g.get("mi2") or g.get("mi3") or "00"
            hh, mm = int(h), int(m)
            ampm = (g.get("ampm") or "").lower().replace(" ", "")
            if ampm.startswith("p") and hh < 12:
                hh += 12
            if ampm.startswith("a") and hh == 12:
                hh = 0
        tz = (g.get("tz") or g.get("tzp") or "").lower()
        zone = "Z" if tz in self.lx.utc_zones and not (g.get("off") or g.get("offp")) else ""
        if day is None:
            day, dep = self.ref.isoformat(), self.ref_dep
        else:
            dep = "none"
        mod = "APPROX" if g.get("approx") else None
        return self.make(c, "TIME", f"{day}T{hh:02d}:{mm:02d}{zone}", dep, mod)

    def r_clock(self, c: Candidate) -> Timex:
        return self.clock(c)

    def r_ago(self, c: Candidate) -> Timex | None:
        g = c.groups
        n = self.lx.number(g.get("num") or "")
        unit = (g.get("unit") or "").lower()
        direction = " ".join((g.get("dir") or "").lower().split())
        mod = self.amount_mod(g.get("amod"))
        if n is None:
            return None
        sign = 1 if direction in ("later", "from now", "hence") else -1
        if n == "X":
            return self.make(c, "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", "none", mod)
        base, dep = (self.anchor, "full")
        if direction in ("earlier", "later"):
            # "three years later": after the last date the story named ("in 2011")
            base, dep = self._last_date() or (self.ref, self.ref_dep)
        amount = float(n)
        u = self.lx.unit(unit)
        if u is None:
            return None
        code, is_time, factor = u
        amount *= factor
        if is_time:
            return self.make(c, "DATE", base.isoformat(), dep, mod)
        k = round(amount) * sign
        if code == "D":
            value = (base + timedelta(days=k)).isoformat()
        elif code == "W":
            value = (base + timedelta(weeks=k)).isoformat()
        elif code == "M":
            y, m = add_months(base.year, base.month, k)
            value = f"{y:04d}-{m:02d}"
        elif code == "Q":
            y, m = add_months(base.year, base.month, 3 * k)
            value = f"{y:04d}-Q{(m - 1) // 3 + 1}"
        elif code == "Y":
            value = f"{base.year + k:04d}"
        elif code == "DE":
            value = f"{(base.year + 10 * k) // 10:03d}"
        else:
            value = f"{(base.year + 100 * k) // 100:02d}"
        return self.make(c, "DATE", value, dep, mod)

    def _last_date(self) -> tuple[date, Dep] | None:
        w = re.match(r"(\d{4})-W(\d{2})", self.last_value or "")
        if w:  # "last week ... two weeks later": from that week's Monday
            with contextlib.suppress(ValueError):
                return date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1), "none"
        m = re.match(r"(?:FY)?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", self.last_value or "")
        if m is None:
            return None
        d = safe_date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        if d is None:
            return None
        if m.group(3) and self.ref == d:
            return d, self.ref_dep
        return d, "none"

    def r_duration(self, c: Candidate) -> Timex | None:
        g = c.groups
        n = self.lx.number(g.get("num") or "")
        unit = (g.get("unit") or "").lower()
        if n is None:
            return None
        code = self._unit_code(unit, n)
        if code is None:
            return None
        num = (g.get("num") or "").lower()
        if num in ("a", "an") and not g.get("det") and _MONEY_BEFORE.search(self.text[max(0, c.start - 25):c.start]):
            return self.make(c, "SET", code)
        amod = (g.get("amod") or "").lower()
        if amod in ("over", "under") and g.get("det") and "det" in c.spans:
            # "over the last two years": "over" is a signal (during), not "more than"
            return self.make(c, "DURATION", code, "none", start=c.spans["det"][0])
        return self.make(c, "DURATION", code, "none", self.amount_mod(amod))

    def r_dur_range(self, c: Candidate) -> list[Timex] | None:
        g = c.groups
        n1, n2 = self.lx.number(g.get("n1") or ""), self.lx.number(g.get("num") or "")
        unit = (g.get("unit") or "").lower()
        if n1 is None or n2 is None:
            return None
        code1, code2 = self._unit_code(unit, n1), self._unit_code(unit, n2)
        if code1 is None or code2 is None:
            return None
        return [self.make(c, "DURATION", code1, end=c.spans["n1"][1]),
                self.make(c, "DURATION", code2, start=c.spans["num"][0])]

    def r_plural(self, c: Candidate) -> Timex | None:
        unit = (c.groups.get("unit") or "").lower()
        if c.groups.get("ago"):  # "years ago", "minutes ago": some time before now
            return self.make(c, "TIME" if unit in ("hours", "minutes") else "DATE", "PAST_REF")
        code = self._unit_code(unit, "X")
        if code is None:
            return None
        return self.make(c, "DURATION", code)

    def r_set(self, c: Candidate) -> Timex | None:
        g = c.groups
        wd = g.get("wd")
        if wd:
            day_no = self.lx.weekdays.get(wd.lower())
            return self.make(c, "SET", f"XXXX-WXX-{(day_no or 0) + 1}")
        pod = (g.get("pod") or "").lower()
        if pod:
            return self.make(c, "SET", f"XXXX-XX-XXT{self.lx.parts_of_day.get(pod, 'NI')}")
        n = self.lx.number(g.get("num") or "") if g.get("num") else "1"
        if (g.get("other") or "").lower() == "other":
            n = "2"
        code = self._unit_code((g.get("unit") or "").lower(), n or "1")
        return self.make(c, "SET", code) if code else None

    def r_freq(self, c: Candidate) -> Timex | None:
        value = self.lx.frequency_words.get((c.groups.get("freq") or "").lower())
        return self.make(c, "SET", value) if value else None

    def r_ref(self, c: Candidate) -> Timex | None:
        value = self.lx.references.get(" ".join((c.groups.get("ref") or "").lower().split()))
        return self.make(c, "DATE", value) if value else None

    def r_anaphor(self, c: Candidate) -> Timex | None:
        g = c.groups
        unit = (g.get("unit") or "").lower()
        det = " ".join((g.get("det") or "").lower().split())
        if unit == "quarter":  # "profit for the quarter": the quarter the story named, else nothing
            q = self.last_value if self.last_value and re.fullmatch(r"\d{4}-Q[1-4]", self.last_value) else None
            return self.make(c, "DATE", q) if q and det in ("the", "that", "the same", "that same") else None
        if unit in ("time", "date", "period"):
            value = self.last_value if det != "the" else None
            return self.make(c, "DATE", value or "PAST_REF", "none" if value is None else self.ref_dep)
        if unit in ("night", "morning", "evening", "afternoon"):
            return self.make(c, "TIME", f"{self.ref.isoformat()}T{self.lx.parts_of_day.get(unit, 'NI')}",
                             self.ref_dep)
        last = self._last_of(unit)  # "in May ... Early in the month": May
        value, _ = self.shift_unit(last or self.ref, unit, 0)
        pos = (g.get("pos") or "").lower()
        return self.make(c, "DATE", value, self.ref_dep, self.pos_mod(pos) if pos in ("early", "late") else None)

    def r_rel_anaphor(self, c: Candidate) -> Timex | None:
        g = c.groups
        unit = (g.get("unit") or g.get("unit2") or "").lower()
        direction = (g.get("dir") or g.get("dir2") or "").lower()
        k = 1 if direction in ("following", "next", "subsequent", "after", "later") else -1
        if unit in ("night", "morning", "evening", "afternoon"):
            d = self.ref + timedelta(days=k)
            return self.make(c, "TIME", f"{d.isoformat()}T{self.lx.parts_of_day.get(unit, 'NI')}", self.ref_dep)
        last = self._last_of(unit)
        if last is not None:  # "sales fell last year, $19.8 billion less than the year before": 2 years back
            value, _ = self.shift_unit(last, unit, k)
            return self.make(c, "DATE", value, "none")
        value, _ = self.shift_unit(self.ref, unit, k)
        return self.make(c, "DATE", value, self.ref_dep)

    def _last_of(self, unit: str) -> date | None:
        """The period of `unit` the story named last, when it named one of that size after the last day
        it named ("in January ... the same month a year ago"; "last year ... the year before")."""
        pattern = {"year": r"\d{4}", "month": r"\d{4}-\d{2}"}.get(unit)
        if pattern is None or self.last_value is None or not re.fullmatch(pattern, self.last_value):
            return None
        return date(int(self.last_value[:4]), int(self.last_value[5:7] or 1) if unit == "month" else 1, 1)

    def r_consec(self, c: Candidate) -> Timex | None:
        unit = (c.groups.get("unit") or "").lower()
        if unit == "night":
            return self.make(c, "TIME", f"{self.ref.isoformat()}TNI", self.ref_dep)
        value, _ = self.shift_unit(self.ref, "day" if unit == "session" else unit, 0)
        return self.make(c, "DATE", value, self.ref_dep)

    def r_pod_trade(self, c: Candidate) -> Timex | None:
        pod = (c.groups.get("pod") or "").lower()
        return self.make(c, "TIME", f"{self.ref.isoformat()}T{self.lx.parts_of_day.get(pod, 'NI')}", self.ref_dep)

    def r_year_ago(self, c: Candidate) -> Timex | None:
        last = self.last_value or ""
        if re.fullmatch(r"(?:FY)?\d{4}(?:-Q[1-4]|-H[12]|-\d{2})?", last):
            base, dep = last, "none"  # "the third quarter ... the year-earlier quarter"
        else:
            base, dep = f"{self.ref.year:04d}", self.ref_dep
        m = re.match(r"(FY)?(\d{4})(.*)", base)
        if m is None:
            return None
        return self.make(c, "DATE", f"{m.group(1) or ''}{int(m.group(2)) - 1:04d}{m.group(3)}", dep)

    def r_holiday(self, c: Candidate) -> Timex | None:
        g = c.groups
        md = self.lx.holidays.get(" ".join((g.get("hol") or "").lower().split()))
        if md is None:
            return None
        mon, day = (int(x) for x in md.split("-"))
        res = self._md(c, mon, day, self.year(g.get("yr")))
        return self.make(c, "DATE", res[0], res[1]) if res else None


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def tag_text(text: str, anchor: date | None) -> list[Timex]:
    """Every time expression in `text`, normalised against `anchor` (the publication date)."""
    lx = lexicon()
    cands = [c for c in find_candidates(text) if accept(c, text, lx)]
    return Normalizer(text, anchor, lx).run(select(cands))
