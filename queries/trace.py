"""Trace: from every task up to the central documents it carries out.

SPARQL selects the edges (queries/chain_edges.rq), networkx closes them: the
closure is faster there than in any SPARQL engine (PITFALLS.md), and the query
stays the public contract.  A task's chain starts at its own document and at
the documents it names itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from cancu.queries.runner import Endpoint, load

CENTRAL = "https://w3id.org/cancu/vocab/level/central"


@dataclass(frozen=True)
class TraceRow:
    task: dict
    central: tuple[dict, ...]
    paths: tuple[tuple[str, ...], ...]
    status: str  # traced | broken | orphan
    missing: tuple[str, ...]

    def to_json(self) -> dict:
        return {
            "task": self.task,
            "central": list(self.central),
            "paths": [list(p) for p in self.paths],
            "status": self.status,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Corpus:
    """The citation graph as trace needs it: chain edges plus what is known of each node."""

    graph: nx.DiGraph
    documents: dict[str, dict]
    tasks: dict[str, dict]


def load_corpus(endpoint: Endpoint) -> Corpus:
    graph = nx.DiGraph()
    for row in endpoint.select(load("chain_edges"), {}):
        graph.add_edge(row["source"], row["target"], kind=row["kind"])
    documents = {row["doc"]: row for row in endpoint.select(load("documents"), {})}
    tasks = {row["task"]: row for row in endpoint.select(load("tasks"), {})}
    return Corpus(graph=graph, documents=documents, tasks=tasks)


def _label(corpus: Corpus, node: str) -> str:
    doc = corpus.documents.get(node, {})
    return doc.get("symbol") or doc.get("file") or node.rsplit("/", 1)[-1]


def _is_central(corpus: Corpus, node: str) -> bool:
    return corpus.documents.get(node, {}).get("level") == "central"


def _chains(corpus: Corpus, start: str) -> tuple[list[list[str]], set[str]]:
    """Paths from `start` to central documents, and the absent documents where other paths end."""
    paths: list[list[str]] = []
    missing: set[str] = set()

    def walk(node: str, path: list[str]) -> None:
        if _is_central(corpus, node) and len(path) > 1:
            paths.append(path)
            return
        onward = [n for n in corpus.graph.successors(node) if n not in path] if node in corpus.graph else []
        if not onward and len(path) > 1:
            doc = corpus.documents.get(node, {})
            if not doc.get("ingested"):
                missing.add(node)
        for n in onward:
            walk(n, [*path, n])

    walk(start, [start])
    return paths, missing


def trace(endpoint: Endpoint, target: str | None = None) -> Iterator[TraceRow]:
    """One row per task (or per document without tasks), optionally limited to one task or document."""
    corpus = load_corpus(endpoint)
    units: list[tuple[str, dict]] = []
    with_tasks = set()
    for iri, task in corpus.tasks.items():
        units.append((iri, task))
        with_tasks.add(task["doc"])
    for iri, doc in corpus.documents.items():
        if doc.get("ingested") and iri not in with_tasks:
            units.append((iri, {"task": iri, "label": None, "text": None, "doc": iri}))
    for iri, unit in units:
        document = _label(corpus, unit["doc"])
        if target and target not in (iri, unit.get("label"), document, unit["doc"]):
            continue
        paths, missing = _chains(corpus, iri)
        centrals = sorted({p[-1] for p in paths})
        shown = [tuple(_label(corpus, n) for n in p[1:] if n not in corpus.tasks) for p in paths]
        status = "traced" if paths else ("broken" if missing else "orphan")
        yield TraceRow(
            task={"iri": iri, "label": unit.get("label"), "text": unit.get("text"), "document": document},
            central=tuple(
                {"symbol": _label(corpus, c), "iri": c, "title": corpus.documents.get(c, {}).get("title")}
                for c in centrals
            ),
            paths=tuple(sorted(set(shown))),
            status=status,
            missing=tuple(sorted(_label(corpus, m) for m in missing)),
        )
