"""The citation graph as a networkx DiGraph: pure code, tested without a browser."""

from __future__ import annotations

import networkx as nx

from cancu.queries.runner import Endpoint, load


def citation_graph(endpoint: Endpoint) -> nx.DiGraph:
    """Documents as nodes (with symbol, title, date, level), citations as edges (with their kind)."""
    g = nx.DiGraph()
    for row in endpoint.select(load("documents"), {}):
        g.add_node(
            row["doc"],
            symbol=row.get("symbol") or row.get("file") or row["doc"].rsplit("/", 1)[-1],
            title=row.get("title") or "",
            date=row.get("date") or "",
            level=row.get("level") or "unknown",
            ingested=bool(row.get("ingested")),
        )
    for row in endpoint.select(load("citation_edges"), {}):
        if row["source"] in g and row["target"] in g:
            g.add_edge(row["source"], row["target"], kind=row["kind"])
    return g
