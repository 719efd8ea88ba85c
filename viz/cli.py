"""Commands owned by cancu.viz: viz."""

from __future__ import annotations

from pathlib import Path

import click

from cancu.queries.cli import endpoint_option, open_endpoint, store_option
from cancu.viz.graph import citation_graph
from cancu.viz.render import render


@click.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("out/citations.html"), show_default=True)
@store_option
@endpoint_option
def viz(out: Path, store_path: Path, endpoint: str | None) -> None:
    """Draw the citation graph as one self-contained, offline HTML page."""
    graph = citation_graph(open_endpoint(store_path, endpoint))
    render(graph, out)
    click.echo(
        f"wrote {out}: {graph.number_of_nodes()} documents, {graph.number_of_edges()} citations", err=True
    )


def register(group: click.Group) -> None:
    group.add_command(viz)
