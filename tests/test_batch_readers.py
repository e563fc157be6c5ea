"""Batch inputs: JSON Lines (plain and gzipped), CSV with a text column, WARC archives; stable partitions."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.batch.partition import iter_partitions, partition_id
from eventwire.batch.synthetic import generate
from eventwire.errors import InputError
from eventwire.ingest.corpus import corpus_format, read_corpus, record_to_article
from eventwire.ingest.warc import read_warc


def write_jsonl(path: Path, records: list[dict], gz: bool = False) -> Path:
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def page(title: str, paras: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1>{body}</article></body></html>").encode()


def write_warc(path: Path, stories: list[dict]) -> Path:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for s in stories:
            uri = s["url"]
            req = w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            w.write_record(req)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(page(s["title"], s["text"].split("\n\n"))),
                                       http_headers=headers)
            w.write_record(rec)
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example.org/logo.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(40)), http_headers=img))
        moved = StatusAndHeaders("301 Moved", [("Content-Type", "text/html"), ("Location", "/x")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example.org/old", "response",
                                            payload=io.BytesIO(b"<html>moved</html>"), http_headers=moved))
    return path


def test_jsonl_plain_and_gzipped(tmp_path: Path) -> None:
    recs = list(generate(5))
    for gz in (False, True):
        p = write_jsonl(tmp_path / ("c.jsonl.gz" if gz else "c.jsonl"), recs, gz=gz)
        got = list(read_corpus(p))
        assert [r["id"] for r in got] == [r["id"] for r in recs]
        assert got[2]["text"] == recs[2]["text"]


def test_bad_jsonl_lines_become_error_records(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "text": "KYIV: Shelling hit Kharkiv."}\nnot json\n[1, 2]\n\n{"text": "x y"}\n')
    got = list(read_corpus(p))
    assert [r["id"] for r in got] == ["a", "bad.jsonl:2", "bad.jsonl:3", "bad.jsonl:5"]
    assert "invalid JSON" in got[1]["error"] and "not a JSON object" in got[2]["error"]
    with pytest.raises(InputError, match="invalid JSON"):
        record_to_article(got[1])


def test_csv_with_a_named_text_column(tmp_path: Path) -> None:
    recs = list(generate(4))
    p = tmp_path / "c.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["doc", "body", "published", "title"])
        w.writeheader()
        for r in recs:
            w.writerow({"doc": r["id"], "body": r["text"], "published": r["published"], "title": r["title"]})
    got = list(read_corpus(p, text_column="body", id_column="doc"))
    assert [r["id"] for r in got] == [r["id"] for r in recs]
    assert got[0]["text"] == recs[0]["text"]  # multi-paragraph text survives CSV quoting
    art = record_to_article(got[0])
    assert art.published is not None and art.published.isoformat() == recs[0]["published"]
    assert art.source_id == recs[0]["id"]
    with pytest.raises(InputError, match="no 'story' column"):
        list(read_corpus(p, text_column="story"))


def test_warc_html_responses_only(tmp_path: Path) -> None:
    recs = list(generate(3))
    p = write_warc(tmp_path / "crawl.warc.gz", recs)
    got = list(read_warc(p))
    assert [r["url"] for r in got] == [r["url"] for r in recs]  # no request, image or redirect
    art = record_to_article(got[1])
    first_sentence = recs[1]["text"].split(" - ", 1)[1][:40]
    assert first_sentence in art.text
    assert art.url == recs[1]["url"] and art.published is not None  # the capture date when the page has none


def test_not_a_warc(tmp_path: Path) -> None:
    p = tmp_path / "junk.warc"
    p.write_bytes(b"this is not an archive\n" * 5)
    with pytest.raises(InputError, match="WARC"):
        list(read_warc(p))


def test_formats_by_name() -> None:
    assert corpus_format("a.jsonl.gz") == "jsonl"
    assert corpus_format("a.CSV") == "csv"
    assert corpus_format("a.warc.gz") == "warc"
    with pytest.raises(InputError, match="unknown corpus format"):
        corpus_format("a.pdf")


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=0, max_value=40), size=st.integers(min_value=1, max_value=12))
def test_partitions_cover_every_record_once_with_stable_names(tmp_path_factory: pytest.TempPathFactory,
                                                               n: int, size: int) -> None:
    d = tmp_path_factory.mktemp("parts")
    p = write_jsonl(d / "c.jsonl", [{"id": f"d{i}", "text": f"story {i}"} for i in range(n)])
    parts = list(iter_partitions([p], size))
    ids = [r["id"] for part in parts for r in part.records]
    assert ids == [f"d{i}" for i in range(n)]
    assert all(0 < len(part.records) <= size for part in parts)
    names = [part.partition_id for part in parts]
    assert len(set(names)) == len(names)
    assert names == [part.partition_id for part in iter_partitions([p], size)]
    assert names == [partition_id(p, i, size) for i in range(len(parts))]


def test_synthetic_corpus_is_varied_and_reproducible() -> None:
    a = list(generate(300, seed=3))
    assert a == list(generate(300, seed=3))
    assert len({r["text"] for r in a}) == 300
    assert len({r["text"].split(" ", 1)[0] for r in a}) >= 8  # many datelines
    words = [len(r["text"].split()) for r in a]
    assert min(words) >= 40 and max(words) <= 600
