"""The embedded store: Oxigraph on disk, one named graph per source file.

rdflib builds each file's graph; Oxigraph keeps and queries them.  Replacing a
file's graph is one SPARQL update (one transaction), so a store is never left
holding half a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

DEFAULT_STORE = Path(".cancu/store")
CC = "https://w3id.org/cancu/ontology#"


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message names the path."""


class GraphStore:
    """A thin wrapper over a pyoxigraph Store whose default graph is the union of the named graphs."""

    def __init__(self, path: Path | None = DEFAULT_STORE, read_only: bool = False) -> None:
        self.path = path
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

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def build_key(self, graph: str) -> str | None:
        """The build key (file digest + cancu version) recorded in `graph`, or None when it is absent."""
        g = ox.NamedNode(graph)
        for quad in self._store.quads_for_pattern(
            ox.NamedNode(graph), ox.NamedNode(CC + "buildKey"), None, g
        ):
            return quad.object.value
        return None

    def replace_graph(self, graph: str, triples: Graph) -> None:
        """Drop `graph` and insert `triples` into it, in one transaction."""
        data = triples.serialize(format="nt")
        self._store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {data} }} }}")

    def drop_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph}>")

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self._store)

    def select(
        self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Run a SELECT and stream rows as {variable: pyoxigraph term or None}."""
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
        self._store.extend(quads)

    def flush(self) -> None:
        self._store.flush()
