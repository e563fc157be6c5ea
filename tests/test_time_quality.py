"""CI floors for the time layer: `eventwire evaluate timex` on MEANTIME and the seed story."""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate.report import below_floors, load_floors
from eventwire.evaluate.timex import (
    Counts,
    GoldDoc,
    GoldTimex,
    evaluate_timex,
    score_doc,
    tempeval_metrics,
)
from eventwire.records import Span, Time

FLOORS = Path(__file__).resolve().parents[1] / "quality" / "floors" / "timex.yaml"


def test_timex_floors(shared_data: Path) -> None:
    report = evaluate_timex(shared_data)
    assert report.metrics["meantime_gold_timexes"] > 300
    missed = below_floors(report, load_floors(FLOORS))
    assert missed == [], missed


def test_tempeval_scoring_on_a_hand_made_document() -> None:
    text = "On Monday, 3 May 2021, talks began; last week was calm."
    doc = GoldDoc(id="d", text=text, dct=None, timexes=[
        GoldTimex(3, 9, "Monday", "DATE", "2021-05-03"),
        GoldTimex(11, 21, "3 May 2021", "DATE", "2021-05-03"),
        GoldTimex(36, 45, "last week", "DATE", "2021-W17"),
    ])

    def t(s: int, e: int, typ: str, value: str) -> Time:
        return Time(span=Span.of(text, s, e), type=typ, value=value)  # type: ignore[arg-type]

    system = [t(0, 9, "DATE", "2021-05-03"),        # relaxed only, right value
              t(11, 21, "DATE", "2021-05-04"),      # strict, wrong value
              t(46, 49, "DATE", "PRESENT_REF")]     # spurious
    counts = Counts()
    score_doc(doc, system, counts)
    m = tempeval_metrics(counts)
    assert (counts.strict, counts.relaxed, counts.value_ok) == (1, 2, 1)
    assert m["relaxed_precision"] == 2 / 3 and m["relaxed_recall"] == 2 / 3
    assert m["value_accuracy"] == 0.5 and abs(m["value_f1"] - (2 / 3) * 0.5) < 1e-9


TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-10-28" functionInDocument="CREATION_TIME">October 28, 1998</TIMEX3></DCT>
<TEXT>
Rebels attacked the town <TIMEX3 tid="t1" type="DATE" value="1998-10-26">Monday</TIMEX3>, and the fighting
lasted <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>. <TIMEX3 tid="t3" type="DATE"
value="1997">Last year</TIMEX3> it was calm; talks resume <TIMEX3 tid="t4" type="DATE" value="1998-11">next
month</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_folder_is_scored(tmp_path: Path) -> None:
    from eventwire.evaluate.timex import evaluate_timeml, load_timeml

    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    docs = load_timeml(tmp_path)
    assert docs[0].dct is not None and docs[0].dct.isoformat() == "1998-10-28"
    assert [g.text for g in docs[0].timexes] == ["Monday", "two days", "Last year", "next\nmonth"]
    report = evaluate_timeml(tmp_path)
    assert report.metrics["gold_timexes"] == 4
    assert report.metrics["relaxed_recall"] >= 0.75 and report.metrics["value_accuracy"] >= 0.75


TML_EVENTS = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>wire2</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" temporalFunction="false" functionInDocument="CREATION_TIME">2013-03-22</TIMEX3></DCT>
<TITLE>Convoy attacked</TITLE>
<TEXT>
Gunmen <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> a convoy <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t1"
type="DATE" value="2013-03-21" temporalFunction="true" anchorTimeID="t0">Thursday</TIMEX3>. Deliveries were
<EVENT eid="e2" class="OCCURRENCE">suspended</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P2W" endPoint="t5">two weeks</TIMEX3><TIMEX3 tid="t5" type="DATE" value="2013-04-05" temporalFunction="true" anchorTimeID="t1"/>,
<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3> and <TIMEX3 tid="t4" type="TIME" value="2013-03-20TNI">Wednesday
night</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"""


def test_timeml_with_events_and_links_is_scored(tmp_path: Path) -> None:
    # TempEval-3 files wrap events and signals in tags inside <TEXT> and add links after it; an
    # empty (non-consuming) TIMEX3 has no text to find and is not scored
    from eventwire.evaluate.timex import evaluate_timeml, load_timeml

    (tmp_path / "b.tml").write_text(TML_EVENTS, encoding="utf-8")
    doc = load_timeml(tmp_path)[0]
    assert [g.text for g in doc.timexes] == ["Thursday", "two weeks", "now", "Wednesday\nnight"]
    assert doc.text[doc.timexes[0].start : doc.timexes[0].end] == "Thursday"
    report = evaluate_timeml(tmp_path)
    assert report.metrics["strict_f1"] == 1.0 and report.metrics["value_accuracy"] == 1.0
