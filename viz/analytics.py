"""What the citation graph says about the corpus: most cited, PageRank, chain depth, cycles, components.

Everything here is pure networkx on the document graph (viz.graph.documents_only),
so it is tested without a store or a browser.  PageRank is computed here by
power iteration because networkx's own needs scipy, which cancu does not depend on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx

from cancu.viz.graph import documents_only


@dataclass(frozen=True)
class DocumentStats:
    iri: str
    symbol: str
    level: str
    ingested: bool
    cited_by: int
    pagerank: float
    chain_depth: int | None  # None: no chain reaches a central document


@dataclass(frozen=True)
class Cycle:
    """A strongly connected group of documents: each cites its way back to itself (a data error)."""

    symbols: tuple[str, ...]
    example: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    documents: int
    ingested: int
    references: int
    citations: int
    chain_edges: int
    reach_central: int
    components: int
    largest_component: int
    isolated: int
    cycles: tuple[Cycle, ...]
    ranking: tuple[DocumentStats, ...]

    def to_json(self) -> dict:
        return asdict(self)


def pagerank(graph: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict:
    """PageRank by power iteration; a document citing nothing spreads its rank over every document."""
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    rank = dict.fromkeys(graph, 1.0 / n)
    out_degree = {v: graph.out_degree(v) for v in graph}
    dangling = [v for v, d in out_degree.items() if d == 0]
    for _ in range(max_iter):
        spill = alpha * sum(rank[v] for v in dangling) / n
        new = dict.fromkeys(graph, (1.0 - alpha) / n + spill)
        for v in graph:
            if out_degree[v]:
                share = alpha * rank[v] / out_degree[v]
                for w in graph.successors(v):
                    new[w] += share
        if sum(abs(new[v] - rank[v]) for v in graph) < n * tol:
            return new
        rank = new
    return rank


def chain_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """Only the edges a chain follows (basedOn, implements, reported implementations)."""
    return graph.edge_subgraph((s, t) for s, t, d in graph.edges(data=True) if d.get("chain")).copy()


def chain_depths(graph: nx.DiGraph) -> dict[str, int | None]:
    """Fewest chain hops (basedOn, implements) from each document to a central one: 0 for a central
    document, None when no chain reaches one.  The same measure as queries/chain_depth.rq.
    """
    chains = chain_graph(graph)
    depth: dict[str, int | None] = dict.fromkeys(graph)
    frontier = [v for v, d in graph.nodes(data=True) if d.get("level") == "central"]
    for v in frontier:
        depth[v] = 0
    hops = 0
    while frontier:
        hops += 1
        reached = []
        for v in frontier:
            for u in chains.predecessors(v) if v in chains else ():
                if depth[u] is None:
                    depth[u] = hops
                    reached.append(u)
        frontier = reached
    return depth


def cycles(graph: nx.DiGraph) -> tuple[Cycle, ...]:
    """Every group of documents that cite their way back to themselves, with one example loop each."""
    found = []
    for group in nx.strongly_connected_components(graph):
        node = next(iter(group))
        if len(group) == 1 and not graph.has_edge(node, node):
            continue
        loop = nx.find_cycle(graph.subgraph(group), source=min(group))
        found.append(
            Cycle(
                symbols=tuple(sorted(graph.nodes[v]["label"] for v in group)),
                example=tuple(graph.nodes[s]["label"] for s, _ in loop) + (graph.nodes[loop[0][0]]["label"],),
            )
        )
    return tuple(sorted(found, key=lambda c: c.symbols))


def analyse(graph: nx.DiGraph) -> Report:
    """The whole report over the documents of `graph` (tasks and agencies are left out)."""
    docs = documents_only(graph)
    rank = pagerank(docs)
    depth = chain_depths(docs)
    components = sorted((len(c) for c in nx.weakly_connected_components(docs)), reverse=True)
    ranking = sorted(
        (
            DocumentStats(
                iri=v,
                symbol=d["label"],
                level=d["level"],
                ingested=d["ingested"],
                cited_by=docs.in_degree(v),
                pagerank=round(rank[v], 6),
                chain_depth=depth[v],
            )
            for v, d in docs.nodes(data=True)
        ),
        key=lambda s: (-s.cited_by, -s.pagerank, s.symbol),
    )
    ingested = sum(1 for _, d in docs.nodes(data=True) if d["ingested"])
    return Report(
        documents=docs.number_of_nodes(),
        ingested=ingested,
        references=docs.number_of_nodes() - ingested,
        citations=docs.number_of_edges(),
        chain_edges=sum(1 for *_, d in docs.edges(data=True) if d.get("chain")),
        reach_central=sum(1 for v in docs if depth[v] is not None),
        components=len(components),
        largest_component=components[0] if components else 0,
        isolated=sum(1 for v in docs if docs.degree(v) == 0),
        cycles=cycles(docs),
        ranking=tuple(ranking),
    )
