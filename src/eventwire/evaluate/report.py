"""The frame every scorer plugs into: a named report of metrics and tables, printable and JSON-able."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table


@dataclass
class ScoreTable:
    """A table of per-item or per-type results (rows of cells under named columns)."""

    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class EvalReport:
    """One scorer's result: headline metrics (floats, 0–1 for rates) and detail tables."""

    name: str
    metrics: dict[str, float]
    tables: list[ScoreTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "metrics": self.metrics, "notes": self.notes,
                "tables": [{"title": t.title, "columns": t.columns, "rows": t.rows} for t in self.tables]}


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def print_report(report: EvalReport, console: Console | None = None, detail: bool = True) -> None:
    console = console or Console()
    if detail:
        for t in report.tables:
            table = Table(title=t.title)
            for col in t.columns:
                table.add_column(col)
            for row in t.rows:
                table.add_row(*[_fmt(c) for c in row])
            console.print(table)
    summary = Table(title=f"{report.name}: metrics")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    for key, value in report.metrics.items():
        summary.add_row(key, _fmt(value))
    console.print(summary)
    for note in report.notes:
        console.print(f"[dim]{note}[/dim]")


def write_report(report: EvalReport, path: Path) -> None:
    path.write_text(json.dumps(report.to_json(), indent=2, default=str), encoding="utf-8")


def load_floors(path: Path) -> dict[str, float]:
    """CI floors for one scorer: `metric: minimum` pairs in a YAML file under quality/floors/."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): float(v) for k, v in data.items()}


def below_floors(report: EvalReport, floors: dict[str, float]) -> list[str]:
    """Which floors the report misses (a metric missing from the report counts as missing)."""
    missed = []
    for key, floor in floors.items():
        value = report.metrics.get(key)
        if value is None or value + 1e-9 < floor:
            missed.append(f"{report.name}.{key} = {value} < floor {floor}")
    return missed
