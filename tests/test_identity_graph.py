"""Cross-document identity: partial citations meet at one node; an unnumbered document gets probable matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.queries.catalog import import_catalogue
from cancu.queries.link import IDENTITY_GRAPH, Node, link, resolve_aliases, score_match, symbol_facts
from cancu.queries.runner import EmbeddedEndpoint, load
from cancu.queries.store import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"
CC = "https://w3id.org/cancu/ontology#"


def node(
    iri: str, symbol: str | None = "25-CT/TW", issuer: str | None = None, year: int | None = None, **kw
) -> Node:
    return Node(
        iri=iri,
        symbol=symbol,
        issuer=None,
        issuer_label=issuer,
        doctype=kw.get("doctype"),
        year=year,
        title=kw.get("title"),
        known=kw.get("known", False),
        ingested=kw.get("ingested", False),
    )


ALIAS_CASES = [
    (
        "year-less resolves to the one dated",
        [node("a", issuer="Ban Bí thư"), node("b", issuer="Ban Bí thư", year=2018)],
        {"a": "b"},
    ),
    ("issuer-less and year-less", [node("a"), node("b", issuer="Ban Bí thư", year=2018)], {"a": "b"}),
    (
        "chain of partial forms all meet at the fullest",
        [node("a"), node("b", issuer="Ban Bí thư"), node("c", issuer="Ban Bí thư", year=2018)],
        {"a": "c", "b": "c"},
    ),
    (
        "printed forms differ, symbol key equal",
        [node("a", symbol="25 - CT/TW"), node("b", symbol="25-CT/TW", year=2018)],
        {"a": "b"},
    ),
    (
        "two documents fit: no resolution",
        [
            node("a", symbol="18/KH-UBND"),
            node("b", "18/KH-UBND", "UBND tỉnh Lạng Sơn", 2019),
            node("c", "18/KH-UBND", "UBND tỉnh Trà Vinh", 2019),
        ],
        {},
    ),
    (
        "a different year never merges",
        [node("a", issuer="X", year=2017), node("b", issuer="X", year=2018)],
        {},
    ),
    ("a different issuer never merges", [node("a", issuer="X"), node("b", issuer="Y", year=2018)], {}),
    (
        "different symbols never merge",
        [node("a", symbol="25-CT/TW"), node("b", symbol="26-CT/TW", year=2018)],
        {},
    ),
]


@pytest.mark.parametrize(("case", "nodes", "expected"), ALIAS_CASES, ids=[c[0] for c in ALIAS_CASES])
def test_resolve_aliases(case: str, nodes: list[Node], expected: dict) -> None:
    assert resolve_aliases(nodes) == expected, case


@pytest.mark.parametrize(
    ("symbol", "facts"),
    [
        ("2905/BTTTT-TTĐN", ("CV", "Bộ Thông tin và Truyền thông", "central")),
        ("82-HD/BTGTW", ("HD", "Ban Tuyên giáo Trung ương", "central")),
        ("72/2015/NĐ-CP", ("NĐ", "Chính phủ", "central")),
        ("25-CT/TW", ("CT", None, "central")),
        ("83/KH-UBND", ("KH", None, "province")),
        ("23/KH-SNgV", ("KH", None, "department")),
        ("no symbol here", (None, None, None)),
    ],
)
def test_symbol_facts(symbol: str, facts: tuple) -> None:
    f = symbol_facts(symbol)
    assert (f.type_code, f.issuer, f.level) == facts, symbol


GUIDE = node(
    "u",
    symbol=None,
    issuer="Bộ Thông tin và Truyền thông",
    doctype="CV",
    title="Hướng dẫn xây dựng Kế hoạch công tác thông tin đối ngoại năm 2020",
    ingested=True,
)


@pytest.mark.parametrize(
    ("candidate", "citing", "matches"),
    [
        (node("r", "3362/BTTTT-TTĐN"), ["Kế hoạch công tác thông tin đối ngoại năm 2020"], True),
        (node("r", "2905/BTTTT-TTĐN"), ["Công tác thông tin đối ngoại năm 2021"], False),
        (node("r", "22/2016/TT-BTTTT"), ["Kế hoạch thông tin đối ngoại năm 2020"], False),
        (
            node("r", "3362/BTTTT-TTĐN", issuer="Bộ Ngoại giao"),
            ["Kế hoạch thông tin đối ngoại năm 2020"],
            False,
        ),
        (node("r", "3362/BTTTT-TTĐN"), [], False),
    ],
    ids=["same-subject-year", "other-year", "other-type", "other-issuer", "no-evidence"],
)
def test_probable_match_scoring(candidate: Node, citing: list[str], matches: bool) -> None:
    match = score_match(GUIDE, candidate, citing)
    assert (match is not None) == matches, (candidate.symbol, match)
    if match:
        assert match.score >= 0.6
        assert "same issuer: Bộ Thông tin và Truyền thông" in match.evidence
        assert "same subject year: 2020" in match.evidence


def test_link_writes_one_identity_graph_and_is_idempotent() -> None:
    store = GraphStore.in_memory()
    store.load_trig(FIXTURE.read_bytes())
    before = len(store)
    first = link(store)
    size = len(store)
    second = link(store)
    assert first == second and len(store) == size > before
    assert IDENTITY_GRAPH in store.graphs()
    rows = list(EmbeddedEndpoint(store).select(load("aliases"), {}))
    assert [(r["alias"].rsplit("/", 1)[-1], r["canonical"].rsplit("/", 1)[-1]) for r in rows] == [
        ("C2x", "C2")
    ]
    assert not store.ask("ASK { ?a <http://www.w3.org/2002/07/owl#sameAs> ?b }")


def test_the_unnumbered_guidance_gets_a_probable_match_never_sameas(tmp_path: Path) -> None:
    store = GraphStore.in_memory()
    store.load_trig(
        "<https://w3id.org/cancu/graph/u> {"
        f" <https://w3id.org/cancu/id/doc/u> a <{CC}Document> ; <{CC}ingestedFrom> <https://w3id.org/cancu/id/source/u> ;"
        f' <{CC}title> "Hướng dẫn xây dựng Kế hoạch công tác thông tin đối ngoại năm 2020"@vi ;'
        f" <{CC}documentType> <https://w3id.org/cancu/vocab/doctype/CV> ; <{CC}issuer> <https://w3id.org/cancu/id/agency/btttt> ."
        f' <https://w3id.org/cancu/id/agency/btttt> <http://www.w3.org/2004/02/skos/core#prefLabel> "Bộ Thông tin và Truyền thông"@vi .'
        f' <https://w3id.org/cancu/id/source/u> <{CC}fileName> "u.txt" . }}'
    )
    plans = [
        {
            "symbol": "12/KH-UBND",
            "issuer": "UBND tỉnh Hà Giang",
            "date": "2020-01-15",
            "province": "Hà Giang",
            "title": "Kế hoạch thông tin đối ngoại năm 2020",
            "relations": [{"relation": "basedOn", "object": "3362/BTTTT-TTĐN"}],
        },
        {
            "symbol": "9/KH-UBND",
            "issuer": "UBND tỉnh Hà Giang",
            "date": "2021-01-15",
            "province": "Hà Giang",
            "title": "Kế hoạch thông tin đối ngoại năm 2021",
            "relations": [{"relation": "basedOn", "object": "2905/BTTTT-TTĐN"}],
        },
    ]
    path = tmp_path / "plans.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in plans), encoding="utf-8")
    import_catalogue(path, store)
    report = link(store)
    assert [(m.document.rsplit("/", 1)[-1], m.candidate.rsplit("/", 1)[-1]) for m in report.matches] == [
        ("u", "3362-btttt-ttdn")
    ]
    (row,) = list(EmbeddedEndpoint(store).select(load("probable_matches"), {}))
    assert row["symbol"] == "3362/BTTTT-TTĐN" and row["file"] == "u.txt" and row["score"] >= 0.6
    assert "same subject year: 2020" in row["evidence"]
    assert not store.ask("ASK { ?a <http://www.w3.org/2002/07/owl#sameAs> ?b }")
    assert not store.ask(f"ASK {{ ?a <{CC}resolvesTo> ?b }}")


def test_seed_001_is_matched_to_3362_when_a_catalogue_cites_it(tmp_path: Path, seeds: Path) -> None:
    store_path = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(seeds), "--store", str(store_path)]).exit_code == 0
    plan = {
        "symbol": "12/KH-UBND",
        "issuer": "UBND tỉnh Hà Giang",
        "date": "2020-01-15",
        "province": "Hà Giang",
        "title": "Kế hoạch thông tin đối ngoại năm 2020",
        "relations": [{"relation": "basedOn", "object": "3362/BTTTT-TTĐN"}],
    }
    path = tmp_path / "plan.jsonl"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    assert runner.invoke(cli, ["import-catalog", str(path), "--store", str(store_path)]).exit_code == 0
    result = runner.invoke(cli, ["query", "probable_matches", "--store", str(store_path), "--format", "json"])
    rows = json.loads(result.output)
    assert [(r["file"], r["symbol"]) for r in rows] == [("001_1b58e81a9744f804.txt", "3362/BTTTT-TTĐN")], rows
