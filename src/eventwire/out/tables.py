"""Rich tables of events for the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table

from eventwire.records import Event


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
            place = f"{e.place.name}, {e.place.admin1_name or ''} {e.place.country_code or ''}".strip()
            if e.place.precision:
                place += f" (p{e.place.precision})"
        figures = "\n".join(
            f"{q.kind}: {q.qualifier + ' ' if q.qualifier else ''}{_num(q.low, q.high)}{' ' + q.unit if q.unit else ''}"
            for q in e.quantities
        )
        att = e.attribution
        says = att.status + (f": {att.source.name or att.source.text}" if att.source else "")
        evidence = e.sentence.text if e.sentence else " … ".join(s.text for s in e.evidence)
        table.add_row(kind, actors, place, _when(e), figures, says, evidence[:240])
    return table


def _num(low: float | None, high: float | None) -> str:
    def f(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else str(v)

    if low is None and high is None:
        return "?"
    if low is not None and high is not None and low != high:
        return f"{f(low)}–{f(high)}"
    return f(low if low is not None else high)  # type: ignore[arg-type]
