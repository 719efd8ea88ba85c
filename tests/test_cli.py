"""Every command driven on the seeds through click's runner, and the bad input each must refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.cli import cli


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "build", "query", "trace", "viz", "export"):
        assert command in result.output


def test_extract_prints_the_record(runner: CliRunner, seeds: Path) -> None:
    result = runner.invoke(cli, ["extract", str(seeds / "004_c14d97335b0db08d.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["document"]["symbol"] == "06-KH/BCĐ"
    assert record["document"]["date"] == "2019-02-27"
    assert "82-HD/BTGTW" in {c["symbol"] for c in record["citations"]}
    for key in (
        "document",
        "citations",
        "reported_relations",
        "tasks",
        "assignments",
        "recipients",
        "signer",
    ):
        assert key in record


def test_extract_folder_as_jsonl_and_table(runner: CliRunner, seeds: Path) -> None:
    result = runner.invoke(cli, ["extract", str(seeds), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 5
    table = runner.invoke(cli, ["extract", str(seeds), "--format", "table"])
    assert table.exit_code == 0 and "23/KH-SNgV" in table.output


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: d / "absent.txt", "no such file"),
        (lambda d: d, "no documents found"),
        (lambda d: (d / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00") and d / "blob.txt", "binary"),
        (lambda d: (d / "empty.txt").write_bytes(b"") or d / "empty.txt", "empty"),
    ],
    ids=["missing", "empty-folder", "binary", "empty-file"],
)
def test_extract_bad_input_is_one_line(runner: CliRunner, tmp_path: Path, make, problem: str) -> None:
    target = make(tmp_path)
    result = runner.invoke(cli, ["extract", str(target)])
    assert result.exit_code != 0
    message = result.output.strip()
    assert problem in message and str(target.name) in message
    assert "Traceback" not in message and len(message.splitlines()) == 1


def test_build_twice_leaves_the_triple_count_unchanged(
    runner: CliRunner, seeds: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    first = runner.invoke(cli, ["build", str(seeds), "--store", str(store)])
    second = runner.invoke(cli, ["build", str(seeds), "--store", str(store)])
    assert first.exit_code == 0 and second.exit_code == 0
    count = lambda out: int(out.rsplit(";", 1)[1].split()[0])  # noqa: E731
    assert count(first.output) == count(second.output) > 0
    assert "5 unchanged" in second.output


def test_query_binds_parameters(runner: CliRunner, seed_store: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "query",
            "citations_of",
            "--param",
            "symbol=06-KH/BCĐ",
            "--store",
            str(seed_store),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    cited = {row["cited"] for row in json.loads(result.output)}
    assert {"82-HD/BTGTW", "89-KH/TU"} <= cited


def test_query_parameter_cannot_change_the_query(runner: CliRunner, seed_store: Path) -> None:
    hostile = 'x" } } ; INSERT DATA { <a:a> <a:b> <a:c> } #'
    result = runner.invoke(
        cli,
        [
            "query",
            "citations_of",
            "--param",
            f"symbol={hostile}",
            "--store",
            str(seed_store),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_unknown_query_is_one_line(runner: CliRunner, seed_store: Path) -> None:
    result = runner.invoke(cli, ["query", "no_such_query", "--store", str(seed_store)])
    assert result.exit_code != 0 and "no query named" in result.output


def test_trace_json_rows(runner: CliRunner, seed_store: Path) -> None:
    result = runner.invoke(cli, ["trace", "--store", str(seed_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows
    for row in rows:
        assert set(row) == {"task", "central", "paths", "status", "missing"}
        assert row["status"] in {"traced", "broken", "orphan"}


def test_viz_writes_a_page(runner: CliRunner, seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "citations.html"
    result = runner.invoke(cli, ["viz", "--store", str(seed_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "vis-network" in page or "vis.Network" in page
    assert "82-HD/BTGTW" in page


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld", "trig"])
def test_export_parses_back(runner: CliRunner, seed_store: Path, tmp_path: Path, fmt: str) -> None:
    from rdflib import Dataset

    out = tmp_path / f"graph.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "--out", str(out), "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(out, format={"turtle": "turtle", "nquads": "nquads", "jsonld": "json-ld", "trig": "trig"}[fmt])
    assert len(ds) > 100 or sum(len(g) for g in ds.graphs()) > 100
