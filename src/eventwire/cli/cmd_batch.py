"""CLI: `eventwire batch INPUTS... --out PATH|URL [--scheduler tcp://host:8786] [--workers N]`."""

from __future__ import annotations

from typing import Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from eventwire.cli.common import err_console, errors_exit, fail


class RateColumn(ProgressColumn):
    """Documents per second over the last half minute."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "- docs/s", style="cyan")


def batch_cmd(
    inputs: list[str] = typer.Argument(..., help="JSON Lines (.jsonl, .jsonl.gz), CSV (.csv) or WARC (.warc.gz) "
                                       "files."),
    out: str = typer.Option(..., "--out", "-o", help="A directory for partitioned Parquet, or a store (a .db "
                            "file or a postgresql:// URL)."),
    scheduler: str = typer.Option(None, "--scheduler", help="A Dask scheduler address, e.g. tcp://host:8786 "
                                  "(default: a local cluster)."),
    workers: int = typer.Option(None, "--workers", "-w", help="Local worker processes (default: one per CPU; "
                                "0 runs in this process)."),
    partition_size: int = typer.Option(200, "--partition-size", help="Documents per partition (the unit of "
                                       "work, of output files, and of restart)."),
    text_column: str = typer.Option("text", "--text-column", help="The CSV column holding the story."),
    id_column: str = typer.Option("id", "--id-column", help="The CSV column holding the document id."),
    published: str = typer.Option(None, "--published", "-p", help="Publication date (YYYY-MM-DD) for records "
                                  "without one."),
) -> None:
    """Code archives of stories on a Dask cluster into Parquet or a store; a rerun resumes a killed run."""
    from eventwire.batch import BatchStats, run_batch
    from eventwire.batch.output import PartitionSummary

    progress = Progress(
        TextColumn("[bold]batch[/bold]"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TextColumn("{task.fields[events]} events"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=err_console, speed_estimate_period=60,
    )
    task_id: list[Any] = []

    def on_start(total: int, already: int) -> None:
        if already:
            err_console.print(f"resuming: {already:,} of {total:,} documents already done")
        task_id.append(progress.add_task("batch", total=total - already or None, events=0))

    def on_partition(summary: PartitionSummary, stats: BatchStats) -> None:
        if task_id:
            progress.update(task_id[0], advance=summary.records, events=stats.events)

    if workers is not None and workers < 0:
        fail("--workers must be 0 or more")
    with errors_exit(), progress:
        stats = run_batch(
            inputs, out, scheduler=scheduler, workers=workers, partition_size=partition_size,
            text_column=text_column, id_column=id_column, published=published,
            on_start=on_start, on_partition=on_partition,
        )
    err_console.print(
        f"{stats.records:,} documents in {stats.partitions} partition(s) → {out}: {stats.extracted:,} extracted, "
        f"{stats.events:,} events, {len(stats.errors)} error(s); {stats.docs_per_second:,.1f} docs/s on "
        f"{stats.workers or 1} worker(s)"
        + (f"; {stats.skipped_partitions} partition(s) were already done" if stats.skipped_partitions else "")
    )
    for err in stats.errors[:20]:
        err_console.print(f"  [red]skipped[/red] {err['error']}")
    if len(stats.errors) > 20:
        err_console.print(f"  ... and {len(stats.errors) - 20} more (see the manifest)")


def register(app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("batch")(batch_cmd)
