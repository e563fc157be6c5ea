"""The `eventwire_timex` spaCy component, `tag_times`, `eventwire timex` and dated datelines."""

from __future__ import annotations

import json
from datetime import date

import pytest
import spacy
from typer.testing import CliRunner

from eventwire.assemble.times import times_from_doc
from eventwire.cli.main import app
from eventwire.ingest import make_article
from eventwire.ingest.dateline import dateline_date
from eventwire.nlp.layers import TIMES, register_doc_extensions
from eventwire.nlp.timex import COMPONENT, tag_times, timex_jsonl

runner = CliRunner()
STORY = ("KYIV, Aug 14 (Reuters) - Russian forces shelled Kharkiv overnight and again on Monday, "
         "the governor said. Since August 6, more than 40 villages have been taken.")


@pytest.fixture(scope="module")
def blank_nlp():  # type: ignore[no-untyped-def]
    register_doc_extensions()
    import eventwire.nlp.timex  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT)
    return nlp


def _doc(nlp, text: str, anchor: date | None, body_start: int = 0):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    doc._.anchor = anchor
    doc._.body_start = body_start
    return nlp(doc)


def test_component_writes_layer_with_plain_payload(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(blank_nlp, "Rockets hit Odesa on Monday, between 12 and 14 August.", date(2024, 8, 14))
    spans = list(doc.spans[TIMES])
    assert [s._.timex["value"] for s in spans] == ["2024-08-12", "2024-08-12", "2024-08-14"]
    assert all(set(s._.timex) == {"type", "value", "mod", "start", "end"} for s in spans)
    times = times_from_doc(doc)
    # the record keeps the exact characters ("12"), whatever the tokens
    assert [t.span.text for t in times] == ["Monday", "12", "14 August"]


def test_component_and_tag_times_agree(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Yesterday and last week, troops advanced; talks will resume in September. It lasted 3 days."
    doc = _doc(blank_nlp, text, date(2023, 5, 17))
    assert times_from_doc(doc) == tag_times(text, "2023-05-17")


def test_dateline_date_is_tagged_like_any_date(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    article = make_article(STORY, published="2024-08-14")
    doc = _doc(blank_nlp, STORY, article.published, article.body_start)
    texts = [t.span.text for t in times_from_doc(doc)]
    assert texts == ["Aug 14", "overnight", "Monday", "August 6"]
    assert [t.span.text for t in tag_times(STORY, "2024-08-14")] == texts


def test_no_anchor_no_year() -> None:
    assert [t.value for t in tag_times("Shelling on Monday killed two.")] == ["XXXX-XX-XX"]


def test_tag_times_uses_a_date_line_when_no_date_is_given() -> None:
    text = "Car bomb in Bogota\nThursday, January 17, 2019\nA car bomb exploded on Thursday morning."
    times = tag_times(text)
    assert times[-1].span.text == "Thursday morning" and times[-1].value == "2019-01-17TMO"


@pytest.mark.parametrize(("text", "expected"), [
    ("Thursday, January 24, 2019\nBOGOTA: A car bomb ...", date(2019, 1, 24)),
    ("Title of the story\nJune 13, 2005\nBody.", date(2005, 6, 13)),
    ("KYIV, Aug 14, 2024 (Reuters) - Drones ...", date(2024, 8, 14)),
    ("KYIV, Aug 14 (Reuters) - Drones ...", None),        # no year: never guessed
    ("Ukraine said on Monday, June 3, 2024 that ...", None),  # a date in a sentence is not a date line
])
def test_dateline_date(text: str, expected: date | None) -> None:
    assert dateline_date(text) == expected


def test_make_article_takes_the_dateline_date_only_when_input_has_none() -> None:
    text = "Thursday, January 24, 2019\nBOGOTA: A car bomb exploded."
    a = make_article(text)
    assert (a.published, a.anchor_source) == (date(2019, 1, 24), "dateline")
    b = make_article(text, published="2019-01-25")
    assert (b.published, b.anchor_source) == (date(2019, 1, 25), "input")
    c = make_article("BOGOTA: A car bomb exploded on Thursday.")
    assert (c.published, c.anchor_source) == (None, "none")


def test_timex_jsonl_and_cli() -> None:
    lines = [json.dumps({"id": "a", "text": "Drones struck overnight.", "published": "2024-08-14"}), "",
             json.dumps({"id": "b", "text": "Talks resume next week."})]
    out = list(timex_jsonl(lines, published="2021-01-01"))
    assert out[0] == {"id": "a", "times": [{"span": {"start": 14, "end": 23, "text": "overnight"},
                                           "type": "TIME", "value": "2024-08-13TNI"}]}
    assert out[1]["times"][0]["value"] == "2021-W01"  # 2021-01-01 is in ISO week 2020-W53
    result = runner.invoke(app, ["timex", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    got = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [g["id"] for g in got] == ["a", "b"] and got[1]["times"][0]["value"] == "XXXX-WXX"


def test_cli_bad_line_names_it() -> None:
    result = runner.invoke(app, ["timex", "-"], input='{"id": 1, "text": "ok"}\n{"id": 2}\n')
    assert result.exit_code != 0
    assert "line 2" in " ".join(result.output.split())  # Rich may wrap the message
