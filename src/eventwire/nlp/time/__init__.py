"""eventwire's temporal tagger: a grammar over lexicon data, normalised to TIMEX3.

`tag_text(text, anchor)` finds every time expression and returns `Timex` items (character
extent, TIMEX3 type, value, mod); `eventwire.nlp.timex` wraps it as a spaCy component.
"""

from eventwire.nlp.time.normalize import Timex, tag_text

__all__ = ["Timex", "tag_text"]
