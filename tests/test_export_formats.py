"""Exports: ACLED CSV (pandas, as code written for ACLED reads it), PLOVER JSON Lines, GeoJSON
points, Parquet, JSON Lines; filters; GeoNames attribution in or beside every file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.evaluate.merge import load_set
from eventwire.out.export import export_events
from eventwire.out.export.rows import interaction
from eventwire.records import Extraction
from eventwire.store import EventFilter, Store

runner = CliRunner()

# The columns of an ACLED download, in order (ACLED codebook; docs/taxonomy.md).
ACLED_DOWNLOAD_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def merge_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    st = Store(str(tmp_path_factory.mktemp("export") / "set.db"))
    for s in load_set():
        st.write(s.extraction)
    return st


def test_acled_csv_of_the_seed_loads_in_pandas(seed_extraction: Extraction, tmp_path: Path) -> None:
    st = Store(str(tmp_path / "seed.db"))
    st.write(seed_extraction)
    out = tmp_path / "seed.csv"
    result = export_events(st, None, "acled-csv", out)
    df = pd.read_csv(out)
    assert list(df.columns) == ACLED_DOWNLOAD_COLUMNS
    assert len(df) == result.written == st.count_events()
    if len(df):
        # What ACLED users do first: parse dates, group by type, sum fatalities.
        dates = pd.to_datetime(df["event_date"], format="%Y-%m-%d", errors="coerce")
        assert (dates.dt.year.dropna() == df.loc[dates.notna(), "year"]).all()
        assert df["fatalities"].dtype.kind == "i" and (df["fatalities"] >= 0).all()
        assert df["time_precision"].isin([1, 2, 3]).all()
        assert df["event_id_cnty"].is_unique
        assert df.groupby("event_type")["fatalities"].sum().ge(0).all()
    assert result.attribution is not None and "GeoNames" in result.attribution.read_text()


def test_acled_row_conventions(merge_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "ua.csv"
    export_events(merge_store, EventFilter(country="UA", text="Kharkiv", until=None), "acled-csv", out)
    df = pd.read_csv(out, keep_default_na=False)
    row = df[df["location"] == "Kharkiv"].sort_values("event_date").iloc[0]
    assert row["event_id_cnty"].startswith("UKR") and row["event_id_cnty"][3:].isdigit()
    assert row["event_date"] == "2025-03-03" and row["year"] == 2025 and row["time_precision"] == 1
    assert (row["disorder_type"], row["event_type"]) == ("Political violence", "Explosions/Remote violence")
    assert (row["inter1"], row["inter2"], row["interaction"]) == (1, 7, 17)
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"]) == (804, "Europe", "Ukraine")
    assert row["geo_precision"] == 1 and abs(row["latitude"] - 49.9935) < 1e-4
    sources = row["source"].split("; ")
    assert {"Eastern Wire", "Danube Post", "Northern Dispatch"} <= set(sources)
    assert row["notes"].startswith("On 3 March 2025, ")
    assert "killed reported as" in row["notes"]  # the sources' figures disagree and say so
    assert row["fatalities"] == min(3, 4, 5, 6)  # ACLED takes the lowest reported figure
    assert "fatalities=3-6" in row["tags"]
    assert int(row["timestamp"]) > 1_700_000_000


def test_interaction_codes() -> None:
    assert interaction(1, 7) == 17 and interaction(7, 1) == 17
    assert interaction(1, 0) == 10 and interaction(2, 1) == 12 and interaction(8, 8) == 88


def test_protest_notes_carry_size(merge_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "ge.csv"
    export_events(merge_store, EventFilter(event_type="Protests", country="GE"), "acled-csv", out)
    df = pd.read_csv(out, keep_default_na=False)
    assert len(df) == 1
    assert df.iloc[0]["disorder_type"] == "Demonstrations" and df.iloc[0]["interaction"] == 60
    assert "size=" in df.iloc[0]["notes"]


def test_geojson_is_points(merge_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = export_events(merge_store, None, "geojson", out)
    coll = json.loads(out.read_text())
    assert coll["type"] == "FeatureCollection" and "GeoNames" in coll["attribution"]
    assert len(coll["features"]) == result.written == merge_store.count_events() - result.skipped
    for f in coll["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert {"event_type", "event_date", "fatalities", "n_sources", "notes"} <= set(f["properties"])
    kharkiv = [f for f in coll["features"] if f["properties"]["location"] == "Kharkiv"]
    assert kharkiv and kharkiv[0]["geometry"]["coordinates"] == [36.2304, 49.9935]  # lon, lat order


def test_plover_jsonl_fields(merge_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    result = export_events(merge_store, None, "plover-jsonl", out)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == result.written > 0
    for r in recs:
        assert {"id", "date", "source", "target", "event", "mode", "context", "text", "eventLoc"} <= set(r)
        assert r["event"] in PLOVER_TYPES
        for actor in r["source"] + r["target"]:
            assert {"actorText", "code", "sector"} <= set(actor)
    zamzam = next(r for r in recs if r["eventLoc"]["name"] == "Zamzam camp")
    assert zamzam["dead"] == "30" and zamzam["eventLoc"]["country code"] == "SD"
    assert (out.parent / (out.name + ".attribution.txt")).exists()


def test_parquet_and_jsonl(merge_store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    pq_out = tmp_path / "events.parquet"
    export_events(merge_store, EventFilter(country="SO"), "parquet", pq_out)
    table = pq.read_table(pq_out)
    assert table.column_names[: len(ACLED_DOWNLOAD_COLUMNS)] == ACLED_DOWNLOAD_COLUMNS
    assert b"GeoNames" in table.schema.metadata[b"attribution"]
    df = table.to_pandas()
    assert sorted(df["location"]) == ["Kismayo", "Mogadishu"]
    mog = df[df["location"] == "Mogadishu"].iloc[0]
    assert (mog["fatalities"], mog["fatalities_high"], mog["n_sources"]) == (8, 12, 2)

    jl = tmp_path / "events.jsonl"
    export_events(merge_store, EventFilter(country="SO"), "jsonl", jl)
    lines = [json.loads(x) for x in jl.read_text().splitlines()]
    assert len(lines) == 2 and all({"event", "mentions", "sources", "figures", "ranges"} <= set(x) for x in lines)


def test_filters_apply_to_exports(merge_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    bbox = EventFilter(bbox=(44.0, 41.0, 45.5, 42.5))  # Tbilisi only
    assert export_events(merge_store, bbox, "acled-csv", out).written == 1
    assert export_events(merge_store, EventFilter(since="2025-03-12", country="SD"), "acled-csv", out).written == 2
    assert export_events(merge_store, EventFilter(until="2025-03-04", country="SD"), "acled-csv", out).written == 0
    assert export_events(merge_store, EventFilter(event_type="Battles"), "acled-csv", out).written == 2


def test_cli_export(merge_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "cli.csv"
    r = runner.invoke(app, ["export", "--format", "acled-csv", "--store", merge_store.location, "--out", str(out),
                            "--country", "SD", "--since", "2025-03-01"])
    assert r.exit_code == 0, r.output
    assert len(pd.read_csv(out)) == 2
    assert (tmp_path / "cli.csv.attribution.txt").exists()
    r = runner.invoke(app, ["export", "--format", "geojson", "--store", merge_store.location, "--bbox", "1,2,3"])
    assert r.exit_code != 0 and "bbox" in r.output
    r = runner.invoke(app, ["export", "--format", "parquet", "--store", merge_store.location])
    assert r.exit_code != 0 and "--out" in r.output
