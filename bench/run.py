"""Every benchmark in one go (`make bench`): corpus, extraction, build, queries, memory, server, viz, then goals.

Each step is its own process whose last stdout line is JSON; a step that exits
non-zero, prints no JSON or says ok=false makes this run exit 1 with its message,
after the other steps have run.  The last line is one JSON object: every step's
figures and each goal with its value and whether it holds.

    python bench/run.py                   # the national SYNTHETIC corpus (~1.5 M triples)
    python bench/run.py --rdflib-full     # rdflib at full size too, for the record (adds many minutes)
    python bench/run.py --quick           # a small corpus, to check the scripts end to end
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUICK = ["--plans", "400", "--provinces", "10", "--years", "2", "--text-docs", "120"]

# name, goal, comparison, where the figure lives in the step results
GOALS = (
    ("trace_all.rq on the cancu store (s)", 3.0, "<=", ("query", "trace_all_seconds")),
    ("cancu trace over every task (s)", 3.0, "<=", ("query", "tool", "trace_seconds")),
    ("coverage.rq on the cancu store (s)", 3.5, "<=", ("query", "coverage_seconds")),
    ("cancu audit of every directive (s)", 3.5, "<=", ("query", "tool", "audit_seconds")),
    ("trace_all speed-up over rdflib (×)", 10.0, ">=", ("query", "trace_all_speedup_vs_rdflib_slice")),
    ("coverage speed-up over rdflib (×)", 10.0, ">=", ("query", "coverage_speedup_vs_rdflib_slice")),
    (
        "trace_all overhead over raw pyoxigraph, same store (×)",
        1.3,
        "<=",
        ("query", "trace_all_overhead_vs_oxigraph_disk"),
    ),
    (
        "coverage overhead over raw pyoxigraph, same store (×)",
        1.3,
        "<=",
        ("query", "coverage_overhead_vs_oxigraph_disk"),
    ),
    (
        "trace_all overhead, CPU seconds, same store (×)",
        1.3,
        "<=",
        ("query", "trace_all_overhead_cpu_vs_oxigraph_disk"),
    ),
    (
        "coverage overhead, CPU seconds, same store (×)",
        1.3,
        "<=",
        ("query", "coverage_overhead_cpu_vs_oxigraph_disk"),
    ),
    ("extraction (docs/s, one core)", 500.0, ">=", ("extract", ("extract_docs_per_s", "cancu_docs_per_s"))),
    (
        "resident memory, cancu store (B/triple)",
        400.0,
        "<=",
        ("memory", "engines", "cancu-disk", "bytes_per_triple"),
    ),
    (
        "resident memory, cancu snapshot (B/triple)",
        400.0,
        "<=",
        ("memory", "engines", "cancu-snapshot", "bytes_per_triple"),
    ),
)


def _dig(results: dict[str, Any], path: tuple[str | tuple[str, ...], ...]) -> Any:
    """The figure at `path`; a tuple in the path lists alternative keys (a helper's script may rename one)."""
    node: Any = results
    for step in path:
        keys = step if isinstance(step, tuple) else (step,)
        found = next((k for k in keys if isinstance(node, dict) and k in node), None)
        if found is None:
            return None
        node = node[found]
    return node


def goal_table(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal with its measured value; a bound ("> 300 s") or a missing figure never counts as holding."""
    rows = []
    for name, target, op, path in GOALS:
        value = _dig(results, path)
        rows.append(
            {"goal": name, "target": f"{op} {target:g}", "value": value, "holds": _holds(value, op, target)}
        )
    return rows


def _holds(value: Any, op: str, target: float) -> bool:
    """A number against the target; a bound ("> 57.1" for a ratio whose baseline timed out) only when it decides."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return value <= target if op == "<=" else value >= target
    parts = str(value).split()
    if len(parts) == 2 and parts[0] in (">", "<"):  # a ratio bound; "> 120 s" is a time that ran out
        try:
            bound = float(parts[1])
        except ValueError:
            return False
        return (parts[0] == ">" and op == ">=" and bound >= target) or (
            parts[0] == "<" and op == "<=" and bound <= target
        )
    return False


def run_step(name: str, argv: list[str]) -> dict[str, Any]:
    """One bench script in its own process; its stderr streams through, its last stdout line is the result."""
    script = HERE / f"{name}.py"
    if not script.exists():
        return {"ok": False, "error": f"{script} is missing"}
    print(f"\n== {name}: python bench/{name}.py {' '.join(argv)}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(script), *argv], stdout=subprocess.PIPE, text=True, check=False, cwd=HERE.parent
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    for line in lines[:-1]:
        print(f"   {line}", file=sys.stderr)
    try:
        result = json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        result = None
    if not isinstance(result, dict):
        return {"ok": False, "error": f"bench/{name}.py exited {done.returncode} without a JSON last line"}
    if done.returncode != 0:
        result["ok"] = False
        result.setdefault("error", f"bench/{name}.py exited {done.returncode}")
    result.setdefault("ok", True)
    result["step_seconds"] = round(time.perf_counter() - start, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small SYNTHETIC corpus, to check the scripts")
    parser.add_argument("--rdflib-full", action="store_true", help="rdflib at full size as well")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds one query measurement may take")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["extract", "build", "query", "memory", "server", "viz"],
    )
    args = parser.parse_args(argv)
    size = QUICK if args.quick else []
    rdflib = ["--rdflib-full"] if args.rdflib_full else []
    steps: list[tuple[str, list[str]]] = [
        ("gen_corpus", size),
        ("extract", []),
        ("build", [*size, *(["--build-docs", "100"] if args.quick else [])]),
        ("query", [*size, *rdflib, "--timeout", str(args.timeout)]),
        ("memory", [*size, *rdflib]),
        ("server", [*size, "--timeout", str(args.timeout)]),
        ("viz", ["--nodes", "1000", "--cap", "30"] if args.quick else []),
    ]
    results: dict[str, Any] = {"load_average_start": round(os.getloadavg()[0], 2), "cores": os.cpu_count()}
    failures = []
    for name, step_args in steps:
        if name in args.skip:
            results[name] = {"ok": False, "skipped": "--skip"}
            continue
        result = run_step(name, step_args)
        results[name] = result
        if not result.get("ok"):
            failures.append(f"{name}: {result.get('error')}")
            print(f"run: step {name} FAILED: {result.get('error')}", file=sys.stderr)
    results["load_average_end"] = round(os.getloadavg()[0], 2)
    goals = goal_table(results)
    print("\ngoal" + " " * 52 + "target      value        holds", file=sys.stderr)
    for g in goals:
        print(
            f"{g['goal']:<56}{g['target']:<12}{g['value']!s:<13}{'yes' if g['holds'] else 'NO'}",
            file=sys.stderr,
        )
    for message in failures:
        print(f"run: FAILED {message}", file=sys.stderr)
    print(
        json.dumps(
            {"bench": "run", "ok": not failures, "failures": failures, "goals": goals, **results},
            ensure_ascii=False,
        )
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
