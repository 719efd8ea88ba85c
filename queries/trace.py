"""Trace: from every task up to the central documents it carries out.

SPARQL selects the edges (chain_edges.rq, task_citations.rq), networkx holds them and
Python closes them: the closure is faster there than in any SPARQL engine
(PITFALLS.md), and trace_all.rq stays the public contract (a test keeps the two in
agreement).  A task's chains start at its own document and at the documents it names
itself; each chain climbs basedOn/implements edges (citations, reported relations,
catalogue relations) to every central document it reaches.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import networkx as nx

from cancu.ingest.identity import symbol_key
from cancu.queries import runner
from cancu.queries.runner import EmbeddedEndpoint, Endpoint, QueryError, load

MAX_HOPS = 12
"""Chains longer than this are cut: real chains are 1-4 hops, and a runaway walk must stop."""


class NoSuchDocument(QueryError):
    """The user named a document or task the graph does not hold; the message lists the closest ones."""


@dataclass(frozen=True)
class TraceRow:
    task: dict
    central: tuple[dict, ...]
    paths: tuple[tuple[str, ...], ...]
    status: str  # traced | broken | orphan
    missing: tuple[str, ...]
    lead: str | None = None

    def to_json(self) -> dict:
        return {
            "task": self.task,
            "central": list(self.central),
            "paths": [list(p) for p in self.paths],
            "status": self.status,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Reach:
    """What one start node reaches: paths (node tuples) ending at central documents, and dead ends."""

    paths: tuple[tuple[str, ...], ...]
    missing: frozenset[str]


class Corpus:
    """The chain graph as trace and audit need it: chain edges plus what is known of each node."""

    def __init__(
        self,
        graph: nx.DiGraph,
        documents: dict[str, dict],
        tasks: dict[str, dict],
        task_cites: dict[str, tuple[str, ...]],
    ) -> None:
        self.graph = graph
        self.documents = documents
        self.tasks = tasks
        self.task_cites = task_cites
        self.reach = cache(self._reach)

    @cached_property
    def tasks_by_doc(self) -> dict[str, tuple[str, ...]]:
        """Task IRIs by the document holding them, built once: audits of many directives share it."""
        out: dict[str, list[str]] = {}
        for iri, task in self.tasks.items():
            out.setdefault(task["doc"], []).append(iri)
        return {doc: tuple(iris) for doc, iris in out.items()}

    @cached_property
    def tasks_citing(self) -> dict[str, tuple[str, ...]]:
        """Task IRIs by each document they name themselves, built once."""
        out: dict[str, list[str]] = {}
        for iri, cited in self.task_cites.items():
            if iri in self.tasks:
                for c in cited:
                    out.setdefault(c, []).append(iri)
        return {doc: tuple(iris) for doc, iris in out.items()}

    def label(self, node: str) -> str:
        """A document's symbol, else its source file, else the words that name it, else its IRI's tail."""
        doc = self.documents.get(node, {})
        return doc.get("symbol") or doc.get("file") or doc.get("name") or node.rsplit("/", 1)[-1]

    def is_central(self, node: str) -> bool:
        return self.documents.get(node, {}).get("level") == "central"

    def is_known(self, node: str) -> bool:
        """Ingested or catalogued: a document whose own record is in the graph."""
        doc = self.documents.get(node, {})
        return bool(doc.get("ingested") or doc.get("catalogued"))

    def _reach(self, start: str) -> Reach:
        paths: list[tuple[str, ...]] = []
        missing: set[str] = set()
        graph = self.graph
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        while stack:
            node, path = stack.pop()
            if self.is_central(node):
                paths.append(path)
            if node not in graph or graph.out_degree(node) == 0:
                if not self.is_known(node) and not self.is_central(node):
                    missing.add(node)
                continue
            onward = [n for n in graph.successors(node) if n not in path]
            if len(path) <= MAX_HOPS:
                stack.extend((n, (*path, n)) for n in onward)
        return Reach(paths=tuple(sorted(paths)), missing=frozenset(missing))

    def task_reach(self, doc: str, cites: tuple[str, ...]) -> Reach:
        """A task's chains: its document's, then each own citation's with the document before it."""
        own = self.reach(doc)
        paths = list(own.paths)
        missing = set(own.missing)
        for cited in cites:
            r = self.reach(cited)
            paths.extend((doc, *p) for p in r.paths)
            missing |= r.missing
        return Reach(paths=tuple(sorted(set(paths))), missing=frozenset(missing))


CORPUS_CACHE = "cancu-corpus.json"
"""The Corpus of an embedded store, kept in the store's folder under the key it was read with."""
_CORPUS_QUERIES = ("chain_edges", "documents", "subtasks", "tasks", "duty_leads", "task_citations")


def load_corpus(endpoint: Endpoint) -> Corpus:
    """The corpus of the endpoint's graph; an embedded store's comes from its cache while nothing was written."""
    store = endpoint.store if isinstance(endpoint, EmbeddedEndpoint) else None
    key = _cache_key(store.generation) if store is not None and store.path is not None else None
    if key is None:
        return _query_corpus(endpoint)
    path = store.path / CORPUS_CACHE
    corpus = _read_cache(path, key)
    if corpus is None:
        corpus = _query_corpus(endpoint)
        _write_cache(path, key, corpus)
    return corpus


def _cache_key(generation: str | None) -> str | None:
    """What the cached corpus depends on: the store's generation, this code and the queries it runs."""
    if generation is None:
        return None
    h = hashlib.sha256(generation.encode())
    for module in (__file__, runner.__file__):
        h.update(Path(module).read_bytes())
    for name in _CORPUS_QUERIES:
        h.update(load(name).text.encode())
    return h.hexdigest()


def _read_cache(path: Path, key: str) -> Corpus | None:
    """The cached corpus if it was stored under `key`; a missing, stale or damaged file is a miss."""
    try:
        with path.open("rb") as f:
            if f.readline().strip().decode("ascii", "replace") != key:
                return None
            data = json.loads(f.read())
        graph = nx.DiGraph()
        graph.add_nodes_from(data["nodes"])
        graph.add_edges_from(data["edges"])
        cites = {t: tuple(c) for t, c in data["task_cites"].items()}
        return Corpus(graph, data["documents"], data["tasks"], cites)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path, key: str, corpus: Corpus) -> None:
    """Best effort, atomically: a folder we cannot write only means no cache."""
    data = {
        "nodes": list(corpus.graph.nodes),
        "edges": list(corpus.graph.edges),
        "documents": corpus.documents,
        "tasks": corpus.tasks,
        "task_cites": corpus.task_cites,
    }
    temp = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with temp.open("wb") as f:
            f.write(key.encode("ascii") + b"\n")
            f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        os.replace(temp, path)
    except (OSError, ValueError, TypeError):
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _query_corpus(endpoint: Endpoint) -> Corpus:
    graph = nx.DiGraph()
    graph.add_edges_from((r["source"], r["target"]) for r in endpoint.select(load("chain_edges"), {}))
    documents = {row["doc"]: row for row in endpoint.select(load("documents"), {})}
    parts = {row["subtask"] for row in endpoint.select(load("subtasks"), {})}
    tasks = {row["task"]: row for row in endpoint.select(load("tasks"), {}) if row["task"] not in parts}
    for row in endpoint.select(load("duty_leads"), {}):
        if row["task"] in tasks:
            tasks[row["task"]]["lead"] = row["lead"]
    cites: dict[str, list[str]] = {}
    for row in endpoint.select(load("task_citations"), {}):
        cites.setdefault(row["task"], []).append(row["target"])
    return Corpus(graph, documents, tasks, {t: tuple(sorted(c)) for t, c in cites.items()})


def units(corpus: Corpus) -> Iterator[tuple[str, dict]]:
    """What trace reports on: every task, then every known document that has no task."""
    with_tasks = set()
    labels: dict[str, str] = {}
    for task in corpus.tasks.values():
        with_tasks.add(task["doc"])
        if task["doc"] not in labels:
            labels[task["doc"]] = corpus.label(task["doc"])
    order = sorted(
        corpus.tasks.items(),
        key=lambda kv: (labels[kv[1]["doc"]], kv[1]["doc"], _natural(kv[1].get("label")), kv[0]),
    )
    yield from order
    for iri in corpus.documents:
        if corpus.is_known(iri) and iri not in with_tasks:
            yield iri, {"task": iri, "label": None, "text": None, "doc": iri}


@cache
def _natural(label: str | None) -> tuple:
    """Sort key that puts II.2 before II.10 and unlabelled duties last."""
    if not label:
        return ((2, ""),)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", label) if p)


def _matches(corpus: Corpus, target: str) -> set[str]:
    """The documents a user's TARGET names: an IRI, a symbol in any printed form, or a file name."""
    if target in corpus.documents:
        return {target}
    key = symbol_key(target)
    return {
        iri
        for iri, doc in corpus.documents.items()
        if (doc.get("symbol") and symbol_key(doc["symbol"]) == key) or doc.get("file") == target
    }


def select_units(corpus: Corpus, target: str | None) -> list[tuple[str, dict]]:
    """The units TARGET selects: a task IRI, a document (all its tasks), or DOCUMENT#LABEL for one task."""
    every = list(units(corpus))
    if not target:
        return every
    if target in corpus.tasks:
        return [(target, corpus.tasks[target])]
    docs, label = _matches(corpus, target), None
    if not docs and "#" in target:
        head, label = target.rsplit("#", 1)
        docs = _matches(corpus, head)
    if not docs:
        raise NoSuchDocument(f"no such document: {target}{closest(corpus, target)}")
    chosen = [(iri, u) for iri, u in every if u["doc"] in docs and (label is None or u.get("label") == label)]
    if not chosen and label is None:  # a document known only from citations: trace it as it stands
        chosen = [(d, {"task": d, "label": None, "text": None, "doc": d}) for d in sorted(docs)]
    if not chosen:
        labels = sorted({u.get("label") or "" for _, u in every if u["doc"] in docs} - {""})
        raise NoSuchDocument(
            f"no task {label!r} in {target.rsplit('#', 1)[0]}; its tasks: {', '.join(labels)}"
        )
    return chosen


def closest(corpus: Corpus, target: str, n: int = 5) -> str:
    """'; closest known: …' with the known symbols nearest to what the user typed, or ''."""
    names = sorted({d.get("symbol") or d.get("file") for d in corpus.documents.values()} - {None})
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(symbol_key(name), name)
    near = difflib.get_close_matches(symbol_key(target), list(by_key), n=n, cutoff=0.6)
    return f"; closest known: {', '.join(by_key[k] for k in near)}" if near else ""


def _outcome(corpus: Corpus, doc: str, cites: tuple[str, ...]) -> tuple:
    """(central, paths, status, missing) for a start set; tasks sharing a document and citations share it."""
    reach = corpus.task_reach(doc, cites)
    centrals = sorted({p[-1] for p in reach.paths}, key=corpus.label)
    status = "traced" if centrals else ("broken" if reach.missing else "orphan")
    central = tuple(
        {"symbol": corpus.label(c), "iri": c, "title": corpus.documents.get(c, {}).get("title")}
        for c in centrals
    )
    paths = tuple(sorted({tuple(corpus.label(n) for n in p) for p in reach.paths}))
    return central, paths, status, tuple(sorted({corpus.label(m) for m in reach.missing}))


def _row(corpus: Corpus, iri: str, unit: dict, memo: dict) -> TraceRow:
    doc = unit["doc"]
    key = (doc, corpus.task_cites.get(iri, ()))
    if key not in memo:
        memo[key] = _outcome(corpus, *key)
    central, paths, status, missing = memo[key]
    return TraceRow(
        task={
            "iri": iri,
            "label": unit.get("label"),
            "text": unit.get("text"),
            "document": corpus.label(doc),
        },
        central=central,
        paths=paths,
        status=status,
        missing=missing,
        lead=unit.get("lead"),
    )


def trace(endpoint: Endpoint, target: str | None = None, corpus: Corpus | None = None) -> Iterator[TraceRow]:
    """One row per task (and per known document without tasks), or only those TARGET names."""
    corpus = corpus or load_corpus(endpoint)
    memo: dict = {}
    for iri, unit in select_units(corpus, target):
        yield _row(corpus, iri, unit, memo)


def reached_centrals(corpus: Corpus, task_iris: Iterable[str] | None = None) -> set[tuple[str, str]]:
    """(task, central document) pairs by the networkx closure: what trace_all.rq answers in SPARQL."""
    centrals_from: dict[str, set[str]] = {}
    pairs = set()
    for iri in corpus.tasks if task_iris is None else task_iris:
        for start in (corpus.tasks[iri]["doc"], *corpus.task_cites.get(iri, ())):
            if start not in centrals_from:
                reachable = nx.descendants(corpus.graph, start) if start in corpus.graph else set()
                centrals_from[start] = {c for c in reachable | {start} if corpus.is_central(c)}
            pairs.update((iri, c) for c in centrals_from[start])
    return pairs
