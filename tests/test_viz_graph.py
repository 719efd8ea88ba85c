"""The viz graph as pure code: query rows to networkx, the store through the viz queries, focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from cancu.cli import cli
from cancu.queries.runner import EmbeddedEndpoint
from cancu.queries.store import GraphStore
from cancu.viz.graph import FocusError, build_graph, citation_graph, closest_symbols, focus, fold_symbol

ID = "https://w3id.org/cancu/id/"

# A small corpus written in the graph contract (TERMS.md): a district plan implements a provincial
# plan, which implements a central directive only as reported by a third document.
CORPUS = """
@prefix cc: <https://w3id.org/cancu/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/cancu/id/> .
@prefix lv: <https://w3id.org/cancu/vocab/level/> .
@prefix dt: <https://w3id.org/cancu/vocab/doctype/> .

dt:KH skos:notation "KH" .
dt:CT skos:notation "CT" .
id:agency\\/btw skos:prefLabel "Ban Bí thư"@vi ; a cc:Agency ; cc:level lv:central .
id:agency\\/tu-ls skos:prefLabel "Tỉnh ủy Lạng Sơn"@vi ; a cc:Agency ; cc:level lv:province ; cc:province id:province\\/ls .
id:agency\\/group a cc:Agency, cc:AgencyGroup ; skos:prefLabel "các sở, ban, ngành"@vi .
id:province\\/ls skos:prefLabel "Lạng Sơn"@vi .
id:source\\/a cc:fileName "a.txt" .

id:doc\\/ct25 a cc:Document ; cc:symbol "25-CT/TW" ; cc:level lv:central ; cc:documentType dt:CT ; cc:issuer id:agency\\/btw .
id:doc\\/kh89 a cc:Document ; cc:symbol "89-KH/TU" ; cc:level lv:province ; cc:documentType dt:KH ;
    cc:issuer id:agency\\/tu-ls ; cc:date "2018-05-02"^^xsd:date ; cc:year 2018 ;
    cc:title "Kế hoạch thực hiện Chỉ thị 25"@vi ;
    cc:implements id:doc\\/ct25 ; cc:cites id:doc\\/ct25 .
id:doc\\/kh06 a cc:Document ; cc:symbol "06-KH/BCĐ" ; cc:level lv:province ; cc:date "2019-02-27"^^xsd:date ;
    cc:ingestedFrom id:source\\/a ; cc:implements id:doc\\/kh89 ; cc:refersTo id:doc\\/kh89 , id:doc\\/ct25 .
id:doc\\/kh12 a cc:Document ; cc:symbol "12/KH-UBND" ; cc:level lv:district ; cc:date "2020-03"^^xsd:gYearMonth ;
    cc:basedOn id:doc\\/kh06 ; cc:refersTo id:doc\\/kh06 .
id:doc\\/alias a cc:Document ; cc:symbol "06-KH/BCĐ" ; cc:resolvesTo id:doc\\/kh06 .
id:doc\\/kh12 cc:refersTo id:doc\\/alias .

id:citation\\/1 a cc:Citation ; cc:citingDocument id:doc\\/kh06 ; cc:citedDocument id:doc\\/kh89 .
id:citation\\/2 a cc:Citation ; cc:citingDocument id:doc\\/kh06 ; cc:citedDocument id:doc\\/ct25 .
id:citation\\/3 a cc:Citation ; cc:citingDocument id:doc\\/kh12 ; cc:citedDocument id:doc\\/alias .
id:relation\\/1 a cc:ReportedRelation ; cc:subject id:doc\\/kh89 ; cc:object id:doc\\/ct25 ;
    cc:relation "implements" ; cc:assertedBy id:doc\\/kh06 .

id:task\\/1 a cc:Task ; cc:partOf id:doc\\/kh06 ; cc:label "II.5" ; cc:text "Tuyên truyền"@vi ;
    cc:cites id:doc\\/kh89 ; cc:lead id:agency\\/tu-ls ; cc:support id:agency\\/group .
id:task\\/2 a cc:Task, cc:Duty ; cc:partOf id:doc\\/kh06 ; cc:lead id:agency\\/group .
"""


@pytest.fixture(scope="module")
def endpoint() -> EmbeddedEndpoint:
    store = GraphStore(None)
    store.replace_graph("https://w3id.org/cancu/graph/test", Graph().parse(data=CORPUS, format="turtle"))
    return EmbeddedEndpoint(store)


def doc(name: str) -> str:
    return f"{ID}doc/{name}"


def test_documents_and_attributes_come_from_the_store(endpoint: EmbeddedEndpoint) -> None:
    g = citation_graph(endpoint)
    assert set(g) == {doc("ct25"), doc("kh89"), doc("kh06"), doc("kh12")}, "the alias is left out"
    kh89 = g.nodes[doc("kh89")]
    assert (kh89["symbol"], kh89["level"], kh89["doctype"], kh89["year"]) == (
        "89-KH/TU",
        "province",
        "KH",
        2018,
    )
    assert (kh89["issuer"], kh89["province"], kh89["title"]) == (
        "Tỉnh ủy Lạng Sơn",
        "Lạng Sơn",
        "Kế hoạch thực hiện Chỉ thị 25",
    )
    assert g.nodes[doc("kh06")]["ingested"] and not kh89["ingested"]
    assert g.nodes[doc("kh12")]["year"] == 2020, "a gYearMonth date still gives the year"


@pytest.mark.parametrize(
    ("source", "target", "kind", "chain"),
    [
        ("kh89", "ct25", "reported", True),  # only a third document says so
        ("kh06", "kh89", "implements", True),  # implements beats the refersTo on the same pair
        ("kh06", "ct25", "refersTo", False),
        ("kh12", "kh06", "basedOn", True),
    ],
)
def test_edge_kinds(endpoint: EmbeddedEndpoint, source: str, target: str, kind: str, chain: bool) -> None:
    g = citation_graph(endpoint)
    assert g.edges[doc(source), doc(target)]["kind"] == kind, (source, target)
    assert g.edges[doc(source), doc(target)]["chain"] is chain
    assert g.number_of_edges() == 4


def test_tasks_and_agencies_join_only_when_asked(endpoint: EmbeddedEndpoint) -> None:
    g = citation_graph(endpoint, tasks=True)
    tasks = {n for n, d in g.nodes(data=True) if d["type"] == "task"}
    assert tasks == {f"{ID}task/1", f"{ID}task/2"}
    assert g.edges[f"{ID}task/1", doc("kh06")]["kind"] == "partOf"
    assert g.edges[f"{ID}task/1", doc("kh89")]["kind"] == "cites"
    assert g.nodes[f"{ID}task/1"]["label"] == "06-KH/BCĐ II.5"
    assert g.nodes[f"{ID}task/2"]["doctype"] == "duty"
    assert not any(d["type"] == "agency" for _, d in g.nodes(data=True))
    both = citation_graph(endpoint, tasks=True, agencies=True)
    assert both.edges[f"{ID}task/1", f"{ID}agency/tu-ls"]["kind"] == "lead"
    assert both.edges[f"{ID}task/1", f"{ID}agency/group"]["kind"] == "support"
    assert both.edges[doc("kh89"), f"{ID}agency/tu-ls"]["kind"] == "issuedBy"
    assert both.nodes[f"{ID}agency/group"]["doctype"] == "group"
    only = citation_graph(endpoint, agencies=True)
    assert only.edges[doc("ct25"), f"{ID}agency/btw"]["kind"] == "issuedBy"
    assert f"{ID}agency/group" not in only, "an agency nothing drawn links to is left out"


def row(name: str, **kw) -> dict:
    return {"doc": doc(name), "symbol": kw.pop("symbol", name), **kw}


def edge(relation: str, stated: bool = True, reported: bool = False) -> dict:
    return {
        "source": doc("a"),
        "target": doc("b"),
        "relation": relation,
        "stated": stated,
        "reported": reported,
    }


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ([edge("guides")], ("implements", True)),
        ([edge("amends")], ("refersTo", False)),
        ([edge("implements", stated=False, reported=True)], ("reported", True)),
        ([edge("implements", reported=True)], ("implements", True)),
        ([edge("refersTo"), edge("basedOn")], ("basedOn", True)),
    ],
    ids=["guides-is-implements", "amends-is-a-mention", "reported", "stated-and-reported", "strongest-wins"],
)
def test_build_graph_collapses_relations(edges: list[dict], expected: tuple[str, bool]) -> None:
    g = build_graph([row("a"), row("b")], edges)
    data = g.edges[doc("a"), doc("b")]
    assert (data["kind"], data["chain"]) == expected, edges


def test_edges_to_unknown_documents_are_dropped_not_invented() -> None:
    g = build_graph([row("a")], [{"source": doc("a"), "target": doc("ghost"), "relation": "basedOn"}])
    assert list(g) == [doc("a")] and g.number_of_edges() == 0


def test_a_document_without_symbol_is_named_by_its_file() -> None:
    g = build_graph([{"doc": doc("x"), "file": "001_abc.txt"}, {"doc": doc("y")}], [])
    assert g.nodes[doc("x")]["label"] == "001_abc.txt"
    assert g.nodes[doc("y")]["label"].startswith("Văn bản (không số)")
    assert g.nodes[doc("y")]["level"] == "unknown"


@pytest.mark.parametrize(
    ("a", "b"),
    [("06-KH/BCĐ", "06-kh/bcd"), ("06-KH/BCĐ", " 06 - KH/BCĐ "), ("1486/QĐ-TTg", "1486/qd-ttg")],
)
def test_fold_symbol_matches_careless_typing(a: str, b: str) -> None:
    assert fold_symbol(a) == fold_symbol(b), (a, b)


def chain_graph():
    docs = [
        row(n, symbol=s)
        for n, s in [("d", "12/KH-UBND"), ("p", "89-KH/TU"), ("c", "25-CT/TW"), ("x", "1/TB")]
    ]
    edges = [
        {"source": doc("d"), "target": doc("p"), "relation": "implements"},
        {"source": doc("p"), "target": doc("c"), "relation": "implements"},
        {"source": doc("x"), "target": doc("d"), "relation": "refersTo"},
    ]
    tasks = [{"task": f"{ID}task/t", "doc": doc("p"), "label": "1"}]
    return build_graph(docs, edges, tasks)


@pytest.mark.parametrize(
    ("symbol", "depth", "expected"),
    [
        ("89-KH/TU", 0, {"p", "task/t"}),
        ("89-kh/tu", 1, {"p", "c", "d", "task/t"}),
        ("12/KH-UBND", 1, {"d", "p", "x", "task/t"}),
        ("12/KH-UBND", 2, {"d", "p", "c", "x", "task/t"}),
    ],
)
def test_focus_walks_up_and_down(symbol: str, depth: int, expected: set[str]) -> None:
    kept = focus(chain_graph(), symbol, depth)
    assert set(kept) == {f"{ID}{n}" if "/" in n else doc(n) for n in expected}, (symbol, depth)


def test_focus_on_an_unknown_symbol_names_the_closest() -> None:
    with pytest.raises(FocusError) as err:
        focus(chain_graph(), "89-KH/TW", 1)
    message = str(err.value)
    assert "89-KH/TW" in message and "89-KH/TU" in message and "\n" not in message
    assert closest_symbols(chain_graph(), "25-CT/TU")[0] == "25-CT/TW"


def test_viz_focus_error_is_one_line(runner: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["viz", "--store", str(seed_store), "--focus", "82-HD/BTGT", "--out", str(tmp_path / "f.html")]
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "82-HD/BTGTW" in result.output, result.output
    assert not (tmp_path / "f.html").exists()


def test_viz_focus_draws_the_neighbourhood(runner: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.html"
    result = runner.invoke(
        cli, ["viz", "--store", str(seed_store), "--focus", "82-HD/BTGTW", "--depth", "1", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    full = citation_graph(EmbeddedEndpoint(GraphStore(seed_store, read_only=True)))
    expected = focus(full, "82-HD/BTGTW", 1)
    assert f"{expected.number_of_nodes()} nodes" in result.output
    assert expected.number_of_nodes() < full.number_of_nodes()


def test_page_text_never_reaches_html(tmp_path: Path) -> None:
    """A hostile title stays data: pyvis gets no titles (so never its innerHTML popup) and the JSON is escaped."""
    from cancu.viz.render import render

    title = '</script><script>alert(1)</script> <a href="javascript:alert(2)">x</a> src=//cdn.example/x.js'
    g = build_graph([row("a", title=title, symbol="<b>1-KH/TU</b>")], [])
    page = render(g, tmp_path / "p.html", heading="<img src=x onerror=alert(3)>").read_text(encoding="utf-8")
    assert "popup.innerHTML" not in page
    assert "<script>alert(1)" not in page and "</script><script>alert" not in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(3)&gt;" in page
    assert "https://cdn" not in page and "bootstrap" not in page
