"""GEXF (Gephi) and GraphML (Cytoscape, yEd) copies of the drawn graph, with its analytics as attributes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from cancu.viz.analytics import chain_depths, pagerank
from cancu.viz.graph import documents_only

FORMATS = ("gexf", "graphml")


def annotated(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy with only scalar attributes, plus cited_by, pagerank and chain_depth on documents.

    chain_depth is -1 where no chain reaches a central document (the formats have no null).
    """
    docs = documents_only(graph)
    rank = pagerank(docs)
    depth = chain_depths(docs)
    out = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {
            k: v for k, v in data.items() if isinstance(v, (str, int, float, bool)) and k != "issuer_iri"
        }
        attrs["year"] = data.get("year") or 0
        attrs["cited_by"] = docs.in_degree(node) if node in docs else 0
        attrs["pagerank"] = rank.get(node, 0.0)
        reached = depth.get(node)
        attrs["chain_depth"] = -1 if reached is None else reached
        out.add_node(node, **attrs)
    for source, target, data in graph.edges(data=True):
        out.add_edge(source, target, **{k: v for k, v in data.items() if isinstance(v, (str, bool))})
    return out


def write_graph(graph: nx.DiGraph, path: Path, fmt: str, positions: dict | None = None) -> Path:
    """Write `graph` as GEXF (with the page's layout as viz positions) or GraphML."""
    if fmt not in FORMATS:
        raise ValueError(f"{path}: unknown graph format {fmt!r}; known: {', '.join(FORMATS)}")
    plain = annotated(graph)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "gexf":
        for node, (x, y) in (positions or {}).items():
            if node in plain:
                plain.nodes[node]["viz"] = {"position": {"x": float(x), "y": float(-y), "z": 0.0}}
        nx.write_gexf(plain, path)
    else:
        nx.write_graphml(plain, path)
    return path
