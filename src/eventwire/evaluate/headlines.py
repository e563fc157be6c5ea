"""Real wire headlines about fatal political violence: does `eventwire classify` see the violence?

UCDP GED (`ucdp_ged_ukraine/`, CC BY 4.0) lists, for every fatal event, the headlines of the
articles it was coded from (`source_headline`, `;`-separated). Nobody wrote them for us, nobody
tuned to them, and every event behind them killed someone, so they measure what our own
sentences cannot: recall on the register of real reporting (headline grammar, wire slugs,
military communiqués: "Ukrainian army shells DPR 278 times over past week", "Armed Forces lost
up to 60 servicemen in a day", "Fighting rages at airport").

Metrics (over unique English headlines of four words or more; handles and non-Latin text are
left out, nothing is filtered by content, so the ceiling is below 1: some headlines are report
titles such as "Situation Update, east of Ukraine"):
- `ucdp_violent_recall`: share classified as an event that occurred, of a political-violence
  type (Battles, Explosions/Remote violence, Violence against civilians, Riots, or Excessive
  force against protesters);
- `ucdp_violent_type_share`: share whose best ACLED type is political violence, whether or not
  the rules found an event that occurred (what a sub-type scorer sees).
Use it to find phenomena; write our own example sentences for them (the lexicon's rule).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language

from eventwire.classify import classifier_nlp, classify_snippets
from eventwire.evaluate.report import EvalReport, ScoreTable

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
VIOLENT_SUBTYPES = {"Excessive force against protesters"}  # lethal force is violence, whatever its event type
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u2010-\u206f]")


def load_headlines(path: Path) -> list[str]:
    """The unique English headlines of a UCDP GED CSV, in file order."""
    seen: set[str] = set()
    out: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for raw in (row.get("source_headline") or "").split(";"):
                text = " ".join(raw.split())
                if len(text.split()) < 4 or "???" in text or "@" in text or _NOT_LATIN.search(text):
                    continue
                key = text.lower()
                if key not in seen:
                    seen.add(key)
                    out.append(text)
    return out


def evaluate_headlines(path: Path, nlp: Language | None = None, sample_misses: int = 25) -> EvalReport:
    """Score `classify` on the headlines of `path` (see the module docstring)."""
    heads = load_headlines(path)
    results = list(classify_snippets(({"id": i, "text": t} for i, t in enumerate(heads)), nlp=nlp or classifier_nlp()))
    hit = typed = 0
    subtypes: Counter[str] = Counter()
    misses: list[list[Any]] = []
    for res, text in zip(results, heads, strict=True):
        violent = res["acled"]["event_type"] in VIOLENT or res["acled"]["sub_event_type"] in VIOLENT_SUBTYPES
        typed += violent
        ok = bool(res["is_event"]) and violent
        hit += ok
        subtypes[res["acled"]["sub_event_type"] if res["is_event"] else "(no event)"] += 1
        if not ok and len(misses) < sample_misses:
            misses.append([text[:100], res["acled"]["sub_event_type"], res.get("modality"), res.get("rule")])
    n = len(heads) or 1
    return EvalReport(
        name="ucdp-headlines",
        metrics={"ucdp_violent_recall": hit / n, "ucdp_violent_type_share": typed / n,
                 "ucdp_headlines": float(len(heads))},
        tables=[ScoreTable("UCDP headlines: answers", ["sub-event type", "headlines"],
                           [[k, v] for k, v in subtypes.most_common()]),
                ScoreTable("UCDP headlines: first misses", ["headline", "type", "modality", "rule"], misses)],
        notes=["UCDP GED (Sundberg & Melander 2013), CC BY 4.0: source headlines of fatal events; the ceiling "
               "is below 1 (report titles carry no event)."],
    )


__all__ = ["evaluate_headlines", "load_headlines"]
