"""Rich tables of events for the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from rich.markup import escape
from rich.table import Table

from eventwire.records import Event, Quantity

EVIDENCE_WIDTH = 160  # characters of the sentence shown around the trigger


def _when(e: Event) -> str:
    w = e.when
    if w.start is None:
        return f"? ({w.basis})"
    text = w.start.isoformat()
    if w.end and w.end != w.start:
        text += f"–{w.end.isoformat()}"
    return f"{text} ({w.precision}, {w.basis})"


def _actor(a: object) -> str:
    if a is None:
        return ""
    name = getattr(a, "name", None) or getattr(a, "text", "")
    country = getattr(a, "country", None)
    sector = getattr(a, "sector", None)
    codes = "/".join(c for c in (country, sector) if c)
    return f"{name} [{codes}]" if codes else str(name)


def events_table(events: Iterable[Event], title: str = "events") -> Table:
    table = Table(title=title, show_lines=True)
    for col in ("type (ACLED / PLOVER)", "actors", "place", "when", "figures", "who says", "evidence"):
        table.add_column(col, overflow="fold")
    for e in events:
        acled = f"{e.acled.event_type}: {e.acled.sub_event_type}" if e.acled else "—"
        plover = f"{e.plover.type}/{e.plover.mode}" if e.plover and e.plover.mode else (e.plover.type if e.plover else "")
        kind = f"{acled}\n{plover}" + ("" if e.modality == "occurred" else f"\n({e.modality})")
        actors = "\n".join(x for x in (_actor(e.actor1), _actor(e.actor2) and f"→ {_actor(e.actor2)}") if x)
        place = ""
        if e.place:
            place = ", ".join(x for x in (e.place.name, e.place.admin1_name, e.place.country_code) if x)
            if e.place.precision:
                place += f" (p{e.place.precision})"
        figures = "\n".join(_figure(q) for q in e.quantities)
        att = e.attribution
        says = att.status + (f": {att.source.name or att.source.text}" if att.source else "")
        table.add_row(*(escape(x) for x in (kind, actors, place, _when(e), figures, says)), _evidence(e))
    return table


def _evidence(e: Event, width: int = EVIDENCE_WIDTH) -> str:
    """The sentence around the event's trigger (in bold), cut to about `width` characters on word
    boundaries, with an ellipsis where text was left out; Rich markup, the text itself escaped."""
    if e.sentence is None or e.trigger is None or not e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end:
        text = e.sentence.text if e.sentence else " … ".join(s.text for s in e.evidence)
        return escape(text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …")
    text, base = e.sentence.text, e.sentence.start
    t0, t1 = e.trigger.start - base, e.trigger.end - base
    room = max(width - (t1 - t0), 0)
    lo = max(0, t0 - room // 2)
    hi = min(len(text), t1 + room - (t0 - lo))
    lo = max(0, min(lo, hi - width))
    if lo > 0:  # start on a word boundary
        cut = text.find(" ", lo, t0)
        lo = cut + 1 if cut != -1 else lo
    if hi < len(text):
        cut = text.rfind(" ", t1, hi)
        hi = cut if cut != -1 else hi
    head = ("… " if lo > 0 else "") + escape(text[lo:t0])
    tail = escape(text[t1:hi]) + (" …" if hi < len(text) else "")
    return f"{head}[bold]{escape(text[t0:t1])}[/bold]{tail}"


def _figure(q: Quantity) -> str:
    """'displaced: more than 120,000 people'; a vague amount written without a number shows the
    floor it stands for ('settlements_captured: dozens (≥24) settlements')."""
    amount = _num(q.low, q.high)
    if q.qualifier and not any(c.isdigit() for c in q.span.text) and q.high is None and q.best is None:
        amount = f"{q.qualifier} (≥{amount})"
    elif q.qualifier:
        amount = f"{q.qualifier} {amount}"
    return f"{q.kind}: {amount}{' ' + q.unit if q.unit else ''}"


def _num(low: float | None, high: float | None) -> str:
    def f(v: float) -> str:
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"

    if low is None and high is None:
        return "?"
    if low is not None and high is not None and low != high:
        return f"{f(low)}–{f(high)}"
    return f(low if low is not None else high)  # type: ignore[arg-type]
