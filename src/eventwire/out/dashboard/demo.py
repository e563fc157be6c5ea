"""Hand-coded demo stories: realistic extractions for the dashboard demo, the report and their tests.

The stories are written for eventwire (invented wording, no third-party text). Every field is
coded by hand the way a careful analyst would, with the span of text behind it, so the dashboard
and the report can be shown and tested before (and independently of) the extraction pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from eventwire.records import (
    AcledType,
    Actor,
    Article,
    Attribution,
    Claim,
    Event,
    Extraction,
    Fatalities,
    Place,
    PloverType,
    Quantity,
    Span,
    Speaker,
    When,
    content_id,
)


@dataclass
class _Q:
    phrase: str
    kind: str
    low: float | None = None
    best: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None


@dataclass
class _P:
    phrase: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    precision: int
    geonameid: int | None = None


@dataclass
class _E:
    trigger: str
    acled: tuple[str, str] | None
    plover: tuple[str, str | None]
    place: _P | None
    when: tuple[str | None, str, str | None, str, str]  # phrase, start, end, basis, precision
    actor1: tuple[str, str, str, str, str] | None = None  # phrase, name, country, sector, acled type
    actor2: tuple[str, str, str, str, str] | None = None
    quantities: list[_Q] = field(default_factory=list)
    says: tuple[str, str | None, str | None] = ("asserted", None, None)  # status, source phrase, cue phrase
    claim: str | None = None
    disputed_by: list[str] = field(default_factory=list)
    modality: str = "occurred"
    fatalities: tuple[int, int | None, int | None] = (0, None, None)


@dataclass
class _C:
    id: str
    claimant: str
    content: str
    cue: str
    status: str = "attributed"
    contradicts: list[str] = field(default_factory=list)
    events: list[int] = field(default_factory=list)


@dataclass
class _Story:
    title: str
    outlet: str
    published: str
    text: str
    events: list[_E]
    claims: list[_C] = field(default_factory=list)


def _find(text: str, phrase: str, near: int | None = None) -> Span:
    """The occurrence of `phrase` (the one closest to `near`, when given)."""
    found = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not found:
        raise ValueError(f"demo phrase not in story: {phrase!r}")
    i = min(found, key=lambda s: abs(s - near)) if near is not None else found[0]
    return Span.of(text, i, i + len(phrase))


def _sentence(text: str, span: Span) -> Span:
    starts = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)]
    start = max(s for s in starts if s <= span.start)
    m = re.compile(r"[.!?](\s|$)").search(text, span.end)
    end = m.start() + 1 if m else len(text)
    return Span.of(text, start, end)


def _actor(text: str, a: tuple[str, str, str, str, str] | None) -> Actor | None:
    if a is None:
        return None
    phrase, name, country, sector, acled_type = a
    return Actor(span=_find(text, phrase), text=phrase, name=name, country=country, sector=sector,
                 acled_type=acled_type)


def _build(story: _Story) -> Extraction:
    text = story.text
    aid = content_id(text)
    article = Article(id=aid, text=text, title=story.title, outlet=story.outlet,
                      published=date.fromisoformat(story.published), anchor_source="input",
                      url=f"https://example.org/demo/{aid[:8]}")
    events: list[Event] = []
    places: list[Place] = []
    quantities: list[Quantity] = []
    for n, e in enumerate(story.events):
        trig = _find(text, e.trigger)
        place = None
        if e.place:
            p = e.place
            place = Place(span=_find(text, p.phrase), name=p.name, lat=p.lat, lon=p.lon, country_code=p.country,
                          admin1_name=p.admin1, precision=p.precision, geonameid=p.geonameid,
                          level="populated_place" if p.precision < 3 else "admin1", score=0.9)
            places.append(place)
        phrase, start, end, basis, precision = e.when
        when = When(start=date.fromisoformat(start), end=date.fromisoformat(end or start), basis=basis,
                    precision=precision, span=_find(text, phrase) if phrase else None)
        qs = [Quantity(span=_find(text, q.phrase), kind=q.kind, low=q.low, best=q.best, high=q.high,
                       qualifier=q.qualifier, unit=q.unit) for q in e.quantities]
        quantities += qs
        status, source, cue = e.says
        attribution = Attribution(
            status=status,
            source=Speaker(span=_find(text, source, trig.start), text=source) if source else None,
            cue=cue, cue_span=_find(text, cue, trig.start) if cue else None, claim_id=e.claim, disputed_by=e.disputed_by)
        sentence = _sentence(text, trig)
        evidence = [trig] + ([place.span] if place and place.span else []) + [q.span for q in qs]
        events.append(Event(
            id=f"{aid[:10]}-e{n + 1}",
            acled=AcledType(event_type=e.acled[0], sub_event_type=e.acled[1]) if e.acled else None,
            plover=PloverType(type=e.plover[0], mode=e.plover[1]),
            actor1=_actor(text, e.actor1), actor2=_actor(text, e.actor2), place=place, when=when,
            quantities=qs, fatalities=Fatalities(low=e.fatalities[0], best=e.fatalities[1], high=e.fatalities[2]),
            attribution=attribution, modality=e.modality,
            trigger=trig, sentence=sentence, evidence=evidence, confidence=0.9, rule="demo", primary=n == 0,
            article_ids=[aid],
        ))
    claims = [
        Claim(id=c.id, claimant=Speaker(span=_find(text, c.claimant), text=c.claimant),
              content=_find(text, c.content), cue=c.cue, cue_span=_find(text, c.cue, _find(text, c.content).start),
              status=c.status,
              event_ids=[events[i].id for i in c.events], contradicts=c.contradicts)
        for c in story.claims
    ]
    return Extraction(id=aid, article=article, events=events, places=places, quantities=quantities, claims=claims)


_RU_MIL = ("Military Forces of Russia", "RUS", "MIL", "State forces")
_UA_MIL = ("Military Forces of Ukraine", "UKR", "MIL", "State forces")

STORIES: list[_Story] = [
    _Story(
        title="Guided bombs hit border town in Sumy region", outlet="Demo Wire", published="2024-08-10",
        text=(
            "SUMY, Ukraine: Russian aircraft dropped guided bombs on the border town of Krasnopillia on Friday, "
            "killing two civilians and wounding five others, the regional military administration said. "
            "The strike damaged a school and several homes, officials said.\n"
            "Separately, Russia's defence ministry said its forces had destroyed a column of Ukrainian armoured "
            "vehicles near Sudzha. Ukraine's general staff rejected the claim as false and said no such column "
            "existed."
        ),
        events=[
            _E(trigger="dropped guided bombs", acled=("Explosions/Remote violence", "Air/drone strike"),
               plover=("ASSAULT", "aerial"),
               place=_P("Krasnopillia", "Krasnopillia", 50.7747, 35.2661, "UA", "Sumy Oblast", 1),
               when=("Friday", "2024-08-09", None, "relative", "day"),
               actor1=("Russian aircraft", *_RU_MIL), actor2=("civilians", "Civilians (Ukraine)", "UKR", "CVL",
                                                              "Civilians"),
               quantities=[_Q("two civilians", "killed", 2, 2, 2), _Q("five others", "injured", 5, 5, 5)],
               says=("attributed", "the regional military administration", "said"), fatalities=(2, 2, 2)),
            _E(trigger="destroyed a column", acled=("Battles", "Armed clash"), plover=("ASSAULT", "heavy-weapons"),
               place=_P("near Sudzha", "Sudzha", 51.1909, 35.2706, "RU", "Kursk Oblast", 2, 486816),
               when=(None, "2024-08-10", None, "publication", "day"),
               actor1=("its forces", *_RU_MIL), actor2=("Ukrainian armoured vehicles", *_UA_MIL),
               says=("disputed", "Russia's defence ministry", "said"), claim="c1", disputed_by=["c2"]),
        ],
        claims=[
            _C("c1", "Russia's defence ministry",
               "its forces had destroyed a column of Ukrainian armoured vehicles near Sudzha", "said",
               status="disputed", events=[1]),
            _C("c2", "Ukraine's general staff", "rejected the claim as false", "rejected", contradicts=["c1"],
               events=[1]),
        ],
    ),
    _Story(
        title="Shelling wounds three on Belgorod outskirts; thousands leave border district", outlet="Demo Wire",
        published="2024-08-12",
        text=(
            "BELGOROD, Russia: Shelling struck the outskirts of Belgorod on Sunday, wounding three people, "
            "the regional governor said.\n"
            "About 11,000 residents have reportedly left the Krasnaya Yaruga district since Wednesday as the "
            "fighting moved closer to the border, according to local officials."
        ),
        events=[
            _E(trigger="Shelling struck", acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
               plover=("ASSAULT", "heavy-weapons"),
               place=_P("the outskirts of Belgorod", "Belgorod", 50.6107, 36.5802, "RU", "Belgorod Oblast", 2),
               when=("Sunday", "2024-08-11", None, "relative", "day"),
               quantities=[_Q("three people", "injured", 3, 3, 3)],
               says=("attributed", "the regional governor", "said")),
            _E(trigger="have reportedly left", acled=("Strategic developments", "Other"), plover=("COERCE", None),
               place=_P("Krasnaya Yaruga district", "Krasnaya Yaruga", 50.7993, 35.6669, "RU", "Belgorod Oblast",
                        2),
               when=("since Wednesday", "2024-08-07", "2024-08-12", "relative", "week"),
               quantities=[_Q("About 11,000 residents", "displaced", 11000, 11000, 11000, "about")],
               says=("reportedly", "local officials", "reportedly")),
        ],
    ),
    _Story(
        title="Missile strike on Kharkiv apartment block", outlet="Demo Wire", published="2024-08-08",
        text=(
            "KHARKIV, Ukraine: A Russian missile hit a nine-storey apartment building in Kharkiv on Thursday, "
            "killing at least four people and injuring 12, the city's mayor said. Rescuers were still searching "
            "the rubble late in the evening."
        ),
        events=[
            _E(trigger="A Russian missile hit", acled=("Explosions/Remote violence",
                                                       "Shelling/artillery/missile attack"),
               plover=("ASSAULT", "heavy-weapons"),
               place=_P("Kharkiv", "Kharkiv", 49.9808, 36.2527, "UA", "Kharkiv Oblast", 1, 706483),
               when=("Thursday", "2024-08-08", None, "relative", "day"),
               actor1=("A Russian missile", *_RU_MIL),
               quantities=[_Q("at least four people", "killed", 4, None, None, "at least"),
                           _Q("injuring 12", "injured", 12, 12, 12)],
               says=("attributed", "the city's mayor", "said"), fatalities=(4, 4, None)),
        ],
    ),
    _Story(
        title="Ukraine says assault near Pokrovsk repelled", outlet="Demo Wire", published="2024-08-13",
        text=(
            "DONETSK REGION, Ukraine: Ukrainian forces repelled a Russian assault near Pokrovsk on Tuesday, the "
            "army's eastern command said, adding that 37 Russian soldiers had been killed. Russian officials did "
            "not comment on the figure."
        ),
        events=[
            _E(trigger="repelled a Russian assault", acled=("Battles", "Armed clash"), plover=("ASSAULT", None),
               place=_P("near Pokrovsk", "Pokrovsk", 48.2820, 37.1758, "UA", "Donetsk Oblast", 2),
               when=("Tuesday", "2024-08-13", None, "relative", "day"),
               actor1=("Ukrainian forces", *_UA_MIL), actor2=("a Russian assault", *_RU_MIL),
               quantities=[_Q("37 Russian soldiers", "killed", 37, 37, 37)],
               says=("attributed", "the army's eastern command", "said"), fatalities=(37, 37, 37)),
        ],
    ),
    _Story(
        title="Thousands march in Tbilisi against media law", outlet="Demo Wire", published="2024-08-11",
        text=(
            "TBILISI, Georgia: Several thousand people marched through central Tbilisi on Saturday evening to "
            "protest against a proposed media law, organisers said. Police watched from a distance and no "
            "arrests were reported."
        ),
        events=[
            _E(trigger="marched through central Tbilisi", acled=("Protests", "Peaceful protest"),
               plover=("PROTEST", "demonstrate"),
               place=_P("central Tbilisi", "Tbilisi", 41.6941, 44.8337, "GE", "Tbilisi", 1, 611717),
               when=("Saturday evening", "2024-08-10", None, "relative", "day"),
               actor1=("Several thousand people", "Protesters (Georgia)", "GEO", "CVL", "Protesters"),
               says=("attributed", "organisers", "said")),
        ],
    ),
]


def demo_extractions() -> list[Extraction]:
    """The demo stories as extractions, ready to store."""
    return [_build(s) for s in STORIES]
