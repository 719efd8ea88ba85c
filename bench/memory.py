"""Resident memory per triple, each engine measured in a fresh process, side by side.

cancu-disk is the store as `cancu` opens it (Oxigraph on disk; RSS after running the
trace_all query, so RocksDB's caches are counted); cancu-snapshot is the
in-memory copy GraphStore.snapshot() makes, when the store offers it; oxigraph-mem is
raw pyoxigraph holding the corpus in memory; rdflib is rdflib's in-memory Dataset, on
the 1/N slice unless --rdflib-full.

    python bench/memory.py
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
from pathlib import Path

from benchlib import BenchError, cancu_store, corpus, emit, fail, rss_bytes, say, slice_quads
from gen_corpus import size_arguments, size_from

SCRIPT = "memory"
ENGINES = ("oxigraph-mem", "cancu-disk", "cancu-snapshot", "rdflib")


def measure(engine: str, nq: Path, store: Path) -> dict:
    """Run in a child process: load one engine, return its RSS growth and the triples it holds."""
    import pyoxigraph as ox
    from query import query_texts

    gc.collect()
    before = rss_bytes()
    keep: object
    if engine == "oxigraph-mem":
        keep = ox.Store()
        keep.bulk_load(path=str(nq))
        triples = len(keep)
    elif engine in ("cancu-disk", "cancu-snapshot"):
        from cancu.queries.runner import EmbeddedEndpoint, NamedQuery
        from cancu.queries.store import GraphStore

        keep = GraphStore(store, read_only=True)
        if engine == "cancu-snapshot":
            if not hasattr(keep, "snapshot"):
                return {"engine": engine, "absent": "GraphStore has no snapshot()"}
            keep = keep.snapshot()
        endpoint = EmbeddedEndpoint(keep)
        text, _ = query_texts()[
            "trace_all"
        ]  # warms RocksDB's caches; coverage.rq is too slow to wait on here
        for _ in endpoint.select(NamedQuery("trace_all", "", (), (), text), {}):
            pass
        triples = len(keep)
    elif engine == "rdflib":
        from rdflib import Dataset

        keep = Dataset(default_union=True)
        keep.parse(str(nq), format="nquads")
        triples = len(keep)
    else:
        raise BenchError(f"unknown engine {engine!r}")
    gc.collect()
    grown = rss_bytes() - before
    return {
        "engine": engine,
        "triples": triples,
        "rss_bytes": grown,
        "bytes_per_triple": round(grown / triples, 1),
    }


def _child(engine: str, nq: Path, store: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", engine, "--nq", str(nq), "--store", str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise BenchError(f"{engine}: child exited {done.returncode}: {done.stderr.strip()[-400:]}")
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size_arguments(parser)
    parser.add_argument("--rdflib-slice", type=int, default=8)
    parser.add_argument("--rdflib-full", action="store_true")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--nq", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.nq, args.store)))
        return
    try:
        written = corpus(size_from(args))
        store = cancu_store(written.quads, written.folder)
        figures: dict[str, dict] = {}
        for engine in ENGINES:
            nq = written.quads
            if engine == "rdflib" and not args.rdflib_full:
                nq = slice_quads(written, written.triples // args.rdflib_slice)
            figures[engine] = _child(engine, nq, store)
            f = figures[engine]
            if "absent" in f:
                say(f"  {engine:<15} not measured: {f['absent']}")
            else:
                say(
                    f"  {engine:<15} {f['triples']:>10,} triples {f['rss_bytes'] / 2**20:9.1f} MiB {f['bytes_per_triple']:8.1f} B/triple"
                )
        base = figures["oxigraph-mem"]["bytes_per_triple"]
        if base <= 0:
            raise BenchError(
                f"oxigraph-mem grew by {figures['oxigraph-mem']['rss_bytes']} bytes: cannot be a baseline"
            )
        ratios = {
            f"{e}_vs_oxigraph_mem": round(f["bytes_per_triple"] / base, 2)
            for e, f in figures.items()
            if "bytes_per_triple" in f and e != "oxigraph-mem"
        }
        for key, value in ratios.items():
            say(f"  {key:<35} {value}×")
    except BenchError as exc:
        fail(SCRIPT, str(exc))
        return
    emit(SCRIPT, {"engines": figures, **ratios})


if __name__ == "__main__":
    main()
