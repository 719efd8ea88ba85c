"""Remote endpoints: push to a real `oxigraph serve` on loopback, and every library query answers as embedded."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.queries.link import link
from cancu.queries.push import PushError, push
from cancu.queries.runner import EmbeddedEndpoint, QueryError, RemoteEndpoint, library, load
from cancu.queries.store import GraphStore

pytestmark = pytest.mark.server

FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server whose default graph is the union of its named graphs, stopped afterwards."""
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not binary:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Path:
    """The seeds built and linked, plus the fixture corpus in the same store, on disk."""
    path = tmp_path_factory.mktemp("seedstore") / "store"
    result = CliRunner().invoke(cli, ["build", str(seeds), "--store", str(path)])
    assert result.exit_code == 0, result.output
    store = GraphStore(path)
    store.load_trig(FIXTURE.read_bytes())
    link(store)
    store.flush()
    del store
    return path


def canonical(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)


def test_push_then_every_library_query_answers_the_same_remotely(server: str, seed_graph: Path) -> None:
    store = GraphStore(seed_graph, read_only=True)
    report = push(store, f"{server}/update")
    assert report.graphs == len(store.graphs()) and report.triples == len(store)
    embedded, remote = EmbeddedEndpoint(store), RemoteEndpoint(f"{server}/query")
    ran = 0
    for name, q in library().items():
        args = {p.name: p.example for p in q.params if p.example is not None}
        local = list(embedded.select(q, args))
        there = list(remote.select(q, args))
        assert canonical(there) == canonical(local), name
        ran += 1
    assert ran == len(library())
    assert any(list(embedded.select(load(n), {})) for n in ("trace_all", "coverage", "missing_documents"))


def test_push_twice_and_by_graph_store_protocol_leaves_the_same_graph(server: str, seed_graph: Path) -> None:
    store = GraphStore(seed_graph, read_only=True)
    push(store, f"{server}/update")
    push(store, f"{server}/store", protocol="gsp")
    rows = list(RemoteEndpoint(f"{server}/query").select(load("graphs"), {}))
    local = list(EmbeddedEndpoint(store).select(load("graphs"), {}))
    assert canonical(rows) == canonical(local)


def test_trace_and_audit_against_the_endpoint(server: str, seed_graph: Path) -> None:
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["push", "--endpoint", f"{server}/update", "--store", str(seed_graph)]).exit_code
        == 0
    )
    for command in (["trace", "--format", "json"], ["audit", "82-HD/BTGTW", "--format", "json"]):
        local = runner.invoke(cli, [*command, "--store", str(seed_graph)])
        there = runner.invoke(cli, [*command, "--endpoint", f"{server}/query"])
        assert local.exit_code == there.exit_code == 0, there.output
        assert json.loads(there.output) == json.loads(local.output), command


def test_an_unreachable_endpoint_is_one_line_naming_the_url(seed_graph: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(QueryError, match=f"cannot reach SPARQL endpoint {url}"):
        list(RemoteEndpoint(url, timeout=5).select(load("documents"), {}))
    with pytest.raises(PushError, match="cannot reach http://127.0.0.1"):
        push(GraphStore(seed_graph, read_only=True), url.replace("/query", "/update"))
    for command in (["trace"], ["query", "documents"], ["audit", "82-HD/BTGTW"]):
        result = CliRunner().invoke(cli, [*command, "--endpoint", url])
        assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, result.output
        assert url in result.output and "Traceback" not in result.output
    push_result = CliRunner().invoke(cli, ["push", "--endpoint", url, "--store", str(seed_graph)])
    assert push_result.exit_code == 1 and "cannot reach" in push_result.output


def test_a_hostile_parameter_cannot_change_a_remote_query(server: str) -> None:
    remote = RemoteEndpoint(f"{server}/query")
    before = list(remote.select(load("graphs"), {}))
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    assert list(remote.select(load("citations_of"), {"symbol": hostile})) == []
    assert list(remote.select(load("graphs"), {})) == before
