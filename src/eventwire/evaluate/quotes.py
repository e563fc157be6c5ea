"""`eventwire evaluate quotes`: who says so, and the figures, on three kinds of gold.

1. MEANTIME (NewsReader, CC BY 4.0; Minard et al. 2016): the 224 links from a speech or
   cognition event (event instance class SPEECH_COGNITIVE) to its Arg0 participant (the
   speaker), annotated in CAT XML as `HAS_PARTICIPANT sem_role="Arg0"`. A gold link is found
   when one of our attribution relations (or quote) has a cue overlapping the gold event mention
   and a source overlapping the gold entity mention. Precision counts our relations whose cue
   is a gold speech event: right when its source overlaps that event's gold speaker.
2. The seed story's `expected.yaml`: every quote (speaker, role, anonymity), every claim
   (claimant, content, contradicted_by) and every figure of its events (kind, low, best, high,
   unit, qualifier); and, when the events stage produces events, their attribution.
3. Our own development sentences for figures (`knowledge/data/figures/dev.yaml`), scored
   field by field.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.assemble.quantities import quantities_from_doc
from eventwire.assemble.quotes import quotes_from_doc
from eventwire.config import shared_data_dir
from eventwire.errors import EventwireError
from eventwire.evaluate.cat_xml import rebuild_text
from eventwire.evaluate.report import EvalReport, ScoreTable
from eventwire.nlp.layers import ATTRIBUTIONS, QUOTES
from eventwire.records import Claim, Quantity, Quote, Speaker

COMPONENTS = ("eventwire_quantities", "eventwire_quotes")
QUANTITY_FIELDS = ("kind", "low", "best", "high", "unit", "qualifier", "actor")

Progress = Callable[[int, int], None]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _nlp(nlp: Language | None) -> Language:
    if nlp is not None:
        return nlp
    from eventwire.assemble.quotes import quotes_nlp

    return quotes_nlp()


# ---------------------------------------------------------------- MEANTIME


@dataclass
class _MeantimeDoc:
    name: str
    text: str
    links: list[tuple[tuple[int, int], tuple[int, int], str]]  # cue chars, source chars, cue text


def _meantime_doc(path: Path) -> _MeantimeDoc:
    root = ET.parse(path).getroot()
    cat = rebuild_text(root, sentence_sep=" ", header_sentences=2, map_quotes=True)
    text, offsets = cat.text, cat.offsets
    markables = root.find("Markables")
    relations = root.find("Relations")
    links: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    if markables is None or relations is None:
        return _MeantimeDoc(path.stem, text, links)

    def chars(el: ET.Element) -> tuple[int, int] | None:
        spans = [offsets[a.get("t_id", "")] for a in el.findall("token_anchor") if a.get("t_id", "") in offsets]
        if not spans:
            return None
        return min(s for s, _ in spans), max(e for _, e in spans)

    mentions = {e.get("m_id"): e for e in markables.findall("EVENT_MENTION")}
    entities = {e.get("m_id"): e for e in markables.findall("ENTITY_MENTION")}
    instances = {e.get("m_id"): e.get("class") for e in markables.findall("EVENT")}
    refers: dict[str | None, str | None] = {}
    for rel in relations.findall("REFERS_TO"):
        target = rel.find("target")
        for src in rel.findall("source"):
            refers[src.get("m_id")] = target.get("m_id") if target is not None else None
    for part in relations.findall("HAS_PARTICIPANT"):
        p_src, p_tgt = part.find("source"), part.find("target")
        if p_src is None or p_tgt is None or part.get("sem_role") != "Arg0":
            continue
        ev, ent = mentions.get(p_src.get("m_id")), entities.get(p_tgt.get("m_id"))
        if ev is None or ent is None or instances.get(refers.get(p_src.get("m_id"))) != "SPEECH_COGNITIVE":
            continue
        cue, source = chars(ev), chars(ent)
        if cue is not None and source is not None:
            links.append((cue, source, text[cue[0]:cue[1]]))
    return _MeantimeDoc(path.stem, text, links)


def load_meantime(folder: Path) -> list[_MeantimeDoc]:
    files = sorted((folder / "intra-doc_annotation").glob("*/*.xml"))
    if not files:
        raise EventwireError(f"no MEANTIME CAT XML files under {folder}/intra-doc_annotation")
    return [_meantime_doc(f) for f in files]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _predicted_links(doc: Doc) -> set[tuple[tuple[int, int], tuple[int, int]]]:
    out: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for span in doc.spans.get(ATTRIBUTIONS, []):
        p = span._.attribution or {}
        if p.get("cue") and p.get("source"):
            out.add(((p["cue"][0], p["cue"][1]), (p["source"][0], p["source"][1])))
    for span in doc.spans.get(QUOTES, []):
        p = span._.quote or {}
        if p.get("cue") and p.get("source"):
            out.add(((p["cue"][0], p["cue"][1]), (p["source"][0], p["source"][1])))
    return out


def score_meantime(nlp: Language, folder: Path, progress: Progress | None = None) -> tuple[dict[str, float], ScoreTable]:
    docs = load_meantime(folder)
    gold_total = found = cue_found = 0
    pred_on_gold = pred_right = 0
    table = ScoreTable("MEANTIME speech/cognition → speaker (Arg0) links, misses (first 25)",
                       ["document", "cue", "gold speaker", "our speaker(s)"])
    for n, (mdoc, doc) in enumerate(zip(docs, nlp.pipe(d.text for d in docs), strict=True)):
        preds = _predicted_links(doc)
        for cue, source, cue_text in mdoc.links:
            gold_total += 1
            same_cue = [p for p in preds if _overlap(p[0], cue)]
            if same_cue:
                cue_found += 1
            if any(_overlap(p[1], source) for p in same_cue):
                found += 1
            elif len(table.rows) < 25:
                table.rows.append([mdoc.name[:40], cue_text, mdoc.text[source[0]:source[1]],
                                   "; ".join(mdoc.text[p[1][0]:p[1][1]] for p in same_cue) or "-"])
        for p in preds:
            golds = [s for c, s, _ in mdoc.links if _overlap(p[0], c)]
            if golds:
                pred_on_gold += 1
                if any(_overlap(p[1], s) for s in golds):
                    pred_right += 1
        if progress:
            progress(n + 1, len(docs))
    recall = found / gold_total if gold_total else 0.0
    precision = pred_right / pred_on_gold if pred_on_gold else 0.0
    metrics = {
        "meantime_speaker_precision": precision,
        "meantime_speaker_recall": recall,
        "meantime_speaker_f1": _f1(precision, recall),
        "meantime_cue_recall": cue_found / gold_total if gold_total else 0.0,
        "meantime_links": float(gold_total),
    }
    return metrics, table


# ---------------------------------------------------------------- the seed story


def _speaker_matches(expected: str, speaker: Speaker | None) -> bool:
    if speaker is None:
        return False
    want = expected.lower().removeprefix("the ").removeprefix("a ").strip()
    for got in (speaker.name, speaker.text, speaker.role):
        if got and (want in got.lower() or (got.lower().removeprefix("the ") in want and len(got) > 3)):
            return True
    return False


def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return str(a).lower() == str(b).lower()


def _check_quotes(expected: list[dict[str, Any]], quotes: list[Quote], table: ScoreTable) -> float:
    right = 0
    for exp in expected:
        q = next((q for q in quotes if q.text.startswith(exp["text_starts"])), None)
        ok = q is not None and _speaker_matches(exp["speaker"], q.speaker)
        if ok and q is not None and exp.get("speaker_role"):
            ok = bool(q.speaker and q.speaker.role and exp["speaker_role"].lower() in q.speaker.role.lower())
        if ok and q is not None and "anonymous" in exp:
            ok = bool(q.speaker and q.speaker.anonymous == bool(exp["anonymous"]))
        right += ok
        got = "-" if q is None or q.speaker is None else (q.speaker.name or q.speaker.text)
        table.rows.append(["quote", exp["text_starts"], exp["speaker"], got, "ok" if ok else "WRONG"])
    return right / len(expected) if expected else 1.0


def _check_claims(expected: list[dict[str, Any]], claims: list[Claim], table: ScoreTable) -> float:
    right = 0
    by_id = {c.id: c for c in claims}
    for exp in expected:
        c = next((c for c in claims if c.content.text.startswith(exp["content_starts"])
                  and _speaker_matches(exp["claimant"], c.claimant)), None)
        ok = c is not None
        if ok and c is not None and exp.get("contradicted_by"):
            answering = [d for d in claims if c.id in d.contradicts]
            ok = c.status == "disputed" and any(_speaker_matches(exp["contradicted_by"], d.claimant) for d in answering)
            ok = ok and all(x in by_id for x in (d.id for d in answering))
        right += ok
        got = "-" if c is None else f"{c.claimant.text if c.claimant else None} [{c.status}]"
        table.rows.append(["claim", exp["content_starts"], exp["claimant"], got, "ok" if ok else "WRONG"])
    return right / len(expected) if expected else 1.0


def _check_seed_quantities(events: list[dict[str, Any]], text: str, quantities: list[Quantity],
                           table: ScoreTable) -> float:
    right = total = 0
    for ev in events:
        start = int(ev.get("sentence_start", 0))
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        for exp in ev.get("quantities", []) or []:
            total += 1
            cands = [q for q in quantities if start <= q.span.start < end and q.kind == exp["kind"]]
            ok = False
            for q in cands:
                if all(_num_eq(getattr(q, f), exp[f]) for f in ("low", "best", "high", "unit", "qualifier") if f in exp):
                    ok = True
                    break
            right += ok
            got = "; ".join(f"{q.span.text} ({q.kind}, {q.low}/{q.best}/{q.high} {q.unit} {q.qualifier})" for q in cands)
            table.rows.append(["quantity", ev["id"], str(exp), got or "-", "ok" if ok else "WRONG"])
    return right / total if total else 1.0


def _seed_event_attribution(text: str, expected: dict[str, Any], table: ScoreTable) -> float | None:
    """Attribution of the seed's events through the whole pipeline (None when no events come out)."""
    from eventwire.pipeline import extract

    try:
        ex = extract(text, published=str(expected.get("article", {}).get("published", "")) or None)
    except Exception as exc:  # other stages may be mid-flight; the quote scores stand on their own
        table.rows.append(["event", "-", "pipeline failed", str(exc)[:60], "skipped"])
        return None
    if not ex.events:
        return None
    right = total = 0
    by_id = {c.id: c for c in ex.claims}
    for ev in expected.get("events", []):
        att = ev.get("attribution")
        if not att:
            continue
        total += 1
        start = int(ev["sentence_start"])
        cands = [e for e in ex.events if e.sentence is not None and e.sentence.start <= start < e.sentence.end + 1]
        ok = False
        for e in cands:
            a = e.attribution
            good = True
            if "claimant" in att:
                good = _speaker_matches(att["claimant"], a.source)
            if good and "cue" in att:
                good = (a.cue or "").lower().startswith(att["cue"].lower())
            if good and "status" in att:
                good = a.status == att["status"]
            if good and "source" in att:
                good = _speaker_matches(att["source"], a.source)
            if good and "claimant_country" in att:
                good = bool(a.source and a.source.country == att["claimant_country"])
            if good and "claimant_sector" in att:
                good = bool(a.source and a.source.sector == att["claimant_sector"])
            if good and "disputed_by" in att:
                good = a.status == "disputed" and any(_speaker_matches(att["disputed_by"], by_id[d].claimant)
                                                      for d in a.disputed_by if d in by_id)
            if good:
                ok = True
                break
        right += ok
        got = "; ".join(f"{e.attribution.status}:{e.attribution.source.text if e.attribution.source else None}"
                        for e in cands) or "no event"
        table.rows.append(["event", ev["id"], str(att), got, "ok" if ok else "WRONG"])
    return right / total if total else None


def score_seed(nlp: Language, seed_dir: Path, with_events: bool = True) -> tuple[dict[str, float], ScoreTable]:
    text = (seed_dir / "kursk-incursion.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((seed_dir / "expected.yaml").read_text(encoding="utf-8"))
    doc = nlp(text)
    quotes, _relations, claims = quotes_from_doc(doc)
    quantities = quantities_from_doc(doc)
    table = ScoreTable("seed story: quotes, claims, figures and event attribution",
                       ["what", "item", "expected", "got", ""])
    metrics = {
        "seed_quotes": _check_quotes(expected.get("quotes", []), quotes, table),
        "seed_claims": _check_claims(expected.get("claims", []), claims, table),
        "seed_quantities": _check_seed_quantities(expected.get("events", []), text, quantities, table),
    }
    if with_events:
        att = _seed_event_attribution(text, expected, table)
        if att is not None:
            metrics["seed_event_attribution"] = att
    return metrics, table


# ---------------------------------------------------------------- development figures


def load_dev_quantities() -> list[dict[str, Any]]:
    text = resources.files("eventwire.knowledge").joinpath("data", "figures", "dev.yaml").read_text(encoding="utf-8")
    items = yaml.safe_load(text)["items"]
    return list(items)


def _field_ok(field: str, want: Any, q: Quantity) -> bool:
    if field == "actor":
        if want is None:
            return q.actor is None
        return q.actor is not None and str(want).lower() in q.actor.text.lower()
    return _num_eq(getattr(q, field), want)


def score_dev_quantities(nlp: Language) -> tuple[dict[str, float], ScoreTable]:
    items = load_dev_quantities()
    table = ScoreTable("development figures: errors", ["sentence", "figure", "field", "expected", "got"])
    gold = matched = predicted = pred_matched = 0
    field_total = dict.fromkeys(QUANTITY_FIELDS, 0)
    field_right = dict.fromkeys(QUANTITY_FIELDS, 0)
    for item, doc in zip(items, nlp.pipe(i["text"] for i in items), strict=True):
        qs = quantities_from_doc(doc)
        predicted += len(qs)
        expected = item.get("quantities") or []
        pred_matched += sum(1 for q in qs if any(e["match"] in q.span.text for e in expected))
        for exp in expected:
            gold += 1
            q = next((q for q in qs if exp["match"] in q.span.text), None)
            if q is None:
                table.rows.append([item["text"][:60], exp["match"], "found", "yes", "no"])
                continue
            matched += 1
            for f in QUANTITY_FIELDS:
                if f not in exp:
                    continue
                field_total[f] += 1
                if _field_ok(f, exp[f], q):
                    field_right[f] += 1
                else:
                    got = q.actor.text if f == "actor" and q.actor else getattr(q, f)
                    table.rows.append([item["text"][:60], exp["match"], f, exp[f], got])
    recall = matched / gold if gold else 0.0
    precision = pred_matched / predicted if predicted else 0.0
    metrics = {"dev_quantity_precision": precision, "dev_quantity_recall": recall,
               "dev_quantity_f1": _f1(precision, recall), "dev_items": float(len(items))}
    for f in QUANTITY_FIELDS:
        if field_total[f]:
            metrics[f"dev_{f}_accuracy"] = field_right[f] / field_total[f]
    all_total = sum(field_total.values())
    metrics["dev_field_accuracy"] = sum(field_right.values()) / all_total if all_total else 0.0
    return metrics, table


# ---------------------------------------------------------------- all together


def evaluate_quotes(
    data_dir: Path | None = None,
    *,
    nlp: Language | None = None,
    with_events: bool = True,
    progress: Progress | None = None,
) -> EvalReport:
    """Score quotes, attribution and figures on MEANTIME, the seed story and our dev sentences."""
    data = data_dir or shared_data_dir()
    if data is None:
        raise EventwireError("../shared/data is not beside this checkout: pass the data directory")
    model = _nlp(nlp)
    metrics: dict[str, float] = {}
    tables: list[ScoreTable] = []
    notes = ["MEANTIME: NewsReader MEANTIME corpus, CC BY 4.0, © 2015 FBK, VU Amsterdam, UPV/EHU "
             "(Minard et al. 2016); speaker links = HAS_PARTICIPANT Arg0 of SPEECH_COGNITIVE events."]
    m, t = score_meantime(model, data / "timeml" / "meantime", progress)
    metrics.update(m)
    tables.append(t)
    m, t = score_seed(model, data / "seed", with_events=with_events)
    metrics.update(m)
    tables.append(t)
    m, t = score_dev_quantities(model)
    metrics.update(m)
    tables.append(t)
    return EvalReport(name="quotes", metrics=metrics, tables=tables, notes=notes)
