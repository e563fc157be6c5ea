"""Split the dateline ("KYIV:", "WASHINGTON —", "KYIV, Aug 14 (Reuters) -") off a story's start."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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


# A date standing on its own at the top of a story ("Thursday, January 24, 2019", "June 13, 2005",
# "24 January 2019", "2019-01-24"), or the date inside a wire dateline ("KYIV, Aug 14, 2024 -").
# Only a date with a year anchors a story: "Aug 14" alone would make us invent the year.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"""^[ \t]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?
    (?P<date>{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?[ \t]*,?[ \t]+\d{{4}}
      |\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH},?[ \t]+\d{{4}}
      |\d{{4}}-\d{{2}}-\d{{2}})
    [ \t]*(?:[-—–:|][^\n]{{0,60}})?$""",
    re.VERBOSE | re.MULTILINE,
)
_HEAD_LINES = 6


def _parse_date(text: str) -> date | None:
    # dateparser reads the many spellings of a written date; STRICT_PARSING refuses to fill in
    # a missing day, month or year from today's date.
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True,
                                                                "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def dateline_date(text: str) -> date | None:
    """The publication date a story carries at its top (a date line or the dateline's date), if
    it has a year; None otherwise (the year is never guessed)."""
    dl = find_dateline(text)
    if dl is not None and dl.date_text and re.search(r"\d{4}", dl.date_text):
        found = _parse_date(dl.date_text)
        if found:
            return found
    head = "\n".join(text.lstrip().split("\n", _HEAD_LINES)[:_HEAD_LINES])
    m = _DATE_LINE.search(head)
    if m is None:
        return None
    return _parse_date(re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", m.group("date")))
