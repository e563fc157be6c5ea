"""batch: code archives on a Dask cluster (or in this process) into Parquet or a store.

`run_batch(inputs, out, ...)` reads JSON Lines (optionally gzipped), CSV and WARC files, cuts them
into partitions, runs the pipeline on each, and writes each finished partition exactly once, even
across a run killed and started again. See docs/batch.md.
"""

from eventwire.batch.runner import BatchStats, run_batch

__all__ = ["BatchStats", "run_batch"]
