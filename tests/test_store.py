"""The embedded store: per-file graphs replaced atomically, read-only opening, the in-memory snapshot."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from cancu.queries.store import CC, GraphStore, StoreError

G = "https://w3id.org/cancu/graph/a-txt"
FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"


def triples(*pairs: tuple[str, str]) -> Graph:
    g = Graph()
    for s, o in pairs:
        g.add((URIRef(f"https://e.org/{s}"), URIRef(CC + "symbol"), Literal(o)))
    return g


def test_replace_graph_swaps_a_file_graph_whole(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.replace_graph(G, triples(("a", "1"), ("b", "2")))
    store.replace_graph("https://w3id.org/cancu/graph/other", triples(("z", "9")))
    store.replace_graph(G, triples(("c", "3")))
    assert len(store) == 2
    assert {r["o"].value for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")} == {"3", "9"}


def test_a_failing_replacement_leaves_the_old_graph(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.replace_graph(G, triples(("a", "1")))
    with pytest.raises(SyntaxError):
        store.update(f"DROP SILENT GRAPH <{G}> ; INSERT DATA {{ GRAPH <{G}> {{ <a> <b> }} }}")
    assert len(store) == 1


def test_build_key_is_read_back(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    g = triples(("a", "1"))
    g.add((URIRef(G), URIRef(CC + "buildKey"), Literal("sha256:x;cancu:0.1")))
    store.replace_graph(G, g)
    assert store.build_key(G) == "sha256:x;cancu:0.1"
    assert store.build_key("https://w3id.org/cancu/graph/none") is None


def test_read_only_refuses_writes_and_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "s"
    writer = GraphStore(path)
    writer.replace_graph(G, triples(("a", "1")))
    writer.flush()
    del writer
    reader = GraphStore(path, read_only=True)
    assert len(reader) == 1
    with pytest.raises(StoreError, match=str(path)):
        reader.drop_graph(G)


def test_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        GraphStore(tmp_path / "absent", read_only=True)


def test_snapshot_is_an_equal_in_memory_copy(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.load_trig(FIXTURE.read_bytes())
    copy = store.snapshot()
    assert copy.path is None and len(copy) == len(store) > 100
    assert copy.graphs() == store.graphs()


def test_select_binds_terms_and_unions_the_graphs() -> None:
    store = GraphStore.in_memory()
    store.load_trig(FIXTURE.read_bytes())
    rows = list(
        store.select(
            f"SELECT ?d ?s WHERE {{ ?d <{CC}symbol> ?s }}",
            {"s": ox.Literal("5-HD/BTGTW")},
        )
    )
    assert {r["d"].value for r in rows} == {"https://w3id.org/cancu/id/doc/fixture/C1"}
    assert len(store.graphs()) == 5


def test_dump_and_load_round_trip() -> None:
    store = GraphStore.in_memory()
    store.load_trig(FIXTURE.read_bytes())
    again = GraphStore.in_memory()
    again.load_nquads(store.dump(ox.RdfFormat.N_QUADS))
    assert len(again) == len(store)
