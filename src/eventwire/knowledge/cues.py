"""The attribution cue lexicon (`knowledge/data/attribution/cues.yaml`), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# libyaml's C loader when PyYAML was built with it (several times faster), else the pure-Python one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or []))


@dataclass(frozen=True)
class CueLexicon:
    speech: frozenset[str]
    clause_only: frozenset[str]
    infinitive: frozenset[str]
    denial: frozenset[str]
    claim_anaphors: frozenset[str]
    evidential_verbs: frozenset[str]
    evidential_subjects: frozenset[str]
    hedges: frozenset[str]
    according: frozenset[str]
    agentless_status: str
    anonymity_phrases: tuple[str, ...]
    anonymous_nouns: frozenset[str]
    local_roles: frozenset[str]
    role_stop: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    titles: frozenset[str]
    noun_cues: frozenset[str]
    not_content_objects: frozenset[str]

    def is_cue_verb(self, lemma: str) -> bool:
        return lemma in self.speech or lemma in self.denial

    def status_of(self, lemma: str) -> str:
        return "denied" if lemma in self.denial else "attributed"


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The cue lexicon (cached)."""
    text = resources.files("eventwire.knowledge").joinpath("data", "attribution", "cues.yaml").read_text(
        encoding="utf-8")
    d = yaml.load(text, Loader=_YAML_LOADER)
    return CueLexicon(
        speech=_words(d["speech_verbs"]["lemmas"]),
        clause_only=_words(d["clause_only"]),
        infinitive=_words(d["infinitive"]),
        denial=_words(d["denial_verbs"]["lemmas"]),
        claim_anaphors=_words(d["claim_anaphors"]),
        evidential_verbs=_words(d["evidential"]["verbs"]),
        evidential_subjects=_words(d["evidential"]["subjects"]),
        hedges=_words(d["hedges"]["words"]),
        according=_words(d["according_to"]["words"]),
        agentless_status=str(d.get("agentless_status", "reportedly")),
        anonymity_phrases=tuple(str(p).lower() for p in d["anonymity"]["phrases"]),
        anonymous_nouns=_words(d["anonymity"]["source_nouns"]),
        local_roles=_words(d["local_roles"]),
        role_stop=_words(d["role_stop"]),
        pronouns={str(k).lower(): _words(v) for k, v in d["pronouns"].items()},
        titles=_words(d.get("titles")),
        noun_cues=_words((d.get("noun_cues") or {}).get("nouns")),
        not_content_objects=_words(d.get("not_content_objects")),
    )
