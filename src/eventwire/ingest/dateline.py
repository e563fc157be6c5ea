"""Split the dateline ("KYIV:", "WASHINGTON —", "KYIV, Aug 14 (Reuters) -") off a story's start."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A dateline is an upper-case place name at the very start of the story, optionally followed by
# a country/state, a date and an agency in parentheses, then a colon or a dash. Upper case is the
# signal wire services use; a mixed-case start ("Ukraine pounded ...") is never a dateline.
_DATELINE = re.compile(
    r"""^(?P<lead>\s*)
    (?P<place>[A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]+){0,3})          # KYIV, NEW YORK, PORT-AU-PRINCE
    (?P<rest>(?:,[ ]?[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2})?      # , Ukraine / , Calif.
    (?:,?[ ](?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?     # Aug 14 / August 14, 2024
    (?:[ ]?\([^)]{1,40}\))?)                                            # (Reuters)
    [ ]?(?P<sep>:|—|–|--|-)[ ]+""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Dateline:
    """Where the dateline place sits in the text, its date words if any, and where the body starts."""

    place_start: int
    place_end: int
    place: str
    date_text: str | None
    body_start: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, or None when the story opens without one."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    place = m.group("place")
    # One short upper-case word followed by a colon could be a heading like "UPDATE:"; keep
    # those out with a small list of words that are never places.
    if place.strip(".").upper() in _NOT_PLACES:
        return None
    return Dateline(
        place_start=m.start("place"),
        place_end=m.end("place"),
        place=place,
        date_text=m.group("date"),
        body_start=m.end(),
    )


_NOT_PLACES = frozenset(
    {"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "WATCH", "LIVE", "NOTE", "CORRECTION", "OPINION", "EDITOR"}
)
