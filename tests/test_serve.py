"""`cancu serve`: a SPARQL 1.1 endpoint over the embedded store, read-only unless started with a write token."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from cancu.queries.link import link
from cancu.queries.runner import EmbeddedEndpoint, RemoteEndpoint, library
from cancu.queries.serve import SparqlServer, fetches_remote_data, make_server
from cancu.queries.store import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "corpus.trig"
TOKEN = "s3cret-token"
INSERT = "INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/a> <https://e.org/b> <https://e.org/c> } }"


def fixture_store() -> GraphStore:
    store = GraphStore.in_memory()
    store.load_trig(FIXTURE.read_bytes())
    link(store)
    return store


def running(store: GraphStore, token: str | None) -> Iterator[SparqlServer]:
    server = make_server(store, "127.0.0.1", 0, token)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def read_only() -> Iterator[SparqlServer]:
    yield from running(fixture_store(), None)


@pytest.fixture()
def writable() -> Iterator[SparqlServer]:
    yield from running(fixture_store(), TOKEN)


def request(
    url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None
) -> tuple[int, str, dict]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8"), dict(exc.headers)


def test_sparqlwrapper_reads_vietnamese_literals(read_only: SparqlServer) -> None:
    client = SPARQLWrapper(read_only.url)
    client.setQuery(
        'SELECT ?s WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?s . FILTER(STR(?s) = "Lạng Sơn") }'
    )
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    assert {b["s"]["value"] for b in data["results"]["bindings"]} == {"Lạng Sơn"}
    assert {b["s"].get("xml:lang") for b in data["results"]["bindings"]} == {"vi"}


def test_every_library_query_answers_as_embedded(read_only: SparqlServer) -> None:
    embedded, remote = EmbeddedEndpoint(read_only.store), RemoteEndpoint(read_only.url)
    ran = 0
    for name, q in library().items():
        args = {p.name: p.example for p in q.params if p.example is not None}
        key = lambda rows: sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)  # noqa: E731
        assert key(remote.select(q, args)) == key(embedded.select(q, args)), name
        ran += 1
    assert ran == len(library())


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_results_are_negotiated(read_only: SparqlServer, accept: str, media: str) -> None:
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    status, body, headers = request(f"{read_only.url}?query={query}", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(media), (accept, headers)
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_post_forms_and_construct(read_only: SparqlServer) -> None:
    form = urllib.parse.urlencode({"query": "ASK { ?s a <https://w3id.org/cancu/ontology#Task> }"}).encode()
    status, body, _ = request(read_only.url, form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = b"CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    status, body, headers = request(read_only.url, construct, {"Content-Type": "application/sparql-query"})
    assert (
        status == 200
        and headers["Content-Type"].startswith("application/n-triples")
        and body.count(" .\n") == 3
    )


@pytest.mark.parametrize(
    ("path", "data", "headers", "status", "message"),
    [
        ("/update", INSERT.encode(), {"Content-Type": "application/sparql-update"}, 403, "read-only"),
        (
            "/query",
            urllib.parse.urlencode({"update": INSERT}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
            403,
            "updates go to /update",
        ),
        ("/query", INSERT.encode(), {"Content-Type": "application/sparql-query"}, 400, "query error"),
        ("/query?query=SELECT%20%3Fx%20WHERE%20%7B", None, {}, 400, "query error"),
        ("/query", None, {}, 400, "missing the query parameter"),
        ("/nowhere", None, {}, 404, "no such resource"),
        ("/query", b"x", {"Content-Type": "text/plain"}, 415, "unsupported Content-Type"),
    ],
    ids=["update", "update-as-query-form", "update-as-query", "syntax", "no-query", "404", "media-type"],
)
def test_a_read_only_server_refuses_in_one_line(
    read_only: SparqlServer, path: str, data, headers, status: int, message: str
) -> None:
    before = len(read_only.store)
    base = read_only.url.rsplit("/", 1)[0]
    got, body, _ = request(base + path, data, headers)
    assert got == status and message in body, (path, got, body)
    assert len(body.strip().splitlines()) == 1 and "Traceback" not in body
    assert len(read_only.store) == before


def test_updates_need_the_write_token(writable: SparqlServer) -> None:
    url = writable.url.replace("/query", "/update")
    headers = {"Content-Type": "application/sparql-update"}
    status, body, _ = request(url, INSERT.encode(), headers)
    assert status == 401 and "Bearer" in body
    status, _, _ = request(url, INSERT.encode(), {**headers, "Authorization": "Bearer wrong"})
    assert status == 401
    before = len(writable.store)
    status, _, _ = request(url, INSERT.encode(), {**headers, "Authorization": f"Bearer {TOKEN}"})
    assert status == 204 and len(writable.store) == before + 1


def test_the_front_page_names_the_endpoint(read_only: SparqlServer) -> None:
    status, body, _ = request(read_only.url.replace("/query", "/"))
    assert status == 200 and read_only.url in body and "Read-only" in body


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * where { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", True),
        ("SELECT * WHERE { SERV\\u0049CE <http://x/> { ?s ?p ?o } }", True),
        ("INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * WHERE { ?s ?p ?o . FILTER(BOUND(?service)) }", False),
        ('SELECT * WHERE { ?s <http://e.org/SERVICE> "SERVICE" } # SERVICE', False),
        ("PREFIX service: <http://e/> SELECT * WHERE { ?s service:x ?o }", False),
        ("SELECT * WHERE { ?s ?p '''x\nSERVICE''' }", False),
    ],
)
def test_service_clauses_are_recognised(text: str, refused: bool) -> None:
    assert fetches_remote_data(text) is refused, text


def test_the_server_never_fetches_a_url_for_a_client(read_only: SparqlServer, writable: SparqlServer) -> None:
    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":[]},"results":{"bindings":[]}}')

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    target = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=target.serve_forever, daemon=True).start()
    try:
        remote = f"http://127.0.0.1:{target.server_address[1]}/internal"
        query = urllib.parse.quote(f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}")
        status, body, _ = request(f"{read_only.url}?query={query}")
        assert status == 403 and "SERVICE" in body and "Traceback" not in body
        update = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}".encode()
        headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
        status, body, _ = request(writable.url.replace("/query", "/update"), update, headers)
        assert status == 403
        assert hits == []
    finally:
        target.shutdown()
        target.server_close()
