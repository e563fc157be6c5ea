"""Resolve step `resolve_places`: every toponym against the gazetteer, ranked with the article's context.

Each name's candidates are scored on what the name alone says (how it matched, the feature's
type and population, "region"/"town of" cues, a containing region written beside it) and then on
the story around it: the dateline, the countries and first-level regions the other names point to
(leave-one-out, so an ambiguous name does not vote for itself), and the places next to it.
A name with no candidate stays unresolved (empty coordinates) and never disturbs the others.

Events then take the most specific place their sentence supports (ACLED geo_precision:
1 a named town, 2 near a town or a district, 3 a whole region or country); a sentence with no
place name falls back to "Russian regions"-style demonyms, then to the previous sentence's place
in the same paragraph.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventwire.errors import EventwireError
from eventwire.knowledge.alternation import word_alternation
from eventwire.knowledge.gazetteer import Candidate, Gazetteer, PlaceRow, get_gazetteer
from eventwire.knowledge.gazetteer.context import (
    SpanContext,
    cues,
    part_container,
    part_of_name,
    region_level,
    span_context,
    split_region_word,
)
from eventwire.knowledge.gazetteer.demonyms import demonym_country, region_demonym
from eventwire.knowledge.gazetteer.store import ALTERNATE, DERIVED, SPELLING
from eventwire.knowledge.geodesy import great_circle_km
from eventwire.records import Event, Extraction, Place, Span

# Weights of the ranking (log-linear; tuned on the phenomena, see docs/geo.md).
W_KIND = {0: 0.0, 1: -0.7, 2: -1.2, 3: -1.0}
W_POP = 0.35
W_LEVEL = {"country": 2.0, "admin1": 0.5, "admin2": -0.3, "populated_place": 0.0, "other": 1.0}
W_SAME_NAME_ADMIN = -1.5  # an admin area named like a town inside it ("Kyiv" city vs "Kyiv" region)
W_HINT = 3.0
W_TERRITORY = 2.0
WATER_WORDS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "straits", "channel", "lake", "river"})
W_CONTAINER = 4.0
W_CONTAINER_POSITION = 1.5
# A name written with its division word ("Donetsk Oblast", "Kano State", "Pokrovsk district"):
# a candidate of the level the word names, and one whose own names include the whole phrase, win
# over the story's country coherence (which tops out around 5.5).
W_LEVEL_WORD = 2.0
W_WHOLE_NAME = 3.0
W_COUNTRY_CTX = 2.5
W_ADMIN1_CTX = 1.5
# The other names' votes weigh by distance in the text: 1 beside the name, e^-1 of the way down to
# VOTE_FLOOR at VOTE_REACH characters (about two sentences).
VOTE_REACH = 300.0
VOTE_FLOOR = 0.3
VOTE_CUTOFF = 5 * VOTE_REACH  # e^-5: further off, a vote counts VOTE_FLOOR
W_DATELINE_COUNTRY = 1.0
W_DATELINE_ADMIN1 = 0.5
W_NEAR_KM = 0.8
NEAR_KM = 500.0
W_COUNTRY_OWN_NAME = 2.0
W_CAPITAL = 1.0  # national capitals stand for their governments and are named far more often
W_VILLAGE = 1.5  # a state of millions over the villages named after it
# A list of names ("Nevada, New Mexico, Ohio, Oregon and Wyoming"; "Alberta, Manitoba, Ontario and New
# Brunswick") names places of one kind: a member whose namesakes include one of the kind and country
# most of the others are gains (a state in a list of states, not the town of Oregon, Ohio).
W_LIST = 2.5
_PLURAL_AFTER = re.compile(r"\s+([a-z]+)\b")
# "twelve in Ontario, eight in Alberta, one in New Brunswick, and one in Quebec": counts between members
_LIST_SEP = re.compile(r"^\s*(?:,|/|;|,?\s+(?:and|or|&)|,?\s+as\s+well\s+as)\s*"
                       r"(?:(?:\d[\d,.]*|[a-z]+)\s+(?:in|from)\s+)?$")
ITERATIONS = 3
MAX_CANDIDATES = 30
W_PROX = 1.0
PROX_KM = 250
PROX_DEG = PROX_KM / 111.0  # degrees of latitude within PROX_KM
LOCAL_LEVELS = frozenset({"populated_place", "admin2"})

SPECIFICITY = {"populated_place": 4, "other": 3, "admin2": 2, "admin1": 1, "country": 0}
WIDE_AREAS = frozenset({"RGN", "CONT", "OCN"})  # "the Middle East", "Europe", "the Pacific": wider than any country


# Rivers, lakes, ranges, deserts and deltas run across regions: as an event's place they say no more
# than a region (ACLED precision 3), and less than the division or town the same sentence names.
NATURAL_FEATURES = frozenset({"LK", "RSV", "STM", "MTS", "MT", "DSRT", "DLTA", "PLAT", "VAL"})


def _specificity(p: Place) -> int:
    if p.level == "other" and p.country_code is None and p.feature_code in WIDE_AREAS | NATURAL_FEATURES:
        return -1
    if p.level == "other" and p.feature_code in NATURAL_FEATURES:
        return 0
    return SPECIFICITY.get(p.level or "other", 0)


_GroupKey = tuple[str, tuple[float, ...]]  # a name and its scores on its own: its mentions score alike


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    ctx: SpanContext
    region: bool
    cands: tuple[Candidate, ...] = ()
    container: PlaceRow | None = None
    level_word: str | None = None
    country_own: bool = False  # a country has this as its own name
    approx: bool = False  # no place of this name: its candidates are the place the text puts it in
    whole: frozenset[int] = frozenset()
    base: list[float] = field(default_factory=list)
    probs: list[float] = field(default_factory=list)

    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = self.name.casefold()


def _clean(name: str) -> str:
    name = name.strip()
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"(?:'s|’s|'|’)$", "", name)
    name = re.sub(r"-based$", "", name)
    return name.strip(" ,.;:")


def _lookup(gaz: Gazetteer, name: str) -> tuple[tuple[Candidate, ...], bool]:
    """Candidates for a written name and whether it carried a region word ("Kursk region")."""
    name = _clean(name)
    stem, region = split_region_word(name)
    cands = gaz.candidates(stem) if stem else ()
    if region:
        admin = tuple(c for c in cands if c.row.level in ("admin1", "admin2"))
        whole = gaz.candidates(name)
        # divisions by the whole written name too ("Coast Province": the former Kenyan province beside
        # Tanzania's Coast region); the story's context decides between them
        seen = {c.row.geonameid for c in admin}
        admin += tuple(c for c in whole if c.row.level in ("admin1", "admin2") and c.row.geonameid not in seen)
        # and a region whose own name is the whole phrase ("the Kurdistan Region": Iraq's, not Iran's province)
        exact = tuple(c for c in whole if c.kind == 0 and c.row.level == "other")
        cands = (admin + exact) or whole or cands
    if not cands and name.isupper() and len(name) > 3:
        cands = gaz.candidates(name.title())
    # A demonym given as a place ("American", "Palestinians", "Iraqi") stands for its country, and a
    # region's ("the South Ossetian capital", "Ontarians") for the region: before any village spelled
    # like it, and beside the towns named so ("Canadian winters": Canadian, Texas, 2,700 people).
    cc = demonym_country(name) if name[:1].isupper() else None
    if cc is not None:
        row = gaz.country(cc)
        named: tuple[PlaceRow, ...] = (row,) if row is not None else ()
    else:
        place = region_demonym(name) if name[:1].isupper() else None
        named = tuple(c.row for c in gaz.candidates(place) if c.kind <= ALTERNATE) if place else ()
    seen = {c.row.geonameid for c in cands}
    extra = tuple(Candidate(r, ALTERNATE) for r in named if r.geonameid not in seen)
    if extra:
        cands = extra if all(c.kind == SPELLING for c in cands) else (*cands, *extra)
    return cands, region


def _container(gaz: Gazetteer, text: str | None) -> PlaceRow | None:
    """The region or country named beside a place ("Sudzha, Kursk Oblast" -> Kursk Oblast)."""
    if not text:
        return None
    words = text.split()
    for n in range(min(len(words), 5), 0, -1):
        cands, region = _lookup(gaz, " ".join(words[:n]))
        if any(c.kind == 0 and c.row.feature_class == "H" for c in cands):
            return None  # "a ship near Hodeidah in the Red Sea": the sea, not Sudan's Red Sea State
        areas = [c for c in cands if c.row.level in ("country", "admin1", "admin2") and c.kind <= 2]
        if areas:
            # "Donetsk Oblast" / "Donetsk region": the first-level region before any namesake district
            return max(areas, key=lambda c: (region and c.row.level == "admin1", c.kind == 0,
                                             c.row.level == "admin1", c.row.population)).row
    return None


_LIST_GOES_ON = re.compile(r"\s*(?:,\s+(?P<next>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)|and\b|or\b|&)")


def _list_goes_on(text: str, end: int) -> bool:
    """Whether the name after the one ending at `end` ("Ohio, Oregon") is followed by more of a list or
    ends the sentence ("Ohio, Oregon, South Carolina"; "... in Ohio, Oregon."), not by words of its own."""
    m = re.match(r",\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*", text[end:end + 80])
    if m is None:
        return True
    rest = text[end + m.end():end + m.end() + 40]
    return not re.match(r",\s+(?:a|an|the|which|where|who|home|about|some)\b", rest)


def _container_is_listed(gaz: Gazetteer, m: _Mention, text: str) -> bool:
    """Whether the area written after a name is a member of a list going on after it ("Crockett,
    Palestine and Houston"; "Kiev, Minsk and Riga"), not its container ("Hebron, Palestine";
    "Reading, Berkshire, UK": a country after it closes a chain)."""
    written = m.ctx.container
    if not written or written not in text[m.end:m.end + len(written) + 8]:
        return False
    after = _LIST_GOES_ON.match(text, m.end + text[m.end:].index(written) + len(written))
    if after is None:
        return False
    nxt = after.group("next")
    return nxt is None or not any(c.row.level == "country" and c.kind <= ALTERNATE
                                  for c in gaz.candidates(_clean(nxt)))


def _names_its_division(gaz: Gazetteer, m: _Mention, text: str) -> bool:
    """Whether the area written after a name surely is the division it lies in: one written with its
    division word ("Novokaterynivka, Donetsk Oblast"), or a first-level division after a comma or
    "in" that ends the phrase or leads to its country ("Stroud, Ontario, Canada"), not a member
    of a list ("Kiev, Minsk and Riga"; "Cooke, Grayson and Love counties") or a country's namesake
    division ("Chicacao, Guatemala")."""
    written = m.ctx.container
    if m.container is None or not written:
        return False
    clean = _clean(written)
    if not any(c.row.geonameid == m.container.geonameid for c in _lookup(gaz, clean)[0]):
        return False  # the area is named by only the first words ("San Fernando" of "San Fernando Valley")
    if split_region_word(clean)[1]:
        return m.container.level == "admin1"
    if (m.container.level != "admin1" or clean.casefold() in cues().not_places
            or not re.match(r"^(?:,\s+|\s+in\s+)" + re.escape(written), text[m.end:])
            or any(c.row.level == "country" and c.kind <= ALTERNATE for c in gaz.candidates(clean))):
        return False
    return not _container_is_listed(gaz, m, text)


_ELLIPSIS = re.compile(r"\s+(?:and|or|&)\s+(?P<dir>[A-Z][a-z\-]+)\s+(?P<head>[A-Z][\w'’\-]+)")


@lru_cache(maxsize=1)
def _direction_words() -> frozenset[str]:
    return frozenset(d.casefold() for d in cues().directions)


def _shared_head(text: str, end: int, name: str) -> str | None:
    """"Central and South America", "North and South Korea": a direction word alone before a coordinated
    name shares its head noun: "Central America"."""
    directions = _direction_words()
    if _clean(name).casefold() not in directions:
        return None
    m = _ELLIPSIS.match(text, end)
    if m is None or m.group("dir").casefold() not in directions:
        return None
    return f"{_clean(name)} {m.group('head')}"


def _foreign_spellings(m: _Mention, text: str) -> bool:
    """"Kalam in the Swat Valley": the area written after "in" is in another country than every
    candidate, and none of them is spelled as written (Kallam, India): a place the gazetteer lacks."""
    assert m.container is not None
    return (all(c.kind >= ALTERNATE and c.row.country_code != m.container.country_code for c in m.cands)
            and re.match(r"\s+in\s", text[m.end:m.end + 4]) is not None)


def _stand_ins(gaz: Gazetteer, text: str, start: int, end: int, name: str) -> tuple[Candidate, ...]:
    """Candidates for a name the gazetteer lacks: the place it is named by ("North Dallas" -> Dallas,
    "Swat Valley" -> Swat) if it lies in the area the text puts the name in, else that area ("Abu Shok
    camp in Al-Fashir", "Kharkiv's Saltivka district"), which is how ACLED codes a village it cannot find."""
    not_places = cues().not_places
    area: tuple[Candidate, ...] = ()
    where = part_container(text, start, end)
    words = _clean(where).split() if where else []
    for n in range(min(len(words), 5), 0, -1):
        head = " ".join(words[:n])
        if n == 1 and head.casefold() in not_places:
            break
        area = tuple(c for c in _lookup(gaz, head)[0] if c.kind <= DERIVED)
        if area:
            break
    part = part_of_name(_clean(name))
    if part and part.casefold() not in not_places:
        named_by = tuple(c for c in _lookup(gaz, part)[0] if c.kind <= DERIVED)
        if area:
            named_by = tuple(c for c in named_by if any(_inside(c.row, a.row) for a in area))
        if named_by:
            return named_by
    return area


def _spelling_only(gaz: Gazetteer, text: str, m: _Mention) -> None:
    """A name found only by its spelling skeleton ("Cellardyke" ~ a namesake an ocean away) gives way to
    the area the text puts it in when no such namesake lies there."""
    if not m.cands or any(c.kind < SPELLING for c in m.cands):
        return
    area = _stand_ins(gaz, text, m.start, m.end, m.name)
    if any(a.row.feature_class == "H" for a in area):
        return  # "near Hodeidah in the Red Sea": a sea, not Sudan's Red Sea State, and a sea holds no town
    if area and not any(_inside(c.row, a.row) for c in m.cands for a in area):
        m.cands, m.approx = area, True


def _fits_story(out: list[Place | None], mentions: list[_Mention]) -> None:
    """A stand-in in a country no other place of the story is in is a namesake, not the place: dropped
    ("West Midlands" -> Zimbabwe's Midlands in a story about England)."""
    countries = {p.country_code for p, m in zip(out, mentions, strict=True) if p is not None and not m.approx}
    if not countries:
        return
    for i, (p, m) in enumerate(zip(out, mentions, strict=True)):
        if p is not None and m.approx and p.country_code not in countries:
            out[i] = None


def _chain_containers(mentions: list[_Mention]) -> None:
    """"Reading, Berkshire, UK": the country that ends a chain of containers rules every link.
    A link whose container lies in another country takes the chain's country instead, and a
    local name with no candidate in that country stands for the country itself (better a
    country-level place than a namesake county an ocean away)."""
    for a, b in itertools.pairwise(reversed(mentions)):
        # walking right to left, so a chain's country reaches its first link: b is before a
        if (a.container is None or a.container.level != "country" or b.container is None
                or _clean(a.name) != _clean(b.ctx.container or "")):
            continue
        if b.container.country_code != a.container.country_code:
            b.container = a.container
    for m in mentions:
        if (m.container is not None and m.container.level == "country" and m.cands
                and all(c.row.level in LOCAL_LEVELS for c in m.cands)
                and not any(c.row.country_code == m.container.country_code for c in m.cands)):
            m.cands = (Candidate(m.container, DERIVED),)


def _inside(row: PlaceRow, area: PlaceRow) -> bool:
    if row.geonameid == area.geonameid or row.country_code != area.country_code:
        return False
    if area.level == "country":
        return True
    if area.level == "admin1":
        return row.admin1 == area.admin1 and row.level != "admin1"
    if area.level == "admin2":
        return row.admin1 == area.admin1 and row.admin2 == area.admin2 and row.level == "populated_place"
    return False


def _intrinsic(m: _Mention, c: Candidate, towns: dict[tuple[str | None, str | None], int]) -> float:
    row = c.row
    s = W_KIND.get(c.kind, -1.5) + W_POP * math.log10(row.population + 1) + W_LEVEL.get(row.level, 0.0)
    regionish = m.region or m.ctx.hint == "region"
    if c.kind >= 1 and m.country_own and row.level != "country" and m.ctx.hint != "town":
        s -= W_COUNTRY_OWN_NAME  # "Mexico" is the country before the capital that has it as an alternate name
    if row.level in ("admin1", "admin2"):
        if regionish:
            s += W_HINT
        elif m.ctx.territory:
            s += W_TERRITORY
        elif towns.get((row.country_code, row.admin1), 9) <= c.kind:
            s += W_SAME_NAME_ADMIN
        if m.ctx.hint == "town":
            s -= W_HINT
    elif row.level == "populated_place":
        if row.feature_code == "PPLC":
            s += W_CAPITAL
        if m.ctx.hint == "town":
            s += W_HINT
        if regionish:
            s -= W_HINT
    elif row.level == "other" and row.feature_code in WIDE_AREAS and regionish:
        s += W_HINT  # "the tropical Pacific region", "the Sahel region": the wide area, not Pacific County
    if row.feature_class == "H" and not WATER_WORDS.isdisjoint(m.key.split()):
        s += W_HINT  # "Red Sea", "Gulf of Aden": the water, not the province named after it
    if m.ctx.contained_in_place and row.level in ("admin1", "country"):
        s += W_CONTAINER_POSITION  # "Albany, New York": the name after the comma is the state
    if m.level_word is not None:
        if row.level == m.level_word:
            s += W_LEVEL_WORD
        if row.geonameid in m.whole:
            s += W_WHOLE_NAME
    if m.container is not None:
        if _inside(row, m.container):
            s += W_CONTAINER
        elif m.container.level == "country" and row.country_code != m.container.country_code:
            s -= 1.0
    return s


def _city_region(m: _Mention) -> None:
    """"The Houston region", "the Chicago area": with no division of the level the word names, a city
    ten times as populous as every division of its name is the area meant (around the city, ACLED
    precision 2), not Houston County, TX a hundred miles away. "The Kursk region" keeps the oblast."""
    if not (m.region or m.ctx.hint == "region") or any(c.row.level == m.level_word for c in m.cands):
        return
    admin_pop = max((c.row.population for c in m.cands if c.row.level in ("admin1", "admin2")), default=None)
    if admin_pop is None:
        return
    if not any(c.row.level == "populated_place" and c.row.population >= 10 * max(admin_pop, 1) for c in m.cands):
        return
    # the region cue goes to the city: its penalty as a town and the divisions' bonus are undone
    m.base = [b + (W_HINT if c.row.level == "populated_place" else -W_HINT if c.row.level in ("admin1", "admin2")
                   else 0.0) for c, b in zip(m.cands, m.base, strict=True)]


def _state_over_village(m: _Mention) -> None:
    """"Florida", "Ontario": a state or province of millions is named far more often than the villages
    named after it (Florida, NY; Ontario, NY): a village under a hundredth of its size needs a cue of
    its own (a town word, a container) to win on the story's context alone."""
    if m.ctx.hint == "town" or m.ctx.container is not None or m.country_own:
        return  # "Georgia": the country and the state are both named often; the story decides
    # "Alexandria": a city of millions too, the towns compete among themselves; "Punjab": every state of
    # the name gains alike, so the story still decides between Pakistan's and India's
    towns = max((c.row.population for c in m.cands if c.kind == 0 and c.row.level == "populated_place"), default=0)
    floor = max(1_000_000, 100 * towns)
    m.base = [b + (W_VILLAGE if c.kind == 0 and c.row.level == "admin1" and c.row.population >= floor else 0.0)
              for c, b in zip(m.cands, m.base, strict=True)]


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    top = max(xs)
    es = [math.exp(x - top) for x in xs]
    total = sum(es)
    return [e / total for e in es]


def _precision(row: PlaceRow, ctx: SpanContext) -> int:
    if row.level == "populated_place":
        return 2 if ctx.near or ctx.hint == "region" else 1
    if row.level == "admin2" or (row.level == "other" and row.feature_code not in NATURAL_FEATURES):
        return 2
    return 3


def place_from_row(gaz: Gazetteer, row: PlaceRow, name: str, span: Span | None, ctx: SpanContext | None,
                   score: float | None) -> Place:
    """A Place record filled from a gazetteer row."""
    a1 = gaz.admin1(row.country_code, row.admin1) if row.admin1 else None
    a2 = gaz.admin2(row.country_code, row.admin1, row.admin2) if row.admin2 else None
    level = row.level if row.level in ("country", "admin1", "admin2", "populated_place") else "other"
    return Place(
        span=span, name=name, geonameid=row.geonameid, lat=row.lat, lon=row.lon, country_code=row.country_code,
        admin1=row.admin1, admin1_name=(a1.name if a1 else (row.name if row.level == "admin1" else None)),
        admin2_name=(a2.name if a2 else (row.name if row.level == "admin2" else None)),
        feature_code=row.feature_code, level=level,
        precision=_precision(row, ctx or SpanContext()), score=None if score is None else round(score, 4),
    )


def resolve_spans(text: str, spans: Sequence[tuple[int, int]], *, dateline: tuple[int, int] | None = None,
                  gazetteer: Gazetteer | None = None) -> list[Place | None]:
    """Resolve the place names at `spans` of `text`, in order; None where nothing fits.

    >>> resolve_spans("Troops entered Sudzha, Kursk Oblast.", [(15, 21)])[0].geonameid  # doctest: +SKIP
    486816
    """
    gaz = gazetteer or get_gazetteer()
    mentions: list[_Mention] = []
    for start, end in spans:
        name = text[start:end]
        ctx = span_context(text, start, end)
        cands, region = _lookup(gaz, name)
        shared = _shared_head(text, end, name)
        if shared:
            joined = tuple(c for c in _lookup(gaz, shared)[0] if c.kind <= ALTERNATE)
            cands = joined or cands
        m = _Mention(start, end, name, ctx, region, cands)
        if not cands:
            m.cands = _stand_ins(gaz, text, start, end, name)
            m.approx = bool(m.cands)
        else:
            _spelling_only(gaz, text, m)
        if region:
            clean = _clean(name)
            m.level_word = region_level(clean)
            m.whole = frozenset(c.row.geonameid for c in gaz.candidates(clean) if c.kind <= 1)
        elif ctx.level is not None:
            m.level_word = ctx.level  # "the province of Ontario": the province, not Ontario County, NY
        m.container = _container(gaz, ctx.container)
        if m.container is not None and m.container.level == "country" and _container_is_listed(gaz, m, text):
            m.container = None  # "volunteers from Crockett, Palestine and Houston": Palestine, Texas, a list
        if m.container is not None and any(
                c.kind <= 1 and (c.row.level == "country"
                                 or (c.row.level == m.container.level == "admin1" and _list_goes_on(text, end)))
                for c in m.cands):
            # "Armenia, Georgia, Iraq, Iran": a list, not "Albany, New York": a country is in no container,
            # and "Ohio, Oregon, South Carolina" names states side by side ("Florida, New York, a village
            # in Orange County" does not).
            m.container = None
        if (m.container is not None and m.cands
                and (_names_its_division(gaz, m, text) or _foreign_spellings(m, text))
                and all(c.row.level in LOCAL_LEVELS for c in m.cands)
                and not any(_inside(c.row, m.container) for c in m.cands)):
            # "Novokaterynivka, Donetsk Oblast" / "Stroud, Ontario" with no such town in the gazetteer:
            # the region it is in, not a namesake hundreds of kilometres away.
            m.cands = (Candidate(m.container, DERIVED),)
            m.approx = True
        if m.approx:  # the cues around the name describe it, not the place standing in for it
            m.ctx, m.region, m.level_word, m.container = SpanContext(near=m.ctx.near), False, None, None
        mentions.append(m)
    _chain_containers(mentions)
    all_mentions = list(mentions)
    dl: _Mention | None = None
    if dateline is not None and not any(m.start == dateline[0] for m in mentions):
        name = text[dateline[0]:dateline[1]]
        cands, region = _lookup(gaz, name)
        dl = _Mention(dateline[0], dateline[1], name, SpanContext(), region, cands)
        all_mentions.append(dl)

    # 1. What each name says on its own.
    for m in all_mentions:
        m.country_own = any(c.kind == 0 and c.row.level == "country" for c in m.cands)
        towns = {(c.row.country_code, c.row.admin1): c.kind for c in m.cands if c.row.level == "populated_place"}
        base = [_intrinsic(m, c, towns) for c in m.cands]
        if len(base) > MAX_CANDIDATES:  # "Washington" has hundreds of namesakes: keep the plausible ones
            keep = sorted(range(len(base)), key=lambda i: -base[i])[:MAX_CANDIDATES]
            m.cands = tuple(m.cands[i] for i in keep)
            base = [base[i] for i in keep]
        m.base = base
        _city_region(m)
        _state_over_village(m)
    _list_coherence(mentions, text)
    for m in all_mentions:
        m.probs = _softmax(m.base)

    # 2. The story's geography: which countries / first-level regions the other names point to,
    #    re-estimated a few times from the context-aware choices (leave-one-out each time).
    dl_row = None
    if dateline is not None:
        dm = dl or next((m for m in mentions if m.start == dateline[0]), None)
        if dm and dm.cands:
            dl_row = dm.cands[max(range(len(dm.cands)), key=lambda i: dm.base[i])].row
    # Per candidate, once: its country / (country, admin1) keys and the dateline's pull.
    keys: list[list[tuple[str | None, tuple[str, str] | None]]] = []
    static: list[list[float]] = []
    for m in all_mentions:
        ks, st = [], []
        for c, b in zip(m.cands, m.base, strict=True):
            r = c.row
            akey = (r.country_code, r.admin1) if r.country_code and r.admin1 and r.level != "country" else None
            ks.append((r.country_code, akey))
            if dl_row is not None and dl_row.geonameid != r.geonameid and r.country_code == dl_row.country_code:
                b += W_DATELINE_COUNTRY + (W_DATELINE_ADMIN1 if r.admin1 and r.admin1 == dl_row.admin1 else 0.0)
            st.append(b)
        keys.append(ks)
        static.append(st)
    scores_of: list[list[float]] = [list(st) for st in static]
    # The same name with the same cues scores the same ("one sense per discourse"): one group each,
    # and the other names' votes weigh by how near in the text they are to the group's nearest mention.
    groups: dict[_GroupKey, list[int]] = defaultdict(list)
    for j, (m, st) in enumerate(zip(all_mentions, static, strict=True)):
        if len(m.cands) > 1:
            groups[(m.key, tuple(st))].append(j)
    near_of = _nearby(all_mentions, groups)
    for _ in range(ITERATIONS):
        contrib: list[tuple[dict[str | None, float], dict[tuple[str, str] | None, float]]] = []
        cv_all: dict[str | None, float] = defaultdict(float)
        av_all: dict[tuple[str, str] | None, float] = defaultdict(float)
        for m, ks in zip(all_mentions, keys, strict=True):
            cv: dict[str | None, float] = defaultdict(float)
            av: dict[tuple[str, str] | None, float] = defaultdict(float)
            if not m.approx:  # a stand-in echoes the name it stands in for: it takes the story's votes, gives none
                for (cc, akey), p in zip(ks, m.probs, strict=True):
                    cv[cc] += p
                    av[akey] += p
            _add_votes(cv_all, av_all, (cv, av), 1.0)
            contrib.append((cv, av))
        # Places named in one story are usually near each other: the confident local choices so far.
        anchors: dict[tuple[float, float], list[int]] = defaultdict(list)
        for i, m in enumerate(all_mentions):
            if m.probs and not m.approx:
                b = max(range(len(m.probs)), key=lambda i: m.probs[i])
                r = m.cands[b].row
                if m.probs[b] >= 0.5 and r.level in LOCAL_LEVELS and r.lat is not None and r.lon is not None:
                    anchors[(round(r.lat, 1), round(r.lon, 1))].append(i)
        anchor_pts = sorted(anchors)
        anchor_lats = [pt[0] for pt in anchor_pts]
        anchor_keys = {pt: {all_mentions[i].key for i in who} for pt, who in anchors.items()}
        anchor_at = {i: pt for pt, who in anchors.items() for i in who}
        for (key, _st), members in groups.items():
            m = all_mentions[members[0]]
            ks, st = keys[members[0]], static[members[0]]
            near = near_of[(key, _st)]
            # every other mention votes with VOTE_FLOOR, the ones nearby with up to 1 - VOTE_FLOOR more
            country_votes: dict[str | None, float] = defaultdict(float)
            admin_votes: dict[tuple[str, str] | None, float] = defaultdict(float)
            _add_votes(country_votes, admin_votes, (cv_all, av_all), VOTE_FLOOR)
            for j in members:
                _add_votes(country_votes, admin_votes, contrib[j], -VOTE_FLOOR)
            for i, e in near.items():
                _add_votes(country_votes, admin_votes, contrib[i], (1.0 - VOTE_FLOOR) * e)
            total = (VOTE_FLOOR * (len(all_mentions) - len(members)) + (1.0 - VOTE_FLOOR) * sum(near.values())
                     ) or 1.0
            scores = []
            # the confident places of other names, each as near in the text as its nearest mention
            boost: dict[tuple[float, float], float] = {}
            for i, e in near.items():
                pt = anchor_at.get(i)
                if pt is not None and all_mentions[i].key != key and e > boost.get(pt, 0.0):
                    boost[pt] = e
            for c, (cc, akey), b in zip(m.cands, ks, st, strict=True):
                sc = b
                if cc is not None:
                    sc += W_COUNTRY_CTX * country_votes[cc] / total
                    if akey is not None:
                        sc += W_ADMIN1_CTX * min(1.0, admin_votes[akey])
                r = c.row
                if anchor_pts and r.level in LOCAL_LEVELS and r.lat is not None and r.lon is not None:
                    lat, lon = r.lat, r.lon
                    best = 0.0
                    lo = bisect.bisect_left(anchor_lats, lat - PROX_DEG)  # only anchors this close in latitude
                    for pt in anchor_pts[lo:bisect.bisect_right(anchor_lats, lat + PROX_DEG)]:
                        if anchor_keys[pt] == {key}:
                            continue  # the name's own confident mentions are no evidence for it
                        d = great_circle_km(lat, lon, *pt)
                        if d < PROX_KM:
                            w = VOTE_FLOOR + (1.0 - VOTE_FLOOR) * boost.get(pt, 0.0)
                            best = max(best, w * (1.0 - d / PROX_KM))
                    sc += W_PROX * best
                scores.append(sc)
            for j in members:
                scores_of[j] = scores
        for m, scores in zip(all_mentions, scores_of, strict=True):
            m.probs = _softmax(scores)

    # 3. The best candidate of each name.
    out: list[Place | None] = []
    for m, scores in zip(all_mentions, scores_of, strict=True):
        if m is dl:
            continue
        if not m.cands:
            out.append(None)
            continue
        best = max(range(len(scores)), key=lambda i: scores[i])
        row = m.cands[best].row
        span = Span(start=m.start, end=m.end, text=m.name)
        out.append(place_from_row(gaz, row, m.name, span, m.ctx, m.probs[best]))
    _pull_near(gaz, mentions, out, text)
    _fits_story(out, mentions)
    for m, placed in zip(mentions, out, strict=True):
        if m.approx and placed is not None and placed.precision == 1:
            placed.precision = 2  # placed at the known place it is in or named by (ACLED: near a town)
    return out


def _add_votes(country: dict[str | None, float], admin: dict[tuple[str, str] | None, float],
               votes: tuple[dict[str | None, float], dict[tuple[str, str] | None, float]], weight: float) -> None:
    """Add one mention's (or the story's) country and first-level-region votes, times `weight`."""
    for k, v in votes[0].items():
        country[k] += weight * v
    for k2, v in votes[1].items():
        admin[k2] += weight * v


def _nearby(mentions: list[_Mention], groups: dict[_GroupKey, list[int]]) -> dict[_GroupKey, dict[int, float]]:
    """For each group of mentions of one name, the other mentions within VOTE_CUTOFF characters of one
    of them and how near: e^(-distance / VOTE_REACH) to the nearest member. Beyond the cut-off a vote
    counts VOTE_FLOOR, which the caller adds from the story's totals, so a report with thousands of
    names stays linear. A round-up story goes from country to country, and a state named in its third
    paragraph says little about a town in its tenth; the story's own country still shows everywhere.
    The name's own mentions in the group do not vote (leave-one-out: a name repeated with the same cues
    would only echo its own first guess; "Buffalo, New York" does tell the bare "Buffalo" of the next
    paragraph which one it is)."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    out: dict[_GroupKey, dict[int, float]] = {}
    for g, members in groups.items():
        group = set(members)
        near: dict[int, float] = {}
        for j in members:
            s = mentions[j].start
            lo, hi = bisect.bisect_left(starts, s - VOTE_CUTOFF), bisect.bisect_right(starts, s + VOTE_CUTOFF)
            for i in order[lo:hi]:
                if i not in group:
                    e = math.exp(-abs(mentions[i].start - s) / VOTE_REACH)
                    if e > near.get(i, 0.0):
                        near[i] = e
        out[g] = near
    return out


def _list_coherence(mentions: list[_Mention], text: str) -> None:
    """Names written as a list take the kind (level and country) most of the other members have."""
    order = sorted((m for m in mentions if m.cands), key=lambda m: m.start)
    groups: list[list[_Mention]] = []
    for m in order:
        if groups and _LIST_SEP.match(text[groups[-1][-1].end:m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    plurals = dict(cues().division_plurals)
    for group in groups:
        after = _PLURAL_AFTER.match(text, group[-1].end)
        level = plurals.get(after.group(1).lower()) if after else None
        if level is not None:
            # "Becker, Clay, Otter Tail and Wilkin counties": every member is a division of that level
            # and they usually lie in one first-level region: the one that has the most of them
            where: dict[tuple[str | None, str | None], int] = defaultdict(int)
            for m in group:
                for key in {(c.row.country_code, c.row.admin1) for c in m.cands if c.row.level == level}:
                    where[key] += 1
            most = max(where.values(), default=0)
            for m in group:
                m.base = [b + (W_HINT if c.row.level == level else 0.0)
                          + (W_LIST if most >= 2 and where.get((c.row.country_code, c.row.admin1)) == most else 0.0)
                          for c, b in zip(m.cands, m.base, strict=True)]
            continue
        if len({m.key for m in group}) < 3:
            continue
        kinds = []
        for m in group:
            top = m.cands[max(range(len(m.cands)), key=lambda i: m.base[i])].row
            kinds.append((top.level, top.country_code))
        for j, m in enumerate(group):
            if len(m.cands) < 2:
                continue
            votes: dict[tuple[str, str | None], int] = defaultdict(int)
            for k, kind in enumerate(kinds):
                if k != j and group[k].key != m.key:
                    votes[kind] += 1
            if not votes:
                continue
            kind, n = max(votes.items(), key=lambda kv: kv[1])
            if n < 2 or 2 * n < len(group) - 1 or kind[0] not in ("country", "admin1", "admin2"):
                continue
            m.base = [b + (W_LIST if (c.row.level, c.row.country_code) == kind else 0.0)
                      for c, b in zip(m.cands, m.base, strict=True)]


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float]], limit: float) -> float:
    """Distance to the nearest point, or `limit` when none is within it (latitude pre-filter first)."""
    deg = limit / 111.0
    near = [(la, lo) for la, lo in points if abs(la - lat) < deg]
    return min([great_circle_km(lat, lon, la, lo) for la, lo in near] + [limit])


def _pull_near(gaz: Gazetteer, mentions: list[_Mention], out: list[Place | None], text: str) -> None:
    """Second look at close calls: a name whose choice is far from every confident place of the story
    takes the candidate nearest them instead."""
    fixed = list({(round(p.lat, 1), round(p.lon, 1)) for p in out
                  if p is not None and p.lat is not None and p.lon is not None and (p.score or 0) >= 0.6})
    if not fixed:
        return
    for i, (m, p) in enumerate(zip(mentions, out, strict=True)):
        if p is None or (p.score or 0) >= 0.6 or len(m.cands) < 2 or p.lat is None or p.lon is None:
            continue
        if _nearest_km(p.lat, p.lon, fixed, NEAR_KM) < NEAR_KM:
            continue  # the current choice is itself near the story's places
        scores = []
        for c, b in zip(m.cands, m.base, strict=True):
            r = c.row
            bonus = 0.0
            if r.lat is not None and r.lon is not None:
                bonus = W_NEAR_KM * (1.0 - _nearest_km(r.lat, r.lon, fixed, NEAR_KM) / NEAR_KM)
            scores.append(b + bonus)
        best = max(range(len(scores)), key=lambda k: scores[k])
        if p.geonameid != m.cands[best].row.geonameid and scores[best] > 0:
            probs = _softmax(scores)
            out[i] = place_from_row(gaz, m.cands[best].row, m.name, p.span, m.ctx, probs[best])


# -- the pipeline step ---------------------------------------------------------------------------

def resolve_places(extraction: Extraction) -> Extraction:
    """Geocode every place of the extraction and give each event the most specific place it supports."""
    if not extraction.places and not extraction.events:
        return extraction
    article = extraction.article
    text = article.text
    gaz = get_gazetteer()
    spans = [(p.span.start, p.span.end) for p in extraction.places if p.span is not None]
    dateline = (article.dateline.start, article.dateline.end) if article.dateline else None
    resolved = resolve_spans(text, spans, dateline=dateline, gazetteer=gaz) if spans else []
    places: list[Place] = []
    it = iter(resolved)
    for p in extraction.places:
        if p.span is None:
            places.append(p)
            continue
        r = next(it)
        places.append(r.model_copy(update={"name": p.name}) if r is not None else p)
    events = []
    region: Place | None = None
    usable = _usable_places(places, text)
    demonyms: dict[tuple[int, int], Place | None] = {}
    for e in extraction.events:
        if e.place is None or e.place.geonameid is None:  # an unresolved place from assemble is filled in
            found = event_place(e, places, text, gaz, usable=usable, demonyms=demonyms)
            if found is None and _names_unknown_place(e, places, text):
                region = region or _dateline_region(extraction, places, gaz)
                found = region
            e = e.model_copy(update={"place": found or e.place})
        events.append(e)
    return extraction.model_copy(update={"places": places, "events": events})


@lru_cache(maxsize=1)
def _location_nouns() -> str:
    """The place nouns of `cues.yaml` as one regex alternation, longest first."""
    return word_alternation(cues().location_nouns)


@lru_cache(maxsize=1)
def _place_noun_pattern() -> re.Pattern[str]:
    """'the village', 'this town', 'the region': a place the sentence speaks of without naming it."""
    return re.compile(r"\b(?:the|this|that)\s+(?:" + _location_nouns() + r")\b", re.I)


def _names_unknown_place(event: Event, places: Sequence[Place], text: str) -> bool:
    """The event's sentence names a place the gazetteer does not have ("the village of Synkivka") or
    speaks of one it does not name ("the village had been lost")."""
    sent = event.sentence or event.trigger
    if sent is None:
        return False
    if any(p.geonameid is None and p.span is not None and sent.start <= p.span.start < sent.end for p in places):
        return True
    return bool(_place_noun_pattern().search(text, sent.start, sent.end))


def _dateline_region(extraction: Extraction, places: Sequence[Place], gaz: Gazetteer) -> Place | None:
    """The first-level region of the story's dateline, at ACLED precision 3: where an event happened
    when the story names a place we cannot resolve ("KHARKIV: ... recaptured the village of Synkivka").
    A correspondent files from near what they report; the region, not the city, says no more than that."""
    dl = extraction.article.dateline
    if dl is None:
        return None
    at = next((p for p in places if p.span is not None and p.span.start == dl.start and p.geonameid is not None), None)
    if at is None:
        return None
    if at.level in {"admin1", "country"}:
        return at.model_copy(update={"precision": 3})
    row = gaz.admin1(at.country_code, at.admin1)
    if row is None:
        return None
    return place_from_row(gaz, row, row.name, at.span, SpanContext(), at.score or 0.5).model_copy(
        update={"precision": 3})


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _usable_places(places: Sequence[Place], text: str) -> list[Place]:
    """The resolved places that may say where something happened. A country in the possessive owns
    something ("Iran's Quds Force", "Russia's defence ministry"): it says whose, not where; where the
    thing is, another name says ("Russia's Kursk region"). Nor does the seat of a source."""
    return [p for p in places if p.span is not None and p.geonameid is not None
            and not (p.level == "country" and _OWNER.match(text, p.span.end))
            and not _SEAT.search(text, max(0, p.span.start - 80), p.span.start)]


def event_place(event: Event, places: Sequence[Place], text: str, gaz: Gazetteer | None = None, *,
                usable: list[Place] | None = None,
                demonyms: dict[tuple[int, int], Place | None] | None = None) -> Place | None:
    """The most specific resolved place the event's sentence supports (or the paragraph before it).

    `usable` (`_usable_places(places, text)`) and `demonyms` (a dict kept across the events of one
    story, by sentence) let a caller work them out once per story instead of once per event."""
    sent = event.sentence or event.trigger
    if sent is None:
        return None
    resolved = usable if usable is not None else _usable_places(places, text)
    inside = [p for p in resolved if sent.start <= p.span.start and p.span.end <= sent.end]  # type: ignore[union-attr]
    key = (sent.start, sent.end)
    if demonyms is not None and key in demonyms:
        demonym = demonyms[key]
    else:
        demonym = _demonym_place(text, sent, gaz or get_gazetteer())
        if demonyms is not None:
            demonyms[key] = demonym
    trigger = event.trigger
    # A country named before the trigger is usually the actor ("Ukraine pounded Russian regions"):
    # the place is what the sentence names after it, or a demonym place ("Russian regions").
    pool = [p for p in inside
            if not (trigger is not None and p.level == "country" and p.span.end <= trigger.start)  # type: ignore[union-attr]
            and not _SPEAKS.match(text, p.span.end)]  # type: ignore[union-attr]  # "as Kyiv said": a speaker
    if demonym is not None and not any(p.level != "country" for p in pool):
        pool = [p for p in pool if p.country_code == demonym.country_code] or [demonym]
    pool = pool or inside
    if pool:
        anchor = trigger.start if trigger else sent.start
        return max(pool, key=lambda p: (_specificity(p), -abs(p.span.start - anchor)))  # type: ignore[union-attr]
    para = _paragraph_start(text, sent.start)
    before = [p for p in resolved if para <= p.span.start < sent.start]  # type: ignore[union-attr]
    if before:
        last_end = max(p.span.end for p in before)  # type: ignore[union-attr]
        # the place of the nearest earlier sentence that has one
        sent_start = text.rfind(". ", 0, last_end) + 1
        same = [p for p in before if p.span.start >= sent_start]  # type: ignore[union-attr]
        pool = same or before
        return max(pool, key=lambda p: (_specificity(p), p.span.start))  # type: ignore[union-attr]
    return None


_WORD = re.compile(r"[A-Z][a-z]+")
_OWNER = re.compile(r"(?:'s|’s)\s")
# A place name used for its government ("Kyiv said", "Moscow denied"): a speaker, not where it happened.
_SPEAKS = re.compile(r"(?:'s|’s)?\s+(?:has\s+|have\s+|had\s+)?(?:said|says|say|claimed|claims|announced|announces|"
                     r"denied|denies|accused|accuses|warned|warns|insisted|stated|confirmed|confirms|vowed|"
                     r"demanded|responded|retaliated|condemned|rejected)\b")


# The seat of whoever reports it ("..., according to the General Staff in Kyiv"): where the source
# sits, not where the event happened.
_SEAT = re.compile(r"\baccording to (?:the |a |an )?[^,.;:()]{0,60}?\b(?:in|from)\s+$")


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    """A capitalised word, maybe one more, then a place noun ("Russian regions", "four Russian airfields")."""
    return re.compile(r"\b([A-Z][a-z]+)\s+(?:(?:\w+)\s+)?(" + _location_nouns() + r")\b")


def _demonym_place(text: str, sent: Span, gaz: Gazetteer) -> Place | None:
    """ "Ukraine pounded Russian regions": a demonym before a place noun names the country."""
    body = text[sent.start:sent.end]
    for m in _demonym_pattern().finditer(body):
        cc = demonym_country(m.group(1))
        if cc is None:
            continue
        row = gaz.country(cc)
        if row is None:
            continue
        start = sent.start + m.start(1)
        span = Span(start=start, end=sent.start + m.end(2), text=text[start:sent.start + m.end(2)])
        place = place_from_row(gaz, row, row.name, span, SpanContext(), 1.0)
        return place.model_copy(update={"precision": 3})
    return None


# -- `eventwire geocode` -------------------------------------------------------------------------

def geocode(text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[Place | None]:
    """Geoparse one text: find its toponyms (or take `spans`, resolved in order, None where nothing fits).

    >>> [p.geonameid for p in geocode("KYIV: Troops entered Sudzha in the Kursk region.")]  # doctest: +SKIP
    [703448, 486816, 538555]
    """
    return next(geocode_records([{"id": "", "text": text, **({"spans": spans} if spans is not None else {})}]))[1]


def geocode_records(records: Iterable[dict[str, Any]], batch_size: int = 32
                    ) -> Iterator[tuple[str, list[Place | None]]]:
    """(id, places) for each {"id", "text"[, "spans"]} record, in input order."""
    from eventwire.assemble.places import find_toponym_spans
    from eventwire.ingest.dateline import find_dateline

    gaz = get_gazetteer()
    pending: list[tuple[str, str, list[tuple[int, int]] | None]] = []

    def flush() -> Iterator[tuple[str, list[Place | None]]]:
        need_nlp = [text for _, text, spans in pending if spans is None]
        found = iter(find_toponym_spans(need_nlp, batch_size) if need_nlp else [])
        for rid, text, spans in pending:
            dl = find_dateline(text)
            dateline = (dl.place_start, dl.place_end) if dl else None
            if spans is None:
                spans = next(found)
            yield rid, resolve_spans(text, spans, dateline=dateline, gazetteer=gaz) if spans else []
        pending.clear()

    it = iter(records)
    while True:
        try:
            rec = next(it, None)
            if rec is None:
                break
            text = str(rec.get("text") or "")
            spans = _record_spans(rec, text)
        except EventwireError:
            yield from flush()  # what was read before the bad record still comes out, in order
            raise
        pending.append((str(rec.get("id", "")), text, spans))
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def _record_spans(rec: dict[str, Any], text: str) -> list[tuple[int, int]] | None:
    """A record's "spans" as (start, end) pairs inside its text, None when it has none."""
    raw = rec.get("spans")
    if raw is None:
        return None
    try:
        spans = [(int(s), int(e)) for s, e in raw]
    except (TypeError, ValueError) as exc:
        raise EventwireError(f"record {rec.get('id')!r}: spans must be [[start, end], ...] character offsets, "
                             f"not {json.dumps(raw)[:80]}") from exc
    bad = [(s, e) for s, e in spans if not 0 <= s <= e <= len(text)]
    if bad:
        raise EventwireError(f"record {rec.get('id')!r}: spans {bad} fall outside the text")
    return spans


def geocode_jsonl(lines: Iterable[str], source: str = "<input>") -> Iterator[dict[str, Any]]:
    """JSON Lines in ({"id","text"[,"spans"]}), {"id","places":[Place or null]} out."""
    from eventwire.ingest import iter_json_objects

    def records() -> Iterator[dict[str, Any]]:
        for _, rec in iter_json_objects(lines, source):
            yield rec

    for rid, places in geocode_records(records()):
        yield {"id": rid, "places": [None if p is None else p.model_dump(mode="json", exclude_none=False)
                                     for p in places]}
