"""resolve_figures on hand-built records: figures go to their event, fatalities follow ACLED."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventwire.records import Actor, Article, Event, Extraction, Quantity, Span
from eventwire.resolve.figures import fatalities_of, resolve_figures

TEXT = ("Militants attacked a checkpoint and killed at least 4 police officers. "
        "Separately, troops captured 30 fighters and shelled dozens of houses.")


def _span(text: str, word: str, after: int = 0) -> Span:
    start = TEXT.index(word, after)
    return Span.of(TEXT, start, start + len(word))


def _sentence(n: int) -> Span:
    first_end = TEXT.index(". ") + 1
    return Span.of(TEXT, 0, first_end) if n == 0 else Span.of(TEXT, first_end + 1, len(TEXT))


def _extraction() -> Extraction:
    s1 = _sentence(1)
    events = [
        Event(id="e-attack", trigger=_span(TEXT, "killed"), sentence=_sentence(0)),
        Event(id="e-capture", trigger=_span(TEXT, "captured"), sentence=s1),
        Event(id="e-shelling", trigger=_span(TEXT, "shelled"), sentence=s1),
    ]
    quantities = [
        Quantity(span=_span(TEXT, "at least 4 police officers"), kind="killed", low=4, qualifier="at least"),
        Quantity(span=_span(TEXT, "30 fighters"), kind="captured", low=30, best=30, high=30),
        Quantity(span=_span(TEXT, "dozens of houses"), kind="targets", low=24, qualifier="dozens"),
    ]
    article = Article(id="a1", text=TEXT)
    return Extraction(id="a1", article=article, events=events, quantities=quantities)


def test_each_figure_goes_to_the_event_of_its_sentence_and_kind() -> None:
    ex = resolve_figures(_extraction())
    by_id = {e.id: e for e in ex.events}
    assert [q.kind for q in by_id["e-attack"].quantities] == ["killed"]
    assert [q.kind for q in by_id["e-capture"].quantities] == ["captured"]
    assert [q.kind for q in by_id["e-shelling"].quantities] == ["targets"]
    assert by_id["e-attack"].fatalities.low == 4
    assert by_id["e-capture"].fatalities.low == 0  # unknown deaths: 0, as ACLED codes them


def test_resolve_is_idempotent() -> None:
    ex = resolve_figures(resolve_figures(_extraction()))
    assert all(len(e.quantities) == 1 for e in ex.events)


def _killed(low: float | None = None, best: float | None = None, high: float | None = None,
            qualifier: str | None = None, actor: str | None = None) -> Quantity:
    return Quantity(span=Span(start=0, end=1, text="x"), kind="killed", low=low, best=best, high=high,
                    qualifier=qualifier, actor=Actor(text=actor) if actor else None)


def test_vague_words_take_acled_numbers() -> None:
    assert fatalities_of([_killed(low=3, qualifier="several")]).low == 3  # type: ignore[union-attr]
    assert fatalities_of([_killed(low=24, qualifier="dozens")]).low == 12  # type: ignore[union-attr]
    assert fatalities_of([_killed(low=200, qualifier="hundreds")]).low == 100  # type: ignore[union-attr]


def test_lowest_report_wins_and_range_is_kept() -> None:
    fat = fatalities_of([_killed(low=10, best=10, high=10), _killed(low=14, best=14, high=14)])
    assert fat is not None and (fat.low, fat.best, fat.high) == (10, 10, 14)


def test_per_side_counts_add_up() -> None:
    fat = fatalities_of([_killed(1, 1, 1, actor="Ukrainian soldier"), _killed(3, 3, 3, actor="rebels")])
    assert fat is not None and (fat.low, fat.best, fat.high) == (4, 4, 4)


def test_no_killed_figure_means_no_fatalities() -> None:
    assert fatalities_of([Quantity(span=Span(start=0, end=1, text="x"), kind="injured", low=5)]) is None


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=5))
def test_fatalities_low_is_the_lowest_total(values: list[int]) -> None:
    fat = fatalities_of([_killed(v, v, v) for v in values])
    assert fat is not None
    assert fat.low == min(values) and fat.high == max(values)
    assert fat.low <= (fat.best or fat.low) <= (fat.high or fat.low)


def test_a_toll_in_its_own_sentence_goes_to_the_event_whose_evidence_holds_it() -> None:
    text = "Troops shelled a village. Three civilians were killed."
    first = Span.of(text, 0, text.index(".") + 1)
    toll = Span.of(text, text.index("Three"), len(text))
    event = Event(id="e", trigger=Span.of(text, 7, 14), sentence=first, evidence=[Span.of(text, 7, 14), toll])
    other = Event(id="o", trigger=Span.of(text, 7, 14), sentence=first)
    q = Quantity(span=Span.of(text, toll.start, toll.start + len("Three civilians")), kind="killed", low=3, best=3,
                 high=3)
    x = resolve_figures(Extraction(id="a", article=Article(id="a", text=text), events=[other, event], quantities=[q]))
    assert [len(e.quantities) for e in x.events] == [0, 1]
    assert x.events[1].fatalities is not None and x.events[1].fatalities.low == 3
