"""Cut batch inputs into partitions with stable names, so a restarted run knows what it has done.

A partition is `size` consecutive records of one input file. Its id names the file (its stem and a
hash of its absolute path) and its position, so the same inputs and size always give the same
partitions, whatever order the files are listed in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.ingest.corpus import read_corpus


@dataclass
class Partition:
    partition_id: str
    source: str
    index: int
    records: list[dict[str, Any]]


def partition_prefix(path: str | Path) -> str:
    p = Path(path).resolve()
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", p.name)[:40]
    digest = hashlib.sha256(str(p).encode()).hexdigest()[:8]
    return f"{stem}-{digest}"


def partition_id(path: str | Path, index: int, size: int) -> str:
    return f"{partition_prefix(path)}-s{size}-{index:06d}"


def iter_partitions(
    inputs: Sequence[str | Path], size: int, *, text_column: str = "text", id_column: str = "id"
) -> Iterator[Partition]:
    """Stream each input's records in order, `size` at a time."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    for path in inputs:
        chunk: list[dict[str, Any]] = []
        index = 0
        for rec in read_corpus(path, text_column=text_column, id_column=id_column):
            chunk.append(rec)
            if len(chunk) == size:
                yield Partition(partition_id(path, index, size), str(path), index, chunk)
                chunk = []
                index += 1
        if chunk:
            yield Partition(partition_id(path, index, size), str(path), index, chunk)


def count_records(inputs: Sequence[str | Path], *, text_column: str = "text", id_column: str = "id") -> int:
    """How many records the inputs hold (a quick pass, for the progress bar's total and ETA)."""
    return sum(1 for path in inputs for _ in read_corpus(path, text_column=text_column, id_column=id_column))
