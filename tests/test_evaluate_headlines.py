"""The UCDP headline scorer on files we write (its floor on the real headlines is in test_events_floors)."""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate.headlines import evaluate_headlines, load_headlines


def _csv(tmp_path: Path, headlines: list[str]) -> Path:
    path = tmp_path / "ged.csv"
    rows = ["id,source_headline"] + [f'{i},"{h}"' for i, h in enumerate(headlines)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_loader_keeps_unique_english_headlines_of_four_words_or_more(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["Rebels shell the town overnight;Too short here",
                           "rebels shell the town OVERNIGHT",
                           "Повстанцы обстреляли город ночью сегодня",
                           "Newswire @handle posts the news today"])
    assert load_headlines(path) == ["Rebels shell the town overnight"]


def test_scores_violence_seen_and_missed(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["Government troops clashed with rebels near the border on Sunday",
                           "Situation report of the monitoring mission, week 12"])
    report = evaluate_headlines(path)
    assert report.metrics["ucdp_headlines"] == 2
    assert report.metrics["ucdp_violent_recall"] == 0.5
    assert [row[0] for row in report.tables[1].rows] == ["Situation report of the monitoring mission, week 12"]

