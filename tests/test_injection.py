"""Injection through the public commands: SPARQL parameters, hostile titles in HTML pages, and `cancu serve`.

A store is built from the seeds plus a document whose header, title and tasks carry
script, markup and SPARQL fragments; every command must treat them as data.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cancu.cli import cli
from cancu.ingest.extract import extract_text
from cancu.queries.runner import library

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
TITLE = 'Tuyên truyền <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> href="javascript:x" năm 2020'
HOSTILE_DOCUMENT = f"""TỈNH ỦY LẠNG SƠN
BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI
Số: 99-KH/BCĐ
Lạng Sơn, ngày 02 tháng 3 năm 2020
KẾ HOẠCH
{TITLE}
Thực hiện Kế hoạch số 89-KH/TU ngày 02/5/2018 của Tỉnh ủy về thực hiện Chỉ thị số 25-CT/TW của Ban Bí thư,
Căn cứ Hướng dẫn số 82-HD/BTGTW ngày 18/01/2019 của Ban Tuyên giáo Trung ương;
I. NHIỆM VỤ
1. Tuyên truyền về biên giới "}} ; DROP ALL ; <svg onload="window.__xss=3">
- Cơ quan chủ trì: Sở Ngoại vụ
- Thời gian thực hiện: Quý II/2020
"""
HOSTILE_VALUES = [
    'x" } } ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "x' } ; DROP ALL ; #",
    '06-KH/BCĐ" || true || "',
    "06-KH/BCĐ' || 1 = 1 || '",
    "} } INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } } #",
    "{",
    "}",
    '"""',
    "'''",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    'a"\n} ; CLEAR ALL #',
    "http://x> } ; DELETE WHERE { ?s ?p ?o } ; SELECT * WHERE { <http://y",
    "?s",
    "\\u0022 } #",
    "06-KH/BCĐ\u0000",
    "<script>alert(1)</script>",
]


def _store_digest(store: Path) -> str:
    quads = sorted(str(q) for q in ox.Store.read_only(str(store)))
    return hashlib.sha256("\n".join(quads).encode()).hexdigest()


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, docs / seed.name)
    (docs / "hostile.txt").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    store = tmp_path_factory.mktemp("store") / "store"
    result = CliRunner().invoke(cli, ["build", str(docs), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def _parameterised() -> list[tuple[str, str]]:
    return [(name, p.name) for name, q in sorted(library().items()) for p in q.params]


def test_the_library_has_parameterised_queries() -> None:
    assert len(_parameterised()) >= 5


@pytest.mark.parametrize(("query", "param"), _parameterised(), ids=lambda v: str(v))
def test_hostile_parameters_are_data(runner: CliRunner, hostile_store: Path, query: str, param: str) -> None:
    """Each hostile value finds what an unknown value finds (nothing), or is refused in one line."""
    before = _store_digest(hostile_store)
    args = ["query", query, "--store", str(hostile_store), "--format", "json"]
    unknown = runner.invoke(cli, [*args, "--param", f"{param}=urn:cancu:no-such-thing"])
    for value in HOSTILE_VALUES:
        result = runner.invoke(cli, [*args, "--param", f"{param}={value}"])
        assert "Traceback" not in result.output and "internal error" not in result.output, (
            value,
            result.output,
        )
        if result.exit_code == 0:
            assert json.loads(result.output) == json.loads(unknown.output), value
        else:
            assert result.exit_code == 1 and result.output.startswith("cancu: "), (value, result.output)
    assert _store_digest(hostile_store) == before


@pytest.mark.parametrize("command", ["trace", "audit"])
def test_hostile_targets_find_nothing(runner: CliRunner, hostile_store: Path, command: str) -> None:
    before = _store_digest(hostile_store)
    # Targets are matched leniently (invisible characters dropped), so "06-KH/BCĐ\x00" finds 06-KH/BCĐ.
    for value in [v for v in HOSTILE_VALUES if "\x00" not in v]:
        result = runner.invoke(cli, [command, value, "--store", str(hostile_store), "--format", "json"])
        assert "Traceback" not in result.output and "internal error" not in result.output, (
            value,
            result.output,
        )
        if result.exit_code == 0:
            assert json.loads(result.output) == [], (value, result.output)
        else:
            assert result.exit_code == 1 and "no such document" in result.output, (value, result.output)
    assert _store_digest(hostile_store) == before


# -- Hostile titles in the HTML pages --------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (make system-deps)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def _open(browser, page_path: Path):  # noqa: ANN001, ANN202 - playwright objects
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(page_path.as_uri())
    return context, page, errors


@pytest.mark.browser
def test_hostile_title_renders_as_text_in_the_viz_page(
    runner: CliRunner, hostile_store: Path, tmp_path: Path, chromium
) -> None:
    out = tmp_path / "viz.html"
    result = runner.invoke(cli, ["viz", "--store", str(hostile_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    context, page, errors = _open(chromium, out)
    try:
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=30_000)
        box = page.evaluate(
            """() => {
            const id = cancu.idsOf('99-KH/BCĐ')[0];
            const p = cancu.network.canvasToDOM(cancu.network.getPositions([id])[id]);
            const r = document.getElementById('mynetwork').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }"""
        )
        page.mouse.move(*box)
        page.wait_for_selector("#cancu-card:not([hidden])", timeout=5_000)
        card = page.locator("#cancu-card")
        assert "<script>window.__xss=1</script>" in card.inner_text()
        assert card.locator("script, img, svg").count() == 0
        page.mouse.click(*box)
        assert "<script>window.__xss=1</script>" in page.inner_text("#cancu-info")
        assert page.evaluate("window.__xss") is None and errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_hostile_title_renders_as_text_in_the_audit_page(
    runner: CliRunner, hostile_store: Path, tmp_path: Path, chromium
) -> None:
    """The audit of the hostile plan itself prints its title in the page heading."""
    out = tmp_path / "audit.html"
    iri = extract_text(HOSTILE_DOCUMENT).document.iri
    result = runner.invoke(
        cli, ["audit", iri, "--store", str(hostile_store), "--format", "html", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    context, page, errors = _open(chromium, out)
    try:
        page.wait_for_load_state("load")
        assert "<script>window.__xss=1</script>" in page.inner_text("body"), "the title must be on the page"
        assert page.locator("body script, body img, [onload], [onerror]").count() == 0
        assert page.evaluate("window.__xss") is None and errors == []
    finally:
        context.close()


# -- cancu serve -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """`cancu serve` in a subprocess on a free loopback port."""

    def __init__(self, store: Path, token: str | None = None) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "cancu", "serve", "--port", str(self.port), "--store", str(store)]
        env = {k: v for k, v in os.environ.items() if k != "CANCU_WRITE_TOKEN"}
        if token:
            command += ["--write-token", token]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=2).read()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(self.process.stderr.read().decode()) from None
                time.sleep(0.2)
        raise AssertionError("cancu serve did not start")

    def request(
        self,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def count(self) -> int:
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        status, body = self.request(
            f"/query?query={query}", headers={"Accept": "application/sparql-results+json"}
        )
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def served_store(tmp_path_factory: pytest.TempPathFactory, hostile_store: Path) -> Path:
    copy = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(hostile_store, copy)
    return copy


@pytest.fixture(scope="module")
def read_only_server(served_store: Path) -> Iterator[_Server]:
    server = _Server(served_store)
    yield server
    server.stop()


INSERT = "INSERT DATA { GRAPH <urn:evil> { <urn:a> <urn:b> <urn:c> } }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
REFUSALS = [
    (
        "update without a token",
        "/update",
        INSERT.encode(),
        {"Content-Type": "application/sparql-update"},
        "POST",
    ),
    ("update with a guessed token", "/update", INSERT.encode(), {"Authorization": "Bearer secret"}, "POST"),
    ("update as a form", "/update", urllib.parse.urlencode({"update": INSERT}).encode(), FORM, "POST"),
    ("update sent to /query", "/query", urllib.parse.urlencode({"update": INSERT}).encode(), FORM, "POST"),
    ("update as a query", f"/query?query={urllib.parse.quote(INSERT)}", None, {}, "GET"),
    (
        "update body to /query",
        "/query",
        INSERT.encode(),
        {"Content-Type": "application/sparql-update"},
        "POST",
    ),
    ("drop all as a query", f"/query?query={urllib.parse.quote('DROP ALL')}", None, {}, "GET"),
    (
        "graph store put",
        "/store?default",
        b"<urn:a> <urn:b> <urn:c> .",
        {"Content-Type": "application/n-triples"},
        "PUT",
    ),
    ("graph store delete", "/store?graph=urn:x", None, {}, "DELETE"),
    ("broken query", f"/query?query={urllib.parse.quote('SELECT * WHERE { ?s ?p')}", None, {}, "GET"),
    ("not utf-8", "/query", b"\xff\xfe\xfa", {"Content-Type": "application/sparql-query"}, "POST"),
    ("unknown path", "/admin", None, {}, "GET"),
]


@pytest.mark.server
@pytest.mark.parametrize(
    ("case", "path", "data", "headers", "method"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_read_only_server_refuses_writes_without_stack_traces(
    read_only_server: _Server, case: str, path: str, data: bytes | None, headers: dict, method: str
) -> None:
    before = read_only_server.count()
    status, body = read_only_server.request(path, data, headers, method)
    assert 400 <= status < 600 and status != 500, (case, status, body)  # 501: no such method at all
    text = body.decode("utf-8", "replace")
    assert "Traceback" not in text and 'File "' not in text, text
    assert read_only_server.count() == before


@pytest.mark.server
def test_read_only_server_answers_queries(read_only_server: _Server) -> None:
    assert read_only_server.count() > 1000


@pytest.mark.server
def test_hostile_parameters_through_the_endpoint(runner: CliRunner, read_only_server: _Server) -> None:
    """The remote runner writes bindings into a VALUES block: the same hostile values stay data there."""
    before = read_only_server.count()
    for query, param in _parameterised():
        args = ["query", query, "--endpoint", read_only_server.base + "/query", "--format", "json"]
        unknown = runner.invoke(cli, [*args, "--param", f"{param}=urn:cancu:no-such-thing"])
        for value in HOSTILE_VALUES:
            result = runner.invoke(cli, [*args, "--param", f"{param}={value}"])
            assert "Traceback" not in result.output and "internal error" not in result.output, (
                value,
                result.output,
            )
            if result.exit_code == 0:
                assert json.loads(result.output) == json.loads(unknown.output), (query, value)
            else:
                assert result.exit_code == 1 and result.output.startswith("cancu: "), (
                    query,
                    value,
                    result.output,
                )
    assert read_only_server.count() == before


@pytest.mark.server
def test_write_token_lets_updates_in(served_store: Path, tmp_path: Path) -> None:
    """The refusals above come from the token check, not from a server that cannot write."""
    server = _Server(served_store, token="s3cret-token")
    try:
        before = server.count()
        wrong = server.request(
            "/update",
            INSERT.encode(),
            {"Authorization": "Bearer wrong", "Content-Type": "application/sparql-update"},
            "POST",
        )
        assert wrong[0] in (401, 403) and server.count() == before
        right = server.request(
            "/update",
            INSERT.encode(),
            {"Authorization": "Bearer s3cret-token", "Content-Type": "application/sparql-update"},
            "POST",
        )
        assert right[0] in (200, 204), right
        assert server.count() == before + 1
    finally:
        server.stop()


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":[]},"results":{"bindings":[]}}')

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.server
def test_server_does_not_fetch_urls_for_clients(read_only_server: _Server) -> None:
    target = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=target.serve_forever, daemon=True).start()
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{target.server_address[1]}/internal> {{ ?s ?p ?o }} }}"
        status, body = read_only_server.request(f"/query?query={urllib.parse.quote(query)}")
        assert "Traceback" not in body.decode("utf-8", "replace")
        assert _Recorder.hits == [], f"the server fetched {_Recorder.hits}"
    finally:
        target.shutdown()
