"""Ingest: datelines, content ids, text/HTML/JSONL/URL readers and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import article_from_html, find_dateline, make_article, read_documents


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("KYIV: Ukraine pounded Russian regions.", "KYIV"),
        ("NEW YORK — Markets fell.", "NEW YORK"),
        ("KYIV, Aug 14 (Reuters) - Ukraine said.", "KYIV"),
        ("PORT-AU-PRINCE, Haiti: Gangs attacked.", "PORT-AU-PRINCE"),
    ],
)
def test_dateline_is_split_off(text: str, place: str) -> None:
    dl = find_dateline(text)
    assert dl is not None and dl.place == place
    assert text[dl.place_start:dl.place_end] == place
    assert text[dl.body_start].isupper()


@pytest.mark.parametrize("text", ["Ukraine pounded Russian regions.", "UPDATE: more to follow", "The UN said: no."])
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@given(st.text(alphabet=st.characters(categories=["Ll", "Zs"]), min_size=1, max_size=80))
def test_lower_case_start_is_never_a_dateline(body: str) -> None:
    assert find_dateline(body) is None


def test_article_keeps_dateline_and_offsets() -> None:
    a = make_article("KYIV: Ukraine pounded Russian regions.", published="2024-08-14")
    assert a.dateline is not None and a.dateline.text == "KYIV" and a.dateline.start == 0
    assert a.text.startswith("KYIV:") and a.text[a.body_start:].startswith("Ukraine")
    assert a.anchor_source == "input"


def test_same_story_same_id() -> None:
    assert make_article("Forces  shelled\nthe town.").id == make_article("Forces shelled the town.").id


def test_binary_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "x.bin"
    p.write_bytes(b"\x89PNG\x00\x01\x02" * 10)
    with pytest.raises(InputError, match=r"x\.bin.*binary"):
        list(read_documents(str(p)))


def test_empty_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_text("  \n")
    with pytest.raises(InputError, match=r"empty\.txt.*empty"):
        list(read_documents(str(p)))


def test_missing_path_is_refused() -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        list(read_documents("nope.txt"))


def test_unreachable_url_is_refused() -> None:
    with pytest.raises(InputError, match=r"127\.0\.0\.1:9/story.*could not be fetched"):
        list(read_documents("http://127.0.0.1:9/story"))


def test_jsonl_bad_line_is_reported_and_others_kept(tmp_path: Path) -> None:
    lines = [f'{{"id": "d{i}", "text": "Story number {i} about shelling.", "published": "2024-08-14"}}' for i in range(1, 9)]
    lines[6] = '{"id": "d7", "text": '  # line 7 is broken
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(lines) + "\n")
    results = list(read_documents(str(p)))
    assert [r.doc_id for r in results if r.article] == ["d1", "d2", "d3", "d4", "d5", "d6", "d8"]
    bad = [r for r in results if r.error]
    assert len(bad) == 1 and "line 7 of" in str(bad[0].error) and "invalid JSON" in str(bad[0].error)


def test_a_story_too_long_for_the_model_is_refused_and_the_others_kept(tmp_path: Path) -> None:
    from eventwire.ingest.article import MAX_STORY_CHARS

    long_text = "Shelling hit Kharkiv overnight. " * (MAX_STORY_CHARS // 32 + 10)
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "Drones struck Odesa."}\n'
                 + json.dumps({"id": "b", "text": long_text}) + "\n"
                 + '{"id": "c", "text": "Troops left Kupiansk."}\n')
    results = list(read_documents(str(p)))
    assert [r.doc_id for r in results if r.article] == ["a", "c"]
    (bad,) = [r for r in results if r.error]
    assert "line 2 of" in str(bad.error) and "characters long" in str(bad.error)


def test_jsonl_bad_date_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "Shelling.", "published": "last Tuesday"}\n')
    (r,) = list(read_documents(str(p)))
    assert r.error is not None and "line 1" in str(r.error) and "ISO date" in str(r.error)


HTML = """<html><head><title>Drone strike hits depot</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-09-12T08:00:00Z"></head>
<body><article><h1>Drone strike hits depot</h1>
<p>BELGOROD: A drone struck an oil depot near the city early on Thursday, the regional governor said in a statement.</p>
<figure><img src="a.jpg" alt="Smoke rising"><figcaption>Smoke rises over the depot near Belgorod on Thursday.</figcaption></figure>
<p>Firefighters worked through the morning to contain the blaze, officials said, and nearby homes were evacuated as a precaution.</p>
</article></body></html>"""


def test_html_keeps_title_date_and_caption() -> None:
    a = article_from_html(HTML, source="page.html", url="https://example.org/a")
    assert a.title == "Drone strike hits depot"
    assert a.published is not None and a.published.isoformat() == "2024-09-12" and a.anchor_source == "html"
    assert "oil depot" in a.text
    assert "Smoke rises over the depot" in a.text
    assert a.url == "https://example.org/a"


def test_html_without_text_is_refused() -> None:
    with pytest.raises(InputError, match=r"empty\.html"):
        article_from_html("<html><body></body></html>", source="empty.html")
