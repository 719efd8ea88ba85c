"""The citation graph as a networkx DiGraph: pure code, tested without a browser.

Nodes carry `type` (document, task or agency) and what the page shows of them;
edges carry `kind`, the style class the page draws (basedOn, implements,
refersTo, reported, partOf, cites, lead, support, issuedBy), and `chain`, true
for the edges a chain follows up to the central documents (TERMS.md: basedOn
or implements, plus a task's own document and citations).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

import networkx as nx

from cancu.queries.runner import Endpoint, load

DOCUMENT_KINDS = ("basedOn", "implements", "refersTo", "reported")
# The strongest relation wins when one document cites another in several ways.
_RELATION_KIND = {
    "basedOn": "basedOn",
    "implements": "implements",
    "guides": "implements",
    "refersTo": "refersTo",
    "amends": "refersTo",
    "replaces": "refersTo",
}
_STRENGTH = {"basedOn": 3, "implements": 2, "refersTo": 1}
CHAIN_KINDS = frozenset({"basedOn", "implements", "partOf", "cites"})


@functools.cache
def doctype_names() -> dict[str, tuple[str, str]]:
    """Printed code and Vietnamese name of each document type, by IRI tail and by code (from the ontology).

    The store may hold only the type's IRI (doctype/QD); the page shows "QĐ", "Quyết định".
    """
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from cancu.ontology.generate import load_source

    try:
        onto = load_source()
    except Exception:  # an ontology that cannot be read leaves the codes as the store has them
        return {}
    by_tail: dict[str, tuple[str, str]] = {}
    by_code: dict[str, tuple[str, str]] = {}
    for concept in sorted(onto.subjects(SKOS.inScheme, URIRef("https://w3id.org/cancu/vocab/doctype"))):
        codes = [str(n) for n in onto.objects(concept, SKOS.notation)]
        label = next(
            (str(x) for x in onto.objects(concept, SKOS.prefLabel) if getattr(x, "language", "") == "vi"), ""
        )
        if codes:
            by_tail[str(concept).rsplit("/", 1)[-1]] = (codes[0], label)
            by_code.setdefault(codes[0], (codes[0], label))
    return by_code | by_tail  # an IRI's own tail wins over another concept's printed code (TT)


def _doctype(row: dict) -> tuple[str, str]:
    code = row.get("doctype") or ""
    return doctype_names().get(code, (code, "")) if code else ("", "")


class FocusError(ValueError):
    """The --focus symbol names no document; the message offers the closest symbols."""


def _year(row: dict) -> int | None:
    if isinstance(row.get("year"), int):
        return row["year"]
    m = re.match(r"(\d{4})", str(row.get("date") or ""))
    return int(m.group(1)) if m else None


def _document_label(row: dict, doctype_name: str) -> str:
    """The symbol; else the file it was read from; else its type, marked as printed without a number."""
    if row.get("symbol") or row.get("file"):
        return row.get("symbol") or row["file"]
    return f"{doctype_name or 'Văn bản'} (không số) {row['doc'].rsplit('-', 1)[-1][:6]}"


def build_graph(
    documents: Iterable[dict],
    edges: Iterable[dict],
    tasks: Iterable[dict] = (),
    task_links: Iterable[dict] = (),
    agencies: Iterable[dict] = (),
) -> nx.DiGraph:
    """The graph from query rows (viz_documents, viz_edges, viz_tasks, viz_task_links, viz_agencies).

    Task and agency rows are optional: pass them to draw tasks (--tasks) or agencies (--agencies);
    an agency is drawn only when something drawn links to it.  Edges whose ends are not in the
    graph are dropped, never invented.
    """
    g = nx.DiGraph()
    agency_rows = list(agencies)
    for row in documents:
        doctype, doctype_name = _doctype(row)
        g.add_node(
            row["doc"],
            type="document",
            symbol=row.get("symbol") or "",
            label=_document_label(row, doctype_name),
            title=row.get("title") or "",
            date=row.get("date") or "",
            year=_year(row),
            level=row.get("level") or "unknown",
            doctype=doctype,
            doctype_name=doctype_name,
            issuer=row.get("issuer_label") or "",
            province=row.get("province") or "",
            ingested=bool(row.get("ingested")),
            catalogued=bool(row.get("catalogued")),
            issuer_iri=row.get("issuer") or "",
        )
    pairs: dict[tuple[str, str], dict] = {}
    for row in edges:
        source, target = row["source"], row["target"]
        if source not in g or target not in g:
            continue
        relation = row.get("relation") or "refersTo"
        kind = _RELATION_KIND.get(relation, "refersTo")
        seen = pairs.setdefault(
            (source, target), {"base": kind, "relation": relation, "stated": False, "told": False}
        )
        if _STRENGTH[kind] > _STRENGTH[seen["base"]]:
            seen.update(base=kind, relation=relation)
        seen["stated"] |= bool(row.get("stated"))
        seen["told"] |= bool(row.get("reported"))
    for (source, target), seen in pairs.items():
        reported = seen["told"] and not seen["stated"]
        g.add_edge(
            source,
            target,
            kind="reported" if reported else seen["base"],
            base=seen["base"],
            relation=seen["relation"],
            reported=reported,
            chain=seen["base"] in CHAIN_KINDS,
        )
    if agency_rows:
        _add_agencies(g, agency_rows)
    _add_tasks(g, tasks, task_links)
    g.remove_nodes_from([n for n, d in g.nodes(data=True) if d["type"] == "agency" and g.degree(n) == 0])
    return g


def _add_tasks(g: nx.DiGraph, tasks: Iterable[dict], links: Iterable[dict]) -> None:
    for row in tasks:
        doc = row.get("doc")
        if doc not in g:
            continue
        parent = g.nodes[doc]
        label = row.get("label") or ""
        g.add_node(
            row["task"],
            type="task",
            symbol="",
            label=f"{parent['label']} {label}".strip(),
            title=row.get("text") or "",
            date=parent["date"],
            year=parent["year"],
            level=parent["level"],
            doctype="duty" if row.get("duty") else "task",
            doctype_name="",
            issuer="",
            province=parent["province"],
            ingested=parent["ingested"],
            catalogued=False,
        )
        g.add_edge(
            row["task"], doc, kind="partOf", base="partOf", relation="partOf", reported=False, chain=True
        )
    for row in links:
        task, target, kind = row["task"], row["target"], row["kind"]
        if task in g and target in g and g.nodes[task]["type"] == "task":
            g.add_edge(
                task, target, kind=kind, base=kind, relation=kind, reported=False, chain=kind == "cites"
            )


def _add_agencies(g: nx.DiGraph, rows: list[dict]) -> None:
    for row in rows:
        g.add_node(
            row["agency"],
            type="agency",
            symbol="",
            label=row.get("label") or row["agency"].rsplit("/", 1)[-1],
            title=row.get("label") or "",
            date="",
            year=None,
            level=row.get("level") or "unknown",
            doctype="group" if row.get("group") else "agency",
            doctype_name="",
            issuer="",
            province=row.get("province") or "",
            ingested=False,
            catalogued=False,
        )
    for node, data in list(g.nodes(data=True)):
        issuer = data.get("issuer_iri")
        if data["type"] == "document" and issuer in g:
            g.add_edge(
                node, issuer, kind="issuedBy", base="issuedBy", relation="issuer", reported=False, chain=False
            )


def citation_graph(endpoint: Endpoint, tasks: bool = False, agencies: bool = False) -> nx.DiGraph:
    """Documents as nodes and citations as edges; tasks and agencies joined when asked for."""
    rows = {
        name: list(endpoint.select(load(name), {}))
        for name in ("viz_documents", "viz_edges")
        + (("viz_tasks", "viz_task_links") if tasks else ())
        + (("viz_agencies",) if agencies else ())
    }
    links = rows.get("viz_task_links", [])
    if not agencies:
        links = [r for r in links if r["kind"] == "cites"]
    return build_graph(
        rows["viz_documents"],
        rows["viz_edges"],
        rows.get("viz_tasks", ()),
        links,
        rows.get("viz_agencies", ()),
    )


def documents_only(graph: nx.DiGraph) -> nx.DiGraph:
    """The document-to-document citation graph inside `graph` (analytics run on this)."""
    return graph.subgraph(n for n, d in graph.nodes(data=True) if d["type"] == "document").copy()


def fold_symbol(symbol: str) -> str:
    """A symbol folded for matching: no case, spaces, diacritics, and Đ read as D."""
    text = unicodedata.normalize("NFKD", symbol.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c) and not c.isspace()).casefold()


def find_documents(graph: nx.DiGraph, symbol: str) -> list[str]:
    """Every document whose symbol reads as `symbol` (one symbol may name several documents)."""
    want = fold_symbol(symbol)
    return [
        n for n, d in graph.nodes(data=True) if d["type"] == "document" and fold_symbol(d["label"]) == want
    ]


def closest_symbols(graph: nx.DiGraph, symbol: str, n: int = 3) -> list[str]:
    """The document symbols nearest to `symbol`, for an error message."""
    labels = {}
    for _, d in graph.nodes(data=True):
        if d["type"] == "document":
            labels.setdefault(fold_symbol(d["label"]), d["label"])
    return [labels[k] for k in difflib.get_close_matches(fold_symbol(symbol), list(labels), n=n, cutoff=0.4)]


def focus(graph: nx.DiGraph, symbol: str, depth: int) -> nx.DiGraph:
    """The documents `symbol` reaches in `depth` hops up its citations and down to those citing it.

    Tasks and agencies attached to a kept document stay with it.  Raises FocusError,
    naming the closest symbols, when no document has the symbol.
    """
    start = find_documents(graph, symbol)
    if not start:
        near = closest_symbols(graph, symbol)
        hint = f"; closest: {', '.join(near)}" if near else "; the graph has no documents"
        raise FocusError(f"no document {symbol!r} in the graph{hint}")
    docs = documents_only(graph)
    keep = set(start)
    for step in (docs.successors, docs.predecessors):
        frontier = set(start)
        for _ in range(max(depth, 0)):
            frontier = {m for n in frontier for m in step(n)} - keep
            keep |= frontier
    attached = {
        m
        for n in keep
        for m in (*graph.successors(n), *graph.predecessors(n))
        if graph.nodes[m]["type"] != "document"
    }
    tasks = {n for n in attached if graph.nodes[n]["type"] == "task"}
    attached |= {m for t in tasks for m in graph.successors(t) if graph.nodes[m]["type"] == "agency"}
    return graph.subgraph(keep | attached).copy()
