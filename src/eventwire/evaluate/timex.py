"""Score the time layer: TempEval-3 measures on MEANTIME (CAT XML) and the seed story's times.

TempEval-3 (UzZaman et al. 2013): a system expression matches a gold one strictly when the
extents are equal and relaxed when they overlap (one-to-one); type and value accuracy are over
the relaxed matches; value F1 = relaxed F1 x value accuracy (and type F1 likewise).

MEANTIME's documents are token lists: the text is rebuilt with one sentence a paragraph
(title, date line, body). Its document creation time is the anchor; the creation-time expression on
the date line is metadata (TempEval gives the DCT to systems), so it is left out of both gold
and system output. Expressions annotated without tokens (empty tags) are not in the text and
are not scored. When a document has no creation time, the tagger anchors on the date line
itself, as `eventwire timex` does for a story without a publication date.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.evaluate.cat_xml import rebuild_text
from eventwire.evaluate.report import EvalReport, ScoreTable
from eventwire.records import Time


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class GoldDoc:
    id: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)
    scored_end: int | None = None  # MEANTIME annotates only a story's first sentences



def _parse_dct(value: str) -> date | None:
    value = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", value)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value)  # one file writes DD-MM-YYYY
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def load_meantime_doc(path: Path) -> GoldDoc:
    """One CAT XML file: its text rebuilt from tokens, its creation time and gold TIMEX3s."""
    root = ET.parse(path).getroot()
    cat = rebuild_text(root)
    text, offsets = cat.text, cat.offsets
    doc = GoldDoc(id=path.stem, text=text, dct=None)
    # MEANTIME annotates the title, the date line and the first sentences of each story only:
    # the scored region ends with the last sentence that holds any annotation.
    sentence_of = cat.sentence_of
    last_sentence = max((sentence_of[a.get("t_id", "")] for a in root.iter("token_anchor")
                         if a.get("t_id", "") in sentence_of), default=None)
    if last_sentence is not None:
        ends = [offsets[t][1] for t, sn in sentence_of.items() if sn <= last_sentence]
        doc.scored_end = max(ends)
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in tx.findall("token_anchor")]
        if not ids:
            continue
        start = min(offsets[i][0] for i in ids)
        end = max(offsets[i][1] for i in ids)
        if tx.get("functionInDocument") == "CREATION_TIME":
            doc.dct = _parse_dct(tx.get("value", ""))
            doc.excluded.append((start, end))
            continue
        doc.timexes.append(GoldTimex(start, end, text[start:end], tx.get("type", ""), tx.get("value", "")))
    return doc


def load_meantime(root: Path) -> list[GoldDoc]:
    """Every English intra-document file under `root` (the MEANTIME folder or any folder of CAT XML)."""
    base = root / "intra-doc_annotation" if (root / "intra-doc_annotation").is_dir() else root
    return [load_meantime_doc(p) for p in sorted(base.rglob("*.xml"))]


def load_timeml_doc(path: Path) -> GoldDoc:
    """One TimeML (.tml) file as TempEval-3 ships it: the DCT from <DCT>, the text of <TEXT> with
    its inline TIMEX3 tags turned into character offsets."""
    root = ET.parse(path).getroot()
    dct: date | None = None
    for node in root.iter("DCT"):
        for tx in node.iter("TIMEX3"):
            dct = _parse_dct(tx.get("value", ""))
    text_node = next(root.iter("TEXT"), None)
    pieces: list[str] = []
    timexes: list[tuple[int, int, str, str]] = []
    pos = 0

    def walk(node: ET.Element) -> None:
        nonlocal pos
        start = pos
        if node.text:
            pieces.append(node.text)
            pos += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                pos += len(child.tail)
        if node.tag == "TIMEX3" and node is not text_node:
            timexes.append((start, pos, node.get("type", ""), node.get("value", "")))

    if text_node is not None:
        walk(text_node)
    text = "".join(pieces)
    doc = GoldDoc(id=path.stem, text=text, dct=dct)
    for start, end, typ, value in timexes:
        # TimeML extents are exact; trim white space a tag may hold at its edges
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue  # an empty (non-consuming) TIMEX3, e.g. an anchored duration's end point: no text
        doc.timexes.append(GoldTimex(start, end, text[start:end], typ, value))
    return doc


def load_timeml(root: Path) -> list[GoldDoc]:
    """Every .tml file under `root` (TempEval-3 / TimeBank layout)."""
    return [load_timeml_doc(p) for p in sorted(root.rglob("*.tml"))]


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[list[Any]] = field(default_factory=list)
    missed: list[list[Any]] = field(default_factory=list)
    spurious: list[list[Any]] = field(default_factory=list)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def score_doc(doc: GoldDoc, system: list[Time], counts: Counts) -> None:
    """Add one document's matches to `counts` (relaxed matching is one-to-one, by overlap)."""
    def excluded(s: int, e: int) -> bool:
        if doc.scored_end is not None and s >= doc.scored_end:
            return True
        return any(_overlap((s, e), x) > 0 for x in doc.excluded)

    sys_items = [t for t in system if not excluded(t.span.start, t.span.end)]
    gold = doc.timexes
    counts.gold += len(gold)
    counts.system += len(sys_items)
    pairs = sorted(
        ((_overlap((g.start, g.end), (t.span.start, t.span.end)), gi, si)
         for gi, g in enumerate(gold) for si, t in enumerate(sys_items)
         if _overlap((g.start, g.end), (t.span.start, t.span.end)) > 0),
        reverse=True,
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, t = gold[gi], sys_items[si]
        counts.relaxed += 1
        if (g.start, g.end) == (t.span.start, t.span.end):
            counts.strict += 1
        counts.type_ok += g.type == t.type
        if g.value == t.value:
            counts.value_ok += 1
        else:
            counts.errors.append([doc.id, str(doc.dct), g.text, g.value, t.span.text, t.value])
    for gi, g in enumerate(gold):
        if gi not in used_g:
            counts.missed.append([doc.id, str(doc.dct), g.text, g.type, g.value])
    for si, t in enumerate(sys_items):
        if si not in used_s:
            counts.spurious.append([doc.id, str(doc.dct), t.span.text, t.type, t.value])


def _prf(hit: int, system: int, gold: int) -> tuple[float, float, float]:
    p = hit / system if system else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def tempeval_metrics(c: Counts) -> dict[str, float]:
    sp, sr, sf = _prf(c.strict, c.system, c.gold)
    rp, rr, rf = _prf(c.relaxed, c.system, c.gold)
    type_acc = c.type_ok / c.relaxed if c.relaxed else 0.0
    value_acc = c.value_ok / c.relaxed if c.relaxed else 0.0
    return {
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
        "type_accuracy": type_acc, "value_accuracy": value_acc,
        "type_f1": rf * type_acc, "value_f1": rf * value_acc,
    }


Tagger = Callable[[Iterable[tuple[str, date | None]]], Iterable[list[Time]]]


def _default_tagger() -> Tagger:
    from eventwire.nlp.timex import tag_times_many

    def run(items: Iterable[tuple[str, date | None]]) -> Iterable[list[Time]]:
        return tag_times_many(items)

    return run


def evaluate_meantime(root: Path, tagger: Tagger | None = None, max_rows: int = 60) -> EvalReport:
    """TempEval-3 measures of the time layer on MEANTIME (or any folder of CAT XML files)."""
    report = _evaluate_docs(load_meantime(root), "timex-meantime", tagger, max_rows)
    report.notes = [f"{int(report.metrics['documents'])} documents, {int(report.metrics['gold_timexes'])} gold "
                    "TIMEX3 (creation times and token-less tags left out); MEANTIME (Minard et al. 2016), CC BY 4.0"]
    return report


def evaluate_timeml(root: Path, tagger: Tagger | None = None, max_rows: int = 60) -> EvalReport:
    """TempEval-3 measures on a folder of TimeML .tml files (TimeBank, AQUAINT, TempEval-3 test)."""
    report = _evaluate_docs(load_timeml(root), "timex-timeml", tagger, max_rows)
    report.notes = [f"{int(report.metrics['documents'])} TimeML documents under {root}"]
    return report


def _evaluate_docs(docs: list[GoldDoc], name: str, tagger: Tagger | None, max_rows: int) -> EvalReport:
    tagger = tagger or _default_tagger()
    counts = Counts()
    for doc, times in zip(docs, tagger((d.text, d.dct) for d in docs), strict=True):
        score_doc(doc, times, counts)
    metrics = tempeval_metrics(counts)
    metrics["documents"] = float(len(docs))
    metrics["gold_timexes"] = float(counts.gold)
    return EvalReport(
        name=name,
        metrics=metrics,
        tables=[
            ScoreTable("value errors (matched, wrong value)", ["doc", "dct", "gold text", "gold value", "system text",
                                                               "system value"], counts.errors[:max_rows]),
            ScoreTable("missed gold expressions", ["doc", "dct", "text", "type", "value"], counts.missed[:max_rows]),
            ScoreTable("spurious system expressions", ["doc", "dct", "text", "type", "value"],
                       counts.spurious[:max_rows]),
        ],
    )


def evaluate_seed(shared: Path, tagger: Tagger | None = None) -> EvalReport:
    """The seed story's `times` in expected.yaml: each found at its offset with an accepted value."""
    import yaml

    text = (shared / "seed" / "kursk-incursion.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((shared / "seed" / "expected.yaml").read_text(encoding="utf-8"))
    published = expected["article"].get("published")
    pub = published if isinstance(published, date) else (date.fromisoformat(str(published)) if published else None)
    tagger = tagger or _default_tagger()
    times = next(iter(tagger([(text, pub)])))
    rows: list[list[Any]] = []
    found = right = 0
    for item in expected.get("times", []):
        accept = item.get("accept_values") or [str(item.get("value"))]
        start = int(item["start"])
        hit = next((t for t in times if t.span.start <= start < t.span.end), None)
        ok = hit is not None and hit.value in accept
        found += hit is not None
        right += ok
        rows.append([item["text"], start, "/".join(accept), hit.span.text if hit else "", hit.value if hit else "",
                     "ok" if ok else "WRONG"])
    n = len(expected.get("times", [])) or 1
    return EvalReport(
        name="timex-seed",
        metrics={"seed_times_found": found / n, "seed_value_accuracy": right / n},
        tables=[ScoreTable("seed times", ["text", "start", "expected", "found", "value", "result"], rows)],
    )


def evaluate_timex(shared: Path, meantime: Path | None = None, timeml: Path | None = None) -> EvalReport:
    """MEANTIME's TempEval-3 measures and the seed story's times in one report (and, given a
    folder of TimeML .tml files, the same measures on it, prefixed `timeml_`)."""
    tagger = _default_tagger()
    mt = evaluate_meantime(meantime or shared / "timeml" / "meantime", tagger)
    seed = evaluate_seed(shared, tagger)
    metrics = {f"meantime_{k}": v for k, v in mt.metrics.items()} | seed.metrics
    tables, notes = seed.tables + mt.tables, list(mt.notes)
    if timeml is not None:
        tm = evaluate_timeml(timeml, tagger)
        metrics |= {f"timeml_{k}": v for k, v in tm.metrics.items()}
        tables += [ScoreTable("TimeML: " + t.title, t.columns, t.rows) for t in tm.tables]
        notes += tm.notes
    return EvalReport(name="timex", metrics=metrics, tables=tables, notes=notes)
