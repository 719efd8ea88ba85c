"""The caches behind the speed-ups: the corpus cache is never stale, and each cache answers as the uncached path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.ontology import agencies
from cancu.ontology.gazetteer import find_province
from cancu.queries import trace
from cancu.queries.link import link
from cancu.queries.runner import EmbeddedEndpoint, library, load, python_value, with_values
from cancu.queries.store import GENERATION_FILE, GraphStore, StoreError
from cancu.queries.trace import CORPUS_CACHE, load_corpus

SEEDS = Path(__file__).parent.parent / "data" / "seeds"
FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"


def _trace_rows(store: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["trace", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _build(folder: Path, store: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(folder), "--store", str(store)])
    assert result.exit_code == 0, result.output


def _no_queries(endpoint: object) -> None:
    raise AssertionError("the corpus was queried although the cache was fresh")


def test_trace_after_a_rebuild_shows_the_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, store = tmp_path / "docs", tmp_path / "store"
    folder.mkdir()
    seed = folder / "seed.txt"
    shutil.copy(sorted(SEEDS.glob("*.txt"))[-1], seed)
    _build(folder, store)
    first = _trace_rows(store)
    assert (store / CORPUS_CACHE).exists()
    with monkeypatch.context() as m:  # a second trace with nothing built in between reads the cache
        m.setattr(trace, "_query_corpus", _no_queries)
        assert _trace_rows(store) == first
    text = next(r["task"]["text"] for r in first if r["task"]["text"])
    word = max((w for w in text.split() if w.isalpha() and w in seed.read_text(encoding="utf-8")), key=len)
    seed.write_text(seed.read_text(encoding="utf-8").replace(word, "Zzkiemtra"), encoding="utf-8")
    _build(folder, store)
    second = _trace_rows(store)
    assert not any("Zzkiemtra" in (r["task"]["text"] or "") for r in first), word
    assert any("Zzkiemtra" in (r["task"]["text"] or "") for r in second), word


@pytest.fixture
def disk_store(tmp_path: Path) -> GraphStore:
    store = GraphStore(tmp_path / "store")
    store.load_trig(FIXTURE.read_bytes())
    link(store)
    return store


def _shape(corpus: trace.Corpus) -> tuple:
    return (
        list(corpus.graph.nodes),
        list(corpus.graph.edges),
        corpus.documents,
        corpus.tasks,
        corpus.task_cites,
    )


def test_cached_corpus_is_the_queried_one(disk_store: GraphStore) -> None:
    endpoint = EmbeddedEndpoint(disk_store)
    fresh = load_corpus(endpoint)
    cached = load_corpus(endpoint)
    assert (disk_store.path / CORPUS_CACHE).exists()
    assert _shape(cached) == _shape(fresh)
    assert _shape(cached) == _shape(trace._query_corpus(endpoint))


@pytest.mark.parametrize(
    "write",
    [
        lambda s: s.update("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"),
        lambda s: s.drop_graph("urn:nothing"),
        lambda s: s.load_nquads("<urn:a> <urn:b> <urn:c> <urn:g> .\n"),
    ],
    ids=["update", "drop", "load_nquads"],
)
def test_every_write_renews_the_generation(disk_store: GraphStore, write) -> None:
    before = disk_store.generation
    assert before and (disk_store.path / GENERATION_FILE).read_text(encoding="utf-8") == before
    write(disk_store)
    assert disk_store.generation not in (None, before)
    assert GraphStore(disk_store.path, read_only=True).generation == disk_store.generation


def test_a_write_in_the_same_process_is_not_served_from_the_cache(disk_store: GraphStore) -> None:
    endpoint = EmbeddedEndpoint(disk_store)
    before = load_corpus(endpoint)
    disk_store.update(
        "INSERT DATA { GRAPH <urn:x> { <https://w3id.org/cancu/id/doc/a> "
        "<https://w3id.org/cancu/ontology#basedOn> <https://w3id.org/cancu/id/doc/b> } }"
    )
    after = load_corpus(endpoint)
    assert ("https://w3id.org/cancu/id/doc/a", "https://w3id.org/cancu/id/doc/b") in after.graph.edges
    assert ("https://w3id.org/cancu/id/doc/a", "https://w3id.org/cancu/id/doc/b") not in before.graph.edges


@pytest.mark.parametrize("damage", [b"", b"not a key\n{}", b"KEY\n{broken json", b"KEY\n[1, 2]"])
def test_a_damaged_cache_is_a_miss(
    disk_store: GraphStore, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    endpoint = EmbeddedEndpoint(disk_store)
    expected = _shape(load_corpus(endpoint))
    key = trace._cache_key(disk_store.generation)
    (disk_store.path / CORPUS_CACHE).write_bytes(damage.replace(b"KEY", key.encode()))
    assert _shape(load_corpus(endpoint)) == expected, damage


def test_no_cache_without_a_generation_or_a_folder(tmp_path: Path) -> None:
    memory = GraphStore.in_memory()
    memory.load_trig(FIXTURE.read_bytes())
    assert memory.generation is None
    load_corpus(EmbeddedEndpoint(memory))
    bare = tmp_path / "bare"
    writer = GraphStore(bare)
    writer.load_trig(FIXTURE.read_bytes())
    writer.flush()
    del writer
    (bare / GENERATION_FILE).unlink()  # as a store written by other tools
    load_corpus(EmbeddedEndpoint(GraphStore(bare, read_only=True)))
    assert not (bare / CORPUS_CACHE).exists()


def test_library_is_parsed_once_and_handed_out_as_a_copy() -> None:
    first = library()
    first.pop(next(iter(first)))
    assert len(library()) == len(first) + 1
    assert load("tasks") is load("tasks")


def test_rows_convert_as_python_value(disk_store: GraphStore) -> None:
    for name in ("tasks", "documents", "chain_edges", "task_citations"):
        query = load(name)
        result = disk_store.query(with_values(query.text, {}))
        names = [v.value for v in result.variables]
        expected = [{n: python_value(s[n]) for n in names} for s in result]
        assert list(EmbeddedEndpoint(disk_store).select(query, {})) == expected, name


@pytest.mark.parametrize(
    "printed, province, level, branch",
    [
        ("Sở Ngoại vụ", "Kiên Giang", None, None),
        ("UBND tỉnh", "Hà Giang", None, None),
        ("các sở, ban, ngành", "Nghệ An", "provincial", "state"),
        ("Ban Tuyên giáo Trung ương", None, None, None),
        ("UBND huyện Châu Thành", "Tiền Giang", None, None),
        ("Ban Chỉ đạo chuyển đổi số", None, "central", "party"),
        ("", None, None, None),
        (None, None, None, None),
    ],
)
def test_memoised_resolve_agency_equals_the_uncached(printed, province, level, branch) -> None:
    place = find_province(province) if province else None
    assert agencies.resolve_agency(printed, place, level, branch) == agencies._resolve_agency.__wrapped__(
        printed, place, level, branch
    ), printed


def test_a_marker_that_cannot_be_written_stops_the_cache(disk_store: GraphStore) -> None:
    endpoint = EmbeddedEndpoint(disk_store)
    load_corpus(endpoint)
    (disk_store.path / GENERATION_FILE).unlink()
    (disk_store.path / GENERATION_FILE).mkdir()  # os.replace onto a folder fails
    with pytest.raises(StoreError, match="generation marker"):
        disk_store.drop_graph("urn:nothing")
    assert disk_store.generation is None
    assert trace._cache_key(disk_store.generation) is None
