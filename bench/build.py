"""Build throughput and store size, side by side with their baselines in the same run.

Text form: `cancu build` (queries/store.py + ingest/build.py) over SYNTHETIC text
documents, against extraction alone on the same documents (the share of build time
that is not reading).  Graph form: the national SYNTHETIC N-Quads loaded into a cancu
store three ways (GraphStore.load_nquads, cancu's own loading API; Oxigraph's
bulk_load into the same kind of store; raw pyoxigraph bulk_load in memory), plus rdflib
parsing a 1/N slice (its ratio is measured at that size).  Store size on disk is
measured after loading and after `optimize()`; memory is bench/memory.py's.

    python bench/build.py                 # 500 text documents, the national graph
    python bench/build.py --build-docs 100
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from benchlib import (
    BenchError,
    corpus,
    dir_bytes,
    emit,
    fail,
    load_average,
    quad_count,
    say,
    slice_quads,
    timed,
    timed_fork,
)
from gen_corpus import size_arguments, size_from

SCRIPT = "build"


def text_build(text_dir: Path, docs: int, scratch: Path) -> dict[str, Any]:
    """`cancu build` over the first `docs` SYNTHETIC texts, and extraction alone over the same files."""
    from cancu.ingest.build import build
    from cancu.ingest.extract import extract_file
    from cancu.queries.store import GraphStore

    files = sorted(text_dir.glob("synthetic_*.txt"))[:docs]
    if len(files) < docs:
        raise BenchError(f"{text_dir} holds {len(files)} SYNTHETIC texts, fewer than --build-docs {docs}")
    extract_file(files[0])  # compiled patterns and tables outside the timing

    def extract_only() -> int:
        return sum(len(extract_file(f).citations) for f in files)

    store_dir = scratch / "text-store"

    def build_all() -> dict[str, Any]:
        if store_dir.exists():
            shutil.rmtree(store_dir)
        store = GraphStore(store_dir)
        report = build(files, store)
        if report.failed:
            raise BenchError(f"build failed on {len(report.failed)} file(s), first: {report.failed[0]}")
        if len(report.added) != len(files):
            raise BenchError(f"build added {len(report.added)} of {len(files)} files")
        return {"triples": report.triples, "disk": dir_bytes(store_dir)}

    extract_t = timed_fork("extraction of the SYNTHETIC texts", extract_only)
    build_t = timed_fork("cancu build of the SYNTHETIC texts", build_all)
    if extract_t.timeout or build_t.timeout:
        raise BenchError("text build timed out")
    triples = build_t.result["triples"]
    if triples <= 0:
        raise BenchError("cancu build produced an empty store")
    out = {
        "docs": len(files),
        "extract_docs_per_s": round(len(files) / extract_t.median, 1),
        "build_docs_per_s": round(len(files) / build_t.median, 1),
        "build_cpu_docs_per_s": round(len(files) / build_t.cpu_median, 1),
        "build_triples": triples,
        "build_triples_per_s": round(triples / build_t.median),
        "build_vs_extract_time": round(build_t.median / extract_t.median, 2),
        "store_disk_bytes": build_t.result["disk"],
        "store_disk_bytes_per_triple": round(build_t.result["disk"] / triples, 1),
    }
    say(
        f"  text build: {out['docs']} docs, {out['build_docs_per_s']} docs/s "
        f"({out['build_triples_per_s']:,} triples/s); extraction alone {out['extract_docs_per_s']} docs/s; "
        f"build takes {out['build_vs_extract_time']}× extraction's time"
    )
    return out


def graph_load(nq: Path, scratch: Path, slice_nq: Path) -> dict[str, Any]:
    """The national graph into a store: cancu's API vs Oxigraph's bulk loader vs in memory; rdflib on the slice."""
    from cancu.queries.store import GraphStore

    triples = quad_count(nq)
    data = nq.read_bytes()

    def into(path: Path, how: str) -> dict[str, int]:
        if path.exists():
            shutil.rmtree(path)
        store = GraphStore(path)
        if how == "load_nquads":
            store.load_nquads(data)
        else:
            store.oxigraph.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        store.flush()
        loaded = len(store)
        before = dir_bytes(path)
        store.oxigraph.optimize()
        return {"triples": loaded, "disk": before, "disk_optimized": dir_bytes(path)}

    def in_memory() -> int:
        store = ox.Store()
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        return len(store)

    def rdflib_slice() -> int:
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        ds.parse(str(slice_nq), format="nquads")
        return len(ds)

    out: dict[str, Any] = {"triples": triples}
    runs = (
        ("cancu_load_nquads", lambda: into(scratch / "graph-api", "load_nquads")),
        ("cancu_bulk_load", lambda: into(scratch / "graph-bulk", "bulk_load")),
        ("oxigraph_mem_bulk_load", in_memory),
    )
    for key, action in runs:
        o = timed_fork(key, action, 1, 900)
        if o.timeout:
            out[f"{key}_seconds"] = f"> {o.timeout:g} s"
            say(f"  {key:<24} TIMEOUT")
            continue
        loaded = o.result if isinstance(o.result, int) else o.result["triples"]
        if loaded != triples:
            raise BenchError(f"{key} holds {loaded} quads, the file has {triples}")
        out[f"{key}_seconds"] = round(o.median, 2)
        out[f"{key}_triples_per_s"] = round(triples / o.median)
        if isinstance(o.result, dict):
            out[f"{key}_disk_bytes"] = o.result["disk"]
            out[f"{key}_disk_bytes_optimized"] = o.result["disk_optimized"]
        say(f"  {key:<24} {o.median:7.2f} s  {triples / o.median:10,.0f} triples/s")
    slice_triples = quad_count(slice_nq)
    mem_slice = timed("in-memory load of the slice", lambda: _mem_load(slice_nq))
    rdf = timed_fork("rdflib parse of the slice", rdflib_slice, 1, 900)
    if rdf.timeout:
        raise BenchError("rdflib parse of the slice timed out")
    out["slice_triples"] = slice_triples
    out["rdflib_slice_seconds"] = round(rdf.median, 2)
    out["oxigraph_mem_slice_seconds"] = round(mem_slice.best, 2)
    out["rdflib_vs_oxigraph_load_slice"] = round(rdf.median / mem_slice.best, 1)
    say(
        f"  slice {slice_triples:,}: rdflib {rdf.median:.2f} s vs pyoxigraph {mem_slice.best:.2f} s "
        f"({out['rdflib_vs_oxigraph_load_slice']}×)"
    )
    return out


def _mem_load(nq: Path) -> int:
    store = ox.Store()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    return len(store)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size_arguments(parser)
    parser.add_argument("--build-docs", type=int, default=500, help="SYNTHETIC texts `cancu build` reads")
    parser.add_argument("--rdflib-slice", type=int, default=8)
    parser.add_argument("--no-graph", action="store_true", help="skip the national graph load")
    args = parser.parse_args(argv)
    try:
        if args.build_docs < 1 or args.rdflib_slice < 1:
            raise BenchError("--build-docs and --rdflib-slice must be at least 1")
        written = corpus(size_from(args))
        scratch = written.folder / "build-scratch"
        scratch.mkdir(exist_ok=True)
        load = load_average()
        text = text_build(written.text, args.build_docs, scratch)
        graph = None
        if not args.no_graph:
            part = slice_quads(written, written.triples // args.rdflib_slice)
            graph = graph_load(written.quads, scratch, part)
        shutil.rmtree(scratch)
    except BenchError as exc:
        fail(SCRIPT, str(exc))
        return
    emit(SCRIPT, {"synthetic": True, "load_average": load, "text": text, "graph": graph})


if __name__ == "__main__":
    main()
