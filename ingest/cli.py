"""Commands owned by ingest: `extract` (text → records) and `build` (records → store)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cancu.cli import CancuError
from cancu.ingest.build import build as run_build
from cancu.ingest.build import sources_in
from cancu.ingest.extract import extract_file
from cancu.ingest.readers import UnreadableDocument, document_files
from cancu.ingest.record import Record
from cancu.output import emit_rows
from cancu.queries.store import DEFAULT_STORE, GraphStore, StoreError


def _sources(path: Path) -> list[Path]:
    if not path.exists():
        raise CancuError(f"{path}: no such file or directory")
    if path.is_dir():
        files = document_files(path)
        if not files:
            raise CancuError(f"{path}: no documents found (looked for .txt and .md files)")
        return files
    return [path]


def _summary(record: Record) -> dict:
    d = record.document
    return {
        "source": record.source,
        "symbol": d.symbol,
        "type": d.type,
        "issuer": d.issuer,
        "date": d.date,
        "citations": len(record.citations),
        "tasks": len(record.tasks),
    }


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True
)
def extract(path: Path, fmt: str) -> None:
    """Read a document (or every document in a folder) and print its record."""
    if path.is_file():
        try:
            record = extract_file(path)
        except UnreadableDocument as exc:
            raise CancuError(str(exc)) from exc
        if fmt == "json":
            click.echo(json.dumps(record.to_json(), ensure_ascii=False, indent=1))
            return
    records: list[Record] = []
    failures: list[str] = []
    for source in _sources(path):
        try:
            records.append(extract_file(source))
        except UnreadableDocument as exc:
            failures.append(str(exc))
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r.to_json(), ensure_ascii=False))
    else:
        emit_rows(
            (_summary(r) for r in records),
            ["source", "symbol", "type", "issuer", "date", "citations", "tasks"],
            "table",
        )
    for message in failures:
        click.echo(f"cancu: {message}", err=True)
    if failures:
        raise SystemExit(1)


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE, show_default=True
)
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read.")
def build(directory: Path, store_path: Path, strict: bool) -> None:
    """Read every document in DIRECTORY into the embedded store (unchanged files are skipped)."""
    sources = sources_in(directory) if directory.exists() else []
    if not directory.exists():
        raise CancuError(f"{directory}: no such file or directory")
    if not sources:
        raise CancuError(f"{directory}: no documents found (looked for .txt and .md files)")
    try:
        store = GraphStore(store_path)
    except StoreError as exc:
        raise CancuError(str(exc)) from exc
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        bar = progress.add_task("building", total=len(sources))

        def advance(path: Path) -> None:
            progress.update(bar, advance=1, description=f"reading {path.name}")

        report = run_build(sources, store, strict=strict, on_file=advance)
    click.echo(
        f"{store_path}: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.skipped)} unchanged, {len(report.failed)} failed; {report.triples} triples",
        err=True,
    )
    for _, reason in report.failed:
        click.echo(f"cancu: {reason}", err=True)
    if report.failed:
        raise SystemExit(1)


def register(group: click.Group) -> None:
    group.add_command(extract)
    group.add_command(build)
