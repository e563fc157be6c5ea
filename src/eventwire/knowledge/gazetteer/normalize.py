"""Name folding shared by the gazetteer index and every lookup: accents, case and punctuation.

One function builds the index keys and the query keys, so whatever it does, both sides agree;
`skeleton` is the looser key tried when the exact one finds nothing (transliteration variants).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_DROP = re.compile(r"[.'`ʼ’‘\"“”()\[\]]")
_SPACE = re.compile(r"[\s\-‐‑–—,/_&+:;]+")
_LATIN_LIMIT = 0x250  # Latin-1, Latin Extended-A/B: the scripts an English story spells places in


def is_latin(name: str) -> bool:
    """True when every letter of `name` is Latin (alternate names in other scripts never match English)."""
    return all(ord(c) < _LATIN_LIMIT or not c.isalpha() for c in name)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """The index key of a name: accents stripped, case folded, punctuation dropped, spaces collapsed.

    >>> fold("Kurskaya oblast'"), fold("Port-au-Prince"), fold("U.S."), fold("Żytomierz")
    ('kurskaya oblast', 'port au prince', 'us', 'zytomierz')
    """
    text = unicodedata.normalize("NFKC", name)
    text = _DROP.sub("", text)
    text = unidecode(text) if not text.isascii() else text
    text = _DROP.sub("", text)  # unidecode can produce apostrophes (soft signs)
    return _SPACE.sub(" ", text.casefold()).strip()


_ST = re.compile(r"^(st|ste|saint|sainte|ft|fort|mt|mount)\s")
_ST_PAIRS = {"st": "saint", "saint": "st", "ste": "sainte", "sainte": "ste", "ft": "fort", "fort": "ft",
             "mt": "mount", "mount": "mt"}


def variants(key: str) -> list[str]:
    """Spelling variants of a folded key that writers use interchangeably ("St Louis" / "Saint Louis")."""
    out = [key]
    m = _ST.match(key)
    if m:
        out.append(_ST_PAIRS[m.group(1)] + key[m.end(1):])
    return out


# Ukrainian/Russian romanisations first, then Arabic ones ("Daqahliya" / "Dakahlia", "Hasakeh" /
# "Hasakah", "Dhamar" / "Damar", "Ghouta" / "Guta", "Qusayr" / "Kusayr").
_SKELETON_STEPS = (("kh", "h"), ("zh", "z"), ("j", "i"), ("y", "i"), ("w", "v"), ("ie", "e"), ("q", "k"),
                   ("ou", "u"), ("oo", "u"), ("ee", "i"), ("dh", "d"), ("gh", "g"))
_FINAL_H = re.compile(r"[ae]h\b")  # "Hasakeh" / "Hasakah" -> "hasaka"
_DOUBLE = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """A looser key for transliteration variants of one name (Ukrainian/Russian especially):
    "avdiyivka" / "avdiivka", "slovyansk" / "sloviansk", "sievierodonetsk" / "severodonetsk".
    Empty for short names, which are too easy to confuse.
    """
    if len(key) < 5:
        return ""
    for a, b in _SKELETON_STEPS:
        key = key.replace(a, b)
    key = _FINAL_H.sub("a", key)
    return _DOUBLE.sub(r"\1", key)
