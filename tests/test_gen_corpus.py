"""bench/gen_corpus.py: sizes it refuses, and a small SYNTHETIC corpus that is marked, deterministic and well formed."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from cancu.ingest.extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
gen = importlib.util.module_from_spec(_spec)
sys.modules["gen_corpus"] = gen
_spec.loader.exec_module(gen)

CC = "https://w3id.org/cancu/ontology#"
SMALL = gen.Size(plans=130, tasks_per_plan=4, centrals=6, provinces=5, years=2, text_docs=24, seed=7)


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("plans", 0, "plans=0 is out of range"),
        ("plans", -5, "plans=-5 is out of range"),
        ("plans", "12000", "plans must be a whole number"),
        ("plans", True, "plans must be a whole number"),
        ("plans", 9, "too few for 5 provinces over 2 years"),
        ("tasks_per_plan", 0, "tasks_per_plan=0 is out of range"),
        ("centrals", 0, "centrals=0 is out of range"),
        ("provinces", 64, "provinces=64 is out of range"),
        ("provinces", 0, "provinces=0 is out of range"),
        ("years", 0, "years=0 is out of range"),
        ("first_year", 1800, "first_year=1800 is out of range"),
        ("text_docs", -1, "text_docs=-1 is out of range"),
        ("text_docs", 137, "exceeds the corpus: there are only 136 documents"),
        ("seed", 1.5, "seed must be a whole number"),
    ],
)
def test_refuses_nonsensical_sizes(field: str, value: object, says: str) -> None:
    with pytest.raises(gen.SizeError) as caught:
        replace(SMALL, **{field: value}).check()
    assert says in str(caught.value), (field, value, str(caught.value))


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--plans", "0"], "plans=0 is out of range"),
        (["--provinces", "70"], "provinces=70 is out of range"),
        (["--plans", "100", "--provinces", "63"], "too few for 63 provinces"),
    ],
)
def test_command_refuses_with_a_message(argv: list[str], says: str, tmp_path: Path, capsys) -> None:
    assert gen.main([*argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gen_corpus: ") and says in err, (argv, err)
    assert not any(tmp_path.iterdir()), "nothing is written for a refused size"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    return gen.write(SMALL, tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def store(small) -> ox.Store:
    s = ox.Store()
    s.bulk_load(path=str(small.quads), format=ox.RdfFormat.N_QUADS)
    return s


def _select(store: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    return [
        tuple(t.value for t in row)
        for row in store.query(f"PREFIX cc: <{CC}> {sparql}", use_default_graph_as_union=True)
    ]


def test_everything_is_marked_synthetic(small, store: ox.Store) -> None:
    assert small.folder.name.startswith("SYNTHETIC-")
    assert small.quads.read_text(encoding="utf-8").startswith("# SYNTHETIC")
    manifest = json.loads((small.folder / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    texts = sorted(small.text.glob("*.txt"))
    assert len(texts) == SMALL.text_docs
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("SYNTHETIC:") and "(SYNTHETIC)" in text, path.name
    unmarked = _select(
        store, "SELECT ?d WHERE { ?d cc:ingestedFrom ?s . FILTER NOT EXISTS { ?d cc:synthetic true } }"
    )
    assert unmarked == []
    titles = _select(store, "SELECT DISTINCT ?t WHERE { ?d cc:title ?t }")
    assert titles and all(t.endswith("(SYNTHETIC)") for (t,) in titles)


def test_same_seed_same_bytes_other_seed_other_bytes(small, tmp_path: Path) -> None:
    again = gen.write(SMALL, tmp_path / "again")
    assert again.quads.read_bytes() == small.quads.read_bytes()
    other = gen.write(replace(SMALL, seed=8), tmp_path / "other")
    assert other.quads.read_bytes() != small.quads.read_bytes()


def test_manifest_counts_what_was_written(small, store: ox.Store) -> None:
    m = small.manifest
    assert m["quads"] == len(store)
    assert m["plans"] == SMALL.plans and m["centrals"] == SMALL.centrals
    (tasks,) = _select(store, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a cc:Task }")
    assert int(tasks[0]) == m["tasks"]
    (provinces,) = _select(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?d cc:province ?p }")
    assert int(provinces[0]) == SMALL.provinces


def test_chains_reach_central_directives_in_at_most_four_hops(store: ox.Store) -> None:
    edges = _select(store, "SELECT DISTINCT ?a ?b WHERE { ?a cc:basedOn|cc:implements ?b }")
    central = {
        d
        for (d,) in _select(
            store, "SELECT DISTINCT ?d WHERE { ?d cc:level <https://w3id.org/cancu/vocab/level/central> }"
        )
    }
    graph = nx.DiGraph(edges)
    assert nx.is_directed_acyclic_graph(graph)
    hops = [
        nx.shortest_path_length(graph, node, c)
        for node in graph
        if node not in central
        for c in central
        if c in graph and nx.has_path(graph, node, c)
    ]
    assert max(hops) == 4 and min(hops) == 1


def test_tasks_carry_leads_deadlines_and_budgets(store: ox.Store) -> None:
    (row,) = _select(
        store,
        "SELECT (COUNT(DISTINCT ?t) AS ?all) (COUNT(DISTINCT ?led) AS ?lead) (COUNT(DISTINCT ?dl) AS ?deadline) "
        "(COUNT(DISTINCT ?b) AS ?budget) WHERE { ?t a cc:Task . "
        "OPTIONAL { ?t cc:lead ?a . ?a a cc:Agency . BIND(?t AS ?led) } "
        "OPTIONAL { ?t cc:deadline ?i . ?i cc:start ?s . BIND(?t AS ?dl) } "
        "OPTIONAL { ?t cc:budgetVND ?v . BIND(?t AS ?b) } }",
    )
    total, lead, deadline, budget = (int(v) for v in row)
    assert lead == total
    assert 0.3 * total < deadline < 0.7 * total
    assert 0.05 * total < budget < 0.3 * total


def test_bodies_come_from_the_gazetteer(store: ox.Store) -> None:
    names = {
        n
        for (n,) in _select(
            store, "SELECT ?n WHERE { ?a a cc:Agency ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }"
        )
    }
    assert "Sở Thông tin và Truyền thông thành phố Hà Nội" in names
    assert "Ủy ban nhân dân tỉnh Cao Bằng" in names


def test_text_documents_read_back_through_cancu_extract(small) -> None:
    plans = [p for p in sorted(small.text.glob("*.txt"))][SMALL.centrals :][:8]
    assert plans
    for path in plans:
        record = extract_file(path)
        text = path.read_text(encoding="utf-8")
        symbol = next(line[4:].strip() for line in text.splitlines() if line.startswith("Số: "))
        assert record.document.symbol == symbol, path.name
        assert record.document.date is not None, path.name
