"""Commands owned by cancu.queries: query, trace, audit, link, import-catalog, push, serve, export."""

from __future__ import annotations

from pathlib import Path

import click
import pyoxigraph as ox

from cancu.cli import CancuError
from cancu.output import TABULAR, emit_json, emit_rows
from cancu.queries.audit import audit as run_audit
from cancu.queries.audit import render_html, summary, table_rows
from cancu.queries.catalog import CatalogueError, import_catalogue
from cancu.queries.link import link as run_link
from cancu.queries.push import PushError
from cancu.queries.push import push as run_push
from cancu.queries.runner import EmbeddedEndpoint, Endpoint, QueryError, RemoteEndpoint, library, load
from cancu.queries.serve import make_server
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


def open_writable(store_path: Path) -> GraphStore:
    try:
        return GraphStore(store_path)
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
    """Trace every task (or TARGET: a task IRI, a document symbol, or SYMBOL#LABEL) up to the central documents.

    Each task is traced (reaches a central document), broken (its chains end at documents
    nobody has ingested, named under missing) or orphan (reaches nothing).
    """
    try:
        rows = list(run_trace(open_endpoint(store_path, endpoint), target))
    except QueryError as exc:
        raise CancuError(str(exc)) from exc
    if fmt == "json":
        emit_json([r.to_json() for r in rows])
        return
    emit_rows(
        (
            {
                "document": r.task["document"],
                "task": r.task["label"] or (f"duty: {r.lead}" if r.lead else ""),
                "status": r.status,
                "central": [c["symbol"] for c in r.central],
                "chain": "\n".join(" → ".join(p) for p in r.paths),
                "missing": list(r.missing),
            }
            for r in rows
        ),
        # every chain ends at its central document, so the table leaves that column to csv
        ["document", "task", "status", "chain", "missing"]
        if fmt == "table"
        else ["document", "task", "status", "central", "chain", "missing"],
        fmt,
        title="Task → central directive",
    )


@click.command()
@click.argument("directive")
@click.option("--format", "fmt", type=click.Choice([*TABULAR, "html"]), default="table", show_default=True)
@click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", help="Roll provinces up to the units in force that day."
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write here instead of stdout.")
@store_option
@endpoint_option
def audit(
    directive: str, fmt: str, as_of: str | None, out: Path | None, store_path: Path, endpoint: str | None
) -> None:
    """Which provinces implemented DIRECTIVE (a symbol or IRI), through which documents and tasks."""
    try:
        report = run_audit(open_endpoint(store_path, endpoint), directive, as_of=as_of)
    except QueryError as exc:
        raise CancuError(str(exc)) from exc
    if fmt == "html" or out:
        import json

        text = (
            render_html(report)
            if fmt == "html"
            else json.dumps(report.to_json(), ensure_ascii=False, indent=1)
        )
        if out:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            click.echo(f"wrote {out}; {summary(report)}", err=True)
        else:
            click.echo(text)
        return
    if fmt == "json":
        emit_json(report.to_json())
        return
    emit_rows(
        table_rows(report), ["province", "implemented", "documents", "tasks"], fmt, title=summary(report)
    )


@click.command()
@store_option
def link(store_path: Path) -> None:
    """Recompute cross-document identity: resolve partial citations, record probable matches."""
    try:
        report = run_link(open_writable(store_path))
    except StoreError as exc:
        raise CancuError(str(exc)) from exc
    click.echo(
        f"{store_path}: {len(report.aliases)} citations resolved, {len(report.matches)} probable matches"
    )


@click.command(name="import-catalog")
@click.argument("path", type=click.Path(path_type=Path))
@store_option
def import_catalog(path: Path, store_path: Path) -> None:
    """Import a catalogue (JSON Lines, or CSV with the same columns) of documents known by metadata only."""
    if not path.is_file():
        raise CancuError(f"{path}: no such file")
    store = open_writable(store_path)
    try:
        report = import_catalogue(path, store)
        linked = run_link(store)
    except (CatalogueError, StoreError) as exc:
        raise CancuError(str(exc)) from exc
    for problem in report.problems:
        click.echo(f"cancu: {path}:{problem.line}: {problem.message}", err=True)
    click.echo(
        f"{path}: {report.imported} records imported, {len(report.problems)} rejected; "
        f"{report.triples} triples in {report.graph}; {len(linked.aliases)} citations resolved"
    )


@click.command()
@click.option(
    "--endpoint", required=True, metavar="URL", help="The update endpoint (or the graph store for gsp)."
)
@click.option(
    "--protocol",
    type=click.Choice(["update", "gsp"]),
    default="update",
    show_default=True,
    help="SPARQL 1.1 Update, or the Graph Store Protocol (one PUT per graph).",
)
@click.option("--token", envvar="CANCU_PUSH_TOKEN", default=None, help="Sent as Authorization: Bearer TOKEN.")
@store_option
def push(endpoint: str, protocol: str, token: str | None, store_path: Path) -> None:
    """Copy every named graph of the embedded store to a SPARQL endpoint, replacing graphs of the same name."""
    try:
        report = run_push(open_store(store_path), endpoint, protocol=protocol, token=token)
    except PushError as exc:
        raise CancuError(str(exc)) from exc
    click.echo(f"{endpoint}: {report.graphs} graphs, {report.triples} triples pushed ({report.protocol})")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7879, show_default=True, type=int)
@click.option(
    "--write-token",
    envvar="CANCU_WRITE_TOKEN",
    default=None,
    help="Accept updates at /update with Authorization: Bearer TOKEN (env CANCU_WRITE_TOKEN).",
)
@click.option("--disk", is_flag=True, help="Query the on-disk store instead of an in-memory copy of it.")
@store_option
def serve(host: str, port: int, write_token: str | None, disk: bool, store_path: Path) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (read-only unless started with a write token)."""
    if write_token:
        store = open_writable(store_path)
    else:
        store = open_store(store_path)
        store = store if disk else store.snapshot()
    try:
        server = make_server(store, host, port, write_token)
    except OSError as exc:
        raise CancuError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    mode = "read-write with the token" if write_token else "read-only"
    click.echo(
        f"cancu: SPARQL endpoint at {server.url} ({len(store)} triples, {mode}); Ctrl-C stops", err=True
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.flush()


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
    for command in (query, trace, audit, link, import_catalog, push, serve, export):
        group.add_command(command)
