"""Commands owned by cancu.viz: viz (the interactive page, GEXF/GraphML copies) and stats."""

from __future__ import annotations

from pathlib import Path

import click

from cancu.cli import CancuError
from cancu.output import emit_json, emit_rows
from cancu.queries.cli import endpoint_option, open_endpoint, store_option
from cancu.queries.runner import QueryError
from cancu.viz.analytics import analyse
from cancu.viz.export import write_graph
from cancu.viz.graph import FocusError, citation_graph, focus
from cancu.viz.render import LAYOUTS, SIZES, positions, render


def _graph(store_path: Path, endpoint: str | None, tasks: bool = False, agencies: bool = False):
    try:
        return citation_graph(open_endpoint(store_path, endpoint), tasks=tasks, agencies=agencies)
    except QueryError as exc:
        raise CancuError(str(exc)) from exc


@click.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("out/citations.html"), show_default=True)
@click.option("--focus", "focus_symbol", metavar="SYMBOL", help="Draw only this document's neighbourhood.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="With --focus: hops up its citations and down to what cites it.",
)
@click.option("--tasks", is_flag=True, help="Also draw each document's tasks.")
@click.option("--agencies", is_flag=True, help="Also draw agencies: issuers, and with --tasks the leads.")
@click.option(
    "--layout", type=click.Choice(LAYOUTS), default="clusters", show_default=True, help="Start layout."
)
@click.option("--size-by", type=click.Choice(SIZES), default="indegree", show_default=True)
@click.option("--gexf", type=click.Path(path_type=Path), help="Also write the drawn graph as GEXF (Gephi).")
@click.option("--graphml", type=click.Path(path_type=Path), help="Also write it as GraphML (Cytoscape, yEd).")
@store_option
@endpoint_option
def viz(
    out: Path,
    focus_symbol: str | None,
    depth: int,
    tasks: bool,
    agencies: bool,
    layout: str,
    size_by: str,
    gexf: Path | None,
    graphml: Path | None,
    store_path: Path,
    endpoint: str | None,
) -> None:
    """Draw the citation graph as one self-contained, offline HTML page.

    Colour is the issuer's level, shape the document type, size how often a
    document is cited (or its PageRank).  Click a node to light its chains up to
    the central documents.  --gexf and --graphml write the same graph, with
    cited_by, pagerank and chain_depth on each document (hops to a central
    document, -1 for none), for Gephi or Cytoscape.  Above 500 nodes the layout
    is computed here and the page starts still; above 1,500, edges are drawn
    plainly and body mentions start hidden (tick them in the filters).
    """
    graph = _graph(store_path, endpoint, tasks, agencies)
    heading = "cancu citation graph"
    if focus_symbol:
        try:
            graph = focus(graph, focus_symbol, depth)
        except FocusError as exc:
            raise CancuError(str(exc)) from exc
        heading = f"cancu: around {focus_symbol} (depth {depth})"
    render(graph, out, heading=heading, layout=layout, size_by=size_by)
    for path, fmt in ((gexf, "gexf"), (graphml, "graphml")):
        if path:
            write_graph(graph, path, fmt, positions(graph, layout) if fmt == "gexf" else None)
            click.echo(f"wrote {path}", err=True)
    nodes = graph.number_of_nodes()
    note = "" if nodes else " (the store holds no documents: the page says so)"
    click.echo(f"wrote {out}: {nodes} nodes, {graph.number_of_edges()} edges{note}", err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=15, show_default=True, help="Rows in each table.")
@store_option
@endpoint_option
def stats(fmt: str, top: int, store_path: Path, endpoint: str | None) -> None:
    """What the citation graph says: most cited, PageRank, chain depth, cycles, components.

    Chain depth is the fewest basedOn/implements hops from a document to a central one
    (0 for a central document, empty when no chain reaches one).  json prints every
    document; table the top rows of each ranking.  Cycles are data errors.
    """
    report = analyse(_graph(store_path, endpoint))
    if fmt == "json":
        emit_json(report.to_json())
        return
    summary = {
        "documents": report.documents,
        "ingested": report.ingested,
        "references only": report.references,
        "citations": report.citations,
        "chain edges (basedOn, implements)": report.chain_edges,
        "documents with a chain to a central one": report.reach_central,
        "components": report.components,
        "largest component": report.largest_component,
        "isolated documents": report.isolated,
        "cycles (data errors)": len(report.cycles),
    }
    emit_rows(
        ({"measure": k, "value": v} for k, v in summary.items()), ["measure", "value"], "table", "Graph"
    )
    columns = ["symbol", "level", "cited_by", "pagerank", "chain_depth"]
    ranking = [r.__dict__ for r in report.ranking]
    emit_rows(ranking[:top], columns, "table", title="Most cited")
    by_rank = sorted(ranking, key=lambda r: (-r["pagerank"], r["symbol"]))
    emit_rows(by_rank[:top], columns, "table", title="PageRank")
    deepest = sorted((r for r in ranking if r["chain_depth"]), key=lambda r: (-r["chain_depth"], r["symbol"]))
    emit_rows(
        deepest[:top], columns, "table", title="Furthest from the centre (chain hops to a central document)"
    )
    if report.cycles:
        rows = [{"documents": c.symbols, "example": " → ".join(c.example)} for c in report.cycles]
        emit_rows(rows, ["documents", "example"], "table", title="Cycles (data errors)")


def register(group: click.Group) -> None:
    for command in (viz, stats):
        group.add_command(command)
