"""Commands owned by cancu.ontology: `validate` (SHACL shapes over a store or an RDF file)."""

from __future__ import annotations

from pathlib import Path

import click

from cancu.cli import CancuError
from cancu.output import emit_rows
from cancu.queries.store import DEFAULT_STORE, StoreError

COLUMNS = ("node", "label", "message", "value", "source")


@click.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--store", "store", type=click.Path(path_type=Path), help=f"a store to check [default: {DEFAULT_STORE}]"
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "table", "csv", "json"]), default="text", show_default=True
)
def validate(file: Path | None, store: Path | None, fmt: str) -> None:
    """Check a store (or an RDF FILE) against the ontology's SHACL shapes; exit 1 on any violation."""
    from cancu.ontology.validate import NotRDF, validate_file, validate_store

    if file is not None and store is not None:
        raise CancuError("give either FILE or --store, not both")
    try:
        if file is not None:
            if not file.is_file():
                raise CancuError(f"{file}: no such file")
            violations = validate_file(file)
            checked = str(file)
        else:
            store = store or DEFAULT_STORE
            violations = validate_store(store)
            checked = str(store)
    except (NotRDF, StoreError) as exc:
        raise CancuError(str(exc)) from exc
    if fmt == "text":
        for v in violations:
            click.echo(str(v))
    else:
        emit_rows((v.to_json() for v in violations), COLUMNS, fmt, title=f"SHACL violations in {checked}")
    if violations:
        click.echo(f"{checked}: {len(violations)} violation(s)", err=True)
        raise SystemExit(1)
    if fmt == "text":
        click.echo(f"{checked}: conforms to the cancu shapes")


def register(group: click.Group) -> None:
    """Add this subpackage's commands to the `cancu` group."""
    group.add_command(validate)
