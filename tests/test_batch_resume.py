"""A batch killed with SIGKILL and started again ends with the same output as an uninterrupted run:
no lost and no duplicated records. Also: Dask and in-process runs agree, a store output is
idempotent, and a partial manifest line (a kill mid-write) is harmless."""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from eventwire.batch import run_batch
from eventwire.batch.output import MANIFEST
from eventwire.batch.synthetic import generate
from eventwire.store import Store

CLI = "from eventwire.cli.main import main; main()"


def make_corpus(d: Path, n_jsonl: int, n_csv: int) -> list[str]:
    recs = list(generate(n_jsonl + n_csv, seed=11))
    jl = d / "wire.jsonl.gz"
    lines = [json.dumps(r) for r in recs[:n_jsonl]]
    lines.insert(3, "{broken json")  # a bad line is reported, not fatal
    jl.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    cs = d / "desk.csv"
    with cs.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text", "published", "title"])
        w.writeheader()
        for r in recs[n_jsonl:]:
            w.writerow({k: r[k] for k in ("id", "text", "published", "title")})
    return [str(jl), str(cs)]


def read_output(out: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    arts = pq.read_table(out / "articles").to_pylist() if (out / "articles").exists() else []
    evs = pq.read_table(out / "events").to_pylist() if (out / "events").exists() else []
    files = sorted(p.name for p in out.rglob("*.parquet"))
    return (sorted(arts, key=lambda r: (r["doc_id"], r["id"])), sorted(evs, key=lambda r: r["id"]), files)


def manifest_ids(out: Path) -> list[str]:
    path = out / MANIFEST
    if not path.exists():
        return []
    ids = []
    for line in path.read_text().splitlines():
        with contextlib.suppress(json.JSONDecodeError, KeyError):
            ids.append(json.loads(line)["partition"])
    return ids


def code_fingerprint() -> str:
    """A hash of the package's code and data: other engineers edit the tree while tests run, and
    output can only be compared field by field when the code did not change in between."""
    import hashlib

    import eventwire

    root = Path(eventwire.__file__).parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".yaml", ".yml", ".json", ".tsv", ".txt"}:
            h.update(str(p).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def assert_same_records(got: tuple[list, list, list], ref: tuple[list, list, list], strict: bool) -> None:
    arts, evs, files = got
    ref_arts, _ref_evs, ref_files = ref
    assert files == ref_files  # one file per partition and table, the same partitions
    # every document exactly once, with the same article
    key = ("doc_id", "id", "source_id", "url", "title", "published", "text")
    assert [tuple(a[k] for k in key) for a in arts] == [tuple(a[k] for k in key) for a in ref_arts]
    ids = [e["id"] for e in evs]
    assert len(ids) == len(set(ids)), "an event was written twice"
    assert {e["article_id"] for e in evs} <= {a["id"] for a in arts}
    for a in arts:
        assert a["n_events"] == sum(1 for e in evs if e["article_id"] == a["id"])
    if strict:
        assert got == ref  # identical records, field by field


@pytest.mark.slow
def test_sigkill_then_resume_gives_the_same_output(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    inputs = make_corpus(tmp_path, 24, 8)
    size = 2
    n_parts = 13 + 4  # 25 lines (one bad) in the JSON Lines, 8 rows in the CSV; 2 a partition
    code_before = code_fingerprint()

    # the reference: an uninterrupted run (in this process)
    ref = tmp_path / "ref"
    stats = run_batch(inputs, str(ref), workers=0, partition_size=size)
    assert stats.partitions == n_parts
    assert stats.records == 33 and stats.extracted == 32 and len(stats.errors) == 1
    ref_out = read_output(ref)
    assert len(ref_out[0]) == 32

    # the same batch on a Dask cluster, killed (the whole process group, workers too) mid-run
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", CLI, "batch", *inputs, "--out", str(out), "--workers", "1",
           "--partition-size", str(size)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env)
    try:
        deadline = time.monotonic() + 240
        while len(manifest_ids(out)) < 3:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "batch ended early"
            assert time.monotonic() < deadline, "the batch made no progress"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    done_at_kill = manifest_ids(out)
    assert 3 <= len(done_at_kill) < n_parts, "the kill came too late to test anything"

    # started again: it skips what was finished and completes the rest
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert again.returncode == 0, again.stderr
    assert "already done" in again.stderr
    ids = manifest_ids(out)
    assert len(ids) == len(set(ids)) == n_parts  # every partition recorded once
    assert set(done_at_kill) <= set(ids)
    assert_same_records(read_output(out), ref_out, strict=code_fingerprint() == code_before)
    assert not list(out.rglob("*.tmp"))


def test_store_output_is_idempotent_and_resumes(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    inputs = make_corpus(tmp_path, 8, 4)
    db = str(tmp_path / "batch.db")
    first = run_batch(inputs, db, workers=0, partition_size=3)
    assert first.extracted == 12
    with Store(db) as st:
        n_articles, n_events = st.count("articles"), st.count("events")
        assert n_articles == 12
        from eventwire.store.feeds import FeedState, batch_partitions

        state = FeedState(st.engine)
        done = sorted(state.finished_partitions())
        assert len(done) == first.partitions
        # forget two partitions, as if the run had been killed before recording them
        with st.engine.begin() as conn:
            conn.execute(batch_partitions.delete().where(batch_partitions.c.partition_id.in_(done[:2])))
    second = run_batch(inputs, db, workers=0, partition_size=3)
    assert second.partitions == 2 and second.skipped_partitions == first.partitions - 2
    with Store(db) as st:
        assert (st.count("articles"), st.count("events")) == (n_articles, n_events)


def test_a_torn_manifest_line_is_redone(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    inputs = make_corpus(tmp_path, 10, 0)[:1]
    out = tmp_path / "out"
    first = run_batch(inputs, str(out), workers=0, partition_size=4)
    before = read_output(out)
    path = out / MANIFEST
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][: len(lines[-1]) // 2])  # killed mid-write
    (out / "events" / ".x.parquet.123.tmp").write_bytes(b"half")  # and mid-rename
    second = run_batch(inputs, str(out), workers=0, partition_size=4)
    assert (second.partitions, second.skipped_partitions) == (1, first.partitions - 1)
    assert read_output(out) == before
    assert len(manifest_ids(out)) == first.partitions
    assert not list(out.rglob("*.tmp"))


def test_cli_batch_in_process(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    inputs = make_corpus(tmp_path, 6, 0)[:1]
    res = CliRunner().invoke(app, ["batch", *inputs, "--out", str(tmp_path / "o"), "--workers", "0",
                                   "--partition-size", "3"])
    assert res.exit_code == 0, res.output
    assert "6 extracted" in res.output and "1 error" in res.output
    bad = CliRunner().invoke(app, ["batch", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o2")])
    assert bad.exit_code != 0 and "no such file" in " ".join(bad.output.split())


@pytest.mark.postgres
def test_store_output_on_postgres(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.store.testing import reachable, temporary_schema

    problem = reachable()
    if problem is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is not reachable under CI: {problem}")
        pytest.skip(f"PostgreSQL is not reachable: {problem}")
    inputs = make_corpus(tmp_path, 6, 3)
    with temporary_schema() as url:
        first = run_batch(inputs, url, workers=0, partition_size=4)
        again = run_batch(inputs, url, workers=0, partition_size=4)
        assert first.extracted == 9 and again.partitions == 0 and again.skipped_partitions == first.partitions
        with Store(url) as st:
            assert st.count("articles") == 9
