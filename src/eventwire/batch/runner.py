"""Run the pipeline over archives on Dask: the library function behind `eventwire batch`.

The client streams the inputs, cuts them into partitions (`partition.py`), skips those the
output's manifest lists as finished, and submits the rest to the cluster, a few at a time so the
client never holds the whole corpus. Workers (single-threaded processes, models loaded once by a
worker plugin) extract each partition and write it (atomically for Parquet, idempotently for a
store); the client records a partition as finished only after its output is written. So a run
killed at any moment and started again writes every partition exactly once in the end.

`workers=0` runs everything in this process (no Dask), which gives the same output.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.batch.output import PartitionSummary, manifest_for
from eventwire.batch.partition import count_records, iter_partitions
from eventwire.batch.worker import EventwireWorkerPlugin, process_partition
from eventwire.errors import EventwireError, InputError
from eventwire.ingest.corpus import corpus_format


@dataclass
class BatchStats:
    """What a batch run did. Rates count this run's work only (not partitions skipped as done)."""

    partitions: int = 0
    skipped_partitions: int = 0
    records: int = 0
    skipped_records: int = 0
    extracted: int = 0
    events: int = 0
    words: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    workers: int = 0
    startup_seconds: float = 0.0  # cluster start and model loading on the workers
    compute_seconds: float = 0.0  # from the first partition submitted to the last one finished
    cpu_seconds: float = 0.0  # CPU time the workers spent on the partitions (summed over workers)
    task_seconds: float = 0.0  # wall time the workers spent inside partitions (summed over workers)
    worker_peak_rss: list[int] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.records / self.compute_seconds if self.compute_seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.compute_seconds if self.compute_seconds else 0.0

    @property
    def docs_per_cpu_second(self) -> float:
        """The per-core rate: documents per second of worker CPU time."""
        return self.records / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def cpu_utilisation(self) -> float:
        """The share of `workers` cores the workers actually got (1.0: every worker busy all the time).
        Below 1 on a machine shared with other work, which then limits scaling, not eventwire."""
        denom = self.compute_seconds * max(1, self.workers)
        return self.cpu_seconds / denom if denom else 0.0

    @property
    def busy_share(self) -> float:
        """The share of the run the workers spent inside a partition (1.0: never waiting for work).
        With `cpu_utilisation` it tells a starved cluster (busy, little CPU) from an idle one."""
        denom = self.compute_seconds * max(1, self.workers)
        return self.task_seconds / denom if denom else 0.0


ProgressHook = Callable[[PartitionSummary, BatchStats], None]
StartHook = Callable[[int, int], None]  # (total records, records already done)


def _summary(d: dict[str, Any]) -> PartitionSummary:
    return PartitionSummary(**d)


def _check_inputs(inputs: Sequence[str | Path]) -> list[str]:
    if not inputs:
        raise InputError("batch", "no inputs given")
    out: list[str] = []
    for p in inputs:
        if not Path(p).is_file():
            raise InputError(str(p), "no such file")
        corpus_format(p)  # raises on an unknown kind of file
        out.append(str(p))
    return out


def run_batch(
    inputs: Sequence[str | Path],
    out: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = 200,
    text_column: str = "text",
    id_column: str = "id",
    published: str | None = None,
    model: str | None = None,
    batch_size: int = 32,
    count_first: bool = True,
    on_start: StartHook | None = None,
    on_partition: ProgressHook | None = None,
) -> BatchStats:
    """Extract every record of `inputs` into `out` (a Parquet directory, or a SQLite/PostgreSQL store).

    `scheduler` is a Dask scheduler address (tcp://host:8786); without it a LocalCluster of
    `workers` single-threaded processes is started (default: one per CPU); `workers=0` runs here.
    """
    paths = _check_inputs(inputs)
    manifest = manifest_for(out)
    manifest.prepare()
    try:
        done = manifest.done()
        stats = BatchStats()
        if on_start is not None:
            total = count_records(paths, text_column=text_column, id_column=id_column) if count_first else 0
            already = 0
            if done and count_first:
                already = sum(len(p.records) for p in iter_partitions(paths, partition_size, text_column=text_column,
                                                                       id_column=id_column)
                              if p.partition_id in done)
            on_start(total, already)
        kwargs: dict[str, Any] = {"published": published, "model": model, "batch_size": batch_size}
        parts = iter_partitions(paths, partition_size, text_column=text_column, id_column=id_column)

        def todo() -> Any:
            for part in parts:
                if part.partition_id in done:
                    stats.skipped_partitions += 1
                    stats.skipped_records += len(part.records)
                    continue
                yield part

        def finished(summary: PartitionSummary) -> None:
            manifest.finish(summary)
            stats.partitions += 1
            stats.records += summary.records
            stats.extracted += summary.extracted
            stats.events += summary.events
            stats.words += summary.words
            stats.cpu_seconds += summary.cpu_seconds
            stats.task_seconds += summary.seconds
            stats.errors.extend(summary.errors)
            if on_partition is not None:
                on_partition(summary, stats)

        if scheduler is None and workers == 0:
            _run_here(todo(), out, kwargs, finished, stats)
        else:
            _run_dask(todo(), out, kwargs, finished, stats, scheduler=scheduler, workers=workers, model=model)
        return stats
    finally:
        manifest.close()


def _run_here(parts: Any, out: str, kwargs: dict[str, Any], finished: Callable[[PartitionSummary], None],
              stats: BatchStats) -> None:
    from eventwire.batch.worker import warm_up, worker_memory

    t0 = time.perf_counter()
    warm_up(kwargs.get("model"))
    stats.workers = 0
    stats.startup_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    for part in parts:
        finished(_summary(process_partition(part.partition_id, part.records, out, **kwargs)))
    stats.compute_seconds = time.perf_counter() - t1
    stats.worker_peak_rss = [worker_memory()]


def _prebuild_knowledge() -> None:
    """Build data that is built on first use (the gazetteer index) once, here, before the local
    workers start: otherwise each of them would build it at the same time."""
    try:
        from eventwire.knowledge.gazetteer import build_gazetteer
    except ImportError:
        return
    build_gazetteer()


def _run_dask(
    parts: Any,
    out: str,
    kwargs: dict[str, Any],
    finished: Callable[[PartitionSummary], None],
    stats: BatchStats,
    *,
    scheduler: str | None,
    workers: int | None,
    model: str | None,
) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - the batch extra is missing
        raise EventwireError("eventwire batch needs Dask: pip install 'eventwire[batch]'") from exc
    from eventwire.batch.worker import worker_memory

    t0 = time.perf_counter()
    cluster = None
    if scheduler is None:
        _prebuild_knowledge()
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        client.register_plugin(EventwireWorkerPlugin(model))  # loads the models on every worker, once
        nworkers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        stats.workers = nworkers
        stats.startup_seconds = time.perf_counter() - t0
        in_flight = 2 * nworkers  # enough to keep every worker busy, little held in memory
        t1 = time.perf_counter()
        ac = as_completed()
        run = uuid.uuid4().hex[:8]

        def submit_next() -> bool:
            part = next(parts, None)
            if part is None:
                return False
            ac.add(client.submit(process_partition, part.partition_id, part.records, out, key=f"ew-{part.partition_id}-{run}",
                                 pure=False, **kwargs))
            return True

        for _ in range(in_flight):
            if not submit_next():
                break
        for fut in ac:
            summary = _summary(fut.result())  # a task error ends the run; finished partitions stay done
            fut.release()
            finished(summary)
            submit_next()
        stats.compute_seconds = time.perf_counter() - t1
        stats.worker_peak_rss = sorted(client.run(worker_memory).values())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
