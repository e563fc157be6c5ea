"""Render a situation report to one self-contained HTML or Markdown file (Jinja2 templates)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from eventwire.out.report.build import SituationReport, build_report
from eventwire.store import EventFilter, Store

ReportFormat = Literal["html", "md"]


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("eventwire.out", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["svg_data_uri"] = lambda svg: "data:image/svg+xml;base64," + base64.b64encode(
        svg.encode("utf-8")).decode("ascii")
    env.filters["num"] = lambda v: "?" if v is None else (f"{int(v):,}" if float(v).is_integer() else f"{v:,}")
    return env


def render_report(report: SituationReport, fmt: ReportFormat = "html") -> str:
    """The report as text: `html` (one page, SVG inline) or `md` (SVG as data-URI images)."""
    name = "report.html.j2" if fmt == "html" else "report.md.j2"
    return _env().get_template(name).render(r=report)


def report_text(store: Store, flt: EventFilter, fmt: ReportFormat = "html", *, max_events: int = 40,
                title: str | None = None) -> str:
    """Build and render a report for the events in `store` that match `flt`."""
    return render_report(build_report(store, flt, max_events=max_events, title=title), fmt)


def write_report(store_location: str, flt: EventFilter, out: Path, fmt: ReportFormat = "html", *,
                 max_events: int = 40, title: str | None = None) -> SituationReport:
    """Write a report file; returns what it contains (for the CLI to summarise)."""
    with Store(store_location) as store:
        report = build_report(store, flt, max_events=max_events, title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(report, fmt), encoding="utf-8")
    return report
