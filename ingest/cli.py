"""Commands owned by ingest: `extract` (text → records) and `build` (records → store)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cancu.cli import CancuError
from cancu.ingest.extract import extract_file
from cancu.ingest.readers import UnreadableDocument, document_files
from cancu.ingest.record import Record
from cancu.output import emit_rows


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
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True)
def extract(path: Path, fmt: str) -> None:
    """Read a document (or every document in a folder) and print its record."""
    records: list[Record] = []
    failures: list[str] = []
    for source in _sources(path):
        try:
            records.append(extract_file(source))
        except UnreadableDocument as exc:
            failures.append(str(exc))
    if fmt == "json" and path.is_file() and records:
        click.echo(json.dumps(records[0].to_json(), ensure_ascii=False, indent=1))
    elif fmt == "json":
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


def register(group: click.Group) -> None:
    group.add_command(extract)
