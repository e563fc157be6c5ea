"""MEANTIME's CAT XML (NewsReader): the story text rebuilt from its tokens, with each token's
character offsets, for the scorers that read MEANTIME (time expressions, speech links).

CAT files carry tokens, not text, so the text is detokenised: no space before closing
punctuation and clitics, none after opening brackets and quotes, Penn quote tokens as quotes.
How sentences are joined is the caller's choice: the time scorer keeps every sentence on its
own paragraph, the speech scorer lets the body run on like a wire story after its title and
date lines (a speaker's sentence and the quote's next sentence then read as one paragraph).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

NO_SPACE_BEFORE = frozenset({".", ",", ":", ";", "?", "!", ")", "]", "}", "%", "'s", "’s", "n't", "'", "''", "'re",
                             "'ve", "'ll", "'d", "'m", "”", "’"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "``", "“", "#"})
TOKEN_TEXT = {"``": "\"", "''": "\"", "&quot;": "\"", "&amp;": "&"}


@dataclass
class CatText:
    text: str
    offsets: dict[str, tuple[int, int]]  # token id → (start, end) in `text`
    sentence_of: dict[str, int]  # token id → sentence number


def rebuild_text(root: ET.Element, *, sentence_sep: str = "\n\n", header_sentences: int = 0,
                 header_sep: str = "\n", map_quotes: bool = False) -> CatText:
    """The text of one CAT document. Sentences are joined by `sentence_sep`; the first
    `header_sentences` (title, date line) end with `header_sep` instead. `map_quotes` writes
    Penn quote tokens (`` and '') as plain quotes."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    pos = 0
    prev_sent: str | None = None
    prev_raw = ""
    for tok in root.iter("token"):
        raw = tok.text or ""
        word = TOKEN_TEXT.get(raw, raw) if map_quotes else raw
        sent = tok.get("sentence", "0")
        if prev_sent is not None:
            if sent != prev_sent:
                sep = header_sep if int(prev_sent) < header_sentences else sentence_sep
            elif raw in NO_SPACE_BEFORE or prev_raw in NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        t_id = tok.get("t_id", "")
        offsets[t_id] = (pos, pos + len(word))
        sentence_of[t_id] = int(sent)
        parts.append(word)
        pos += len(word)
        prev_sent, prev_raw = sent, raw
    return CatText("".join(parts), offsets, sentence_of)


__all__ = ["CatText", "rebuild_text"]
