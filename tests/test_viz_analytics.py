"""Analytics over hand-built graphs (PageRank, chain depth, cycles, components), exports and `cancu stats`."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.viz.analytics import analyse, chain_depths, cycles, pagerank
from cancu.viz.export import write_graph
from cancu.viz.graph import build_graph


def corpus(edges: list[tuple[str, str, str]], levels: dict[str, str] | None = None, ingested: tuple = ()):
    """A document graph from (source, target, relation) triples; names are the symbols."""
    names = sorted({n for s, t, _ in edges for n in (s, t)} | set(levels or {}))
    docs = [
        {"doc": n, "symbol": n, "level": (levels or {}).get(n, "province"), "ingested": n in ingested}
        for n in names
    ]
    rows = [{"source": s, "target": t, "relation": r, "stated": True} for s, t, r in edges]
    return build_graph(docs, rows)


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        (
            [("a", "b", "refersTo"), ("b", "c", "refersTo"), ("c", "a", "refersTo")],
            {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3},
        ),
        # b cites nothing, so its rank spreads over both: r_a = .075 + .425 r_b with r_a + r_b = 1.
        ([("a", "b", "refersTo")], {"a": 0.5 / 1.425, "b": 1 - 0.5 / 1.425}),
    ],
    ids=["cycle-is-uniform", "two-nodes-by-hand"],
)
def test_pagerank_by_hand(edges, expected: dict[str, float]) -> None:
    rank = pagerank(corpus(edges))
    assert rank == pytest.approx(expected, abs=1e-8), edges


def test_pagerank_sums_to_one_and_favours_the_most_cited() -> None:
    g = corpus([(f"p{i}", "ct", "implements") for i in range(5)] + [("p0", "law", "basedOn")])
    rank = pagerank(g)
    assert sum(rank.values()) == pytest.approx(1.0)
    assert max(rank, key=rank.get) == "ct"
    assert pagerank(nx.DiGraph()) == {}


CHAIN = [
    ("commune", "district", "implements"),
    ("district", "plan", "basedOn"),
    ("plan", "ct", "implements"),
    ("plan", "note", "refersTo"),
    ("orphan", "note", "refersTo"),
]


@pytest.mark.parametrize(
    ("node", "depth"),
    [("commune", 3), ("district", 2), ("plan", 1), ("ct", 0), ("orphan", None), ("note", None)],
)
def test_chain_depth_counts_chain_hops_to_the_centre(node: str, depth: int | None) -> None:
    g = corpus(CHAIN + [("orphan", "ct", "refersTo")], levels={"ct": "central"})
    assert chain_depths(g)[node] == depth, node


def test_chain_depth_takes_the_shortest_chain() -> None:
    g = corpus(
        [("d", "p", "implements"), ("p", "c", "implements"), ("d", "c", "basedOn")], levels={"c": "central"}
    )
    assert chain_depths(g)["d"] == 1


def test_cycles_are_reported_once_per_group_with_an_example() -> None:
    edges = [("a", "b", "basedOn"), ("b", "a", "implements"), ("c", "c", "refersTo"), ("d", "a", "basedOn")]
    g = corpus(edges + [("b", "ct", "implements")], levels={"ct": "central"})
    found = cycles(g)
    assert [c.symbols for c in found] == [("a", "b"), ("c",)]
    assert found[0].example[0] == found[0].example[-1] and len(found[0].example) == 3
    assert [chain_depths(g)[n] for n in "abd"] == [2, 1, 3], "a cycle is walked once, not forever"


def test_analyse_counts_components_and_ranks_by_citations() -> None:
    g = corpus(
        CHAIN + [("x", "y", "refersTo")], levels={"ct": "central", "lonely": "province"}, ingested=("plan",)
    )
    report = analyse(g)
    assert (report.documents, report.citations, report.chain_edges, report.reach_central) == (9, 6, 3, 4)
    assert (report.components, report.largest_component, report.isolated) == (3, 6, 1)
    assert (report.ingested, report.references, report.cycles) == (1, 8, ())
    assert report.ranking[0].symbol == "note" and report.ranking[0].cited_by == 2
    json.dumps(report.to_json())


def test_analytics_leave_tasks_out() -> None:
    g = build_graph(
        [{"doc": "p", "symbol": "p"}, {"doc": "c", "symbol": "c", "level": "central"}],
        [{"source": "p", "target": "c", "relation": "implements"}],
        tasks=[{"task": "t", "doc": "p", "label": "1"}],
        task_links=[{"task": "t", "target": "c", "kind": "cites"}],
    )
    report = analyse(g)
    assert report.documents == 2 and report.citations == 1
    assert {s.symbol: s.cited_by for s in report.ranking} == {"c": 1, "p": 0}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_exports_read_back_with_their_analytics(tmp_path: Path, fmt: str) -> None:
    g = corpus(CHAIN, levels={"ct": "central"})
    g.nodes["plan"]["title"] = "Kế hoạch <b>& ký tự</b>"
    path = write_graph(g, tmp_path / f"g.{fmt}", fmt, positions={n: (1.0, 2.0) for n in g})
    back = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(path)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert back.nodes["plan"]["title"] == "Kế hoạch <b>& ký tự</b>"
    assert back.nodes["ct"]["cited_by"] == 1 and back.nodes["commune"]["chain_depth"] == 3
    assert back.edges["plan", "ct"]["kind"] == "implements"


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="g.dot"):
        write_graph(corpus(CHAIN), tmp_path / "g.dot", "dot")


def test_stats_json_and_table(runner: CliRunner, seed_store: Path) -> None:
    result = runner.invoke(cli, ["stats", "--store", str(seed_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == len(report["ranking"]) > 5
    assert report["ingested"] == 5
    top = report["ranking"][0]
    assert top["cited_by"] == max(r["cited_by"] for r in report["ranking"]) > 0
    table = runner.invoke(cli, ["stats", "--store", str(seed_store), "--top", "3"])
    assert table.exit_code == 0 and "Most cited" in table.output and top["symbol"] in table.output


def test_viz_writes_gexf_and_graphml(runner: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    args = ["viz", "--store", str(seed_store), "--out", str(tmp_path / "v.html")]
    result = runner.invoke(
        cli, args + ["--gexf", str(tmp_path / "g.gexf"), "--graphml", str(tmp_path / "g.graphml")]
    )
    assert result.exit_code == 0, result.output
    gexf, graphml = nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")
    assert gexf.number_of_nodes() == graphml.number_of_nodes() > 5
    assert f"{gexf.number_of_nodes()} nodes" in result.output


def test_empty_store_gives_a_page_that_says_so(runner: CliRunner, tmp_path: Path) -> None:
    from cancu.queries.store import GraphStore

    store = tmp_path / "empty"
    GraphStore(store).flush()
    out = tmp_path / "empty.html"
    result = runner.invoke(cli, ["viz", "--store", str(store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 nodes" in result.output and "no documents" in result.output
    assert 'id="cancu-empty"' in out.read_text(encoding="utf-8")
    stats = runner.invoke(cli, ["stats", "--store", str(store), "--format", "json"])
    assert stats.exit_code == 0 and json.loads(stats.output)["documents"] == 0


def test_chain_depth_agrees_with_the_sparql_query(seed_store: Path) -> None:
    """networkx closes what SPARQL selects; the two must give the same depth (PITFALLS.md)."""
    from cancu.queries.runner import EmbeddedEndpoint, load
    from cancu.queries.store import GraphStore
    from cancu.viz.graph import citation_graph

    endpoint = EmbeddedEndpoint(GraphStore(seed_store, read_only=True))
    graph = citation_graph(endpoint)
    ours = chain_depths(graph)
    rows = list(endpoint.select(load("chain_depth"), {}))
    assert rows, "the seeds have central documents"
    sparql = {r["doc"]: r["depth"] for r in rows}
    assert {d: ours[d] for d in sparql} == sparql
    numbered = [d for d in ours if graph.nodes[d]["symbol"]]  # the query lists numbered documents only
    assert all(ours[d] is None or ours[d] > 5 for d in numbered if d not in sparql)
