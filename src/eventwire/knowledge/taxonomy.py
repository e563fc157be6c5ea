"""ACLED and PLOVER taxonomies (data file `knowledge/data/events/taxonomy.yaml`) and their mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.knowledge.yamlio import load_yaml


@dataclass(frozen=True)
class AcledSubType:
    event_type: str
    name: str
    precedence: int  # 0 = highest (ACLED's order)
    plover: tuple[str | None, str | None]
    definition: str
    disorder_type: str


@dataclass(frozen=True)
class Taxonomy:
    acled: tuple[AcledSubType, ...]
    plover: dict[str, dict[str, Any]]
    contexts: tuple[str, ...]
    plover_fallback: dict[str, tuple[str, str]]
    plover_aliases: dict[str, str]
    by_sub: dict[str, AcledSubType] = field(default_factory=dict)
    note_tags: dict[str, tuple[str, str]] = field(default_factory=dict)

    def acled_types(self) -> list[str]:
        seen: list[str] = []
        for s in self.acled:
            if s.event_type not in seen:
                seen.append(s.event_type)
        return seen

    def sub_types(self) -> list[str]:
        return [s.name for s in self.acled]

    def event_type_of(self, sub: str) -> str:
        return self.by_sub[sub].event_type

    def precedence(self, sub: str | None) -> int:
        """ACLED precedence of a sub-event type (lower wins); unknown types come last."""
        if sub is None or sub not in self.by_sub:
            return len(self.acled) + 1
        return self.by_sub[sub].precedence

    def is_valid_acled(self, event_type: str, sub: str) -> bool:
        s = self.by_sub.get(sub)
        return s is not None and s.event_type == event_type

    def is_valid_plover(self, ptype: str, mode: str | None = None) -> bool:
        spec = self.plover.get(ptype)
        if spec is None:
            return False
        return mode is None or mode in (spec.get("modes") or [])

    def normalise_plover(self, ptype: str) -> str:
        """PLOVER 2.0 name for a type, mapping older names (DEMAND → REQUEST, FIGHT → ASSAULT ...)."""
        up = ptype.strip().upper()
        return self.plover_aliases.get(up, up)


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The taxonomies, loaded once per process."""
    text = resources.files("eventwire.knowledge").joinpath("data", "events", "taxonomy.yaml").read_text("utf-8")
    doc = load_yaml(text)
    subs: list[AcledSubType] = []
    for et in doc["acled"]:
        for st in et["sub_event_types"]:
            pl = st.get("plover") or [None, None]
            subs.append(AcledSubType(et["event_type"], st["name"], len(subs), (pl[0], pl[1]),
                                     st.get("definition", ""), et.get("disorder_type", "")))
    tax = Taxonomy(
        acled=tuple(subs),
        plover={k: dict(v) for k, v in doc["plover"].items()},
        contexts=tuple(doc.get("contexts", [])),
        plover_fallback={k: (v[0], v[1]) for k, v in doc.get("plover_to_acled_fallback", {}).items()},
        plover_aliases={str(k): str(v) for k, v in doc.get("plover_aliases", {}).items()},
        note_tags={str(k).lower(): (v[0], v[1]) for k, v in (doc.get("note_tags") or {}).items()},
    )
    tax.by_sub.update({s.name: s for s in subs})
    return tax


__all__ = ["AcledSubType", "Taxonomy", "taxonomy"]
