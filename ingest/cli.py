"""Commands owned by ingest: `extract` (text → records) and `build` (records → store)."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cancu.cli import CancuError
from cancu.ingest.build import BuildReport, sources_in
from cancu.ingest.build import build as run_build
from cancu.ingest.extract import extract_file
from cancu.ingest.readers import (
    DOCUMENT_SUFFIXES,
    MAX_BYTES_ENV,
    UnreadableDocument,
    document_files,
    parse_size,
    size_limit,
)
from cancu.ingest.record import Record
from cancu.output import emit_rows
from cancu.queries.store import DEFAULT_STORE, GraphStore, StoreError

_LOOKED_FOR = ", ".join(sorted(DOCUMENT_SUFFIXES))


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as exc:
            self.fail(f"{value!r}: {exc}", param, ctx)


max_bytes_option = click.option(
    "--max-bytes",
    type=_Size(),
    default=None,
    envvar=MAX_BYTES_ENV,
    help=f"Refuse files larger than this (e.g. 20MB; default 64MiB; env ${MAX_BYTES_ENV}).",
)


def _sources(path: Path) -> list[Path]:
    if not path.exists():
        raise CancuError(f"{path}: no such file or directory")
    if path.is_dir():
        files = document_files(path)
        if not files:
            raise CancuError(f"{path}: no documents found (looked for {_LOOKED_FOR})")
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
@max_bytes_option
def extract(path: Path, fmt: str, max_bytes: int | None) -> None:
    """Read a document (or every document in a folder) and print its record."""
    with size_limit(max_bytes):
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
            except Exception as exc:  # one document's bug must not hide the others
                failures.append(f"{source}: internal error while reading it ({type(exc).__name__}: {exc})")
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
@max_bytes_option
def build(directory: Path, store_path: Path, strict: bool, max_bytes: int | None) -> None:
    """Read every document in DIRECTORY into the embedded store (unchanged files are skipped).

    Every file that cannot be read is named with its reason and the exit status is 1;
    the other files still land.  An interrupted build keeps every finished file:
    run it again to finish.
    """
    if not directory.exists():
        raise CancuError(f"{directory}: no such file or directory")
    sources = sources_in(directory)
    if not sources:
        raise CancuError(f"{directory}: no documents found (looked for {_LOOKED_FOR})")
    report = _build_into(store_path, sources, directory, strict, max_bytes)
    done = len(report.added) + len(report.replaced) + len(report.skipped)
    click.echo(
        f"{store_path}: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.skipped)} unchanged, {len(report.failed)} failed; {report.triples} triples",
        err=True,
    )
    for _, reason in report.failed:
        click.echo(f"cancu: {reason}", err=True)
    if report.interrupted:
        click.echo(
            f"cancu: interrupted after {done + len(report.failed)} of {len(sources)} files; the store holds "
            "every file finished; run the same build again to finish",
            err=True,
        )
        raise SystemExit(130)
    if strict and report.failed and done + len(report.failed) < len(sources):
        click.echo(f"cancu: --strict: stopped at the first failure; {done} files were built", err=True)
    if report.failed:
        raise SystemExit(1)


def _build_into(
    store_path: Path, sources: list[Path], directory: Path, strict: bool, max_bytes: int | None
) -> BuildReport:
    """Run the build with a progress bar; the store is closed when this returns."""
    try:
        store = GraphStore(store_path)
    except StoreError as exc:
        raise CancuError(str(exc)) from exc
    root = directory if directory.is_dir() else directory.parent
    with (
        _terminate_gracefully(),
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress,
    ):
        bar = progress.add_task("building", total=len(sources))

        def advance(path: Path) -> None:
            progress.update(bar, advance=1, description=f"reading {path.name}")

        return run_build(sources, store, strict=strict, on_file=advance, root=root, max_bytes=max_bytes)


@contextmanager
def _terminate_gracefully() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C during a build, so the file in hand is finished and the store closed."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
        installed = True
    except ValueError:  # not the main thread (e.g. a test runner's worker): leave signals alone
        installed = False
    try:
        yield
    finally:
        if installed:
            signal.signal(signal.SIGTERM, previous)


def register(group: click.Group) -> None:
    group.add_command(extract)
    group.add_command(build)
