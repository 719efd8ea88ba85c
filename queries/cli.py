"""Commands owned by cancu.queries: query, trace, export."""

from __future__ import annotations

from pathlib import Path

import click
import pyoxigraph as ox

from cancu.cli import CancuError
from cancu.output import TABULAR, emit_json, emit_rows
from cancu.queries.runner import EmbeddedEndpoint, Endpoint, QueryError, RemoteEndpoint, library, load
from cancu.queries.store import DEFAULT_STORE, GraphStore, StoreError
from cancu.queries.trace import trace as run_trace

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=DEFAULT_STORE,
    show_default=True,
    help="The embedded store to read.",
)
endpoint_option = click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="Query this SPARQL 1.1 endpoint instead of the embedded store.",
)


def open_store(store_path: Path) -> GraphStore:
    try:
        return GraphStore(store_path, read_only=True)
    except StoreError as exc:
        raise CancuError(str(exc)) from exc


def open_endpoint(store_path: Path, endpoint: str | None) -> Endpoint:
    """The remote endpoint when one is named, else the embedded store."""
    return RemoteEndpoint(endpoint) if endpoint else EmbeddedEndpoint(open_store(store_path))


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        if "=" not in item:
            raise CancuError(f"--param {item!r}: expected NAME=VALUE")
        key, value = item.split("=", 1)
        out[key.strip()] = value
    return out


@click.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--format", "fmt", type=click.Choice(TABULAR), default="table", show_default=True)
@click.option("--list", "list_only", is_flag=True, help="List the query library.")
@store_option
@endpoint_option
def query(
    name: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_only: bool,
    store_path: Path,
    endpoint: str | None,
) -> None:
    """Run NAME from the query library (see --list) with its parameters bound."""
    if list_only or not name:
        rows = [
            {"name": q.name, "summary": q.summary, "params": [p.name for p in q.params]}
            for q in library().values()
        ]
        emit_rows(rows, ["name", "summary", "params"], fmt)
        return
    try:
        q = load(name)
        rows = list(open_endpoint(store_path, endpoint).select(q, _params(params)))
    except QueryError as exc:
        raise CancuError(str(exc)) from exc
    columns = list(q.returns) or (list(rows[0]) if rows else [])
    emit_rows(rows, columns, fmt, title=q.summary)


@click.command()
@click.argument("target", required=False)
@click.option("--format", "fmt", type=click.Choice(TABULAR), default="table", show_default=True)
@store_option
@endpoint_option
def trace(target: str | None, fmt: str, store_path: Path, endpoint: str | None) -> None:
    """Trace every task (or TARGET, a task or document) up to the central documents it carries out."""
    try:
        rows = list(run_trace(open_endpoint(store_path, endpoint), target))
    except QueryError as exc:
        raise CancuError(str(exc)) from exc
    if target and not rows:
        raise CancuError(f"no such task or document: {target}")
    if fmt == "json":
        emit_json([r.to_json() for r in rows])
        return
    emit_rows(
        (
            {
                "document": r.task["document"],
                "task": r.task["label"] or "",
                "status": r.status,
                "central": [c["symbol"] for c in r.central],
                "chain": [" → ".join(p) for p in r.paths],
                "missing": list(r.missing),
            }
            for r in rows
        ),
        ["document", "task", "status", "central", "chain", "missing"],
        fmt,
        title="Task → central directive",
    )


_EXPORT = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "nquads", "trig", "jsonld", "ntriples"]),
    default="nquads",
    show_default=True,
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write here instead of stdout.")
@store_option
def export(fmt: str, out: Path | None, store_path: Path) -> None:
    """Write the whole graph; turtle and ntriples merge the named graphs, the others keep them."""
    store = open_store(store_path)
    if fmt == "jsonld":
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(data=store.dump(ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        data = ds.serialize(format="json-ld", indent=1).encode("utf-8")
    elif fmt in ("turtle", "ntriples"):
        merged = ox.Store()
        merged.extend(
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in store.oxigraph.quads_for_pattern(None, None, None)
        )
        data = merged.dump(
            format=_EXPORT[fmt],
            from_graph=ox.DefaultGraph(),
            prefixes={"cc": "https://w3id.org/cancu/ontology#"} if fmt == "turtle" else None,
        )
    else:
        data = store.dump(_EXPORT[fmt])
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        click.echo(f"wrote {out} ({len(data)} bytes)", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


def register(group: click.Group) -> None:
    for command in (query, trace, export):
        group.add_command(command)
