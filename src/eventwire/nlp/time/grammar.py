"""The time-expression grammar: regular expressions built from the lexicon's word lists.

Each rule is a named regular expression whose named groups carry the parts of an expression
(month, day, year, weekday, unit, amount, modifiers ...); `eventwire.nlp.time.normalize` turns a
match into a TIMEX3 type and value. A group named `skip` is context that is matched but left
out of the expression's extent ("in" before a bare month, "for" before "years").

Why our own grammar rather than `dateparser.search.search_dates`: dateparser finds date-like
strings but not TIMEX3 extents (it misses durations, sets, parts of day and general
references, and splits or swallows neighbouring words), it reports no granularity (a month
comes back as a day), and a search costs milliseconds per sentence. A compiled grammar finds
every expression of a story in well under a millisecond, and the normaliser keeps granularity.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from functools import cache

from eventwire.nlp.time.lexicon import Lexicon, alternation, lexicon


@dataclass(frozen=True)
class Candidate:
    """One rule match: the extent, the rule's name and its named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None] = field(default_factory=dict, hash=False, compare=False)
    priority: int = 0
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False, compare=False)


def _cased(words: list[str]) -> str:
    """Names that must be capitalised in the text (months, weekdays, holidays). The rules run on
    lower-cased text for speed; `find_candidates` checks the capital letter in the original."""
    return alternation([w.lower() for w in words])


_FULL_MONTHS = frozenset(calendar.month_name[1:]) | {m.lower() for m in calendar.month_name[1:]}

# Groups whose text must start with a capital letter in the original text.
_CAPITALISED = ("mon", "mon2", "wd", "hol", "q")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    priority: int = 0


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(_build(lexicon()))


def _build(lx: Lexicon) -> list[Rule]:
    month_words = list(lx.months)
    unambiguous = [m for m in month_words if m not in lx.ambiguous_months]
    full_months = [m for m in month_words if m in _FULL_MONTHS]
    abbr_months = [m for m in month_words if m not in full_months]
    MONTH = "(?:" + _cased(full_months) + "|" + _cased(abbr_months) + r"\.?)"
    MONTH_ALONE = _cased(unambiguous)
    WD = _cased([w for w in lx.weekdays if len(w) > 3])
    DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,]\d)"
    YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d%])"
    numwords = alternation(lx.numbers)
    tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    ones = "(?:one|two|three|four|five|six|seven|eight|nine)"
    NUM = rf"(?:\d+(?:\.\d+)?|{tens}[\s-]{ones}|{numwords})(?:\s+and\s+a\s+half)?"
    unit_words = list(lx.units) + list(lx.unit_plurals)
    UNIT = r"(?:" + "|".join(sorted(unit_words, key=len, reverse=True)) + r")s?\b"
    ORD = alternation([o for o in lx.ordinals if o not in ("final",)])
    POS = (
        r"(?:early|mid|late|(?:the\s+)?(?:beginning|start|end|middle|close|early\s+part|"
        r"latter\s+part|dawn)\s+of(?:\s+the)?)"
    )
    POD = alternation([p for p in lx.parts_of_day if p != "overnight"])
    TZ = alternation(sorted(lx.utc_zones | lx.other_zones))
    AMOD = alternation(lx.amount_mods)
    SEASON = alternation(lx.seasons)
    REL = (
        r"(?:the\s+)?(?:last|past|previous|preceding|next|coming|following|this|current|same|upcoming|latest)"
        r"|(?:earlier|later)\s+(?:this|last|next|that)"
    )
    REF = alternation(lx.references)
    HOLIDAY = _cased([h.title().replace("'S", "'s") for h in lx.holidays])
    FREQ = alternation(lx.frequency_words)
    RELDAY = alternation(lx.relative_days)

    specs: list[tuple[str, str, int]] = [
        ("iso", r"(?<![\d-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])"
                r"(?:[t ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\d-])", 9),
        ("slash", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", 8),
        ("dotted", r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.])", 8),
        # Monday, August 12, 2024 / 12 August 2024 / August 6 / the 6th of August
        ("date", rf"(?:(?P<pos>{POS})[\s-]+|the\s+(?P<podof>{POD})\s+of\s+)?(?:(?P<wd>{WD})\s*,?\s+(?:the\s+)?)?"
                 rf"(?:(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:\s*,?\s*(?P<yr>{YEAR}))?"
                 rf"|(?:the\s+)?(?P<day2>{DAY})(?:\s+of)?\s+(?P<mon2>{MONTH})(?:\s*,?\s*(?P<yr2>{YEAR}))?)", 6),
        # between 12 and 14 August / August 12-14
        ("day_range", rf"(?:(?P<skip>between|from)\s+)?(?P<d1>{DAY})\s*(?:-|–|to|and|until|through)\s*"
                      rf"(?P<d2>{DAY})\s+(?P<mon>{MONTH})(?:\s*,?\s*(?P<yr>{YEAR}))?", 7),
        ("day_range2", rf"(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s*(?:-|–|to|and|until|through)\s*"
                       rf"(?P<d2>{DAY})(?:\s*,?\s*(?P<yr>{YEAR}))?", 7),
        ("month_year", rf"(?:(?P<pos>{POS})[\s-]+)?(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?P<yr>{YEAR})", 6),
        ("month", rf"(?:(?:this\s+(?=(?:coming|past)\s))?(?P<rel>last|next|this|coming|past)\s+|(?P<pos>{POS})[\s-]+"
                  rf"|(?P<skip>\b(?:in|since|until|till|by|from|during|through|before|after|of|to|and|"
                  rf"or|between|throughout|late\s+in|early\s+in)\s+))?(?P<mon>{MONTH}|{MONTH_ALONE})\b"
                  r"(?:(?=\s+of\s+(?P<ryr>next|last|this|that|the\s+following|the\s+previous)\s+year)|)(?!\s+\d)", 4),
        # "on the 15th": a day of the month in view (the month is the publication's or the one before
        # or after, by tense); only after a preposition and before punctuation, so "the 15th
        # anniversary" and "the 3rd brigade" are left alone
        ("dom", r"(?P<skip>\b(?:on|by|until|till|since|before|after|from)\s+)the\s+(?P<day>3[01]|[12]\d|0?[1-9])"
                r"(?:st|nd|rd|th)(?=\s*(?:[.,;:)]|$)|\s+(?:and|or)\s+(?![\d\s]))", 3),
        # the same period last year / the same month a year earlier
        ("same_period", r"the\s+same\s+(?P<unit>period|month|quarter|week|day|time|season)\s+(?:of\s+)?"
                        r"(?:(?:the\s+)?(?:last|previous|prior|preceding)\s+year|a\s+year\s+(?:earlier|ago|before))",
         6),
        ("ord_weekday", rf"(?:the\s+)?(?P<ord>{ORD})\s+(?P<wd>{WD})\s+(?:of|in)\s+(?P<mon>{MONTH})"
                        rf"(?:\s*,?\s*(?P<yr>{YEAR}))?", 7),
        ("ord_week", rf"(?:the\s+)?(?P<ord>{ORD})\s+week\s+(?:of|in)\s+(?P<mon>{MONTH})"
                     rf"(?:\s*,?\s*(?P<yr>{YEAR}))?", 7),
        ("year", rf"(?:(?P<pos>{POS})[\s-]+|(?P<fy>fiscal(?:\s+year)?|fy)\s*|(?<![\d$£€.,/-]))(?P<yr>{YEAR})"
                 r"(?![\d]|,\d|\.\d|-\d)", 3),
        ("decade", rf"(?:(?P<pos>{POS})[\s-]+)?(?:the\s+)?(?:(?P<dec>(?:1[0-9]|20)\d0)'?s"
                   r"|(?P<ap>')(?P<dec2>\d0)s|(?P<dec3>[1-9]0)s(?=\W))\b", 5),
        ("yy", r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’])", 2),
        ("century", rf"(?:(?P<pos>{POS})[\s-]+)?(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORD})[\s-]+century",
         5),
        ("quarter", rf"(?:the\s+)?(?P<ord>{ORD}|final|1st|2nd|3rd|4th)[\s-]+(?P<qh>quarter|half)"
                    rf"(?:\s+(?:of\s+)?(?:(?P<yr>{YEAR})|(?P<rel>this|last|next|the|that)\s+(?:fiscal\s+|financial\s+)?year"
                    rf"|(?P<fy>fiscal|fy)\s*(?P<fyr>{YEAR})))?", 5),
        ("quarter_q", rf"\b(?P<q>q[1-4])(?:\s+(?P<yr>{YEAR}))?", 5),
        ("season", rf"(?:(?P<pre>this|last|next|early|late|mid|the|that)[\s-]+)?(?P<season>{SEASON})\b"
                   rf"(?:\s+(?:of\s+)?(?P<yr>{YEAR}))?", 4),
        ("rel_unit", rf"(?:(?P<pos>{POS})[\s-]+)?(?P<rel>{REL})\s+"
                     r"(?P<unit>week|month|year|quarter|weekend|decade|century|fortnight|fiscal\s+year|"
                     r"financial\s+year)\b", 5),
        ("pos_the", r"(?P<pos>(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|close))\s+of\s+the\s+"
                    r"(?P<unit>day|week|month|year|quarter|decade|(?:fiscal|financial)\s+year)\b", 5),
        ("weekday", rf"(?:(?P<hours>(?:the\s+)?early\s+hours\s+of|the\s+night\s+of|overnight\s+(?:on|into|to)|"
                    rf"(?:early|late)\s+on)\s+)?(?:(?:this\s+(?=(?:coming|past)\s))?(?P<rel>last|next|this|coming|past|previous|early|late)\s+)?"
                    rf"(?P<wd>{WD})(?P<pl>s)?(?:\s+(?P<pod>{POD}|overnight))?\b", 4),
        ("rel_day", rf"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<rd>{RELDAY})"
                    rf"(?:(?:['’]s)?\s+(?P<pod>{POD}))?\b", 5),
        ("pod", rf"(?P<det>this|last|that|the\s+same|the\s+previous|the\s+following|the\s+next|early\s+this|"
                rf"late\s+this|late\s+last|earlier\s+this|later\s+this|(?P<skip>\b(?:in|on|during)\s+)the)\s+"
                rf"(?P<pod>{POD})\b", 4),
        ("overnight", r"(?:(?P<det>late)\s+)?\b(?P<ovn>overnight)\b", 3),
        ("early_hours", r"(?:(?P<skip>in)\s+)?the\s+(?:early|small|wee)\s+hours(?:\s+of\s+(?:the\s+)?"
                        r"(?P<of>morning|today|yesterday|night))?", 4),
        ("clock", rf"(?:(?P<skip>at|by|from|until|till|before|after)\s+)?(?:(?P<approx>about|around|approximately|"
                  rf"shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
                  rf"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.\s?m\.|p\.\s?m\.|am\b|pm\b|"
                  rf"a\.m\b|p\.m\b)"
                  rf"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?!\d)(?:\s*(?P<hrs>hours|hrs|h\b))?"
                  rf"|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)\s*(?=(?:hours|hrs|gmt|utc)\b)(?P<hrs3>hours|hrs)?"
                  rf"|(?P<word>noon|midnight|midday))"
                  rf"(?:\s*(?P<tz>{TZ})(?P<off>\s*[+-]\s*\d{{1,2}}(?!\d))?|\s*\(\s*(?P<tzp>{TZ})(?P<offp>\s*[+-]\s*\d{{1,2}})?\s*\))?",
         5),
        ("ago", rf"(?:(?P<amod>{AMOD})\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+"
                r"(?P<dir>ago|earlier|later|from\s+now|hence|back|previously)\b", 6),
        ("duration", rf"(?:(?P<amod>{AMOD})\s+)?(?:(?P<det>(?:the|a|another|an)\s+(?:past|last|next|coming|previous|"
                     rf"first|following|final|preceding|entire|whole|remaining|additional|further)"
                     rf"|(?:past|last|next|first|coming|previous))\s+)?"
                     rf"(?P<num>{NUM})(?:\s+(?:more|additional|straight|consecutive|full|long|trading|business|"
                     rf"working|calendar))?[\s-]+(?P<unit>{UNIT})(?P<suffix>-long|-old|\s+old|\s+long)?", 5),
        # "between 60 and 90 days", "two to three weeks": two durations sharing a unit
        ("dur_range", rf"(?:(?P<skip>between|from)\s+)?(?P<n1>{NUM})\s*(?:-|–|to|and|or)\s*(?P<num>{NUM})[\s-]+"
                      rf"(?P<unit>{UNIT})", 6),
        ("plural", r"(?:(?P<pre>recent|the\s+past|the\s+last|over\s+the|the\s+next|the\s+coming)\s+|"
                   r"(?P<skip>\b(?:for|in|within)\s+))?(?P<unit>years|months|weeks|decades|centuries|minutes|hours|"
                   r"days)(?P<suffix>-long|-old)?\b(?:\s+(?P<ago>ago)\b)?", 2),
        ("set", rf"(?:(?:(?P<times>once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|every|each)"
                rf"|(?P<every>every|each|per)(?:\s+(?P<other>other|single))?)\s+(?:(?P<num>{NUM})\s+)?"
                rf"(?P<unit>{UNIT}|(?P<wd>{WD})|(?P<pod>{POD})))", 6),
        ("freq", rf"\b(?P<freq>{FREQ})\b", 3),
        ("ref", rf"(?<![\w-])(?P<ref>{REF})(?![\w-])", 2),
        ("anaphor", r"(?:(?P<pos>early|late|earlier|later)\s+in\s+)?"
                    r"(?P<det>the\s+same|that\s+same|that|the|this\s+very|that\s+very)\s+"
                    r"(?P<unit>day|night|week|month|year|quarter|time|morning|evening|afternoon|weekend|date|period)\b",
         2),
        ("rel_anaphor", r"the\s+(?P<dir>following|next|previous|preceding|prior|subsequent)\s+"
                        r"(?P<unit>day|night|week|month|year|morning|evening|afternoon|weekend)\b"
                        r"|the\s+(?P<unit2>day|night|week|month|year)\s+(?P<dir2>before|after|earlier|later|previous|prior)\b",
         5),
        ("holiday", rf"(?P<hol>{HOLIDAY})(?:\s+(?P<yr>{YEAR}))?", 4),
        # "for a second consecutive day", "a fourth week in a row": the day or week in view
        ("consec", rf"(?:(?:a|the)\s+)?(?P<ord>{ORD}|\d+(?:st|nd|rd|th))\s+(?:(?P<cons>straight|consecutive|"
                   r"successive)\s+)?(?P<unit>day|week|month|year|session|night)\b(?(cons)|(?=\s+in\s+a\s+row\b))", 6),
        # "in morning trading": the morning of the day in view
        ("pod_trade", r"(?P<pod>morning|afternoon|evening)(?=\s+(?:trading|session|dealings)\b)", 3),
        # "the year-earlier quarter", "the year-ago period": the period a year before the one in view
        ("year_ago", r"year-(?:earlier|ago)\b", 5),
    ]
    out = []
    for name, pattern, prio in specs:
        # White space in the rules is spaces and tabs: line breaks are handled in find_candidates.
        # An expression starts at a word boundary ("per" is not in "Super", "last" not in "blast").
        pattern = r"(?<![a-z0-9])" + _no_newline(pattern)
        out.append(Rule(name, re.compile(pattern), prio))
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


@cache
def key_words() -> dict[str, frozenset[str]]:
    """Word -> the rules that need it: a rule runs only in windows around its key words."""
    lx = lexicon()
    table: dict[str, set[str]] = {}

    def add(words: object, *names: str) -> None:
        for w in words:  # type: ignore[attr-defined]
            for part in _words(str(w)):
                table.setdefault(part, set()).update(names)

    month_rules = ("date", "day_range", "day_range2", "month_year", "month", "ord_weekday", "ord_week", "season")
    add(lx.months, *month_rules)
    add(lx.weekdays, "weekday", "date", "ord_weekday", "set")
    add([w + "s" for w in lx.weekdays if len(w) > 3], "weekday", "set")
    units = list(lx.units) + list(lx.unit_plurals)
    add(units + [u + "s" for u in lx.units], "duration", "ago", "plural", "set", "dur_range")
    add(["week", "month", "year", "quarter", "weekend", "decade", "century", "fortnight"], "rel_unit")
    add(["day", "night", "week", "month", "year", "time", "morning", "evening", "afternoon", "weekend", "date",
         "period", "quarter"], "anaphor", "rel_anaphor")
    add(["day", "week", "month", "year", "quarter", "decade"], "pos_the")
    add(["week"], "ord_week")
    add(["quarter", "half"], "quarter")
    add(["century", "centuries"], "century")
    add(["hours"], "early_hours")
    add(lx.seasons, "season")
    add(lx.parts_of_day, "pod", "weekday", "rel_day", "early_hours", "set", "overnight", "anaphor", "rel_anaphor")
    add([r.split()[-1] for r in lx.relative_days], "rel_day")
    add([r.split()[-1] for r in lx.references], "ref", "plural")
    add(lx.frequency_words, "freq")
    add([h.split()[0].split("'")[0] for h in lx.holidays], "holiday")
    add(lx.clock_words, "clock")
    add(["gmt", "utc", "hours", "hrs", *lx.utc_zones, *lx.other_zones], "clock")
    add(["ago", "earlier", "later", "now", "hence", "back", "previously"], "ago")
    add(["ago", "earlier"], "year_ago")
    add(["day", "week", "month", "year", "session", "night"], "consec")
    add(["morning", "afternoon", "evening"], "pod_trade")
    add(["every", "each", "per", "once", "twice", "thrice", "times"], "set")
    add(["fiscal", "fy"], "year", "quarter")
    add(["same"], "same_period")
    add(["q"], "quarter_q")
    return {k: frozenset(v) for k, v in table.items()}


# Rules keyed on digits, chosen by what follows the number.
_DIGIT_ANY = frozenset({"slash", "dotted", "clock"})
_DIGIT_YEAR = _DIGIT_ANY | {"year", "iso"}
_DIGIT_DECADE = _DIGIT_ANY | {"decade", "year"}
_DIGIT_ORDINAL = _DIGIT_ANY | {"century", "dom"}
_DIGIT_YY = _DIGIT_ANY | {"yy"}


def _digit_rules(text: str, start: int, end: int) -> frozenset[str]:
    nxt = text[end : end + 2]
    if start > 0 and text[start - 1] in "'’":
        return _DIGIT_YY | ({"decade"} if nxt[:1] == "s" else set())
    if nxt[:1] == "s" or nxt == "'s" or nxt == "’s":
        return _DIGIT_DECADE
    if nxt in ("st", "nd", "rd", "th"):
        return _DIGIT_ORDINAL
    return _DIGIT_YEAR if end - start == 4 else _DIGIT_ANY


Trie = dict[str, "Trie"]


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` shaped as a trie (much faster than a flat alternation)."""
    trie: Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: Trie) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@cache
def _key_regex() -> re.Pattern[str]:
    """Digits, or a key word standing alone."""
    return re.compile(r"\d+|\b" + _trie_pattern(sorted(key_words())) + r"\b")
_SINGLE_NEWLINE = re.compile(r"(?<![\n])\n(?![ \t]*\n)(?<!\n[ \t]\n)")
_WINDOW = 40  # characters searched on each side of a key word (longer than any expression's reach)


def _windows_by_rule(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each rule, the merged stretches of `text` (lower case) around its key words."""
    keys = key_words()
    n = len(text)
    by_set: dict[frozenset[str], list[tuple[int, int]]] = {}
    for m in _key_regex().finditer(text):
        word = m.group()
        names = _digit_rules(text, m.start(), m.end()) if word[0].isdigit() else keys.get(word)
        if not names:
            continue
        lo, hi = m.start() - _WINDOW, m.end() + _WINDOW
        spans = by_set.get(names)
        if spans is None:
            by_set[names] = [(lo, hi)]
        elif lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    per_rule: dict[str, list[tuple[int, int]]] = {}
    for names, spans in by_set.items():
        for name in names:
            per_rule.setdefault(name, []).extend(spans)
    out: dict[str, list[tuple[int, int]]] = {}
    for name, spans in per_rule.items():
        spans.sort()
        merged: list[tuple[int, int]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1]:
                if hi > merged[-1][1]:
                    merged[-1] = (merged[-1][0], hi)
            else:
                merged.append((lo, hi))
        snapped = []
        for lo, hi in merged:
            lo = text.rfind(" ", 0, lo) + 1 if lo > 0 else 0
            hi = (text.find(" ", hi) if hi < n else n)
            snapped.append((lo, n if hi < 0 else hi))
        out[name] = snapped
    return out


def _no_newline(pattern: str) -> str:
    """`pattern` with white space `\\s` narrowed to spaces and tabs (in and out of classes)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            if pair == r"\s":
                out.append(r" \t\xa0" if in_class else r"[ \t\xa0]")
            else:
                out.append(pair)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def find_candidates(text: str) -> list[Candidate]:
    """Every rule match in `text` (overlapping; `select` keeps the best non-overlapping set)."""
    found: list[Candidate] = []
    original = text
    text = text.translate(_ASCII_LOWER)  # same length and offsets; rules are written in lower case
    # A line break inside a paragraph (wrapped newswire) is a space; a blank line is a barrier no
    # expression crosses (a title and the date line under it, separate paragraphs).
    if "\n" in text:
        text = _SINGLE_NEWLINE.sub(" ", text)
    by_rule = _windows_by_rule(text)
    for rule in rules():
        windows = by_rule.get(rule.name, [])
        matches = (m for lo, hi in windows for m in rule.regex.finditer(text, lo, hi))
        for m in matches:
            if any(m.group(g) and not original[m.start(g)].isupper()
                   for g in _CAPITALISED if g in rule.regex.groupindex):
                continue
            start = m.end("skip") if "skip" in rule.regex.groupindex and m.group("skip") else m.start()
            while start < m.end() and text[start].isspace():
                start += 1
            end = m.end()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end <= start:
                continue
            spans = {k: m.span(k) for k, v in m.groupdict().items() if v is not None}
            found.append(Candidate(start, end, rule.name, m.groupdict(), rule.priority, spans))
    return found


def select(cands: list[Candidate]) -> list[Candidate]:
    """The longest non-overlapping candidates (ties go to the rule with the higher priority)."""
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    starts: list[int] = []  # the taken extents, kept sorted and disjoint
    ends: list[int] = []
    taken: list[Candidate] = []
    for c in ordered:
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:  # the taken extent starting before c runs into it
            continue
        if i < len(starts) and starts[i] < c.end:  # the next taken extent starts inside c
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)
