"""Trace-all and coverage, side by side: cancu's embedded store vs raw pyoxigraph vs rdflib in memory.

Every engine runs the same SPARQL text (the library's `trace_all.rq` and `coverage.rq`
when they exist, else the reference forms below, and the run says which).  Engines
must agree on the row count, or the run fails.  rdflib takes 30-60 s per query at
full size, so by default it runs on a slice cut at a named-graph boundary, where the
other engines run too so that the ratio is measured at one size; `--rdflib-full`
adds the full-size record.

    python bench/query.py                    # full size for cancu and pyoxigraph, rdflib on 1/8
    python bench/query.py --rdflib-full      # rdflib at full size as well (minutes)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from benchlib import (
    BenchError,
    Outcome,
    cancu_store,
    corpus,
    emit,
    fail,
    quad_count,
    say,
    slice_quads,
    timed,
    timed_fork,
)
from gen_corpus import size_arguments, size_from

SCRIPT = "query"

# Reference forms, used only while the query library lacks trace_all.rq / coverage.rq.
# DISTINCT and COUNT(DISTINCT …) so every engine (Virtuoso too) gives the same answer.
REFERENCE = {
    "trace_all": """
PREFIX cc: <https://w3id.org/cancu/ontology#>
SELECT DISTINCT ?task ?central WHERE {
  ?task a cc:Task .
  { ?task cc:partOf ?start } UNION { ?task cc:cites ?start }
  ?start (cc:basedOn|cc:implements)* ?central .
  ?central cc:level <https://w3id.org/cancu/vocab/level/central> .
}""",
    "coverage": """
PREFIX cc: <https://w3id.org/cancu/ontology#>
SELECT ?central (COUNT(DISTINCT ?province) AS ?provinces) (COUNT(DISTINCT ?plan) AS ?plans)
       (COUNT(DISTINCT ?task) AS ?tasks) WHERE {
  ?central cc:level <https://w3id.org/cancu/vocab/level/central> .
  ?plan (cc:basedOn|cc:implements)+ ?central .
  OPTIONAL { ?plan cc:province ?province }
  OPTIONAL { ?task cc:partOf ?plan }
}
GROUP BY ?central""",
}


def query_texts() -> dict[str, tuple[str, str]]:
    """name → (SPARQL text, where it came from); the library's own query wins."""
    from cancu.queries.runner import bind, library, with_values

    shipped = library()
    out = {}
    for name, text in REFERENCE.items():
        if name in shipped:
            q = shipped[name]
            out[name] = (with_values(q.text, bind(q, {})), f"queries/{name}.rq")
        else:
            out[name] = (text.strip(), f"bench/query.py reference form (queries/{name}.rq absent)")
    return out


PROPOSED = Path(__file__).resolve().parent / "proposed"


def proposed_texts(measured: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Rewrites in bench/proposed/ offered to the queries owner, each beside the shipped query it replaces."""
    from cancu.queries.runner import library

    shipped = library()
    out = {}
    for f in sorted(PROPOSED.glob("*.rq")):
        if f.stem not in measured and f.stem in shipped:
            out[f"{f.stem}:shipped"] = (shipped[f.stem].text, f"queries/{f.name}")
        out[f"{f.stem}:proposed"] = (f.read_text(encoding="utf-8"), f"bench/proposed/{f.name}")
    return out


def _drain_ox(result: Any) -> int:
    names = [v for v in result.variables]
    rows = 0
    for solution in result:
        for v in names:
            solution[v]
        rows += 1
    return rows


class Oxigraph:
    """Raw pyoxigraph: the store's own query(), results walked term by term."""

    def __init__(self, store: ox.Store, label: str) -> None:
        self.store = store
        self.label = label

    def run(self, text: str) -> int:
        return _drain_ox(self.store.query(text, use_default_graph_as_union=True))


class Cancu:
    """cancu's public path: GraphStore + the runner's endpoint, rows as Python values.

    As `cancu query` runs it (the on-disk store), or on GraphStore.snapshot() as `cancu serve` does.
    """

    def __init__(self, path: Path, snapshot: bool = False) -> None:
        from cancu.queries.runner import EmbeddedEndpoint
        from cancu.queries.store import GraphStore

        self.store = GraphStore(path, read_only=True)
        if snapshot:
            self.store = self.store.snapshot()
        self.label = "cancu-snapshot" if snapshot else "cancu"
        self.endpoint = EmbeddedEndpoint(self.store)

    def run(self, text: str) -> int:
        from cancu.queries.runner import NamedQuery

        query = NamedQuery(name="bench", summary="", params=(), returns=(), text=text)
        return sum(1 for _ in self.endpoint.select(query, {}))


class Rdflib:
    label = "rdflib"

    def __init__(self, nq: Path) -> None:
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        self.dataset.parse(str(nq), format="nquads")

    def run(self, text: str) -> int:
        return sum(1 for _ in self.dataset.query(text))


def _compare(
    size_label: str,
    engines: list[Any],
    texts: dict[str, tuple[str, str]],
    repeat: dict[str, int],
    timeout: float,
) -> dict[str, dict[str, Any]]:
    """Time every query on every engine; fail when the engines that finished disagree on a row count."""
    figures: dict[str, dict[str, Any]] = {}
    for name, (text, _) in texts.items():
        rows: dict[str, int] = {}
        for engine in engines:
            out: Outcome = timed_fork(
                f"{name} on {engine.label} ({size_label})",
                lambda e=engine, q=text: e.run(q),
                repeat[engine.label],
                timeout,
            )
            if out.timeout:
                figures.setdefault(name, {})[engine.label] = f"> {out.timeout:g} s"
                say(f"  {size_label:>6} {name:<10} {engine.label:<15} TIMEOUT (> {out.timeout:g} s)")
                continue
            rows[engine.label] = out.result
            figures.setdefault(name, {})[engine.label] = round(out.median, 3)
            figures[name][engine.label + ":cpu"] = round(out.cpu_median, 3)
            say(
                f"  {size_label:>6} {name:<18} {engine.label:<15} {out.median:8.3f} s "
                f"(cpu {out.cpu_median:7.3f} s)  {out.result:>9,} rows"
            )
        if len(set(rows.values())) > 1:
            raise BenchError(f"{name} ({size_label}): engines disagree on the row count: {rows}")
        figures[name]["rows"] = next(iter(rows.values()), None)
    return figures


def _tool(path: Path, timeout: float, proposed: bool = False) -> dict[str, Any]:
    """What the commands do: `cancu trace` over every task (trace.py), and the audit of every central directive.

    With `proposed`, trace.py and audit.py load bench/proposed/*.rq in place of the shipped
    queries of the same name (patched in this process only), to measure what the rewrites buy.
    """
    from cancu.queries import trace as trace_module
    from cancu.queries.runner import EmbeddedEndpoint, NamedQuery
    from cancu.queries.runner import load as shipped_load
    from cancu.queries.store import GraphStore

    endpoint = EmbeddedEndpoint(GraphStore(path, read_only=True))
    if proposed:
        rewrites = {f.stem: f.read_text(encoding="utf-8") for f in PROPOSED.glob("*.rq")}

        def patched_load(name: str) -> NamedQuery:
            if name in rewrites:
                return NamedQuery(name=name, summary="", params=(), returns=(), text=rewrites[name])
            return shipped_load(name)

        trace_module.load = patched_load

    def trace_all() -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in trace_module.trace(endpoint):
            counts[row.status] = counts.get(row.status, 0) + 1
        return counts

    def load() -> int:
        corpus = trace_module.load_corpus(endpoint)
        return len(corpus.tasks)

    out: dict[str, Any] = {}
    for key, step, action in (
        ("load_corpus", "trace.load_corpus (the four SELECTs trace and audit share)", load),
        ("trace", "cancu trace (queries/trace.py) over every task", trace_all),
        ("audit", "cancu audit (queries/audit.py) of every central directive", _audit_all(endpoint)),
    ):
        if action is None:
            say(f"  {'full':>6} {key}: queries/audit.py absent, not measured")
            continue
        o = timed_fork(step, action, 1, timeout)
        out[f"{key}_seconds"] = f"> {o.timeout:g} s" if o.timeout else round(o.median, 3)
        if not o.timeout:
            out[f"{key}_cpu_seconds"] = round(o.cpu_median, 3)
        shown = "TIMEOUT" if o.timeout else f"{o.median:8.3f} s  {o.result}"
        say(f"  {'full':>6} {step}: {shown}")
        if key == "trace" and not o.timeout:
            out["trace_status"] = o.result
    return out


def _audit_all(endpoint: Any) -> Callable[[], int] | None:
    """The coverage audit of every central directive over one shared corpus, if queries/audit.py has landed."""
    try:
        from cancu.queries import audit as audit_module
    except ImportError:
        return None
    from cancu.queries.trace import load_corpus

    def run() -> int:
        corpus = load_corpus(endpoint)
        centrals = [iri for iri in corpus.documents if corpus.is_central(iri) and corpus.is_known(iri)]
        if not centrals:
            raise BenchError("the corpus has no known central directive to audit")
        return sum(len(audit_module.audit(endpoint, iri, corpus=corpus).implemented_by) for iri in centrals)

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size_arguments(parser)
    parser.add_argument(
        "--rdflib-slice", type=int, default=8, help="rdflib runs on 1/N of the corpus (default 8)"
    )
    parser.add_argument("--rdflib-full", action="store_true", help="also run rdflib at full size (minutes)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query for the Oxigraph engines")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds one measurement may take")
    parser.add_argument("--no-tool", action="store_true", help="skip `cancu trace` and the audit")
    parser.add_argument("--no-proposed", action="store_true", help="skip the rewrites in bench/proposed/")
    args = parser.parse_args(argv)
    try:
        if args.rdflib_slice < 1 or args.repeat < 1 or args.timeout <= 0:
            raise BenchError("--rdflib-slice and --repeat must be at least 1, --timeout positive")
        written = corpus(size_from(args))
        texts = query_texts()
        extra = {} if args.no_proposed else proposed_texts(texts)
        for name, (_, origin) in texts.items():
            say(f"{name}: {origin}")
        full_store = timed(
            "loading the cancu store", lambda: cancu_store(written.quads, written.folder)
        ).result
        triples = written.triples
        say(f"full size: {triples:,} quads (SYNTHETIC)")
        rep = {e: args.repeat for e in ("cancu", "cancu-snapshot", "oxigraph-disk", "oxigraph-mem")}
        rep["rdflib"] = 1

        memory = ox.Store()
        load_mem = timed("pyoxigraph in-memory load", lambda: memory.bulk_load(path=str(written.quads)))
        engines: list[Any] = [Cancu(full_store)]
        snapshot = None
        if hasattr(engines[0].store, "snapshot"):
            snapshot = timed("GraphStore.snapshot()", lambda: Cancu(full_store, snapshot=True))
            engines.append(snapshot.result)
        engines += [
            Oxigraph(ox.Store.read_only(str(full_store)), "oxigraph-disk"),
            Oxigraph(memory, "oxigraph-mem"),
        ]
        rdflib_full = None
        if args.rdflib_full:
            rdflib_full = timed("rdflib load (full)", lambda: Rdflib(written.quads))
            engines.append(rdflib_full.result)
        full = _compare("full", engines, texts, rep, args.timeout)
        if extra:
            proposed = _compare(
                "full", [e for e in engines if e.label in ("cancu", "oxigraph-mem")], extra, rep, args.timeout
            )
            for name, figures in proposed.items():
                stem = name.split(":")[0]
                shipped = (full.get(stem) or proposed.get(f"{stem}:shipped") or {}).get("rows")
                if (
                    name.endswith(":proposed")
                    and None not in (shipped, figures["rows"])
                    and figures["rows"] != shipped
                ):
                    raise BenchError(f"{name} gives {figures['rows']} rows, the shipped query {shipped}")
            full.update(proposed)
        del engines
        memory = None

        part = slice_quads(written, triples // args.rdflib_slice)
        part_triples = quad_count(part)
        slice_store = cancu_store(part, written.folder)
        part_mem = ox.Store()
        part_mem.bulk_load(path=str(part))
        rdflib_part = timed("rdflib load (slice)", lambda: Rdflib(part))
        sliced = _compare(
            f"{part_triples // 1000}k",
            [Cancu(slice_store), Oxigraph(part_mem, "oxigraph-mem"), rdflib_part.result],
            texts,
            rep,
            args.timeout,
        )
        del rdflib_part, part_mem
        tool = None if args.no_tool else _tool(full_store, args.timeout)
        tool_proposed = None if args.no_tool or not extra else _tool(full_store, args.timeout, proposed=True)
    except BenchError as exc:
        fail(SCRIPT, str(exc))
        return

    result: dict[str, Any] = {
        "triples": triples,
        "synthetic": True,
        "queries": {name: origin for name, (_, origin) in texts.items()},
        "full": full,
        "slice": {"triples": part_triples, **sliced},
        "pyoxigraph_mem_load_seconds": round(load_mem.best, 2),
    }
    if snapshot:
        result["snapshot_seconds"] = round(snapshot.best, 2)
    if rdflib_full:
        result["rdflib_full_load_seconds"] = round(rdflib_full.best, 1)
    for name in texts:
        f, s = full[name], sliced[name]
        result[f"{name}_seconds"] = f["cancu"]
        result[f"{name}_overhead_vs_oxigraph_disk"] = ratio(f["cancu"], f["oxigraph-disk"])
        result[f"{name}_overhead_vs_oxigraph_mem"] = ratio(f["cancu"], f["oxigraph-mem"])
        if "cancu:cpu" in f and "oxigraph-disk:cpu" in f:
            result[f"{name}_overhead_cpu_vs_oxigraph_disk"] = ratio(f["cancu:cpu"], f["oxigraph-disk:cpu"])
        if "cancu-snapshot:cpu" in f and "oxigraph-mem:cpu" in f:
            result[f"{name}_snapshot_overhead_cpu_vs_oxigraph_mem"] = ratio(
                f["cancu-snapshot:cpu"], f["oxigraph-mem:cpu"]
            )
        result[f"{name}_speedup_vs_rdflib_slice"] = ratio(s["rdflib"], s["cancu"])
        if "rdflib" in f:
            result[f"{name}_speedup_vs_rdflib_full"] = ratio(f["rdflib"], f["cancu"])
    if tool:
        result["tool"] = tool
    if tool_proposed:
        result["tool_with_proposed_queries"] = tool_proposed
    say("")
    say(f"{'ratio':<40} {'trace_all':>12} {'coverage':>12}")
    for key in ("overhead_vs_oxigraph_disk", "overhead_vs_oxigraph_mem", "speedup_vs_rdflib_slice"):
        say(f"{key:<40} {result['trace_all_' + key]!s:>12} {result['coverage_' + key]!s:>12}")
    emit(SCRIPT, result)


def ratio(a: float | str, b: float | str) -> float | str:
    """a / b, or a statement of the bound when either side timed out (never a made-up number)."""
    if isinstance(a, str) and isinstance(b, str):
        return "both timed out"
    if isinstance(a, str):
        return f"> {float(a.split()[1]) / b:.2f}"
    if isinstance(b, str):
        return f"< {a / float(b.split()[1]):.2f}"
    return round(a / b, 2)


if __name__ == "__main__":
    main()
