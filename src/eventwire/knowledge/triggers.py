"""The trigger lexicon (`knowledge/data/events/triggers.yaml`) and word classes (`classes.yaml`).

Loaded once per process. `lexicon()` gives entries indexed by verb lemma, noun lemma and lemma
phrase; `Lexicon.classes_of(words)` tells which word classes a head (with its modifiers) is in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.knowledge.yamlio import load_yaml


@dataclass(frozen=True)
class Example:
    text: str
    acled: tuple[str, str] | None
    plover: tuple[str, ...] | None
    modality: str | None


@dataclass(frozen=True)
class TriggerEntry:
    id: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    when: dict[str, Any]
    family: str
    acled: tuple[str, str] | None
    plover: tuple[str, str | None] | None
    context: tuple[str, ...]
    refine: frozenset[str]
    modality: str | None
    absorb: bool
    anaphoric: bool
    consequence: bool
    absorbs: frozenset[str]
    examples: tuple[Example, ...]
    order: int
    noun_phrases: frozenset[tuple[str, ...]] = frozenset()
    verb_phrases: frozenset[tuple[str, ...]] = frozenset()


@dataclass(frozen=True)
class WeaponType:
    cls: str
    acled: str
    mode: str


@dataclass
class Lexicon:
    entries: list[TriggerEntry]
    by_verb: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    by_noun: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    phrases: list[tuple[tuple[str, ...], TriggerEntry]] = field(default_factory=list)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    weapon_types: list[WeaponType] = field(default_factory=list)
    phrase_first: dict[str, list[tuple[tuple[str, ...], TriggerEntry]]] = field(default_factory=dict)
    word_classes: dict[str, frozenset[str]] = field(default_factory=dict)  # word → the classes listing it

    def classes_of(self, words: list[str]) -> set[str]:
        """Classes of a head given as [modifiers..., head] lemmas: the head alone, and each
        "modifier head" / "modifier modifier head" combination."""
        if not words:
            return set()
        head = words[-1]
        keys = {head}
        for i in range(len(words) - 1):
            keys.add(" ".join(words[i:]))
            keys.add(f"{words[i]} {head}")
        out: set[str] = set()
        for k in keys:
            found = self.word_classes.get(k)
            if found:
                out |= found
        return out

    def in_class(self, lemma: str, cls: str) -> bool:
        return lemma in self.classes.get(cls, frozenset())


def _text(name: str) -> str:
    return resources.files("eventwire.knowledge").joinpath("data", "events", name).read_text("utf-8")


def _pair(value: Any) -> tuple[str, str] | None:
    if not value:
        return None
    return (str(value[0]), str(value[1]))


def _plover(value: Any) -> tuple[str, str | None] | None:
    if not value:
        return None
    return (str(value[0]), str(value[1]) if len(value) > 1 and value[1] else None)


def _examples(raw: list[dict[str, Any]] | None) -> tuple[Example, ...]:
    out = []
    for ex in raw or []:
        pl = ex.get("plover")
        out.append(Example(text=ex["text"], acled=_pair(ex.get("acled")),
                           plover=tuple(str(p) for p in pl) if pl else None, modality=ex.get("modality")))
    return tuple(out)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon, loaded once per process."""
    doc = load_yaml(_text("triggers.yaml"))
    classes_doc: dict[str, list[Any]] = load_yaml(_text("classes.yaml"))
    lex = Lexicon(entries=[])
    lex.classes = {k: frozenset(str(w).lower() for w in v) for k, v in classes_doc.items()}
    index: dict[str, set[str]] = {}
    for cls, members in lex.classes.items():
        for w in members:
            index.setdefault(w, set()).add(cls)
    lex.word_classes = {w: frozenset(c) for w, c in index.items()}
    lex.weapon_types = [WeaponType(w["class"], w["acled"], w["mode"]) for w in doc.get("weapon_types", [])]
    for n, spec in enumerate(doc["triggers"]):
        words_v = [str(w).lower() for w in spec.get("verbs", [])]
        words_n = [str(w).lower() for w in spec.get("nouns", [])]
        phrases = [tuple(str(p).lower().split()) for p in spec.get("phrases", [])]
        # multi-word verbs/nouns are phrases (matched on lemma sequences)
        phrases += [tuple(w.split()) for w in words_v + words_n if " " in w]
        entry = TriggerEntry(
            id=spec["id"],
            verbs=frozenset(w for w in words_v if " " not in w),
            nouns=frozenset(w for w in words_n if " " not in w),
            phrases=tuple(phrases),
            when=dict(spec.get("when") or {}),
            family=spec.get("family", "other"),
            acled=_pair(spec.get("acled")),
            plover=_plover(spec.get("plover")),
            context=tuple(spec.get("context", [])),
            refine=frozenset(spec.get("refine", [])),
            modality=spec.get("modality"),
            absorb=bool(spec.get("absorb", False)),
            anaphoric=bool(spec.get("anaphoric", False)),
            consequence=bool(spec.get("consequence", False)),
            absorbs=frozenset(spec.get("absorbs", [])),
            noun_phrases=frozenset(tuple(w.split()) for w in words_n if " " in w),
            verb_phrases=frozenset(tuple(w.split()) for w in words_v if " " in w),
            examples=_examples(spec.get("examples")),
            order=n,
        )
        lex.entries.append(entry)
        for w in entry.verbs:
            lex.by_verb.setdefault(w, []).append(entry)
        for w in entry.nouns:
            lex.by_noun.setdefault(w, []).append(entry)
        for p in entry.phrases:
            lex.phrases.append((p, entry))
            lex.phrase_first.setdefault(p[0], []).append((p, entry))
    return lex


__all__ = ["Example", "Lexicon", "TriggerEntry", "WeaponType", "lexicon"]
