"""The figures lexicons (qualifiers, vague amounts, kinds, units), loaded once per process.

Data lives in `knowledge/data/figures/*.yaml`; this module only reads and indexes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# libyaml's C loader when PyYAML was built with it (several times faster), else the pure-Python one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(name: str) -> dict[str, Any]:
    text = resources.files("eventwire.knowledge").joinpath("data", "figures", name).read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_YAML_LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError(f"figures/{name} must hold a mapping")
    return data


@dataclass(frozen=True)
class Qualifier:
    text: str
    role: str  # lower | upper | approx | near | range


@dataclass(frozen=True)
class Vague:
    text: str
    low: float
    acled: float
    high: float | None = None
    best: float | None = None


@dataclass(frozen=True)
class KindRule:
    kind: str
    verbs: frozenset[str] = frozenset()
    particles: dict[str, frozenset[str]] = field(default_factory=dict)
    nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    objects: frozenset[str | None] | None = None  # None: any class


@dataclass(frozen=True)
class Unit:
    unit: str
    kind: str


@dataclass(frozen=True)
class FiguresLexicon:
    qualifiers: tuple[Qualifier, ...]  # longest first
    vague: tuple[Vague, ...]  # longest first
    scales: dict[str, float]
    rules: tuple[KindRule, ...]
    noun_class: dict[str, str]  # lemma -> class
    default_kind: dict[str, str]
    units: dict[tuple[str, ...], Unit]  # lower-cased word tuple -> unit
    unit_max_len: int
    intransitive: frozenset[str] = frozenset()

    def vague_by_text(self, text: str) -> Vague | None:
        low = text.lower()
        for v in self.vague:
            if v.text == low:
                return v
        return None


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or []))


@lru_cache(maxsize=1)
def figures_lexicon() -> FiguresLexicon:
    """The figures lexicon (cached: loaded once per process)."""
    q = _load("qualifiers.yaml")
    v = _load("vague.yaml")
    k = _load("kinds.yaml")
    u = _load("units.yaml")
    qualifiers = sorted((Qualifier(str(e["text"]).lower(), str(e["role"])) for e in q["qualifiers"]),
                        key=lambda x: -len(x.text.split()))
    vague = sorted(
        (Vague(str(e["text"]).lower(), float(e["low"]), float(e["acled"]),
               float(e["high"]) if e.get("high") is not None else None,
               float(e["best"]) if e.get("best") is not None else None) for e in v["vague"]),
        key=lambda x: -len(x.text.split()),
    )
    rules = []
    for e in k["kinds"]:
        objects = e.get("objects")
        rules.append(KindRule(
            kind=str(e["kind"]),
            verbs=_words(e.get("verbs")),
            particles={str(a): _words(b) for a, b in (e.get("particles") or {}).items()},
            nouns=_words(e.get("nouns")),
            adjectives=_words(e.get("adjectives")),
            objects=None if objects is None else frozenset(None if o is None else str(o) for o in objects),
        ))
    noun_class = {str(w).lower(): cls for cls, words in k["noun_classes"].items() for w in words}
    units: dict[tuple[str, ...], Unit] = {}
    for e in u["units"]:
        for w in e["words"]:
            units[tuple(str(w).lower().split())] = Unit(str(e["unit"]), str(e["kind"]))
    return FiguresLexicon(
        qualifiers=tuple(qualifiers),
        vague=tuple(vague),
        scales={str(a).lower(): float(b) for a, b in v["scales"].items()},
        rules=tuple(rules),
        noun_class=noun_class,
        default_kind={str(a): str(b) for a, b in k["default_kind"].items() if b is not None},
        units=units,
        unit_max_len=max(len(key) for key in units),
        intransitive=_words(k.get("intransitive")),
    )


def acled_low(qualifier: str | None, low: float | None) -> float | None:
    """The ACLED lowest figure for a vague qualifier ('dozens' -> 12), else `low` unchanged."""
    if qualifier:
        vague = figures_lexicon().vague_by_text(qualifier)
        if vague is not None:
            return vague.acled
    return low


@lru_cache(maxsize=64)
def kind_cue_words(kind: str) -> frozenset[str]:
    """Every verb, noun and adjective that signals `kind` (to match figures with event triggers)."""
    out: set[str] = set()
    for rule in figures_lexicon().rules:
        if rule.kind == kind:
            out |= rule.verbs | rule.nouns | rule.adjectives | set(rule.particles)
    return frozenset(out)
