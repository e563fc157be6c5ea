"""The time grammar's word lists, read once per process from `knowledge/data/time/lexicon.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from eventwire.knowledge.alternation import word_alternation

# libyaml's C loader when PyYAML was built with it (several times faster), else the pure-Python one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_PACKAGE = "eventwire.knowledge"
DATA_DIR = ("data", "time")


def data_text(name: str) -> str:
    """The text of one data file under knowledge/data/time/."""
    ref = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, name)
    return ref.read_text(encoding="utf-8")


def alternation(words: list[str] | set[str] | dict[str, Any], *, boundary: bool = False) -> str:
    """A regex alternation of `words`, longest first, with spaces matching any white space."""
    body = word_alternation(words, spaces=r"\s+")
    return rf"\b{body}\b" if boundary else body


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, bool, int]]
    unit_plurals: dict[str, str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    seasons: dict[str, str]
    relative_days: dict[str, int]
    position_mods: dict[str, str]
    amount_mods: dict[str, str]
    utc_zones: frozenset[str]
    other_zones: frozenset[str]
    references: dict[str, str]
    reference_guards: dict[str, frozenset[str]]
    holidays: dict[str, str]
    named_day_prefixes: frozenset[str]
    frequency_words: dict[str, str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    not_past_ed: frozenset[str]
    reporting: frozenset[str]
    past_signals: tuple[str, ...]
    future_signals: tuple[str, ...]

    def unit(self, word: str) -> tuple[str, bool, int] | None:
        """(TIMEX3 letter, is-time-unit, factor) of a unit word, singular or plural."""
        w = word.lower().rstrip(".")
        w = self.unit_plurals.get(w, w)
        if w in self.units:
            return self.units[w]
        if w.endswith("s") and w[:-1] in self.units:
            return self.units[w[:-1]]
        return None

    def number(self, word: str) -> str | None:
        """A number word or digits as a string ('3', '2.5', 'X'), or None."""
        w = " ".join(word.lower().replace(",", "").split())
        if not w:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", w):
            return w
        if w in self.numbers:
            return self.numbers[w]
        parts = re.split(r"[\s-]+", w)
        if len(parts) == 2 and all(p in self.numbers for p in parts):  # twenty-five
            a, b = self.numbers[parts[0]], self.numbers[parts[1]]
            if a != "X" and b != "X" and float(a) % 10 == 0 and 20 <= float(a) <= 90 and 1 <= float(b) <= 9:
                return _fmt(float(a) + float(b))
        if w.endswith(" and a half"):
            base = self.number(w[: -len(" and a half")])
            if base and base != "X":
                return _fmt(float(base) + 0.5)
        return None


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


@cache
def lexicon() -> Lexicon:
    raw: dict[str, Any] = yaml.load(data_text("lexicon.yaml"), Loader=_YAML_LOADER)
    units = {
        str(k): (str(v["code"]), bool(v.get("time", False)), int(v.get("factor", 1)))
        for k, v in raw["units"].items()
    }
    tense = raw["tense"]
    return Lexicon(
        months={str(k): int(v) for k, v in raw["months"].items()},
        ambiguous_months=frozenset(str(x) for x in raw["ambiguous_months"]),
        weekdays={str(k): int(v) for k, v in raw["weekdays"].items()},
        numbers={str(k): _fmt(float(v)) if v != "X" else "X" for k, v in raw["numbers"].items()},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        units=units,
        unit_plurals={str(k): str(v) for k, v in raw["unit_plurals"].items()},
        parts_of_day={str(k): str(v) for k, v in raw["parts_of_day"].items()},
        clock_words={str(k): str(v) for k, v in raw["clock_words"].items()},
        seasons={str(k): str(v) for k, v in raw["seasons"].items()},
        relative_days={str(k): int(v) for k, v in raw["relative_days"].items()},
        position_mods={str(k): str(v) for k, v in raw["position_mods"].items()},
        amount_mods={str(k): str(v) for k, v in raw["amount_mods"].items()},
        utc_zones=frozenset(str(x) for x in raw["utc_zones"]),
        other_zones=frozenset(str(x) for x in raw["other_zones"]),
        references={str(k): str(v) for k, v in raw["references"].items()},
        reference_guards={str(k): frozenset(str(x) for x in v) for k, v in raw["reference_guards"].items()},
        holidays={str(k): str(v) for k, v in raw["holidays"].items()},
        named_day_prefixes=frozenset(str(x) for x in raw["named_day_prefixes"]),
        frequency_words={str(k): str(v) for k, v in raw["frequency_words"].items()},
        future_cues=tuple(str(x) for x in tense["future"]),
        past_cues=tuple(str(x) for x in tense["past"]),
        not_past_ed=frozenset(str(x) for x in tense["not_past_ed"]),
        reporting=frozenset(str(x) for x in tense["reporting"]),
        past_signals=tuple(str(x) for x in tense["past_signals"]),
        future_signals=tuple(str(x) for x in tense["future_signals"]),
    )
