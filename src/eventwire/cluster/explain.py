"""Why mentions were merged: a merged event as terminal tables (for `eventwire events show`)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from eventwire.cluster.model import MergedEvent


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def explain(m: MergedEvent) -> Group:
    e = m.event
    head = Text()
    head.append(f"{m.id}\n", style="bold")
    if e.acled:
        head.append(f"ACLED: {e.acled.event_type} / {e.acled.sub_event_type}\n")
    if e.plover:
        head.append(f"PLOVER: {e.plover.type}" + (f"/{e.plover.mode}" if e.plover.mode else "") + "\n")
    for label, actor in (("actor 1", e.actor1), ("actor 2", e.actor2)):
        if actor:
            codes = "/".join(c for c in (actor.country, actor.sector) if c)
            head.append(f"{label}: {actor.name or actor.text}" + (f" [{codes}]" if codes else "") + "\n")
    if e.place:
        p = e.place
        where = ", ".join(x for x in (p.name, p.admin1_name, p.country_code) if x)
        coords = f" ({p.lat:.4f}, {p.lon:.4f})" if p.lat is not None and p.lon is not None else ""
        head.append(f"where: {where}{coords}, precision {p.precision or '?'}\n")
    w = e.when
    head.append(f"when: {w.start or '?'}" + (f"..{w.end}" if w.end and w.end != w.start else "")
                + f" ({w.precision}, {w.basis})\n")
    f = e.fatalities
    head.append(f"fatalities: {f.low} (lowest reported)" + (f", best {f.best}, high {f.high}" if f.best else "") + "\n")
    head.append(f"status: {e.attribution.status}; modality: {e.modality}; "
                f"{len(m.mentions)} mentions from {len(m.sources)} sources\n")

    sources = Table(title="sources")
    for col in ("#", "outlet", "published", "title / url", "article"):
        sources.add_column(col, overflow="fold")
    for i, s in enumerate(m.sources, 1):
        sources.add_row(str(i), s.outlet or "", str(s.published or ""), s.title or s.url or "", s.article_id)

    mentions = Table(title="mentions and why they were merged", show_lines=True)
    for col in ("#", "mention", "joined via", "score", "features", "reasons", "evidence"):
        mentions.add_column(col, overflow="fold")
    for x in m.mentions:
        feats = ", ".join(f"{k}={'?' if v is None else f'{v:.2f}'}" for k, v in x.features.items())
        mentions.add_row(
            str(x.position), f"{x.event_id}\n({x.status}, {x.modality})",
            x.matched_event_id or "founded the event", "" if x.score is None else f"{x.score:.3f}",
            feats, "\n".join(x.reasons), x.evidence[:300],
        )

    figures = Table(title="figures by source (range across sources)")
    for col in ("kind", "figure", "qualifier", "source", "claimant", "status"):
        figures.add_column(col, overflow="fold")
    for fig in m.figures:
        val = _num(fig.best if fig.best is not None else fig.low)
        figures.add_row(fig.kind, val, fig.qualifier or "", fig.outlet or fig.article_id[:10], fig.claimant or "",
                        fig.status)
    for r in m.ranges:
        figures.add_row(f"[bold]{r.kind}[/bold]", f"{_num(r.low)}–{_num(r.high)} (median {_num(r.best)})", "",
                        f"{r.n_sources} sources", "", "agree" if r.agree else "disagree")

    parts: list[Table | Text] = [head, sources, mentions]
    if m.figures:
        parts.append(figures)
    if m.claims:
        claims = Table(title="claims and denials")
        for col in ("claim", "claimant", "status", "contradicts", "content"):
            claims.add_column(col, overflow="fold")
        for c in m.claims:
            claimant = c.get("claimant") or {}
            claims.add_row(str(c.get("id")), str(claimant.get("name") or claimant.get("text") or ""),
                           str(c.get("status")), ", ".join(c.get("contradicts", [])),
                           str((c.get("content") or {}).get("text", ""))[:200])
        parts.append(claims)
    return Group(*parts)
