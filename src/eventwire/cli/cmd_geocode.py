"""CLI: `eventwire geocode`, `eventwire gazetteer build|import|info`, `eventwire evaluate geocode`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.cli.common import console, err_console, errors_exit, fail, write_line

gazetteer_app = typer.Typer(help="Build or extend the embedded GeoNames gazetteer (data: GeoNames, CC BY 4.0).",
                            no_args_is_help=True)


def geocode_cmd(
    location: str = typer.Argument("-", help="JSON Lines of {id, text} or {id, text, spans: [[start, end], ...]}, "
                                             "or '-' for standard input."),
) -> None:
    """Find and resolve place names: {id, places: [Place or null]} per line (given spans: in order)."""
    from eventwire.resolve.geo import geocode_jsonl

    with errors_exit():
        if location == "-":
            stream, source = sys.stdin, "<stdin>"
        else:
            path = Path(location)
            if not path.is_file():
                fail(f"{location}: no such file")
            stream, source = path.open(encoding="utf-8"), location
        progress = Progress(SpinnerColumn(), TextColumn("geocoding: {task.completed} texts"), TimeElapsedColumn(),
                            console=err_console, transient=True, disable=not err_console.is_terminal)
        with progress, stream:
            task = progress.add_task("geocode", total=None)
            for record in geocode_jsonl(stream, source=source):
                write_line(json.dumps(record, ensure_ascii=False))
                progress.advance(task)


def gazetteer_build_cmd(
    force: bool = typer.Option(False, "--force", "-f", help="Rebuild even if the index exists (drops imports)."),
) -> None:
    """Build the default gazetteer (GeoNames cities 500+, countries, admin1/admin2) into the data home."""
    from eventwire.knowledge.gazetteer import ATTRIBUTION, build_gazetteer, gazetteer_path

    with errors_exit():
        target = gazetteer_path()
        existed = target.exists()
        with console.status("building the gazetteer ...") as status:
            path = build_gazetteer(force=force, progress=lambda m: status.update(f"building the gazetteer: {m}"))
        verb = "kept" if existed and not force else "built"
        console.print(f"{verb} {path}")
        console.print(f"[dim]{ATTRIBUTION}[/dim]")


def gazetteer_import_cmd(
    files: list[Path] = typer.Argument(..., help="GeoNames dump files: allCountries.zip, UA.zip, "
                                                 "admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.zip ..."),
) -> None:
    """Load full GeoNames dumps into the gazetteer (places replace same-id rows; names are added)."""
    from eventwire.knowledge.gazetteer import build_gazetteer, import_geonames, reset_cache

    with errors_exit():
        for f in files:
            if not f.is_file():
                fail(f"{f}: no such file")
        index = build_gazetteer()
        for f in files:
            with console.status(f"importing {f.name} ...") as status:
                stats = import_geonames(f, index, progress=lambda n, s=status, f=f: s.update(  # type: ignore[misc]
                    f"importing {f.name}: {n:,} rows"))
            console.print(f"{f.name}: {stats.rows:,} {stats.kind} rows, {stats.names:,} names")
        reset_cache()


def gazetteer_info_cmd() -> None:
    """Where the gazetteer is and what it holds."""
    from eventwire.knowledge.gazetteer import ATTRIBUTION, gazetteer_path

    path = gazetteer_path()
    if not path.exists():
        console.print(f"not built yet: {path} (run `eventwire gazetteer build`)")
        return
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        levels = conn.execute("SELECT level, count(*) FROM place GROUP BY level ORDER BY 2 DESC").fetchall()
        names = conn.execute("SELECT count(*) FROM name").fetchone()[0]
        meta = conn.execute("SELECT key, value FROM meta ORDER BY key").fetchall()
    finally:
        conn.close()
    console.print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    for level, n in levels:
        console.print(f"  {level}: {n:,}")
    console.print(f"  names: {names:,}")
    for k, v in meta:
        console.print(f"  {k}: {v}")
    console.print(f"[dim]{ATTRIBUTION}[/dim]")


def evaluate_geocode_cmd(
    data: Path = typer.Option(None, "--data", help="The development data folder (default: ../shared/data)."),
    end_to_end: bool = typer.Option(True, "--end-to-end/--gold-spans-only",
                                    help="Also find toponyms with the nlp pass and score P/R/F1."),
    limit: int = typer.Option(None, "--limit", help="Only the first N articles of each corpus."),
    json_out: Path = typer.Option(None, "--json", help="Also write the report as JSON here."),
    detail: bool = typer.Option(False, "--detail", "-d", help="Print the error tables too."),
) -> None:
    """Score the geoparser: LGL and GeoVirus (accuracy@161 km, exact id, km error, toponym P/R/F1), seed, UCDP."""
    from eventwire.evaluate.geocode import evaluate_geocode
    from eventwire.evaluate.report import print_report, write_report

    with errors_exit(), console.status("scoring the geoparser ...") as status:
        report = evaluate_geocode(data, end_to_end=end_to_end, limit=limit,
                                  progress=lambda m: status.update(f"scoring the geoparser: {m}"))
    print_report(report, console, detail=detail)
    if json_out:
        write_report(report, json_out)


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("geocode")(geocode_cmd)
    gazetteer_app.command("build")(gazetteer_build_cmd)
    gazetteer_app.command("import")(gazetteer_import_cmd)
    gazetteer_app.command("info")(gazetteer_info_cmd)
    app.add_typer(gazetteer_app, name="gazetteer")
    evaluate_app.command("geocode")(evaluate_geocode_cmd)
