"""Render the citation graph to one self-contained HTML page with pyvis.

pyvis is given only escaped text (PITFALLS.md: a title containing "href" makes
it switch to innerHTML), its assets are inlined, and the Bootstrap link it adds
even in in-line mode is removed, so the page makes no request off the machine.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network

LEVEL_COLOURS = {
    "central": "#c0392b",
    "province": "#2471a3",
    "department": "#17a589",
    "district": "#d68910",
    "commune": "#7d3c98",
    "unknown": "#95a5a6",
}
EDGE_STYLES = {
    "basedOn": {"color": "#34495e", "dashes": False},
    "implements": {"color": "#c0392b", "dashes": False},
    "refersTo": {"color": "#aab7b8", "dashes": True},
}


def _hover(data: dict) -> str:
    """Plain-text hover card; pyvis shows it with innerText as long as no title contains 'href'."""
    lines = [data.get("symbol", ""), data.get("date", ""), data.get("title", "")]
    return "\n".join(html.escape(str(x)) for x in lines if x)


def render(graph: nx.DiGraph, out: Path, heading: str = "cancu citation graph") -> Path:
    """Write the page; an empty graph gets a page that says so."""
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node, data in graph.nodes(data=True):
        net.add_node(
            node,
            label=html.escape(str(data.get("symbol", node))),
            title=_hover(data),
            color=LEVEL_COLOURS.get(data.get("level", "unknown"), LEVEL_COLOURS["unknown"]),
            shape="box" if data.get("ingested") else "ellipse",
            size=10 + 4 * graph.in_degree(node),
        )
    for source, target, data in graph.edges(data=True):
        style = EDGE_STYLES.get(data.get("kind", "refersTo"), EDGE_STYLES["refersTo"])
        net.add_edge(source, target, title=html.escape(data.get("kind", "")), **style)
    net.toggle_physics(True)
    page = net.generate_html(notebook=False)
    page = re.sub(r"<link[^>]+bootstrap[^>]*>", "", page)
    page = re.sub(r"<script[^>]+bootstrap[^>]*></script>", "", page)
    banner = f"<h1 id='cancu-heading'>{html.escape(heading)}</h1>"
    if graph.number_of_nodes() == 0:
        banner += "<p id='cancu-empty'>The store holds no documents yet: run <code>cancu build DIR</code> first.</p>"
    page = page.replace("<body>", f"<body>\n{banner}", 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
