"""`eventwire evaluate events`: event typing and actors, scored three ways.

1. PLOVER gold-standard records (`plover_gsr/PLOVER_GSR_CAMEO.json`, CC BY-SA 4.0, Open Event
   Data Alliance): PLOVER event type accuracy and macro F1 (older type names mapped to PLOVER
   2.0: DEMAND → REQUEST, DISAPPROVE/INVESTIGATE → ACCUSE, FIGHT → ASSAULT), source and target
   actor country and sector accuracy, and a per-type table.
2. The seed story's expected events (`seed/expected.yaml`): each expected event matched by its
   sentence, with its accepted ACLED/PLOVER types, actors and modality; occurred events invented
   in sentences the story gives as background are counted.
3. Our own development sentences for ACLED sub-event types
   (`knowledge/data/events/dev_sentences.yaml`, written for eventwire): weighted F1 over ACLED
   sub-event types (the field's metric), on the tuning split, the held-out split, the ACLED-note
   split and the fresh set (`fresh_sentences.yaml`), for the rules alone, the learned model alone
   (cross-validated) and both combined (what `eventwire classify` answers).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from eventwire.assemble.events import said_now
from eventwire.classify import classifier_nlp, result_for, snippet_events
from eventwire.evaluate.headlines import evaluate_headlines
from eventwire.evaluate.report import EvalReport, ScoreTable
from eventwire.knowledge.taxonomy import taxonomy
from eventwire.learn.crossval import held_out_models
from eventwire.learn.data import DEV_SPLITS, fingerprint, fresh_items, load_labelled, training_items
from eventwire.learn.model import shipped_model
from eventwire.records import Actor, Event

VALID_SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM",
                 "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"}
INTERNATIONAL = {"IGO", "UNO", "EUR"}
# The gold records use a few CAMEO country codes that are not ISO 3166 alpha-3.
CAMEO_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


# ---- metrics ------------------------------------------------------------------------------


def f1_table(gold: list[str], pred: list[str]) -> tuple[float, float, list[list[Any]]]:
    """(macro F1, support-weighted F1, per-label rows [label, support, precision, recall, f1])."""
    labels = sorted(set(gold))
    rows: list[list[Any]] = []
    macro = weighted = 0.0
    total = len(gold)
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        support = tp + fn
        rows.append([lab, support, prec, rec, f1])
        macro += f1
        weighted += f1 * support
    return (macro / len(labels) if labels else 0.0, weighted / total if total else 0.0, rows)


def _accuracy(pairs: list[tuple[Any, Any]]) -> float:
    return sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0


# ---- 1. PLOVER gold-standard records ------------------------------------------------------


def _gold_actors(value: Any) -> list[dict[str, Any]]:
    """The gold record's actors of one role: a compound actor lists several ("Hungarian and
    Romanian officials agreed ...")."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        return [value]
    return []


def _gold_actor(value: Any, ours: Actor | None = None) -> dict[str, Any] | None:
    """The gold actor our actor is scored against: of a compound actor, the one it matches best
    (country, then sector); else the first."""
    golds = _gold_actors(value)
    if not golds:
        return None
    if ours is None or len(golds) == 1:
        return golds[0]

    def agreement(g: dict[str, Any]) -> tuple[bool, bool]:
        return (_country(g.get("code")) == _country(ours.country), _sector(g.get("sector")) == ours.sector)

    return max(golds, key=agreement)  # max keeps the first of equals


def _country(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    code = CAMEO_COUNTRIES.get(code, code)
    return "IGO" if code in INTERNATIONAL else code


def _sector(code: str | None) -> str | None:
    if not code:
        return None
    head = code.strip().upper()[:3]
    return head if head in VALID_SECTORS else None


def _main(events: list[Event]) -> Event | None:
    occurred = [e for e in events if e.modality == "occurred" or said_now(e)]
    pool = occurred or events
    return pool[0] if pool else None


def evaluate_plover_gsr(path: Path, nlp: Language | None = None) -> EvalReport:
    """PLOVER event type, and source/target country and sector, against the gold records."""
    tax = taxonomy()
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") and r.get("event") != "DOCUMENT" and r.get("text")]
    gold_types: list[str] = []
    pred_types: list[str] = []
    src_c: list[tuple[Any, Any]] = []
    src_s: list[tuple[Any, Any]] = []
    tgt_c: list[tuple[Any, Any]] = []
    tgt_s: list[tuple[Any, Any]] = []
    errors: Counter[tuple[str, str]] = Counter()
    items = ((i, r["text"]) for i, r in enumerate(records))
    for i, _text, events in snippet_events(items, nlp=nlp):
        rec = records[i]
        gold = tax.normalise_plover(rec["event"])
        main = _main(events)
        pred = main.plover.type if main is not None and main.plover else "NONE"
        gold_types.append(gold)
        pred_types.append(pred)
        if gold != pred:
            errors[(gold, pred)] += 1
        for role, cpairs, spairs in (("source", src_c, src_s), ("target", tgt_c, tgt_s)):
            ours: Actor | None = None
            if main is not None:
                ours = main.actor1 if role == "source" else main.actor2
            g = _gold_actor(rec.get(role), ours)
            if g is None:
                continue
            gc, gs = _country(g.get("code")), _sector(g.get("sector"))
            if gc:
                cpairs.append((gc, _country(ours.country) if ours else None))
            if gs:
                spairs.append((gs, ours.sector if ours else None))
    macro, weighted, rows = f1_table(gold_types, pred_types)
    metrics = {
        "plover_type_accuracy": _accuracy(list(zip(gold_types, pred_types, strict=True))),
        "plover_macro_f1": macro,
        "plover_weighted_f1": weighted,
        "source_country_accuracy": _accuracy(src_c),
        "source_sector_accuracy": _accuracy(src_s),
        "target_country_accuracy": _accuracy(tgt_c),
        "target_sector_accuracy": _accuracy(tgt_s),
        "plover_records": float(len(gold_types)),
    }
    confusions = ScoreTable("PLOVER GSR: most frequent confusions", ["gold", "predicted", "count"],
                            [[g, p, n] for (g, p), n in errors.most_common(15)])
    return EvalReport(
        name="events.plover_gsr",
        metrics=metrics,
        tables=[ScoreTable("PLOVER GSR: per type", ["type", "support", "precision", "recall", "f1"], rows),
                confusions],
        notes=["PLOVER gold-standard records, CC BY-SA 4.0, Open Event Data Alliance (openeventdata/PLOVER).",
               "Older type names mapped: DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT.",
               "Actor accuracy over records whose gold actor has a country / a valid sector; IGO=UNO=EUR; "
               "of a compound gold actor (several listed), ours is scored against the one it matches best."],
    )


# ---- 2. the seed story ------------------------------------------------------------------


def _actor_ok(actor: Actor | None, exp: dict[str, Any]) -> bool:
    if actor is None:
        return False
    for key in ("country", "sector", "acled_type"):
        if key in exp and getattr(actor, key) != exp[key]:
            return False
    if "name" in exp:
        names = [n.casefold() for n in (actor.name, actor.text) if n]
        want = str(exp["name"]).casefold()
        if not any(want in n or n in want for n in names):
            return False
    return True


def _seed_checks(e: Event, exp: dict[str, Any]) -> list[tuple[str, bool]]:
    checks: list[tuple[str, bool]] = []
    if "acled" in exp:
        accept = [tuple(a) for a in exp["acled"]["accept"]]
        got = (e.acled.event_type, e.acled.sub_event_type) if e.acled else None
        checks.append(("acled", got in accept))
    if "plover" in exp:
        pl = exp["plover"]
        checks.append(("plover", e.plover is not None and e.plover.type == pl["type"]))
        modes = pl.get("accept_modes") or ([pl["mode"]] if "mode" in pl else None)
        if modes:
            checks.append(("plover.mode", e.plover is not None and e.plover.mode in modes))
    for role in ("actor1", "actor2"):
        if role in exp:
            checks.append((role, _actor_ok(getattr(e, role), exp[role])))
    if "modality" in exp:
        checks.append(("modality", e.modality == exp["modality"]))
    return checks


def score_seed_events(events: list[Event], expected: dict[str, Any]) -> EvalReport:
    """Each expected event (by sentence) with its accepted types, actors and modality."""
    rows: list[list[Any]] = []
    matched = checks_ok = checks_all = 0
    exp_events = expected.get("events", [])
    for exp in exp_events:
        cands = [e for e in events if e.sentence is not None and e.sentence.start == exp["sentence_start"]]
        best: list[tuple[str, bool]] = []
        if cands:
            best = max((_seed_checks(e, exp) for e in cands), key=lambda cs: sum(1 for _, ok in cs if ok))
        ok = bool(cands) and all(passed for _, passed in best)
        matched += ok
        checks_ok += sum(1 for _, passed in best if passed)
        checks_all += len(best) if cands else max(1, len(_seed_checks_template(exp)))
        rows.append([exp["id"], bool(cands), ok, ", ".join(n for n, passed in best if not passed)])
    invented = sum(1 for e in events if e.modality == "occurred" and _in_background_phrase(e))
    total = len(exp_events)
    return EvalReport(
        name="events.seed",
        metrics={"seed_events_matched": matched / total if total else 0.0,
                 "seed_event_checks": checks_ok / checks_all if checks_all else 0.0,
                 "seed_background_invented": float(invented)},
        tables=[ScoreTable("seed events", ["id", "found", "all checks", "failed"], rows)],
        notes=[f"{matched}/{total} expected events matched with every check"],
    )


def _seed_checks_template(exp: dict[str, Any]) -> list[str]:
    return [k for k in ("acled", "plover", "actor1", "actor2", "modality") if k in exp]


_BACKGROUND = re.compile(r"\b(?:since|before|in (?:1[89]|20)\d\d)\b[^,.;:]*", re.IGNORECASE)


def _in_background_phrase(e: Event) -> bool:
    """Is the event's trigger inside a 'since ...' / 'in 2014 ...' phrase of its sentence?"""
    if e.sentence is None or e.trigger is None:
        return False
    rel = e.trigger.start - e.sentence.start
    return any(m.start() <= rel < m.end() for m in _BACKGROUND.finditer(e.sentence.text))


def evaluate_seed_events(seed_dir: Path, nlp: Language | None = None) -> EvalReport:
    from eventwire.assemble.events import events_from_doc
    from eventwire.ingest import make_article
    from eventwire.pipeline import make_doc
    from eventwire.records import Extraction
    from eventwire.resolve.actors import resolve_actors

    text = (seed_dir / "kursk-incursion.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((seed_dir / "expected.yaml").read_text(encoding="utf-8"))
    published = str(expected.get("article", {}).get("published", "")) or None
    nlp = nlp or classifier_nlp()
    article = make_article(text, published=published)
    doc = nlp(make_doc(nlp, article))
    x = resolve_actors(Extraction(id=article.id, article=article, events=events_from_doc(article, doc)))
    return score_seed_events(x.events, expected)


# ---- 3. our development sentences -------------------------------------------------------


def load_dev_sentences(path: Path | None = None) -> list[dict[str, Any]]:
    """[{text, acled: (type, sub), split}] from dev_sentences.yaml (splits: `DEV_SPLITS`)."""
    return load_labelled(path, "dev_sentences.yaml", DEV_SPLITS)


LAYERS = ("rules", "model", "combined")


def _layer_results(items: list[dict[str, Any]], nlp: Language | None,
                   notes: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each layer's classify results: the rules alone, the learned model alone and both combined
    (what `eventwire classify` answers). Models never see the sentences they score
    (`learn/crossval.py`); without scikit-learn only the rules are scored."""
    events = [ev for _, _, ev in snippet_events(((n, it["text"]) for n, it in enumerate(items)), nlp=nlp)]
    out = {"rules": [result_for(n, it["text"], ev) for n, (it, ev) in enumerate(zip(items, events, strict=True))]}
    try:
        models = held_out_models(items)
    except RuntimeError as exc:
        notes.append(f"learned layer not scored: {exc}")
        return out
    out["model"] = [{"acled": {"sub_event_type": m.predict(it["text"])[0]}} for it, m in zip(items, models, strict=True)]
    out["combined"] = [result_for(n, it["text"], ev, m)
                       for n, (it, ev, m) in enumerate(zip(items, events, models, strict=True))]
    return out


def score_dev_sentences(items: Iterable[dict[str, Any]], nlp: Language | None = None,
                        name: str = "events.dev") -> EvalReport:
    """Per split: weighted F1 etc. of the rules alone (`{split}_weighted_f1`, the score these keys
    always had), of the learned model alone (`{split}_model_weighted_f1`) and of both combined,
    which is what `eventwire classify` answers (`{split}_combined_weighted_f1`, its table and misses)."""
    items = list(items)
    notes = ["Development sentences written for eventwire; 'heldout' and 'paraphrases' are never used for "
             "tuning the rules, 'fresh' never for tuning or training. The learned layer is scored by 5-fold "
             "cross-validation on the dev_sentences.yaml splits and as shipped on fresh."]
    layers = _layer_results(items, nlp, notes)
    shipped = shipped_model()
    if shipped is None:
        notes.append("no learned model ships: classify answers with the rules alone")
    elif shipped.trained_on != fingerprint(training_items()):
        notes.append("the shipped classify model is stale (its training sentences changed): "
                     "run scripts/train_classify_model.py")
    metrics: dict[str, float] = {}
    tables: list[ScoreTable] = []
    for split in (*DEV_SPLITS, "fresh"):
        idx = [n for n, it in enumerate(items) if it["split"] == split]
        if not idx:
            continue
        gold = [items[n]["acled"][1] for n in idx]
        rules = layers["rules"]
        pred = [rules[n]["acled"]["sub_event_type"] for n in idx]
        macro, weighted, _ = f1_table(gold, pred)
        metrics[f"{split}_weighted_f1"] = weighted
        metrics[f"{split}_macro_f1"] = macro
        metrics[f"{split}_accuracy"] = _accuracy(list(zip(gold, pred, strict=True)))
        metrics[f"{split}_event_type_accuracy"] = _accuracy(
            [(items[n]["acled"][0], rules[n]["acled"]["event_type"]) for n in idx])
        metrics[f"{split}_sentences"] = float(len(idx))
        for layer in ("model", "combined"):
            if layer in layers:
                metrics[f"{split}_{layer}_weighted_f1"] = f1_table(
                    gold, [layers[layer][n]["acled"]["sub_event_type"] for n in idx])[1]
        answered = layers.get("combined", rules)
        rows = f1_table(gold, [answered[n]["acled"]["sub_event_type"] for n in idx])[2]
        tables.append(ScoreTable(f"ACLED sub-event types ({split}, as classify answers)",
                                 ["sub_event_type", "support", "precision", "recall", "f1"], rows))
    answered = layers.get("combined", layers["rules"])
    misses = [[it["split"], it["acled"][1], r["acled"]["sub_event_type"], r.get("rule"), it["text"]]
              for it, r in zip(items, answered, strict=True) if it["acled"][1] != r["acled"]["sub_event_type"]]
    tables.append(ScoreTable("misclassified (as classify answers)", ["split", "gold", "predicted", "rule", "text"],
                             misses[:60]))
    return EvalReport(name=name, metrics=metrics, tables=tables, notes=notes)


# ---- all together -------------------------------------------------------------------------


def evaluate_events(data_dir: Path | None, nlp: Language | None = None, dev_path: Path | None = None,
                    fresh_path: Path | None = None) -> EvalReport:
    """Every events score: PLOVER GSR and the seed (when ../shared/data is there) and our dev sentences."""
    nlp = nlp or classifier_nlp()
    parts: list[EvalReport] = []
    if data_dir is not None:
        gsr = data_dir / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
        if gsr.exists():
            parts.append(evaluate_plover_gsr(gsr, nlp))
        if (data_dir / "seed" / "expected.yaml").exists():
            parts.append(evaluate_seed_events(data_dir / "seed", nlp))
        ucdp = data_dir / "ucdp_ged_ukraine" / "UCDP-GED-Ukraine.utf8.csv"
        if ucdp.exists():
            parts.append(evaluate_headlines(ucdp, nlp))
    parts.append(score_dev_sentences(load_dev_sentences(dev_path) + fresh_items(fresh_path), nlp))
    metrics: dict[str, float] = {}
    tables: list[ScoreTable] = []
    notes: list[str] = []
    for p in parts:
        metrics.update(p.metrics)
        tables.extend(p.tables)
        notes.extend(p.notes)
    return EvalReport(name="events", metrics=metrics, tables=tables, notes=notes)


__all__ = ["evaluate_events", "evaluate_plover_gsr", "evaluate_seed_events", "f1_table", "load_dev_sentences",
           "score_dev_sentences", "score_seed_events"]
