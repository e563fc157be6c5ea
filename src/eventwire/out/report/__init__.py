"""Situation reports: counts with ranges, a daily chart, a map, main events with evidence, figures
with who claims them, and disputed claims beside their denials (HTML or Markdown, one file)."""

from eventwire.out.report.build import SituationReport, build_report, filter_params
from eventwire.out.report.render import ReportFormat, render_report, report_text, write_report

__all__ = ["ReportFormat", "SituationReport", "build_report", "filter_params", "render_report", "report_text",
           "write_report"]
