"""The terminal table of events: the trigger in its sentence, figures as an analyst reads them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from eventwire.out.tables import _evidence, _figure, events_table
from eventwire.records import Event, Quantity, Span

SENTENCE = (
    "Officials in the region said on Tuesday that government troops, backed by militia fighters "
    "who had arrived from the north a week earlier, shelled the outskirts of the town for hours, "
    "while residents sheltered in basements and aid workers waited at the checkpoint."
)


def _event(sentence: str, trigger_word: str, base: int = 100) -> Event:
    t0 = sentence.index(trigger_word)
    return Event(
        id="e1",
        sentence=Span(start=base, end=base + len(sentence), text=sentence),
        trigger=Span(start=base + t0, end=base + t0 + len(trigger_word), text=trigger_word),
    )


def test_long_sentence_is_cut_around_the_trigger_on_word_boundaries() -> None:
    shown = _evidence(_event(SENTENCE, "shelled"), width=80)
    assert "[bold]shelled[/bold]" in shown
    plain = shown.replace("[bold]", "").replace("[/bold]", "")
    assert plain.startswith("… ") and plain.endswith(" …")
    inner = plain.removeprefix("… ").removesuffix(" …")
    assert inner in SENTENCE and len(inner) <= 80
    assert SENTENCE[SENTENCE.index(inner) - 1] == " "  # starts at a word


def test_short_sentence_is_shown_whole() -> None:
    shown = _evidence(_event("Rebels seized the [airport].", "seized"))
    assert shown == "Rebels [bold]seized[/bold] the \\[airport]."  # the text's own brackets are escaped


@given(st.integers(min_value=0, max_value=len(SENTENCE) - 1), st.integers(min_value=20, max_value=200))
def test_trigger_is_always_shown(pos: int, width: int) -> None:
    start = SENTENCE.rfind(" ", 0, pos) + 1
    end = SENTENCE.find(" ", pos)
    word = SENTENCE[start : end if end != -1 else len(SENTENCE)]
    if not word:
        return
    ev = Event(
        id="e",
        sentence=Span(start=0, end=len(SENTENCE), text=SENTENCE),
        trigger=Span(start=start, end=start + len(word), text=word),
    )
    assert f"[bold]{word}[/bold]" in _evidence(ev, width=width)


def test_figures_read_as_written() -> None:
    dozens = Quantity(span=Span(start=0, end=22, text="dozens of settlements"), kind="settlements_captured",
                      low=24, qualifier="dozens", unit="settlements")
    more = Quantity(span=Span(start=0, end=25, text="More than 120,000 Russians"), kind="displaced",
                    low=120000, qualifier="more than", unit="people")
    rng = Quantity(span=Span(start=0, end=7, text="3 to 5"), kind="killed", low=3, high=5)
    assert _figure(dozens) == "settlements_captured: dozens (≥24) settlements"
    assert _figure(more) == "displaced: more than 120,000 people"
    assert _figure(rng) == "killed: 3–5"


def test_table_renders_every_event() -> None:
    events = [_event(SENTENCE, "shelled"), _event("Police detained 12 protesters.", "detained")]
    console = Console(width=200, record=True)
    console.print(events_table(events, title="t"))
    out = console.export_text()
    assert "shelled" in out and "detained" in out
