"""cancu pointed at a SPARQL server: the same queries over HTTP to an Oxigraph server, beside the embedded store.

The server is PyPI's `oxigraph` (`oxigraph serve-read-only --location STORE
--union-default-graph`) on loopback, over the very store bench/query.py measured; cancu
queries it through RemoteEndpoint (SPARQLWrapper, JSON results), as `cancu query
--endpoint URL` does.  The baseline is the embedded store in the same run.

    python bench/server.py
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchlib import BenchError, cancu_store, corpus, emit, fail, say, timed_fork
from gen_corpus import size_arguments, size_from
from query import Cancu, proposed_texts, query_texts

SCRIPT = "server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path) -> tuple[subprocess.Popen, str]:
    """An Oxigraph server over `store`, read-only, default graph = union of the named graphs."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        raise BenchError("the `oxigraph` server is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [
            binary,
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(200):
        if proc.poll() is not None:
            raise BenchError(
                f"oxigraph server exited {proc.returncode}: {proc.stderr.read().decode()[-300:]}"
            )
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise BenchError("oxigraph server did not answer within 20 s")


class Remote:
    label = "cancu→oxigraph-server"

    def __init__(self, url: str) -> None:
        from cancu.queries.runner import RemoteEndpoint

        self.endpoint = RemoteEndpoint(url, timeout=3600)

    def run(self, text: str) -> int:
        from cancu.queries.runner import NamedQuery

        return sum(1 for _ in self.endpoint.select(NamedQuery("bench", "", (), (), text), {}))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size_arguments(parser)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    proc = None
    figures: dict[str, Any] = {}
    try:
        written = corpus(size_from(args))
        store = cancu_store(written.quads, written.folder)
        texts = query_texts()
        candidates = {**texts, **proposed_texts(texts)}
        chosen = {k: v for k, v in candidates.items() if k in ("trace_all", "coverage:proposed", "coverage")}
        proc, url = start_server(store)
        say(f"oxigraph server at {url} over {store}")
        engines = [Cancu(store), Remote(url)]
        for name, (text, origin) in chosen.items():
            rows = {}
            for engine in engines:
                o = timed_fork(
                    f"{name} on {engine.label}", lambda e=engine, q=text: e.run(q), 1, args.timeout
                )
                key = f"{name}:{engine.label}"
                if o.timeout:
                    figures[key] = f"> {o.timeout:g} s"
                    say(f"  {name:<18} {engine.label:<22} TIMEOUT")
                    continue
                rows[engine.label] = o.result
                figures[key] = round(o.median, 3)
                say(f"  {name:<18} {engine.label:<22} {o.median:8.3f} s  {o.result:>9,} rows  ({origin})")
            if len(set(rows.values())) > 1:
                raise BenchError(f"{name}: server and embedded store disagree: {rows}")
            both = [figures.get(f"{name}:{e.label}") for e in engines]
            if all(isinstance(v, float) for v in both):
                figures[f"{name}:server_vs_embedded"] = round(both[1] / both[0], 2)
    except BenchError as exc:
        fail(SCRIPT, str(exc))
        return
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    emit(SCRIPT, {"synthetic": True, "triples": written.triples, **figures})


if __name__ == "__main__":
    main()
