"""`eventwire evaluate merge`: pairwise precision/recall/F1 of event merging on the clustering set.

The set (tests/fixtures/merge/stories.yaml) holds stories written for the project, several per
real-world event plus distractors, each with its mentions coded by hand and a `gold` event label.

- records mode (default): the hand-coded mentions are merged exactly as the store merges them
  (through a temporary SQLite store), scored on mention pairs: a pair is positive when both
  mentions went to the same event; gold when both have the same label.
- pipeline mode (`--pipeline`): the story texts go through the whole extraction pipeline into a
  temporary store, scored on article pairs (two stories share an event or not). It measures
  extraction and merging together, so it rises as extraction improves.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eventwire.evaluate.report import EvalReport, ScoreTable
from eventwire.ingest import make_article
from eventwire.records import (
    AcledType,
    Actor,
    Article,
    Attribution,
    Claim,
    Event,
    Extraction,
    Fatalities,
    Place,
    PloverType,
    Quantity,
    Span,
    Speaker,
    When,
)


def default_set() -> Path:
    """The clustering set shipped with the repository's tests."""
    return Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "merge" / "stories.yaml"


@dataclass
class Story:
    id: str
    extraction: Extraction
    gold: list[str]  # one label per mention, in the order of extraction.events


def _actor(spec: Any, actors: dict[str, Any]) -> Actor | None:
    if spec is None:
        return None
    data = actors[spec] if isinstance(spec, str) else spec
    return Actor(**data)


def _place(spec: Any, places: dict[str, Any], span: Span) -> Place | None:
    if spec is None:
        return None
    d = dict(places[spec] if isinstance(spec, str) else spec)
    cc = d.pop("cc", None)
    return Place(span=span, country_code=cc, **d)


def _figure(kind: str, value: Any, span: Span, qualifier: str | None = None) -> Quantity:
    if isinstance(value, list):
        low, best, high = (None if v is None else float(v) for v in value)
    else:
        low = best = high = float(value)
    return Quantity(span=span, kind=kind, low=low, best=best, high=high, qualifier=qualifier)


def story_extraction(spec: dict[str, Any], places: dict[str, Any], actors: dict[str, Any],
                     types: dict[str, Any]) -> Story:
    """Build the Extraction a perfect extractor would give for one story of the set."""
    text = str(spec["text"])
    published = spec.get("published")
    article = make_article(text, published=published, outlet=spec.get("outlet"), source_id=spec["id"],
                           url=f"https://example.org/eventwire-merge-set/{spec['id']}")
    events: list[Event] = []
    claims: list[Claim] = []
    gold: list[str] = []
    for i, m in enumerate(spec.get("mentions", [])):
        start = text.find(m["sentence"])
        if start < 0:
            raise ValueError(f"{spec['id']}: sentence not in text: {m['sentence'][:60]!r}")
        sent = Span.of(text, start, start + len(m["sentence"]))
        etype, sub, ptype, pmode = types[m["type"]]
        start_d, precision, basis = m["when"]
        when = When(start=date.fromisoformat(str(start_d)), end=date.fromisoformat(str(start_d)),
                    precision=precision, basis=basis, acled_time_precision=1 if precision == "day" else 2)
        quantities = []
        fat = Fatalities()
        if "killed" in m:
            q = _figure("killed", m["killed"], sent, m.get("killed_qualifier"))
            quantities.append(q)
            fat = Fatalities(low=int(q.low or 0), best=None if q.best is None else int(q.best),
                             high=None if q.high is None else int(q.high))
        for kind in ("injured", "intercepted", "size"):
            if kind in m:
                quantities.append(_figure(kind, m[kind], sent))
        eid = f"{article.id}-m{i}"
        claim_id = m.get("claim")
        source = Speaker(text=m["claimant"]) if m.get("claimant") else None
        attribution = Attribution(status=m.get("status", "asserted"), source=source, claim_id=claim_id)
        events.append(Event(
            id=eid,
            acled=AcledType(event_type=etype, sub_event_type=sub),
            plover=PloverType(type=ptype, mode=pmode),
            actor1=_actor(m.get("actor1"), actors),
            actor2=_actor(m.get("actor2"), actors),
            place=_place(m.get("place"), places, sent),
            when=when,
            quantities=quantities,
            fatalities=fat,
            attribution=attribution,
            sentence=sent,
            evidence=[sent],
            confidence=0.9,
            rule="merge-set",
            article_ids=[article.id],
        ))
        if claim_id:
            claims.append(Claim(id=claim_id, claimant=source, content=sent, status=attribution.status,
                                event_ids=[eid], contradicts=[m["contradicts"]] if m.get("contradicts") else []))
        gold.append(str(m["gold"]))
    x = Extraction(id=spec["id"], article=article, events=events, claims=claims)
    return Story(spec["id"], x, gold)


def wikinews_set() -> Path:
    return default_set().with_name("wikinews.yaml")


def load_wikinews(shared: Path, path: Path | None = None) -> list[tuple[Article, list[str]]]:
    """The Wikinews articles named in the labels file, read from ../shared/data/wikinews/ (never
    copied into the repository), each with the labels of the events it reports."""
    import csv

    labels = {a["url"]: [str(x) for x in a["events"]]
              for a in yaml.safe_load((path or wikinews_set()).read_text(encoding="utf-8"))["articles"]}
    out: list[tuple[Article, list[str]]] = []
    csv.field_size_limit(10_000_000)
    for f in sorted((shared / "wikinews").glob("wikinews_*.csv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["url"] in labels:
                    article = make_article(row["text"], published=row["date"][:10], url=row["url"],
                                           title=row["title"], outlet="Wikinews", source_id=row["url"])
                    out.append((article, labels.pop(row["url"])))
    if labels:
        raise ValueError(f"Wikinews articles not found in {shared / 'wikinews'}: {sorted(labels)[:3]}")
    return out


def load_set(path: Path | None = None) -> list[Story]:
    data = yaml.safe_load((path or default_set()).read_text(encoding="utf-8"))
    return [story_extraction(s, data["places"], data["actors"], data["types"]) for s in data["stories"]]


def pairwise(pred: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """Pairwise precision/recall/F1: items i<j are a predicted pair when pred[i] == pred[j]."""
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        p, g = pred[i] == pred[j], gold[i] == gold[j]
        tp += p and g
        fp += p and not g
        fn += g and not p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _article_pairs(pred_sets: Sequence[set[str]], gold_sets: Sequence[set[str]]) -> dict[str, float]:
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold_sets)), 2):
        p, g = bool(pred_sets[i] & pred_sets[j]), bool(gold_sets[i] & gold_sets[j])
        tp += p and g
        fp += p and not g
        fn += g and not p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _store_assignments(store_dir: Path, extractions: Iterable[Extraction]) -> dict[str, str]:
    """Write the extractions to a fresh SQLite store; return mention id -> merged event id."""
    from sqlalchemy import select

    from eventwire.store import Store, schema

    st = Store(str(store_dir / "merge.db"))
    try:
        for x in extractions:
            st.write(x)
        mc = schema.cluster_members
        with st.engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(select(mc.c.event_id, mc.c.cluster_id))}
    finally:
        st.close()


def evaluate_merge(path: Path | None = None, *, pipeline: bool = False, nlp: Any = None,
                   wikinews: bool = True) -> EvalReport:
    """Score merging on the clustering set (records mode, or the whole pipeline; the pipeline mode
    adds the labelled Wikinews conflict stories when ../shared/data is present)."""
    stories = load_set(path)
    with tempfile.TemporaryDirectory(prefix="eventwire-merge-") as tmp:
        if not pipeline:
            assigned = _store_assignments(Path(tmp), (s.extraction for s in stories))
            ids = [e.id for s in stories for e in s.extraction.events]
            gold = [g for s in stories for g in s.gold]
            pred = [assigned[i] for i in ids]
            m = pairwise(pred, gold)
            table = ScoreTable("merged events (records mode)", ["event", "mentions", "gold labels"])
            by_event: dict[str, list[str]] = {}
            for p, g in zip(pred, gold, strict=True):
                by_event.setdefault(p, []).append(g)
            for p, gs in sorted(by_event.items(), key=lambda kv: sorted(kv[1])):
                table.rows.append([p, len(gs), ", ".join(sorted(set(gs)))])
            metrics = {"pair_precision": m["precision"], "pair_recall": m["recall"], "pair_f1": m["f1"],
                       "events_gold": float(len(set(gold))), "events_predicted": float(len(set(pred))),
                       "mentions": float(len(ids))}
            return EvalReport("merge", metrics, [table],
                              notes=[f"{len(stories)} stories, {len(ids)} hand-coded mentions; "
                                     f"pairs tp={m['tp']} fp={m['fp']} fn={m['fn']}"])
        from eventwire.config import shared_data_dir
        from eventwire.pipeline import extract_articles

        articles = [s.extraction.article for s in stories]
        names = [s.id for s in stories]
        gold_sets = [set(s.gold) for s in stories]
        notes = []
        shared = shared_data_dir() if wikinews else None
        if shared is not None and (shared / "wikinews").is_dir():
            for article, labels in load_wikinews(shared):
                articles.append(article)
                names.append("wikinews: " + (article.title or article.id)[:40])
                gold_sets.append(set(labels))
            notes.append(f"{len(articles) - len(stories)} Wikinews stories (CC BY 2.5, Wikinews; "
                         "see tests/fixtures/merge/wikinews.yaml for their URLs)")
        elif wikinews:
            notes.append("../shared/data/wikinews not found: the clustering set's stories only")
        extracted = list(extract_articles(articles, nlp=nlp, doc_ids=names))
        assigned = _store_assignments(Path(tmp), extracted)
        pred_sets = [{assigned[e.id] for e in x.events if e.id in assigned} for x in extracted]
        m = _article_pairs(pred_sets, gold_sets)
        n_mentions = sum(len(x.events) for x in extracted)
        table = ScoreTable("stories (pipeline mode)", ["story", "mentions extracted", "events", "gold"])
        for name, x, ps, golds in zip(names, extracted, pred_sets, gold_sets, strict=True):
            table.rows.append([name, len(x.events), len(ps), ", ".join(sorted(golds))])
        metrics = {"article_pair_precision": m["precision"], "article_pair_recall": m["recall"],
                   "article_pair_f1": m["f1"], "mentions_extracted": float(n_mentions)}
        return EvalReport("merge-pipeline", metrics, [table],
                          notes=[f"{len(articles)} stories through the pipeline; article pairs "
                                 f"tp={m['tp']} fp={m['fp']} fn={m['fn']}", *notes])
