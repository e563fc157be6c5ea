"""What runs on a batch worker: a partition of plain records in, output written, a summary out.

Each worker process loads the spaCy pipeline and the knowledge the resolvers use (gazetteer,
lexicons) once: `warm_up` runs when the worker starts (through `EventwireWorkerPlugin`) and the
pipeline stays in `load_nlp`'s per-process cache; open stores are cached here. Only plain data
crosses processes: records (dicts) go in, a `PartitionSummary` of ints and strings comes out.
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict
from typing import Any

from spacy.language import Language

from eventwire.batch.output import PartitionSummary, extraction_rows, is_store_location, write_parquet_partition
from eventwire.errors import InputError
from eventwire.ingest.corpus import record_to_article
from eventwire.records import Article

WARM_UP_TEXT = (
    "KYIV, Aug 14 (Wire) - Russian forces shelled the city of Kharkiv on Monday, killing at least "
    "three civilians and wounding 12 others, the regional governor said. \"The strikes went on all night,\" "
    "a resident said."
)

_LOCK = threading.Lock()
_STORES: dict[str, Any] = {}


def get_nlp(model: str | None = None) -> Language:
    from eventwire.nlp import load_nlp

    return load_nlp(model)  # cached per process and model


def warm_up(model: str | None = None) -> float:
    """Load the pipeline and everything it reads lazily (gazetteer, lexicons) by extracting one story.
    Returns the seconds it took (the worker's cold start)."""
    from eventwire.nlp.model import freeze_heap
    from eventwire.pipeline import extract

    t0 = time.perf_counter()
    extract(WARM_UP_TEXT, published="2024-08-14", nlp=get_nlp(model))
    freeze_heap()  # the lexicons and caches the first story loaded stay for the worker's life
    return time.perf_counter() - t0


def _store(location: str) -> Any:
    from eventwire.store import Store

    with _LOCK:
        st = _STORES.get(location)
        if st is None:
            st = Store(location, migrate=False)  # the client migrated it before starting
            _STORES[location] = st
        return st


def process_partition(
    partition_id: str,
    records: list[dict[str, Any]],
    out: str,
    *,
    published: str | None = None,
    model: str | None = None,
    batch_size: int = 32,
) -> dict[str, Any]:
    """Extract a partition's records and write them to `out` (a Parquet directory or a store).
    Returns the `PartitionSummary` as a dict: only plain data goes back to the client."""
    from eventwire.pipeline import extract_articles

    t0, c0 = time.perf_counter(), time.process_time()
    errors: list[dict[str, str]] = []
    articles: list[Article] = []
    doc_ids: list[str] = []
    for rec in records:
        doc_id = str(rec.get("id", "?"))
        try:
            articles.append(record_to_article(rec, published=published))
            doc_ids.append(doc_id)
        except InputError as exc:
            errors.append({"id": doc_id, "error": str(exc)})
        except Exception as exc:  # a page that breaks the HTML extractor fails alone
            errors.append({"id": doc_id, "error": f"{doc_id}: {type(exc).__name__}: {exc}"})
    extractions = list(extract_articles(articles, nlp=get_nlp(model), batch_size=batch_size, doc_ids=doc_ids))
    n_events = sum(len(x.events) for x in extractions)
    if is_store_location(out):
        _store(out).write_many(extractions)
    else:
        article_rows: list[dict[str, Any]] = []
        event_rows: list[dict[str, Any]] = []
        for doc_id, x in zip(doc_ids, extractions, strict=True):
            art, evs = extraction_rows(doc_id, x)
            article_rows.append(art)
            event_rows.extend(evs)
        write_parquet_partition(out, partition_id, article_rows, event_rows)
    return asdict(PartitionSummary(
        partition_id=partition_id,
        records=len(records),
        extracted=len(extractions),
        events=n_events,
        errors=errors,
        seconds=time.perf_counter() - t0,
        words=sum(len(a.text.split()) for a in articles),
        cpu_seconds=time.process_time() - c0,
    ))


def worker_memory() -> int:
    """Peak resident memory of this process in bytes (for the benchmark's per-worker figure).

    Linux's VmHWM, which starts afresh when a process execs; getrusage's ru_maxrss does not (a
    spawned worker would report its parent's peak), so it is only the fallback elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # dask is an optional extra: batch runs without it stay in-process
    WorkerPlugin = object  # type: ignore[misc,assignment]


class EventwireWorkerPlugin(WorkerPlugin):
    """Loads the pipeline and the gazetteer once when a worker starts (and on workers that join later)."""

    name = "eventwire-pipeline"

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        warm_up(self.model)
