"""Scorers for each stage (`eventwire evaluate ...`), reporting the field's own metrics."""

from eventwire.evaluate.report import EvalReport, ScoreTable, below_floors, load_floors, print_report

__all__ = ["EvalReport", "ScoreTable", "below_floors", "load_floors", "print_report"]
