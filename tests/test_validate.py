"""SHACL shapes through pySHACL and `cancu validate`: conforming graphs pass, broken ones are named in plain words."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef

from cancu.cli import cli
from cancu.ingest.extract import extract_file, resolve_citation, resolve_document
from cancu.ingest.record import Citation, Deadline, Document, Record, Task
from cancu.ontology.mapping import CC, REFERENCE_GRAPH, graph_iri, record_to_graph, reference_graph
from cancu.ontology.validate import NotRDF, Violation, validate_file, validate_graph

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def tiny_record(**changes: object) -> Record:
    doc = resolve_document(
        Document(symbol="23/KH-SNgV", type="Kế hoạch", issuer="Sở Ngoại vụ tỉnh Kiên Giang", level="department",
                 branch="state", province="Kiên Giang", date="2020-10-19", title="Công tác thông tin đối ngoại năm 2021"),
        "tiny.txt",
    )  # fmt: skip
    return replace(Record(source="tiny.txt", document=doc), **changes)


def _dataset() -> Dataset:
    """The seed documents as the extractor reads them today, one named graph each, plus the reference graph."""
    data = Dataset()
    for path in sorted(SEEDS.glob("*.txt")):
        graph = data.graph(graph_iri(path.name))
        for triple in record_to_graph(extract_file(path), path):
            graph.add(triple)
    reference = data.graph(REFERENCE_GRAPH)
    for triple in reference_graph():
        reference.add(triple)
    return data


def test_the_seed_graphs_and_the_reference_graph_conform() -> None:
    violations = validate_graph(_dataset())
    assert violations == [], [str(v) for v in violations]


def _broken() -> Graph:
    """A plan whose issuer is missing, with a citation left unmaterialised and a task that breaks three rules."""
    task = Task(label="2", text="Tuyên truyền", lead=("Sở Ngoại vụ",), budget_vnd=5,
                deadline=Deadline(text="Quý II/2020", start="2020-06-30", end="2020-04-01"))  # fmt: skip
    citation = Citation(symbol="82-HD/BTGTW", clause="Thực hiện", in_preamble=True, span=(300, 311))
    record = tiny_record(tasks=(task,), citations=(resolve_citation(citation),))
    g = record_to_graph(record)
    doc = URIRef(record.document.iri)
    g.remove((doc, CC.issuer, None))
    g.remove((doc, CC.implements, None))
    node = next(g.subjects(CC.citationKind, None))
    g.remove((node, CC.citationKind, None))
    g.add((node, CC.citationKind, Literal("implements")))
    task_node = next(g.subjects(CC.budgetVND, None))
    g.set((task_node, CC.budgetVND, Literal(-5, datatype=XSD.integer)))
    g.add((task_node, CC.partOf, URIRef("https://example.org/another-plan")))
    return g


@pytest.mark.parametrize(
    ("message", "node_part"),
    [
        ("must name its issuer", "/doc/"),
        ("direct edge is not materialised: the citing document lacks cc:implements", "/citation/tiny-txt/0"),
        ("budget (cc:budgetVND), a whole number of đồng, not negative", "/task/tiny-txt/0-2"),
        ("must belong to exactly one document (cc:partOf)", "/task/tiny-txt/0-2"),
        ("start (cc:start) must be one xsd:date, not after its end", "/task/tiny-txt/0-2/deadline"),
    ],
)
def test_a_broken_graph_gets_readable_violations(message: str, node_part: str) -> None:
    violations = validate_graph(_broken())
    hits = [v for v in violations if message in v.message and node_part in v.node]
    assert hits, (message, [str(v) for v in violations])
    assert all(v.source == "tiny.txt" for v in hits), [str(v) for v in hits]
    assert str(hits[0]).startswith(hits[0].node) and "[tiny.txt]" in str(hits[0])


def test_the_broken_graph_has_no_other_violations() -> None:
    assert len(validate_graph(_broken())) == 6  # cc:partOf breaks both its count and its class


def test_a_dangling_reference_is_reported_with_its_file() -> None:
    g = record_to_graph(tiny_record())
    g.add((URIRef("https://example.org/x"), RDF.type, CC.Task))
    violations = validate_graph(g)
    assert {v.message for v in violations} >= {
        "a task must belong to exactly one document (cc:partOf)",
        "a task must point to the source file it was read from (prov:wasDerivedFrom)",
    }
    assert all(isinstance(v, Violation) and v.source is None for v in violations)


def test_validate_file_reads_quads_and_triples(tmp_path: Path) -> None:
    quads = tmp_path / "seeds.nq"
    quads.write_text(_dataset().serialize(format="nquads"), encoding="utf-8")
    assert validate_file(quads) == []
    turtle = tmp_path / "broken.ttl"
    turtle.write_text(_broken().serialize(format="turtle"), encoding="utf-8")
    assert len(validate_file(turtle)) == 6


@pytest.mark.parametrize("content", ["this is not RDF at all {", "<a> <b> .", "\x00\x01\x02"])
def test_validate_file_refuses_what_is_not_rdf(tmp_path: Path, content: str) -> None:
    path = tmp_path / "notes.ttl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NotRDF) as caught:
        validate_file(path)
    assert str(caught.value).startswith(f"{path}: not RDF")
    assert "\n" not in str(caught.value)


def test_cli_lists_violations_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(_broken().serialize(format="turtle"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 6, result.output
    assert any("must name its issuer" in line and "[tiny.txt]" in line for line in lines)
    assert "6 violation(s)" in result.stderr


def test_cli_json_format(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(_broken().serialize(format="turtle"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert len(rows) == 6 and {"node", "message", "source"} <= set(rows[0])


def test_cli_on_a_file_that_is_not_rdf_says_so_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH Công tác thông tin đối ngoại năm 2019", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and "not RDF" in result.output, result.output


def test_cli_on_a_missing_store(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--store", str(tmp_path / "nothing")])
    assert result.exit_code != 0
    assert "nothing" in result.output and "Traceback" not in result.output


def test_cli_on_the_seed_store_conforms(runner: CliRunner, seed_store: Path) -> None:
    result = runner.invoke(cli, ["validate", "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
