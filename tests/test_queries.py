"""The query library: every .rq is well formed, binds its parameters safely, and answers the fixture corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cancu.queries.runner import EmbeddedEndpoint, NamedQuery, QueryError, bind, library, load, with_values

FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"
D = "https://w3id.org/cancu/id/doc/fixture/"
T = "https://w3id.org/cancu/id/task/fixture/"
REQUIRED = {
    "trace_task",
    "trace_all",
    "coverage",
    "orphan_tasks",
    "missing_documents",
    "citations_of",
    "documents_citing",
    "agency_workload",
    "deadlines",
    "budget_by_province",
    "chain_depth",
    "documents",
    "citation_edges",
}


def example_args(query: NamedQuery) -> dict[str, str]:
    return {p.name: p.example for p in query.params if p.example is not None}


def test_the_library_holds_every_query_the_issue_names() -> None:
    assert REQUIRED <= set(library())


@pytest.mark.parametrize("name", sorted(library()))
def test_every_query_has_a_header_and_uses_its_params(name: str) -> None:
    q = library()[name]
    assert q.summary, f"{name}.rq: no summary"
    assert q.returns, f"{name}.rq: no returns"
    for p in q.params:
        assert re.search(rf"\?{p.name}\b", q.text.split("\n#+", 1)[-1]), f"{name}.rq: ?{p.name} never used"
        assert p.example is not None, f"{name}.rq: parameter {p.name} has no example"


def test_every_query_parses_and_runs_on_the_fixture(endpoint: EmbeddedEndpoint) -> None:
    ran = 0
    for name, q in library().items():
        rows = list(endpoint.select(q, example_args(q)))
        if rows:
            assert set(q.returns) <= set(rows[0]), f"{name}: returns {q.returns}, got {list(rows[0])}"
        ran += 1
    on_disk = sorted(p.stem for p in (Path(__file__).parent.parent / "queries").glob("*.rq"))
    assert ran == len(on_disk) == len(library()) >= len(REQUIRED)
    assert sorted(library()) == on_disk


def test_queries_are_written_to_agree_across_engines() -> None:
    """Trace and audit queries count distinct things, so Virtuoso's path duplicates cannot inflate them."""
    for name in ("coverage", "orphan_tasks", "missing_documents", "budget_by_province", "agency_workload"):
        text = load(name).text
        assert "COUNT(" in text and "COUNT(?" not in text.replace("COUNT(DISTINCT ?", ""), name
    for name in ("trace_all", "trace_task", "chain_edges", "task_citations"):
        assert "SELECT DISTINCT" in load(name).text, name


HOSTILE = [
    'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #',
    "06-KH/BCĐ' } UNION { ?doc ?p ?e }",
    'a"\n} INSERT DATA { <a:a> <a:b> <a:c> }',
    "}}}}{{{{",
    "FILTER(true) } OPTIONAL { ?x ?y ?z",
    '\\" . ?doc cc:symbol ?symbol . #',
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_parameter_is_only_a_string(endpoint: EmbeddedEndpoint, value: str) -> None:
    before = len(endpoint.store)
    assert list(endpoint.select(load("citations_of"), {"symbol": value})) == [], value
    assert list(endpoint.select(load("coverage"), {"symbol": value})) == [], value
    assert len(endpoint.store) == before


@pytest.mark.parametrize(
    ("name", "args", "problem"),
    [
        ("trace_task", {"task": "x> } ; DROP ALL ; <y"}, "not a valid iri"),
        ("trace_task", {"task": "http://a/b c"}, "not a valid iri"),
        ("deadlines", {"from": '2020-01-01"^^<x> } #'}, "not a valid date"),
        ("citations_of", {}, "missing parameter symbol"),
        ("citations_of", {"symbol": "x", "bogus": "y"}, "unknown parameter"),
    ],
)
def test_bad_parameters_are_refused_before_any_query(name: str, args: dict, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        bind(load(name), args)


def test_values_go_where_the_query_marks_them() -> None:
    q = load("coverage")
    text = with_values(q.text, bind(q, {"symbol": "82-HD/BTGTW"}))
    inner = text.index("SELECT DISTINCT")
    assert text.index("VALUES (?symbol)") > inner
    assert "# bind" not in text


def rows(endpoint: EmbeddedEndpoint, name: str, **args: str) -> list[dict]:
    return list(endpoint.select(load(name), args))


def test_citations_of_and_documents_citing(endpoint: EmbeddedEndpoint) -> None:
    cited = {(r["cited"], r["kind"], r["clause"]) for r in rows(endpoint, "citations_of", symbol="8-KH/BCĐ")}
    assert ("5-HD/BTGTW", "implements", "Thực hiện") in cited
    assert ("70-KH/TU", "refersTo", "body") in cited
    citing = {(r["citing"], r["kind"]) for r in rows(endpoint, "documents_citing", symbol="30-CT/TW")}
    assert citing == {("70-KH/TU", "implements")}
    assert {r["citing"] for r in rows(endpoint, "documents_citing", symbol="90/KH-UBND")} == {"b.txt"}


def test_missing_documents_rank_by_the_chains_they_would_complete(endpoint: EmbeddedEndpoint) -> None:
    found = [(r["symbol"], r["chains"]) for r in rows(endpoint, "missing_documents")]
    assert found[:2] == [("7-KH/BCĐ-TTĐN", 2), ("90/KH-UBND", 2)]
    assert ("400/CTr-STTTT-BĐBP", 1) in found
    assert "70-KH/TU" not in {s for s, _ in found}, "a document with onward edges is not where a chain breaks"


def test_orphan_tasks_name_broken_and_orphan_tasks(endpoint: EmbeddedEndpoint) -> None:
    found = {(r["document"], r["label"], r["missing"]) for r in rows(endpoint, "orphan_tasks")}
    assert found == {("b.txt", "II.1", 2), ("3/KH-UBND", "1", 0)}


def test_trace_task_lists_the_chain_of_one_task(endpoint: EmbeddedEndpoint) -> None:
    edges = {
        (r["source_symbol"], r["target_symbol"], r["kind"], r["central"])
        for r in rows(endpoint, "trace_task", task=T + "A5")
    }
    assert (None, "8-KH/BCĐ", "partOf", False) in edges
    assert (None, "70-KH/TU", "cites", False) in edges
    assert ("70-KH/TU", "30-CT/TW", "implements", True) in edges
    assert ("8-KH/BCĐ", "5-HD/BTGTW", "implements", True) in edges


def test_workload_deadlines_budget_and_depth(endpoint: EmbeddedEndpoint) -> None:
    work = {r["name"]: (r["lead"], r["support"], r["duties"]) for r in rows(endpoint, "agency_workload")}
    assert work["Sở Thông tin và Truyền thông tỉnh Lạng Sơn"] == (1, 1, 1)
    assert work["Sở Thông tin và Truyền thông tỉnh Trà Vinh"] == (2, 0, 0)
    calendar = rows(endpoint, "deadlines")
    assert [(r["label"], r["start"], r["end"]) for r in calendar] == [
        ("II.1", "2019-04-01", "2019-06-30"),
        ("II.1", "2020-01-01", "2020-12-31"),
    ]
    assert [r["deadline"] for r in rows(endpoint, "deadlines", **{"from": "2020-03-01"})] == [
        "Trong năm 2020"
    ]
    assert [r["deadline"] for r in rows(endpoint, "deadlines", to="2019-12-31")] == ["Quý II/2019"]
    budget = {r["province"]: (r["budget_vnd"], r["tasks"]) for r in rows(endpoint, "budget_by_province")}
    assert budget == {"Lạng Sơn": (200_000_000, 1), "Trà Vinh": (80_000_000, 2)}
    depth = {r["symbol"]: r["depth"] for r in rows(endpoint, "chain_depth")}
    assert depth["5-HD/BTGTW"] == 0 and depth["8-KH/BCĐ"] == 1 and depth["70-KH/TU"] == 1
    assert "90/KH-UBND" not in depth
    assert [r["depth"] for r in rows(endpoint, "chain_depth", symbol="20/KH-SNgV")] == [1]


def test_coverage_counts_documents_and_tasks_per_province(endpoint: EmbeddedEndpoint) -> None:
    found = {(r["symbol"], r["province"], r["documents"], r["tasks"]) for r in rows(endpoint, "coverage")}
    assert ("5-HD/BTGTW", "Lạng Sơn", 1, 3) in found
    assert ("30-CT/TW", "Lạng Sơn", 1, 1) in found
    assert ("500/GN-BTTTT-BTLBĐBP", "Trà Vinh", 1, 1) in found
    one = rows(endpoint, "coverage", symbol="12-HD/BTGTW")
    assert [(r["province"], r["documents"], r["tasks"]) for r in one] == [("Lạng Sơn", 1, 3)]
