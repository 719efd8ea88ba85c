"""Catalogue import: records land with their identities, bad lines are named, trace and audit follow relations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.ingest.identity import document_iri, document_key
from cancu.queries.audit import audit
from cancu.queries.catalog import Problem, import_catalogue, read_catalogue
from cancu.queries.link import link
from cancu.queries.runner import EmbeddedEndpoint
from cancu.queries.store import GraphStore
from cancu.queries.trace import trace

FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"
CC = "https://w3id.org/cancu/ontology#"

GOOD = {
    "symbol": "35-KH/TU",
    "type": "Kế hoạch",
    "date": "2019-03-10",
    "issuer": "Tỉnh ủy Hà Giang",
    "level": "province",
    "branch": "party",
    "province": "Hà Giang",
    "title": "Thực hiện công tác thông tin đối ngoại năm 2019",
    "relations": [
        {"relation": "implements", "object": "5-HD/BTGTW"},
        {"relation": "basedOn", "object": "71/NQ-CP"},
    ],
    "source": "https://example.org/vbpl/35-kh-tu",
}

BAD_LINES = [
    ("{not json", "not JSON"),
    (json.dumps({"symbol": "1/KH-UBND"}), "needs an issuer"),
    (json.dumps({"issuer": "UBND tỉnh Hà Giang"}), "needs a symbol (or a title"),
    (
        json.dumps({**GOOD, "relations": [{"relation": "obeys", "object": "1-CT/TW"}]}),
        "unknown relation 'obeys'",
    ),
    (json.dumps({**GOOD, "date": "10/03/2019"}), "date '10/03/2019' is not YYYY-MM-DD"),
    (json.dumps({**GOOD, "province": "Atlantis"}), "unknown province 'Atlantis'"),
    (json.dumps({**GOOD, "colour": "red"}), "unknown field(s) colour"),
    (json.dumps({**GOOD, "level": "galactic"}), "level 'galactic' is not one of"),
    (json.dumps({**GOOD, "type": "Sonnet"}), "unknown document type 'Sonnet'"),
    (json.dumps([1, 2]), "a record must be an object"),
]


@pytest.fixture()
def store() -> GraphStore:
    s = GraphStore.in_memory()
    s.load_trig(FIXTURE.read_bytes())
    return s


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"), BAD_LINES, ids=[m.split()[0] + str(i) for i, (_, m) in enumerate(BAD_LINES)]
)
def test_a_bad_record_is_named_with_its_line_and_the_rest_lands(
    tmp_path: Path, line: str, message: str
) -> None:
    path = write_jsonl(
        tmp_path / "cat.jsonl", [json.dumps(GOOD), "", line, json.dumps({**GOOD, "symbol": "36-KH/TU"})]
    )
    items = list(read_catalogue(path))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [(p.line, message in p.message) for p in problems] == [(3, True)], (line, problems)
    assert [i.symbol for i in items if not isinstance(i, Problem)] == ["35-KH/TU", "36-KH/TU"]


def test_csv_uses_the_same_columns_and_one_relations_cell(tmp_path: Path, store: GraphStore) -> None:
    path = tmp_path / "cat.csv"
    path.write_text(
        "symbol,type,date,issuer,level,province,title,relations\n"
        "35-KH/TU,Kế hoạch,2019-03-10,Tỉnh ủy Hà Giang,province,Hà Giang,Kế hoạch TTĐN 2019,implements:5-HD/BTGTW; basedOn:71/NQ-CP\n"
        "36-KH/TU,KH,2019,Tỉnh ủy Hà Giang,province,Hà Giang,,implements 5-HD/BTGTW\n"
        "37-KH/TU,,,,,,,\n",
        encoding="utf-8",
    )
    report = import_catalogue(path, store)
    assert report.imported == 1
    assert [(p.line, p.message) for p in report.problems] == [
        (3, "relation 'implements 5-HD/BTGTW' is not KIND:SYMBOL"),
        (4, "needs an issuer"),
    ]


def test_trace_and_audit_follow_catalogue_relations(tmp_path: Path, store: GraphStore) -> None:
    report = import_catalogue(write_jsonl(tmp_path / "cat.jsonl", [json.dumps(GOOD)]), store)
    assert report.imported == 1 and not report.problems
    linked = link(store)
    assert any(a.endswith("/5-hd-btgtw") for a, _ in linked.aliases)
    endpoint = EmbeddedEndpoint(store)
    (row,) = list(trace(endpoint, "35-KH/TU"))
    assert row.status == "traced" and [c["symbol"] for c in row.central] == ["5-HD/BTGTW", "71/NQ-CP"]
    provinces = [p.province for p in audit(endpoint, "5-HD/BTGTW").implemented_by]
    assert provinces == ["Hà Giang", "Kiên Giang", "Lạng Sơn"]


def test_a_catalogue_record_and_an_ingested_text_are_one_node(tmp_path: Path) -> None:
    issuer = "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Lạng Sơn"
    iri = document_iri(document_key("06-KH/BCĐ", issuer, 2019))
    store = GraphStore.in_memory()
    store.load_trig(
        f'<https://w3id.org/cancu/graph/t> {{ <{iri}> a <{CC}Document> ; <{CC}symbol> "06-KH/BCĐ" ; '
        f"<{CC}ingestedFrom> <https://w3id.org/cancu/id/source/t> . }}"
    )
    record = {
        "symbol": "06-KH/BCĐ",
        "issuer": issuer,
        "date": "2019-02-27",
        "title": "Công tác TTĐN năm 2019",
    }
    import_catalogue(
        write_jsonl(tmp_path / "lang-son.jsonl", [json.dumps(record, ensure_ascii=False)]), store
    )
    found = list(store.select(f"SELECT ?d WHERE {{ ?d <{CC}ingestedFrom> ?s ; <{CC}cataloguedIn> ?c }}"))
    assert [r["d"].value for r in found] == [iri]


def test_importing_again_replaces_the_catalogue_graph(tmp_path: Path, store: GraphStore) -> None:
    path = write_jsonl(tmp_path / "cat.jsonl", [json.dumps(GOOD)])
    import_catalogue(path, store)
    once = len(store)
    import_catalogue(path, store)
    assert len(store) == once
    write_jsonl(path, [json.dumps({**GOOD, "relations": []})])
    import_catalogue(path, store)
    assert len(store) < once


def test_cli_import_catalog(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "cat.jsonl", [json.dumps(GOOD), '{"symbol": "x"}'])
    store = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(cli, ["import-catalog", str(path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert f"cancu: {path}:2: needs an issuer" in result.output
    assert "1 records imported, 1 rejected" in result.output
    missing = runner.invoke(cli, ["import-catalog", str(tmp_path / "absent.csv"), "--store", str(store)])
    assert missing.exit_code == 1 and "absent.csv: no such file" in missing.output
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(b"\xff\xfe\x00bad")
    bad = runner.invoke(cli, ["import-catalog", str(binary), "--store", str(store)])
    assert bad.exit_code == 1 and "blob.jsonl: not UTF-8 text" in bad.output
