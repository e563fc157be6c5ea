"""What the words around a place name say about it: shared by the toponym finder and the resolver.

Both read the same cues from the text, so `eventwire geocode` with spans given (no spaCy pass) and
the full pipeline agree: "the Kursk region" (a region), "the town of Sudzha" (a town),
"Sudzha, Kursk Oblast" / "the Kursk region town of Sudzha" (the region that contains it),
"near Avdiivka" (ACLED precision 2), "deeper into Kursk" (a territory, so the region).
The cue words are data: `knowledge/data/geo/cues.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.knowledge.alternation import word_alternation
from eventwire.knowledge.yamlio import load_yaml


@dataclass(frozen=True)
class Cues:
    region_words: tuple[str, ...]
    town_words: tuple[str, ...]
    near_words: tuple[str, ...]
    territory_before: tuple[str, ...]
    location_nouns: tuple[str, ...]
    not_places: frozenset[str]
    eponym_words: frozenset[str]
    masthead_words: frozenset[str]
    disease_names: frozenset[str]
    admin1_words: frozenset[str] = frozenset()
    admin2_words: frozenset[str] = frozenset()
    feature_heads: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    division_plurals: tuple[tuple[str, str], ...] = ()
    party_prefixes: tuple[str, ...] = ()
    part_nouns: tuple[str, ...] = ()
    part_prefixes: tuple[str, ...] = ()
    feature_suffixes: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def cues() -> Cues:
    text = (resources.files("eventwire.knowledge") / "data" / "geo" / "cues.yaml").read_text(encoding="utf-8")
    d: dict[str, Any] = load_yaml(text)
    return Cues(
        region_words=tuple(d["region_words"]),
        town_words=tuple(d["town_words"]),
        near_words=tuple(d["near_words"]),
        territory_before=tuple(d["territory_before"]),
        location_nouns=tuple(d["location_nouns"]),
        not_places=frozenset(w.lower() for w in d["not_places"]),
        eponym_words=frozenset(w.lower() for w in d.get("eponym_words", [])),
        masthead_words=frozenset(str(w) for w in d.get("masthead_words", [])),
        disease_names=frozenset(str(w) for w in d.get("disease_names", [])),
        admin1_words=frozenset(w.lower() for w in d.get("admin1_words", [])),
        admin2_words=frozenset(w.lower() for w in d.get("admin2_words", [])),
        feature_heads=frozenset(w.lower() for w in d.get("feature_heads", [])),
        person_titles=frozenset(w.lower() for w in d.get("person_titles", [])),
        speech_verbs=frozenset(w.lower() for w in d.get("speech_verbs", [])),
        division_plurals=tuple((str(k).lower(), str(v)) for k, v in (d.get("division_plurals") or {}).items()),
        party_prefixes=tuple(str(w) for w in d.get("party_prefixes", [])),
        part_nouns=tuple(str(w) for w in d.get("part_nouns", [])),
        part_prefixes=tuple(str(w) for w in d.get("part_prefixes", [])),
        feature_suffixes=tuple(str(w) for w in d.get("feature_suffixes", [])),
        directions=tuple(str(w) for w in d.get("directions", [])),
    )


def _alt(words: tuple[str, ...]) -> str:
    return word_alternation(words)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    c = cues()
    region, town, near = _alt(c.region_words), _alt(c.town_words), _alt(c.near_words)
    name = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|of|de|del|la|le|al|el))*"
    return {
        # "<span> region", "<span> Oblast"
        "region_after": re.compile(rf"^\s+(?P<w>{region})\b", re.IGNORECASE),
        # "region of <span>", "the Oblast of <span>"
        "region_before": re.compile(rf"\b(?P<w>{region})\s+of\s+(?:the\s+)?$", re.IGNORECASE),
        # "the town of <span>", "the village <span>"
        "town_before": re.compile(rf"\b(?:{town})(?:\s+of)?\s+$", re.IGNORECASE),
        # "the <Kursk> region town of <span>": the container before the town word
        "container_before": re.compile(
            rf"(?P<c>{name})(?:'s|’s)?\s+(?:{region})\s+(?:{town})(?:\s+of)?\s+$"),
        # "<span>, Donetsk Oblast" / "<span>, Texas" / "<span> in the Kursk region"
        "container_after": re.compile(rf"^(?:,\s+|\s+in\s+(?:the\s+)?)(?P<c>{name}(?:\s+(?:{region}))?)"),
        # "near <span>", "on the outskirts of <span>", "10 km north of <span>", "near the Russian city of <span>"
        "near_before": re.compile(rf"\b(?:{near})\s+(?:the\s+)?(?:(?:[\w'-]+\s+)?(?:town|city|village|settlement)\s+"
                                  rf"(?:of\s+)?)?$",
                                  re.IGNORECASE),
        # "deeper into <span>", "advancing into <span>": a territory
        "territory_before": re.compile(rf"\b(?:{_alt(c.territory_before)})\s+(?:\w+\s+){{0,2}}?into\s+$",
                                       re.IGNORECASE),
    }


@dataclass(frozen=True)
class SpanContext:
    """Cues around one place name: `hint` is 'region', 'town' or None; `near` for ACLED precision 2."""

    hint: str | None = None
    near: bool = False
    container: str | None = None
    territory: bool = False
    contained_in_place: bool = False  # written as the container of a place before it: "Albany, New York"
    level: str | None = None  # the level the division word beside it names: "the province of Ontario" -> admin1

    def as_payload(self) -> dict[str, Any]:
        return {"hint": self.hint, "near": self.near, "container": self.container, "territory": self.territory}


@lru_cache(maxsize=1)
def _region_name_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = _alt(cues().region_words)
    return (re.compile(rf"^(?:the\s+)?(?P<stem>.+?)\s+(?:{words})$", re.IGNORECASE),
            re.compile(rf"^(?:{words})\s+of\s+(?:the\s+)?(?P<stem>[A-Z].+)$", re.IGNORECASE))


@lru_cache(maxsize=50_000)
def split_region_word(name: str) -> tuple[str, bool]:
    """("Kursk region" -> ("Kursk", True)); names without a generic word come back unchanged."""
    after, before = _region_name_patterns()
    m = after.match(name)
    if m and m.group("stem")[:1].isupper():
        return m.group("stem"), True
    m = before.match(name)
    if m:
        return m.group("stem"), True
    return name, False


@lru_cache(maxsize=50_000)
def region_level(name: str) -> str | None:
    """The division level a name's generic word names: "Donetsk Oblast" -> "admin1",
    "Pokrovsk district" -> "admin2", "region of Kursk" -> "admin1"; None without one."""
    stem, has_word = split_region_word(name)
    if not has_word:
        return None
    low = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).lower()
    stem_low = stem.lower()
    if low.endswith(stem_low):
        word = re.sub(r"\s+of(\s+the)?\s*$", "", low[: len(low) - len(stem_low)])
    else:
        word = low[low.find(stem_low) + len(stem_low):]
    return division_word_level(word)


def division_word_level(word: str) -> str | None:
    """"Oblast" -> "admin1", "districts" -> "admin2", "region" -> "admin1"; None for other words."""
    word = word.strip().lower()
    c = cues()
    for w in (word, word[:-1] if word.endswith("s") else word):
        if w in c.admin1_words:
            return "admin1"
        if w in c.admin2_words:
            return "admin2"
    return None


def span_context(text: str, start: int, end: int, window: int = 80) -> SpanContext:
    """Read the cues in `window` characters either side of text[start:end]."""
    p = _patterns()
    before = text[max(0, start - window):start]
    after = text[end:end + window]
    low = before[-40:].lower()
    name = text[start:end]
    hint: str | None = None
    level: str | None = None
    _, has_region_word = split_region_word(name)
    # Cheap substring checks first: most names have no cue at all, and the regexes backtrack.
    word = None if has_region_word else (p["region_after"].match(after) or (
        p["region_before"].search(before) if low.rstrip().endswith("of") else None))
    if has_region_word or word:
        hint = "region"
        if word:
            level = division_word_level(word.group("w"))
    elif p["town_before"].search(low):
        hint = "town"
    territory = "into" in low and bool(p["territory_before"].search(before))
    near = bool(p["near_before"].search(low))
    container = None
    m = p["container_before"].search(before) if hint == "town" else None
    if m:
        container = m.group("c")
    elif after[:1] in (",", " ") and not has_region_word:
        m = p["container_after"].match(after)
        if m:
            container = m.group("c")
    contained = bool(_AFTER_PLACE.search(before)) and not _NOT_CONTAINER.match(after)
    return SpanContext(hint=hint, near=near, container=container, territory=territory,
                       contained_in_place=contained, level=level)


# "Albany, New York" / "Columbus, Ohio,": a capitalised name and a comma right before the span, and
# no list going on after it ("Paris, London and Berlin").
_AFTER_PLACE = re.compile(r"\b[A-Z][\w.'’\-]+,\s+$")
_NOT_CONTAINER = re.compile(r"^\s*(?:,\s+[A-Z]|,?\s*(?:and|or)\b)")  # a list goes on: "Cairo, Giza, and Al-Minya"


@lru_cache(maxsize=1)
def _part_patterns() -> tuple[re.Pattern[str], ...]:
    c = cues()
    part, dirs, region = _alt(c.part_nouns), _alt(c.directions), _alt(c.region_words)
    name = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|of|de|del|la|le|al|el))*"
    tail = rf"(?i:the\s+)?(?:(?i:{dirs})\s+)?(?P<c>{name}(?:\s+(?i:{region}))?)"
    return (
        # "<span>, a suburb east of Y", "<span> is a rural township in northwestern Y"
        re.compile(rf"^(?i:\s*,\s+|\s+(?:is|was)\s+)(?i:an?\s+(?:[\w-]+\s+){{0,3}}?(?:{part})\s+"
                   rf"(?:(?:located|situated)\s+)?(?:[\w-]+\s+(?=of\b))?(?:in|of|near|outside|on)\s+)" + tail),
        # "<span> refugee camp in Y", "<span> district of Y", "<span>, Y", "<span> located in Y"
        re.compile(rf"^(?i:\s+(?:{part}))?(?i:\s*,\s+|\s+(?:(?:located|situated)\s+)?(?:in|of|near|outside)\s+)"
                   + tail),
        # "Y's <span>", "the Y suburb of <span>", "Y slum <span>"
        re.compile(rf"(?P<c>{name})(?:(?:'s|’s)\s+|(?:'s|’s)?\s+(?i:{part})\s+(?i:of\s+)?)$"),
    )


def part_container(text: str, start: int, end: int, window: int = 100) -> str | None:
    """The place the text puts an unknown name in: "Kolyvanka, a village outside Mariupol" -> "Mariupol".

    For a name with no gazetteer candidate only (ACLED's nearest known place): "Y's <name>",
    "the Y suburb of <name>", "<name> district of Y", "<name> refugee camp in Y", "<name>, Y".
    """
    after, before = text[end:end + window], text[max(0, start - window):start]
    after_a, after_plain, before_p = _part_patterns()
    for pat in (after_a, after_plain):
        m = pat.match(after)
        if m:
            return m.group("c").rstrip(".,;:")
    m = before_p.search(before)
    if m and m.group("c").split()[-1] not in ("The", "A", "An"):
        return m.group("c").rstrip(".,;:")
    return None


@lru_cache(maxsize=1)
def _strip_pattern() -> re.Pattern[str]:
    c = cues()
    return re.compile(rf"^(?:(?:{_alt(c.part_prefixes)})[\s-]+)?(?P<n>.+?)(?:\s+(?:{_alt(c.feature_suffixes)}))?$")


def part_of_name(name: str) -> str | None:
    """The place a name the gazetteer lacks is named by: "North Dallas" -> "Dallas",
    "Da Nang International Airport" -> "Da Nang", "Salinas Valley" -> "Salinas"; None if nothing to strip."""
    m = _strip_pattern().match(name.strip())
    if not m or m.group("n") == name.strip():
        return None
    return m.group("n")
