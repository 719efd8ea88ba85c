"""Render the citation graph to one self-contained, offline HTML page with pyvis.

pyvis draws nodes and edges with the vis-network it inlines; the page's own
script (page.js) and style (page.css) add the hover card, chain highlight,
search, legend and filters.  No text reaches the page as HTML: pyvis gets no
node titles (PITFALLS.md: a title containing "href" makes it use innerHTML),
canvas labels are plain text, and the page data travels as JSON read with
JSON.parse and written into the DOM with textContent.  The Bootstrap link
pyvis adds even in in-line mode is removed, so the page makes no request.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from cancu.viz.analytics import chain_depths, pagerank
from cancu.viz.graph import documents_only
from cancu.viz.layout import Layout, cluster_layout, time_layout

LAYOUTS = ("clusters", "time")
SIZES = ("indegree", "pagerank")
LEVEL_COLOURS = {
    "central": "#c0392b",
    "province": "#2471a3",
    "department": "#17a589",
    "district": "#d68910",
    "commune": "#7d3c98",
    "unknown": "#7f8c8d",
}
# Shape by document type (ASCII-folded code, TERMS.md), tasks and agencies: (group, vis shape, legend).
SHAPES = (
    ("directive", "triangle", "Nghị quyết, Kết luận, Chỉ thị (NQ, KL, CT)", ("NQ", "KL", "CT")),
    (
        "legal",
        "diamond",
        "Luật, Nghị định, Thông tư, Quyết định, Quy định",
        ("L", "Luat", "PL", "ND", "TT", "TTLT", "QD", "QDi", "QyD"),
    ),
    ("plan", "square", "Kế hoạch, Chương trình, Đề án (KH, CTr, ĐA)", ("KH", "CTr", "DA", "PA")),
    ("guidance", "triangleDown", "Hướng dẫn (HD)", ("HD",)),
    ("other", "dot", "Công văn, other or unknown type", ()),
    ("task", "star", "Task (nhiệm vụ)", ("task", "duty")),
    ("agency", "hexagon", "Agency (cơ quan)", ("agency", "group")),
)
EDGE_STYLES = {
    "basedOn": {"label": "Căn cứ (based on)", "color": "#2c3e50", "dashes": False, "width": 1.6},
    "implements": {
        "label": "Thực hiện / Triển khai (implements)",
        "color": "#c0392b",
        "dashes": False,
        "width": 2,
    },
    "refersTo": {"label": "Body mention (refers to)", "color": "#99a3a4", "dashes": [6, 4], "width": 1},
    "reported": {
        "label": "Reported relation (told by a third document)",
        "color": "#8e44ad",
        "dashes": [2, 4],
        "width": 1.6,
    },
    "partOf": {"label": "Task of a document", "color": "#5d6d7e", "dashes": False, "width": 1},
    "cites": {"label": "Task cites a document", "color": "#e59866", "dashes": [4, 3], "width": 1},
    "lead": {"label": "Task led by (chủ trì)", "color": "#16a085", "dashes": False, "width": 1},
    "support": {"label": "Task supported by (phối hợp)", "color": "#76d7c4", "dashes": [3, 3], "width": 1},
    "issuedBy": {"label": "Issued by", "color": "#aeb6bf", "dashes": [1, 3], "width": 1},
}
EMPTY = (
    '<p id="cancu-empty">The graph is empty: the store holds no documents yet. '
    "Run <code>cancu build DIR</code> on a folder of documents, then draw it again.</p>"
)
# Above this many nodes edges are hidden while dragging or zooming, and drawn without dashes or
# arrows (bench/viz.py: dashes and arrowheads were most of a 5,000-node frame; a lit chain gets its
# arrows back), and body mentions start hidden (their filter box is unticked).
_LARGE = 1500
# Up to this many nodes the page refines the cluster layout with a short force simulation
# (from the precomputed positions, then physics off); above it the positions are used as they are.
STABILISE_LIMIT = 500
PHYSICS = {
    "enabled": True,
    "solver": "forceAtlas2Based",
    "forceAtlas2Based": {
        "gravitationalConstant": -60,
        "centralGravity": 0.012,
        "springLength": 80,
        "springConstant": 0.08,
        "avoidOverlap": 0.5,
    },
    "stabilization": {"enabled": False, "iterations": 300},
}


def _fold_code(code: str) -> str:
    text = unicodedata.normalize("NFKD", code.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


_SHAPE_OF = {code: (group, shape) for group, shape, _, codes in SHAPES for code in codes}


def shape_of(data: dict) -> tuple[str, str]:
    """The legend group and vis shape for a node: by document type, or task / agency."""
    code = data.get("doctype") if data.get("type") == "document" else data.get("doctype") or data.get("type")
    return _SHAPE_OF.get(_fold_code(code or ""), ("other", "dot"))


def _sizes(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values(), default=0) or 1
    return {v: round(14 + 30 * math.sqrt(x / top), 1) for v, x in values.items()}


def _page_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survive unescaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_data(graph: nx.DiGraph, layouts: dict[str, Layout], layout: str, size_by: str, heading: str) -> dict:
    """Everything page.js needs, indexed like the vis node ids (0..n-1)."""
    docs = documents_only(graph)
    rank = pagerank(docs)
    depth = chain_depths(docs)
    order = list(graph)
    index = {v: i for i, v in enumerate(order)}
    cited = {v: sum(1 for u in graph.predecessors(v) if graph.nodes[u]["type"] == "document") for v in order}
    nodes = []
    for v in order:
        d = graph.nodes[v]
        nodes.append(
            {
                "iri": v,
                "label": d["label"],
                "type": d["type"],
                "title": d["title"],
                "date": d["date"],
                "year": d["year"],
                "level": d["level"],
                "doctype": d["doctype"] or ("" if d["type"] == "document" else d["type"]),
                "typeName": d.get("doctype_name", ""),
                "shape": shape_of(d)[0],
                "issuer": d["issuer"],
                "province": d["province"],
                "ingested": d["ingested"],
                "catalogued": d.get("catalogued", False),
                "cited": cited[v],
                "pagerank": round(rank.get(v, 0.0), 6),
                "depth": depth.get(v),
            }
        )
    edges = [[index[s], index[t], d["kind"], bool(d.get("chain"))] for s, t, d in graph.edges(data=True)]
    sizes = {"indegree": _sizes(cited), "pagerank": _sizes({v: rank.get(v, 0.0) for v in order})}
    return {
        "heading": heading,
        "layout": layout,
        "size": size_by,
        "nodes": nodes,
        "edges": edges,
        "sizes": {k: [s[v] for v in order] for k, s in sizes.items()},
        "layouts": {k: [list(lay.positions[v]) for v in order] for k, lay in layouts.items()},
        "guides": {k: lay.guides for k, lay in layouts.items()},
        "levels": LEVEL_COLOURS,
        "shapes": [{"group": g, "shape": s, "label": label} for g, s, label, _ in SHAPES],
        "edgeKinds": EDGE_STYLES,
        "large": len(order) > _LARGE,
        "hiddenKinds": ["refersTo"] if len(order) > _LARGE else [],
        "physics": PHYSICS if layout == "clusters" and 1 < len(order) <= STABILISE_LIMIT else None,
    }


def _options(n: int) -> dict:
    large = n > _LARGE
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 100,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 5}},
        },
    }


def _node_style(data: dict) -> dict:
    colour = LEVEL_COLOURS.get(data["level"], LEVEL_COLOURS["unknown"])
    if data["type"] != "document" or data["ingested"] or data.get("catalogued"):
        return {"color": {"background": colour, "border": colour}}
    # A reference node (known only from what cites it): pale fill, dashed border.
    return {
        "color": {"background": "#ffffff", "border": colour},
        "shapeProperties": {"borderDashes": [3, 3]},
        "borderWidth": 2,
    }


def _asset(name: str) -> str:
    return resources.files("cancu.viz").joinpath(name).read_text(encoding="utf-8")


def render(
    graph: nx.DiGraph,
    out: Path,
    heading: str = "cancu citation graph",
    layout: str = "clusters",
    size_by: str = "indegree",
) -> Path:
    """Write the page; an empty graph gets a page that says so."""
    if layout not in LAYOUTS or size_by not in SIZES:
        raise ValueError(f"layout must be one of {LAYOUTS} and size one of {SIZES}")
    layouts = {"clusters": cluster_layout(graph), "time": time_layout(graph)}
    data = page_data(graph, layouts, layout, size_by, heading)
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    net.options = _options(graph.number_of_nodes())
    start = layouts[layout].positions
    for i, v in enumerate(graph):
        d = graph.nodes[v]
        x, y = start[v]
        net.add_node(
            i,
            label=d["label"],
            shape=shape_of(d)[1],
            size=data["sizes"][size_by][i],
            x=x,
            y=y,
            **_node_style(d),
        )
    for i, (s, t, kind, _) in enumerate(data["edges"]):
        style = EDGE_STYLES[kind]
        dashes = style["dashes"] and not data["large"]
        hidden = kind in data["hiddenKinds"]
        net.add_edge(s, t, id=i, color=style["color"], dashes=dashes, width=style["width"], hidden=hidden)
    if any("title" in n for n in net.nodes):
        raise RuntimeError("node titles would let pyvis switch its tooltip to innerHTML")
    page = net.generate_html(notebook=False)
    page = re.sub(r"<link[^>]+bootstrap[^>]*>", "", page)
    page = re.sub(r"<script[^>]+bootstrap[^>]*>\s*</script>", "", page)
    # Only markup can fetch: page data is JSON with every "<" escaped, so a title cannot trip this.
    if re.search(r"""<[a-z]+\s[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I):
        raise RuntimeError("the page would load something from the network")
    panel = _asset("page.html").replace("<!--heading-->", html.escape(heading))
    if graph.number_of_nodes() == 0:
        panel = panel.replace("<!--empty-->", EMPTY)
    page = page.replace("<body>", f"<body>\n{panel}", 1)
    page = page.replace(
        "</head>", f'<link rel="icon" href="data:,">\n<style>{_asset("page.css")}</style>\n</head>', 1
    )
    tail = f'<script type="application/json" id="cancu-data">{_page_json(data)}</script>\n'
    tail += f"<script>{_asset('page.js')}</script>\n</body>"
    head, sep, rest = page.rpartition("</body>")
    page = head + tail + rest if sep else page + tail
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def positions(graph: nx.DiGraph, layout: str = "clusters") -> dict[str, tuple[float, float]]:
    """The positions the page starts with, for exports that keep the picture."""
    return (cluster_layout(graph) if layout == "clusters" else time_layout(graph)).positions
