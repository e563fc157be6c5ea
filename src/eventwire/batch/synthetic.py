"""A generator of made-up wire-style conflict stories, for benchmarks and batch tests.

The stories are written from templates for this project (no third-party text): a dateline, a lead
sentence with an event, its place, day and figures, then a mix of follow-up paragraphs (a claim
and a denial, a quote from an official or a resident, displacement, background), so the text
exercises every layer of the pipeline: places, dates, figures, quotes, attributions, triggers.
The same seed gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

# (dateline, country adjective, forces, places near the front, region)
THEATRES: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    ("KYIV", "Ukrainian", "Russian", ("Kharkiv", "Kupiansk", "Pokrovsk", "Kherson", "Sumy", "Zaporizhzhia"),
     "eastern Ukraine"),
    ("MOSCOW", "Russian", "Ukrainian", ("Belgorod", "Kursk", "Sudzha", "Bryansk", "Rylsk"), "the border region"),
    ("KHARTOUM", "Sudanese", "paramilitary", ("Omdurman", "El Fasher", "Nyala", "Wad Madani", "Kadugli"),
     "Darfur"),
    ("BEIRUT", "Lebanese", "Israeli", ("Tyre", "Nabatieh", "Sidon", "Baalbek", "Marjayoun"), "southern Lebanon"),
    ("BAMAKO", "Malian", "jihadist", ("Mopti", "Timbuktu", "Gao", "Kidal", "Menaka"), "central Mali"),
    ("GOMA", "Congolese", "M23", ("Rutshuru", "Sake", "Bunagana", "Masisi", "Kitshanga"), "North Kivu"),
    ("NAYPYITAW", "Myanmar", "resistance", ("Lashio", "Myawaddy", "Sittwe", "Mandalay", "Hpakant"),
     "Shan state"),
    ("SANAA", "Yemeni", "Houthi", ("Hodeidah", "Marib", "Taiz", "Aden", "Saada"), "the Red Sea coast"),
    ("MOGADISHU", "Somali", "al-Shabaab", ("Baidoa", "Kismayo", "Beledweyne", "Jowhar", "Afgoye"),
     "the Shabelle valley"),
    ("PORT-AU-PRINCE", "Haitian", "gang", ("Croix-des-Bouquets", "Petion-Ville", "Cabaret", "Mirebalais"),
     "the capital's outskirts"),
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
AGENCIES = ("Wire", "Newsdesk", "Frontline", "Dispatch")
OFFICIALS = ("the regional governor", "the defence ministry", "a military spokesman", "the interior ministry",
             "local police", "the army's general staff", "a health official", "the mayor")
CUES = ("said", "said on", "told reporters", "said in a statement", "wrote on Telegram", "claimed")
QUALIFIERS = ("at least", "more than", "about", "nearly", "up to", "")
NAMES = ("Olena Marchuk", "Ahmed Yusuf", "Marie Diallo", "Tun Aung", "Samir Haddad", "Jean-Baptiste Pierre",
         "Fatuma Abdi", "Dmitri Sokolov", "Amina Ibrahim", "Hassan Nour")


def _when(rng: random.Random, published: date) -> str:
    roll = rng.random()
    if roll < 0.45:
        back = rng.randint(0, 6)
        return "on " + WEEKDAYS[(published - timedelta(days=back)).weekday()]
    if roll < 0.7:
        d = published - timedelta(days=rng.randint(0, 10))
        return f"on {d.day} {MONTHS[d.month - 1]}"
    if roll < 0.85:
        return rng.choice(("overnight", "late on Saturday", "early on Sunday", "last week", "yesterday"))
    return f"on {MONTHS[published.month - 1]} {published.day}"


def _figure(rng: random.Random, lo: int, hi: int) -> str:
    q = rng.choice(QUALIFIERS)
    n = rng.randint(lo, hi)
    return f"{q} {n}".strip()


def _lead(rng: random.Random, own: str, enemy: str, place: str, when: str) -> tuple[str, str]:
    kind = rng.randrange(8)
    killed = _figure(rng, 1, 40)
    injured = _figure(rng, 2, 90)
    if kind == 0:
        return "shelling", (f"{enemy} artillery shelled the town of {place} {when}, killing {killed} civilians "
                            f"and wounding {injured} others, {rng.choice(OFFICIALS)} said.")
    if kind == 1:
        n = rng.randint(5, 120)
        down = rng.randint(1, n)
        return "drones", (f"{enemy} forces launched {n} drones and {rng.randint(1, 12)} missiles at {place} "
                          f"{when}; air defences shot down {down} of them, the air force said.")
    if kind == 2:
        return "airstrike", (f"An air strike hit a market in {place} {when}, killing {killed} people, "
                             f"according to {rng.choice(OFFICIALS)}.")
    if kind == 3:
        return "clashes", (f"{own} troops clashed with {enemy} fighters near {place} {when}, and "
                           f"{_figure(rng, 2, 60)} soldiers were killed on both sides, {rng.choice(OFFICIALS)} "
                           "said.")
    if kind == 4:
        return "capture", (f"{enemy} forces said they had captured the village of {place} {when} and taken "
                           f"{_figure(rng, 3, 200)} prisoners, a claim the {own} military denied.")
    if kind == 5:
        return "protest", (f"Thousands of people marched through {place} {when} to protest against the "
                           f"fighting; police fired tear gas and detained {_figure(rng, 5, 80)} demonstrators.")
    if kind == 6:
        return "displacement", (f"{_figure(rng, 1000, 150000)} people have fled {place} since the fighting "
                                f"began, and {rng.choice(OFFICIALS)} declared a state of emergency {when}.")
    return "mine", (f"A landmine exploded under a minibus near {place} {when}, killing {killed} passengers, "
                    f"{rng.choice(OFFICIALS)} said.")


def _follow_ups(rng: random.Random, own: str, enemy: str, places: tuple[str, ...], region: str,
                published: date) -> list[str]:
    other = rng.choice(places)
    name = rng.choice(NAMES)
    paras = [
        f"\"We heard explosions all night and hid in the basement,\" said {name}, a resident of {other}. "
        f"\"Nobody knows when it will stop.\"",
        f"The {own} defence ministry {rng.choice(CUES)} that its units had repelled {rng.randint(2, 30)} attacks "
        f"in {region} {_when(rng, published)}. The claim could not be independently verified.",
        f"{enemy.capitalize()} officials denied targeting civilians and said the strikes had hit military "
        f"positions around {other}.",
        f"Aid agencies said {_figure(rng, 200, 40000)} people had been displaced from villages near {other} "
        f"{_when(rng, published)}, and that shelters in {region} were full.",
        f"Rescue teams pulled {rng.randint(1, 15)} bodies from the rubble of an apartment block in {other}, "
        f"{rng.choice(OFFICIALS)} {rng.choice(('said', 'reported', 'told reporters'))}.",
        f"Fighting in {region} has intensified since {MONTHS[(published.month - 3) % 12]}, when a ceasefire "
        "brokered by regional mediators collapsed after less than a week.",
        f"{own} authorities ordered the evacuation of children from {rng.randint(3, 40)} settlements near "
        f"{other}, citing the threat of further attacks.",
        f"A spokesman for the {enemy} side said {rng.randint(2, 25)} of its fighters had been captured and "
        "accused the other side of mistreating prisoners, an allegation it rejected.",
    ]
    rng.shuffle(paras)
    return paras[: rng.randint(2, len(paras))]


def story(rng: random.Random, n: int, start: date = date(2024, 1, 1)) -> dict[str, Any]:
    """One made-up story as a plain record: id, text, title, published, url, outlet."""
    dateline, own, enemy, places, region = THEATRES[rng.randrange(len(THEATRES))]
    published = start + timedelta(days=rng.randint(0, 365))
    place = rng.choice(places)
    kind, lead = _lead(rng, own, enemy, place, _when(rng, published))
    agency = rng.choice(AGENCIES)
    head = f"{dateline}, {MONTHS[published.month - 1][:3]} {published.day} ({agency}) - "
    paras = [head + lead, *_follow_ups(rng, own, enemy, places, region, published)]
    if rng.random() < 0.6:  # longer stories: a second round of follow-ups about another place
        paras += _follow_ups(rng, own, enemy, places, region, published)[: rng.randint(1, 5)]
    return {
        "id": f"syn-{n:06d}",
        "text": "\n\n".join(paras),
        "title": f"{kind.capitalize()} reported in {place}",
        "published": published.isoformat(),
        "url": f"https://news.example.org/{published.isoformat()}/{kind}-{n}",
        "outlet": agency,
    }


def generate(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """`n` made-up stories, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield story(rng, i)
