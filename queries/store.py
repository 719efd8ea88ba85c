"""The embedded store: Oxigraph on disk, one named graph per source file.

rdflib builds each file's graph; Oxigraph keeps and queries them.  Replacing a
file's graph is one SPARQL update (one transaction), so a store is never left
holding half a file.  Queries see the union of the named graphs as the default graph.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

DEFAULT_STORE = Path(".cancu/store")
CC = "https://w3id.org/cancu/ontology#"
GENERATION_FILE = "cancu-generation"
"""A token in the store's folder, renewed after every write through GraphStore, that caches are keyed by."""


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message names the path."""


class GraphStore:
    """A thin wrapper over a pyoxigraph Store whose default graph is the union of the named graphs."""

    def __init__(self, path: Path | None = DEFAULT_STORE, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.generation = self._read_generation()  # read before opening, so it never postdates what we see
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not path.exists():
                    raise StoreError(f"{path}: no store here (run `cancu build DIR` first)")
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc

    @classmethod
    def in_memory(cls) -> GraphStore:
        return cls(None)

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def snapshot(self) -> GraphStore:
        """An in-memory copy: the on-disk store answers about 3x slower, so long-lived readers copy it once."""
        copy = GraphStore.in_memory()
        copy._store.bulk_extend(self._store.quads_for_pattern(None, None, None))
        return copy

    def build_key(self, graph: str) -> str | None:
        """The build key (file digest + cancu version) recorded in `graph`, or None when it is absent."""
        g = ox.NamedNode(graph)
        for quad in self._store.quads_for_pattern(g, ox.NamedNode(CC + "buildKey"), None, g):
            return quad.object.value
        return None

    def _read_generation(self) -> str | None:
        if self.path is None:
            return None
        try:
            return (self.path / GENERATION_FILE).read_text(encoding="utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    def _renew_generation(self) -> None:
        """After a write (or a failed one): a new token, so nothing cached under the old one is served again."""
        if self.path is None or self.read_only:
            return
        token = uuid.uuid4().hex
        marker = self.path / GENERATION_FILE
        temp = self.path / f".{GENERATION_FILE}.{token}"
        try:
            temp.write_text(token, encoding="utf-8")
            os.replace(temp, marker)
        except OSError as exc:
            self.generation = None
            for stale in (marker, temp):  # no token, no cache: stale answers are worse than slow ones
                with contextlib.suppress(OSError):
                    stale.unlink(missing_ok=True)
            raise StoreError(f"{self.path}: cannot write the generation marker ({exc})") from exc
        self.generation = token

    def replace_graph(self, graph: str, triples: Graph) -> None:
        """Drop `graph` and insert `triples` into it, in one transaction."""
        data = triples.serialize(format="nt")
        self.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {data} }} }}")

    def replace_graph_quads(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Drop `graph` and insert pyoxigraph triples into it, in one transaction."""
        data = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        self.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {data} }} }}")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction; a read-only store refuses with the path named."""
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")
        try:
            self._store.update(sparql)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc})") from exc
        finally:
            self._renew_generation()

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        """The triples of one named graph, streamed."""
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            yield ox.Triple(q.subject, q.predicate, q.object)

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str) -> Any:
        """Any query form (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union default graph."""
        return self._store.query(sparql, use_default_graph_as_union=True)

    def select(
        self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Run a SELECT and stream rows as {variable: pyoxigraph term or None}.

        Oxigraph substitutes `bindings` only for variables the query projects.
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        result = self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        names = [v.value for v in result.variables]
        for solution in result:
            yield {n: solution[n] for n in names}

    def ask(self, sparql: str) -> bool:
        return bool(self._store.query(sparql, use_default_graph_as_union=True))

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        """Serialise the whole store (every named graph) in a quad format."""
        return self._store.dump(format=fmt)

    def load_quads(self, quads: Iterable[ox.Quad]) -> None:
        try:
            self._store.extend(quads)
        finally:
            self._renew_generation()

    def load_trig(self, data: bytes | str) -> None:
        """Add TriG text (named graphs and prefixes), e.g. a test fixture."""
        self._load(data, ox.RdfFormat.TRIG)

    def load_nquads(self, data: bytes | str) -> None:
        """Add N-Quads text, e.g. an export of another store."""
        self._load(data, ox.RdfFormat.N_QUADS)

    def _load(self, data: bytes | str, fmt: ox.RdfFormat) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            self._store.load(raw, format=fmt)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc})") from exc
        finally:
            self._renew_generation()

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    def optimize(self) -> None:
        """Compact the on-disk store after bulk writes (queries over HTTP went ~2x faster, PITFALLS.md)."""
        if not self.read_only and self.path is not None:
            self._store.optimize()
