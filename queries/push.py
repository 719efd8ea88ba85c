"""Push: copy the embedded store's named graphs to a remote SPARQL 1.1 store.

Two protocols: SPARQL 1.1 Update (DROP the graph, then INSERT DATA in batches, to any
update endpoint) or the Graph Store Protocol (one HTTP PUT per graph, `?graph=IRI`).
Each graph replaces the remote graph of the same name, so pushing twice is harmless.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from cancu.queries.store import GraphStore

BATCH = 20_000
"""Triples per INSERT DATA request: large enough to be quick, small enough for default body limits."""


class PushError(RuntimeError):
    """The endpoint cannot be reached or refused the data; the message names the URL."""


@dataclass(frozen=True)
class PushReport:
    endpoint: str
    protocol: str
    graphs: int
    triples: int


def _send(url: str, body: bytes, method: str, content_type: str, token: str | None, timeout: float) -> None:
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        first = detail[0][:200] if detail else exc.reason
        raise PushError(f"{url} refused the data: HTTP {exc.code} ({first})") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"cannot reach {url} ({reason})") from exc


def _graph_lines(store: GraphStore, graph: str) -> list[bytes]:
    data = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
    return [line for line in data.split(b"\n") if line.strip()]


def push(
    store: GraphStore,
    endpoint: str,
    protocol: str = "update",
    token: str | None = None,
    timeout: float = 120.0,
    on_graph: Callable[[str, int], None] | None = None,
) -> PushReport:
    """Replace each of the store's named graphs at `endpoint`; return how much went."""
    if protocol not in ("update", "gsp"):
        raise PushError(f"unknown protocol {protocol!r}: use update or gsp")
    total = 0
    graphs = store.graphs()
    for graph in graphs:
        lines = _graph_lines(store, graph)
        if protocol == "gsp":
            url = f"{endpoint}{'&' if '?' in endpoint else '?'}graph={urllib.parse.quote(graph, safe='')}"
            _send(url, b"\n".join(lines) + b"\n", "PUT", "application/n-triples", token, timeout)
        else:
            for start in range(0, max(len(lines), 1), BATCH):
                chunk = b"\n".join(lines[start : start + BATCH]).decode("utf-8")
                drop = f"DROP SILENT GRAPH <{graph}> ;\n" if start == 0 else ""
                body = f"{drop}INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}".encode()
                _send(endpoint, body, "POST", "application/sparql-update", token, timeout)
        total += len(lines)
        if on_graph:
            on_graph(graph, len(lines))
    return PushReport(endpoint=endpoint, protocol=protocol, graphs=len(graphs), triples=total)
