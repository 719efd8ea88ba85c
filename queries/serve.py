"""Serve: a SPARQL 1.1 Protocol endpoint over the embedded store, read-only unless given a write token.

`/query` (also `/sparql`) answers GET `?query=`, POST form bodies and POST
`application/sparql-query`, with results negotiated by Accept (JSON, XML, CSV, TSV;
N-Triples or Turtle for CONSTRUCT/DESCRIBE).  CORS is open so browser clients such as
YASGUI can use it.  `/update` accepts SPARQL updates only with `Authorization: Bearer
TOKEN` when the server was started with that token; otherwise it refuses.  SERVICE
clauses are refused too (they would make the server fetch URLs for any client).  Clients
get one-line error messages, never stack traces.
"""

from __future__ import annotations

import hmac
import html
import re
import sys
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

from cancu.queries.store import GraphStore

MAX_BODY = 10 * 1024 * 1024
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>cancu SPARQL endpoint</title></head><body>
<h1>cancu SPARQL endpoint</h1>
<p>{triples} triples in {graphs} named graphs; the default graph is their union. {mode}</p>
<form action="/query" method="get">
<textarea name="query" rows="12" cols="90">PREFIX cc: &lt;https://w3id.org/cancu/ontology#&gt;
SELECT ?doc ?symbol WHERE {{ ?doc a cc:Document ; cc:symbol ?symbol }} LIMIT 50</textarea><br>
<button type="submit">Run</button></form>
<p>Endpoint URL for YASGUI or SPARQLWrapper: <code>{url}</code></p>
</body></html>
"""


class ClientError(Exception):
    """Something the client must fix; becomes a 4xx with this one-line message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


_LEXEMES = re.compile(
    "|".join(
        (
            r'"""[\s\S]*?"""',  # long strings
            r"'''[\s\S]*?'''",
            r'"(?:[^"\\\n]|\\.)*"',  # short strings
            r"'(?:[^'\\\n]|\\.)*'",
            r"<[^<>\"{}|^`\\\s]*>",  # IRIs
            r"#[^\n]*",  # comments
            r"[?$]\w+",  # variables
        )
    )
)
_SERVICE = re.compile(r"(?<![\w:])SERVICE(?![\w:-])", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")  # SPARQL decodes these before parsing


def fetches_remote_data(text: str) -> bool:
    """True when a query or update has a SERVICE clause: run here, it would make the server fetch any URL."""
    unescaped = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    return bool(_SERVICE.search(_LEXEMES.sub(" ", unescaped)))


def _negotiate(accept: str, table: dict, default: str) -> tuple[str, object]:
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media, table[media]
        if media in ("*/*", ""):
            break
    return default, table[default]


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:300] if lines else type(exc).__name__


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: GraphStore, write_token: str | None = None) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.write_token = write_token

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/query"


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "cancu-sparql"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _reply(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._reply(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ClientError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
        return self.rfile.read(length) if length else b""

    def _dispatch(self) -> None:
        try:
            path = urllib.parse.urlsplit(self.path)
            if path.path in ("/query", "/sparql"):
                self._query(path.query)
            elif path.path == "/update":
                self._update()
            elif path.path == "/" and self.command in ("GET", "HEAD"):
                self._page()
            else:
                raise ClientError(HTTPStatus.NOT_FOUND, f"no such resource {path.path}; use /query")
        except ClientError as exc:
            self._error(exc.status, str(exc))
        except Exception as exc:  # the last line of defence: log it, tell the client one line
            sys.stderr.write(f"cancu serve: internal error: {type(exc).__name__}: {_one_line(exc)}\n")
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")

    do_GET = do_POST = do_HEAD = _dispatch

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
        self.end_headers()

    def _page(self) -> None:
        store = self.server.store
        mode = "Updates are accepted with the write token." if self.server.write_token else "Read-only."
        body = PAGE.format(
            triples=len(store), graphs=len(store.graphs()), mode=mode, url=html.escape(self.server.url)
        )
        self._reply(HTTPStatus.OK, body.encode("utf-8"), "text/html; charset=utf-8")

    def _query_text(self, query_string: str) -> str:
        params = urllib.parse.parse_qs(query_string)
        if self.command == "POST":
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self._body()
            if kind == "application/sparql-query":
                return body.decode("utf-8", "replace")
            if kind == "application/x-www-form-urlencoded":
                params = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            else:
                raise ClientError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {kind!r}")
            if "update" in params:
                raise ClientError(HTTPStatus.FORBIDDEN, "updates go to /update")
        if "query" not in params:
            raise ClientError(HTTPStatus.BAD_REQUEST, "missing the query parameter")
        return params["query"][0]

    def _query(self, query_string: str) -> None:
        if self.command not in ("GET", "POST", "HEAD"):
            raise ClientError(HTTPStatus.METHOD_NOT_ALLOWED, "use GET or POST")
        text = self._query_text(query_string)
        if fetches_remote_data(text):
            raise ClientError(
                HTTPStatus.FORBIDDEN, "SERVICE (federated queries) is not allowed on this endpoint"
            )
        try:
            result = self.server.store.query(text)
        except SyntaxError as exc:
            raise ClientError(HTTPStatus.BAD_REQUEST, f"query error: {_one_line(exc)}") from exc
        except OSError as exc:
            raise ClientError(HTTPStatus.INTERNAL_SERVER_ERROR, f"store error: {_one_line(exc)}") from exc
        accept = self.headers.get("Accept") or ""
        if isinstance(result, ox.QueryTriples):
            media, fmt = _negotiate(accept, GRAPH_FORMATS, "application/n-triples")
        else:
            media, fmt = _negotiate(accept, RESULT_FORMATS, "application/sparql-results+json")
        self._reply(HTTPStatus.OK, result.serialize(format=fmt), f"{media}; charset=utf-8")

    def _update(self) -> None:
        token = self.server.write_token
        if not token:
            raise ClientError(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
        given = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise ClientError(HTTPStatus.UNAUTHORIZED, "updates need Authorization: Bearer <write token>")
        if self.command != "POST":
            raise ClientError(HTTPStatus.METHOD_NOT_ALLOWED, "use POST")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body().decode("utf-8", "replace")
        if kind == "application/x-www-form-urlencoded":
            body = (urllib.parse.parse_qs(body).get("update") or [""])[0]
        if fetches_remote_data(body):
            raise ClientError(
                HTTPStatus.FORBIDDEN, "SERVICE (federated queries) is not allowed on this endpoint"
            )
        try:
            self.server.store.update(body)
        except SyntaxError as exc:
            raise ClientError(HTTPStatus.BAD_REQUEST, f"update error: {_one_line(exc)}") from exc
        self._reply(HTTPStatus.NO_CONTENT, b"", "text/plain")


def make_server(
    store: GraphStore, host: str = "127.0.0.1", port: int = 7879, write_token: str | None = None
) -> SparqlServer:
    """A server ready for serve_forever(); port 0 picks a free port (see .url)."""
    return SparqlServer((host, port), store, write_token)
