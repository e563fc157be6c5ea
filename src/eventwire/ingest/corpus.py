"""Corpora for batch runs: JSON Lines (optionally gzipped), CSV with a text column, WARC archives.

Readers stream plain records (dicts), never Articles, so a batch client can cut them into
partitions and send them to workers as JSON-like data. `record_to_article` turns a record into an
Article where the work is done. A bad line becomes a record with an `error`, and reading goes on.

Record keys: id, text (or html), title, url, outlet, published, crawled (WARC capture date).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from eventwire.errors import InputError
from eventwire.ingest.article import make_article
from eventwire.ingest.html import article_from_html
from eventwire.records import Article

CorpusFormat = Literal["jsonl", "csv", "warc"]


def corpus_format(path: str | Path) -> CorpusFormat:
    low = str(path).lower()
    if low.endswith(".gz"):
        low = low[:-3]
    if low.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if low.endswith((".csv", ".tsv")):
        return "csv"
    if low.endswith((".warc", ".arc")):
        return "warc"
    raise InputError(str(path), "unknown corpus format: expected .jsonl, .csv or .warc (optionally .gz)")


def _open_text(path: Path) -> IO[str]:
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open("r", encoding="utf-8-sig", newline="")


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records from a JSON Lines file (gzipped if it ends in .gz), one object per line."""
    p = Path(path)
    with _open_text(p) as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"id": f"{p.name}:{lineno}", "error": f"line {lineno} of {p}: invalid JSON ({exc.msg})"}
                continue
            if not isinstance(obj, dict):
                yield {"id": f"{p.name}:{lineno}", "error": f"line {lineno} of {p}: is not a JSON object"}
                continue
            obj.setdefault("id", f"{p.name}:{lineno}")
            obj["id"] = str(obj["id"])
            yield obj


def read_csv(path: str | Path, *, text_column: str = "text", id_column: str = "id") -> Iterator[dict[str, Any]]:
    """Records from a CSV (or TSV) file with a header row; `text_column` holds the story."""
    p = Path(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # stories are longer than csv's 128 KB default
    with _open_text(p) as fh:
        dialect = "excel-tab" if ".tsv" in p.name.lower() else "excel"
        reader = csv.DictReader(fh, dialect=dialect)
        if reader.fieldnames is None or text_column not in reader.fieldnames:
            raise InputError(str(p), f"has no {text_column!r} column (columns: {reader.fieldnames})")
        for rowno, row in enumerate(reader, start=2):
            rec: dict[str, Any] = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
            rec["text"] = row.get(text_column) or ""
            if text_column != "text":
                rec.pop(text_column, None)
            rec["id"] = str(row.get(id_column) or f"{p.name}:{rowno}")
            yield rec


def read_corpus(path: str | Path, *, text_column: str = "text", id_column: str = "id") -> Iterator[dict[str, Any]]:
    """Records from any supported corpus file, chosen by its name."""
    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file")
    fmt = corpus_format(p)
    if fmt == "jsonl":
        yield from read_jsonl(p)
    elif fmt == "csv":
        yield from read_csv(p, text_column=text_column, id_column=id_column)
    else:
        from eventwire.ingest.warc import read_warc

        yield from read_warc(p)


def record_to_article(rec: dict[str, Any], *, published: str | None = None) -> Article:
    """An Article from a corpus record. Raises InputError naming the record."""
    where = str(rec.get("id", "<record>"))
    if rec.get("error"):
        raise InputError(where, str(rec["error"]))
    pub = rec.get("published") or published
    if isinstance(rec.get("html"), str):
        article = article_from_html(rec["html"], source=where, url=rec.get("url"), published=pub)
        crawled = rec.get("crawled")
        if article.published is None and crawled:
            # the capture date is the best anchor an archive gives when the page has no date
            article = make_article(article.text, source=where, published=crawled, url=article.url,
                                   title=article.title, outlet=article.outlet)
        return article.model_copy(update={"source_id": where})
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError(where, "has no 'text' string")
    return make_article(text, source=where, published=pub, url=rec.get("url"), title=rec.get("title"),
                        outlet=rec.get("outlet"), source_id=where)
