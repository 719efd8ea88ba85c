"""Node positions computed once in Python, so the page draws at once with physics off.

Two layouts, both linear in the size of the graph (PITFALLS.md: letting
vis-network stabilise 5,000 nodes takes 18 s):
- `clusters`: a balloon tree.  Each connected group is spread from its most
  cited document, every node ringed by the nodes it reached first; groups are
  then packed in rows.
- `time`: x is the date, y a band per level; undated documents sit in a block
  left of the time axis.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

LEAF_RADIUS = 45.0  # room for a symbol label under its node
GAP = 12.0
LEVEL_ORDER = ("central", "province", "department", "district", "commune", "unknown")


@dataclass(frozen=True)
class Layout:
    positions: dict[str, tuple[float, float]]
    guides: dict = field(default_factory=dict)  # axis marks the page draws behind the nodes


def _order_key(graph: nx.DiGraph):
    indeg = {
        v: sum(1 for u in graph.predecessors(v) if graph.nodes[u].get("type") == "document") for v in graph
    }
    return lambda v: (graph.nodes[v].get("type") == "agency", -indeg[v], -graph.degree(v), str(v))


def _spanning_forest(graph: nx.DiGraph) -> tuple[list[str], dict[str, list[str]]]:
    """Roots and children of a BFS forest over the undirected graph; agencies are leaves, never hubs."""
    key = _order_key(graph)
    children: dict[str, list[str]] = {v: [] for v in graph}
    seen: set[str] = set()
    roots = []
    for root in sorted(graph, key=key):
        if root in seen:
            continue
        roots.append(root)
        seen.add(root)
        queue = deque([root])
        while queue:
            v = queue.popleft()
            if graph.nodes[v].get("type") == "agency" and v != root:
                continue
            for w in sorted(set(graph.successors(v)) | set(graph.predecessors(v)), key=key):
                if w not in seen:
                    seen.add(w)
                    children[v].append(w)
                    queue.append(w)
    return roots, children


def _rings(kids: list[str], radius: dict[str, float]) -> tuple[list[tuple[float, list[str]]], float]:
    """Children on concentric rings round their parent, largest first, each ring as full as it can be.

    One ring for a thousand children would leave its middle empty; filling rings
    outwards keeps a big fan-out about as dense as a grid.  Returns the rings
    (radius, members) and the radius of the whole disc.
    """
    rest = sorted(kids, key=lambda k: -radius[k])
    rings = []
    r = LEAF_RADIUS + GAP + radius[rest[0]]
    while rest:
        room = 2 * math.pi * r
        members, used = [], 0.0
        while rest and (not members or used + 2 * radius[rest[0]] + GAP <= room):
            used += 2 * radius[rest[0]] + GAP
            members.append(rest.pop(0))
        rings.append((r, members))
        width = radius[members[0]]
        if rest:
            r += width + GAP + radius[rest[0]]
    return rings, r + width


def cluster_layout(graph: nx.DiGraph) -> Layout:
    """A balloon tree per connected group, the groups packed in rows."""
    roots, children = _spanning_forest(graph)
    radius: dict[str, float] = {}
    rings: dict[str, list[tuple[float, list[str]]]] = {}
    order: list[str] = []
    for root in roots:
        stack = [root]
        while stack:
            v = stack.pop()
            order.append(v)
            stack.extend(children[v])
    for v in reversed(order):
        if children[v]:
            rings[v], radius[v] = _rings(children[v], radius)
        else:
            radius[v] = LEAF_RADIUS
    local: dict[str, tuple[float, float]] = {}
    for root in roots:
        local[root] = (0.0, 0.0)
        stack = [root]
        while stack:
            v = stack.pop()
            cx, cy = local[v]
            for j, (r, members) in enumerate(rings.get(v, ())):
                arc = sum(2 * radius[k] + GAP for k in members)
                angle = j * 0.5  # stagger the rings so their members do not line up
                for k in members:
                    share = 2 * math.pi * (2 * radius[k] + GAP) / arc
                    local[k] = (cx + r * math.cos(angle + share / 2), cy + r * math.sin(angle + share / 2))
                    angle += share
                    stack.append(k)
    return Layout(positions=_pack(roots, children, radius, local))


def _pack(roots, children, radius, local) -> dict[str, tuple[float, float]]:
    """Place each tree's disc left to right in rows about as wide as the whole is tall."""
    if not roots:
        return {}
    width = math.sqrt(sum((2 * radius[r]) ** 2 for r in roots)) * 1.2
    x = y = row_height = 0.0
    offset = {}
    for r in sorted(roots, key=lambda r: -radius[r]):
        d = 2 * radius[r]
        if x > 0 and x + d > width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        offset[r] = (x + radius[r], y + radius[r])
        x += d + GAP
        row_height = max(row_height, d)
    out = {}
    for r in roots:
        ox, oy = offset[r]
        stack = [r]
        while stack:
            v = stack.pop()
            lx, ly = local[v]
            out[v] = (round(ox + lx, 1), round(oy + ly, 1))
            stack.extend(children[v])
    return out


def _ordinal(text: str) -> int | None:
    parts = (text or "").split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day).toordinal()
    except (ValueError, IndexError):
        return None


def time_layout(graph: nx.DiGraph) -> Layout:
    """x by date, one band of lanes per level; guides carry the year marks and band names."""
    day = {
        v: _ordinal(d.get("date") or (str(d["year"]) if d.get("year") else ""))
        for v, d in graph.nodes(data=True)
    }
    dated = [o for o in day.values() if o is not None]
    first, last = (min(dated), max(dated)) if dated else (0, 1)
    width = max(1500.0, 120.0 * math.sqrt(max(len(graph), 1)) * 4)
    scale = width / max(last - first, 365)
    bands: dict[str, list[str]] = {}
    for v, d in graph.nodes(data=True):
        level = d.get("level") if d.get("level") in LEVEL_ORDER else "unknown"
        bands.setdefault(level, []).append(v)
    step = 2 * LEAF_RADIUS
    positions: dict[str, tuple[float, float]] = {}
    band_marks = []
    top = 0.0
    for level in LEVEL_ORDER:
        members = bands.get(level, [])
        if not members:
            continue
        undated = sorted((v for v in members if day[v] is None), key=lambda v: graph.nodes[v]["label"])
        columns = max(1, math.ceil(math.sqrt(len(undated))))
        x_of = {v: (day[v] - first) * scale for v in members if day[v] is not None}
        for i, v in enumerate(undated):
            x_of[v] = -3 * step - (i % columns) * step
        lanes: list[float] = []
        for v in sorted(members, key=lambda v: (x_of[v], graph.nodes[v]["label"])):
            lane = next((i for i, end in enumerate(lanes) if end <= x_of[v] - step), None)
            if lane is None:
                lanes.append(0.0)
                lane = len(lanes) - 1
            lanes[lane] = x_of[v]
            positions[v] = (round(x_of[v], 1), round(top + lane * step * 0.6, 1))
        band_marks.append({"label": level, "y": top})
        top += max(len(lanes), 1) * step * 0.6 + 2 * step
    years = []
    if dated:
        for year in range(date.fromordinal(first).year, date.fromordinal(last).year + 2):
            years.append({"label": str(year), "x": round((date(year, 1, 1).toordinal() - first) * scale, 1)})
    guides = {"years": years, "bands": band_marks, "bottom": top, "undated_x": -3 * step}
    return Layout(positions=positions, guides=guides)
