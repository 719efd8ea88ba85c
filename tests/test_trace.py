"""Trace: statuses, paths and missing documents on the fixture corpus, agreement with trace_all.rq, the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.queries.link import link
from cancu.queries.runner import EmbeddedEndpoint, load
from cancu.queries.store import GraphStore
from cancu.queries.trace import NoSuchDocument, load_corpus, reached_centrals, trace

FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"
T = "https://w3id.org/cancu/id/task/fixture/"


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fixture") / "store"
    store = GraphStore(path)
    store.load_trig(FIXTURE.read_bytes())
    link(store)
    store.flush()
    del store
    return path


CASES = [
    # task, status, central symbols, paths, missing
    (
        "A1",
        "traced",
        ["12-HD/BTGTW", "5-HD/BTGTW"],
        [["8-KH/BCĐ", "12-HD/BTGTW"], ["8-KH/BCĐ", "5-HD/BTGTW"]],
        [],
    ),
    (
        "A5",
        "traced",
        ["12-HD/BTGTW", "30-CT/TW", "5-HD/BTGTW"],
        [["8-KH/BCĐ", "12-HD/BTGTW"], ["8-KH/BCĐ", "5-HD/BTGTW"], ["8-KH/BCĐ", "70-KH/TU", "30-CT/TW"]],
        [],
    ),
    ("B1", "broken", [], [], ["7-KH/BCĐ-TTĐN", "90/KH-UBND"]),
    (
        "B5",
        "traced",
        ["500/GN-BTTTT-BTLBĐBP"],
        [["b.txt", "500/GN-BTTTT-BTLBĐBP"]],
        ["400/CTr-STTTT-BĐBP", "7-KH/BCĐ-TTĐN", "90/KH-UBND"],
    ),
    (
        "K1",
        "traced",
        ["30-CT/TW", "5-HD/BTGTW"],
        [["20/KH-SNgV", "30-CT/TW"], ["20/KH-SNgV", "5-HD/BTGTW"]],
        [],
    ),
    ("O1", "orphan", [], [], []),
]


@pytest.mark.parametrize(("task", "status", "central", "paths", "missing"), CASES, ids=[c[0] for c in CASES])
def test_trace_rows(endpoint: EmbeddedEndpoint, task: str, status: str, central, paths, missing) -> None:
    (row,) = list(trace(endpoint, T + task))
    data = row.to_json()
    assert (data["status"], [c["symbol"] for c in data["central"]], data["paths"], data["missing"]) == (
        status,
        central,
        paths,
        missing,
    ), task


def test_every_unit_is_traced_once(endpoint: EmbeddedEndpoint) -> None:
    rows = list(trace(endpoint))
    tasks = [r for r in rows if r.task["label"] is not None]
    assert len(tasks) == 7  # six tasks and one duty
    assert [r.task["document"] for r in rows if r.task["label"] is None] == ["12-HD/BTGTW"]


def test_networkx_closure_agrees_with_trace_all_sparql(endpoint: EmbeddedEndpoint) -> None:
    corpus = load_corpus(endpoint)
    sparql = {(r["task"], r["central"]) for r in endpoint.select(load("trace_all"), {})}
    assert sparql == reached_centrals(corpus)
    from_rows = {
        (r.task["iri"], c["iri"])
        for r in trace(endpoint, corpus=corpus)
        if r.task["label"] is not None
        for c in r.central
    }
    assert from_rows == sparql
    assert len(sparql) == 10  # A1 2, A5 3, AD 2, B5 1, K1 2


@pytest.mark.parametrize(
    ("target", "labels"),
    [
        ("8-KH/BCĐ", ["II.1", "II.5", "III.1"]),
        ("8-kh/bcd", ["II.1", "II.5", "III.1"]),
        ("8-KH/BCĐ#II.5", ["II.5"]),
        ("b.txt", ["II.1", "II.5"]),
        ("https://w3id.org/cancu/id/doc/fixture/K", ["2.a"]),
    ],
)
def test_targets_select_documents_and_tasks(
    endpoint: EmbeddedEndpoint, target: str, labels: list[str]
) -> None:
    assert [r.task["label"] for r in trace(endpoint, target)] == labels, target


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("8-KH/BCD9", "no such document: 8-KH/BCD9; closest known: 8-KH/BCĐ"),
        ("30-CT/TV", "closest known: 30-CT/TW"),
        ("8-KH/BCĐ#IX.9", "no task 'IX.9' in 8-KH/BCĐ; its tasks: II.1, II.5, III.1"),
    ],
)
def test_unknown_targets_name_the_closest_known(
    endpoint: EmbeddedEndpoint, target: str, message: str
) -> None:
    with pytest.raises(NoSuchDocument, match=message.replace("(", r"\(")):
        list(trace(endpoint, target))


def test_cli_trace_json_has_the_issue_shape(fixture_store: Path) -> None:
    result = CliRunner().invoke(cli, ["trace", "--store", str(fixture_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 8
    for row in rows:
        assert set(row) == {"task", "central", "paths", "status", "missing"}
        assert set(row["task"]) == {"iri", "label", "text", "document"}
        assert all(set(c) == {"symbol", "iri", "title"} for c in row["central"])
    table = CliRunner().invoke(
        cli, ["trace", "8-KH/BCĐ#II.5", "--store", str(fixture_store), "--format", "csv"]
    )
    assert table.exit_code == 0 and "70-KH/TU → 30-CT/TW" in table.output


def test_cli_unknown_symbol_is_one_line(fixture_store: Path) -> None:
    result = CliRunner().invoke(cli, ["trace", "99-XX/YY", "--store", str(fixture_store)])
    assert result.exit_code == 1
    assert (
        result.output.startswith("cancu: no such document: 99-XX/YY") and len(result.output.splitlines()) == 1
    )


# --- the seeds: the expectations of issue 6 -------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_trace(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> list[dict]:
    path = tmp_path_factory.mktemp("seeds") / "store"
    result = CliRunner().invoke(cli, ["build", str(seeds), "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(cli, ["link", "--store", str(path)]).exit_code == 0
    out = CliRunner().invoke(cli, ["trace", "--store", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def _tasks_of(rows: list[dict], document: str) -> list[dict]:
    found = [r for r in rows if r["task"]["document"] == document and r["task"]["label"]]
    assert found, f"no tasks traced for {document}"
    return found


def _centrals(row: dict) -> set[str]:
    return {c["symbol"] for c in row["central"]}


def test_seed_every_task_of_06_kh_bcd_traces_to_82_hd_btgtw(seed_trace: list[dict]) -> None:
    for row in _tasks_of(seed_trace, "06-KH/BCĐ"):
        assert "82-HD/BTGTW" in _centrals(row), row["task"]["label"]


def test_seed_06_kh_bcd_task_ii5_reaches_25_ct_and_16_nq_through_provincial_plans(
    seed_trace: list[dict],
) -> None:
    (row,) = [r for r in _tasks_of(seed_trace, "06-KH/BCĐ") if r["task"]["label"] == "II.5"]
    assert {"25-CT/TW", "16-NQ/TW"} <= _centrals(row)
    assert any(p[-2:] == ["89-KH/TU", "25-CT/TW"] for p in row["paths"]), row["paths"]
    assert any(p[-2:] == ["90-CTr/TU", "16-NQ/TW"] for p in row["paths"]), row["paths"]


def test_seed_tasks_of_23_kh_sngv_trace_to_2905(seed_trace: list[dict]) -> None:
    for row in _tasks_of(seed_trace, "23/KH-SNgV"):
        assert "2905/BTTTT-TTĐN" in _centrals(row), row["task"]["label"]


def test_seed_tra_vinh_chain_breaks_at_two_named_documents(seed_trace: list[dict]) -> None:
    rows = _tasks_of(seed_trace, "002_ef41f3e6a1fe77e1.txt")
    for row in rows:
        assert {"83/KH-UBND", "04-KH/BCĐ-TTĐN"} <= set(row["missing"]), row["task"]["label"]
    (ii5,) = [r for r in rows if r["task"]["label"] == "II.5"]
    assert ii5["status"] == "traced" and "4422/GN-BTTTT-BTLBĐBP" in _centrals(ii5)
    others = [r for r in rows if "4422/GN-BTTTT-BTLBĐBP" not in _centrals(r)]
    assert others and all(r["status"] == "broken" for r in others)


def test_a_document_known_only_from_citations_is_traced_as_it_stands(endpoint: EmbeddedEndpoint) -> None:
    (row,) = list(trace(endpoint, "70-KH/TU"))
    assert (row.status, row.paths, row.task["label"]) == ("traced", (("70-KH/TU", "30-CT/TW"),), None)
    (missing,) = list(trace(endpoint, "90/KH-UBND"))
    assert (missing.status, missing.missing) == ("broken", ("90/KH-UBND",))
