"""Audit: addressed, implementing and missing provinces; the 2025 roll-up; agreement with coverage.rq; the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.queries.audit import audit, coverage, render_html
from cancu.queries.link import link
from cancu.queries.runner import EmbeddedEndpoint, QueryError, load
from cancu.queries.store import GraphStore
from cancu.queries.trace import NoSuchDocument

FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"
D = "https://w3id.org/cancu/id/doc/fixture/"


def test_an_ingested_directive_is_addressed_to_its_recipients(endpoint: EmbeddedEndpoint) -> None:
    report = audit(endpoint, "12-HD/BTGTW").to_json()
    assert report["directive"]["iri"] == D + "E"
    assert report["addressed"] == ["Hà Giang", "Kiên Giang", "Lạng Sơn"]
    assert [(p["province"], [d["symbol"] for d in p["documents"]]) for p in report["implemented_by"]] == [
        ("Lạng Sơn", ["8-KH/BCĐ"])
    ]
    assert [t["label"] for t in report["implemented_by"][0]["tasks"]] == ["II.1", "II.5", "III.1"]
    assert report["not_implemented"] == ["Hà Giang", "Kiên Giang"]
    assert report["coverage"] == pytest.approx(1 / 3, abs=1e-4)


def test_as_of_the_merger_rolls_provinces_up(endpoint: EmbeddedEndpoint) -> None:
    report = audit(endpoint, "12-HD/BTGTW", as_of="2025-07-01").to_json()
    assert report["addressed"] == ["An Giang", "Lạng Sơn", "Tuyên Quang"]
    assert report["not_implemented"] == ["An Giang", "Tuyên Quang"]
    before = audit(endpoint, "12-HD/BTGTW", as_of="2025-06-30").to_json()
    assert before["addressed"] == ["Hà Giang", "Kiên Giang", "Lạng Sơn"]


def test_a_directive_known_only_from_citations_is_addressed_to_every_province(
    endpoint: EmbeddedEndpoint,
) -> None:
    report = audit(endpoint, "5-HD/BTGTW")
    assert len(report.addressed) == 63
    assert [p.province for p in report.implemented_by] == ["Kiên Giang", "Lạng Sơn"]
    assert report.coverage == pytest.approx(2 / 63, abs=1e-4)
    rolled = audit(endpoint, "5-HD/BTGTW", as_of="2025-07-01")
    assert len(rolled.addressed) == 34
    assert [p.province for p in rolled.implemented_by] == ["An Giang", "Lạng Sơn"]


def test_a_task_citation_alone_makes_a_province_implement(endpoint: EmbeddedEndpoint) -> None:
    report = audit(endpoint, "30-CT/TW")
    by = {p.province: [t["label"] for t in p.tasks] for p in report.implemented_by}
    assert by == {"Kiên Giang": ["2.a"], "Lạng Sơn": ["II.5"]}


@pytest.mark.parametrize("symbol", ["12-HD/BTGTW", "5-HD/BTGTW", "30-CT/TW", "500/GN-BTTTT-BTLBĐBP"])
def test_the_networkx_audit_agrees_with_coverage_sparql(endpoint: EmbeddedEndpoint, symbol: str) -> None:
    report = audit(endpoint, symbol)
    closure = {(p.province, len(p.documents), len(p.tasks)) for p in report.implemented_by}
    sparql = {
        (r["province"], r["documents"], r["tasks"])
        for r in endpoint.select(load("coverage"), {"symbol": symbol})
    }
    assert closure == sparql, symbol


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        ("12-HD/BTGT", NoSuchDocument, "no such document: 12-HD/BTGT; closest known: 12-HD/BTGTW"),
        ("12-HD/BTGTW", None, ""),
    ],
)
def test_unknown_directives_name_the_closest(
    endpoint: EmbeddedEndpoint, target: str, error, message: str
) -> None:
    if error is None:
        assert audit(endpoint, target).directive["symbol"] == target
        return
    with pytest.raises(error, match=message):
        audit(endpoint, target)


def test_a_bad_as_of_date_is_refused(endpoint: EmbeddedEndpoint) -> None:
    with pytest.raises(QueryError, match="--as-of"):
        audit(endpoint, "12-HD/BTGTW", as_of="July 2025")


def test_the_html_report_is_self_contained_and_escaped(endpoint: EmbeddedEndpoint) -> None:
    report = audit(endpoint, "12-HD/BTGTW")
    hostile = report.__class__(
        directive={**report.directive, "title": "<script>alert(1)</script>"},
        addressed=report.addressed,
        implemented_by=report.implemented_by,
        not_implemented=report.not_implemented,
        coverage=report.coverage,
    )
    page = render_html(hostile)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert page.count("<tr class='yes'>") == 1 and page.count("<tr class='no'>") == 2
    assert '<svg id="chart"' in page and "33.3%" in page


def test_cli_audit_formats(tmp_path: Path, endpoint: EmbeddedEndpoint) -> None:
    path = tmp_path / "store"
    store = GraphStore(path)
    store.load_trig(FIXTURE.read_bytes())
    link(store)
    store.flush()
    del store
    runner = CliRunner()
    as_json = runner.invoke(cli, ["audit", "12-HD/BTGTW", "--store", str(path), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert set(data) == {"directive", "addressed", "implemented_by", "not_implemented", "coverage"}
    table = runner.invoke(cli, ["audit", "12-HD/BTGTW", "--store", str(path)])
    assert table.exit_code == 0 and "implemented in 1 of 3" in table.output
    page = tmp_path / "audit.html"
    html = runner.invoke(
        cli, ["audit", "12-HD/BTGTW", "--store", str(path), "--format", "html", "--out", str(page)]
    )
    assert html.exit_code == 0 and "<svg" in page.read_text(encoding="utf-8")
    unknown = runner.invoke(cli, ["audit", "99-ZZ/QQ", "--store", str(path)])
    assert unknown.exit_code == 1 and unknown.output.startswith("cancu: no such document: 99-ZZ/QQ")


def test_seed_audit_of_82_hd_btgtw_lists_kien_giang_and_lang_son(tmp_path: Path, seeds: Path) -> None:
    path = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(seeds), "--store", str(path)]).exit_code == 0
    assert runner.invoke(cli, ["link", "--store", str(path)]).exit_code == 0
    result = runner.invoke(cli, ["audit", "82-HD/BTGTW", "--store", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"Kiên Giang", "Lạng Sơn"} <= {p["province"] for p in report["implemented_by"]}
    assert len(report["addressed"]) == 63


def test_coverage_of_every_directive_agrees_with_coverage_sparql(endpoint: EmbeddedEndpoint) -> None:
    python = {(r["directive"], r["province"], r["documents"], r["tasks"]) for r in coverage(endpoint)}
    sparql = {
        (r["directive"], r["province"], r["documents"], r["tasks"])
        for r in endpoint.select(load("coverage"), {})
    }
    assert python == sparql
    assert len(python) == 6
