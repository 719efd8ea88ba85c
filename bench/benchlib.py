"""What every bench script shares: loud failure, one JSON line at the end, timing, the corpus and its stores.

A figure that could not be measured is an error with a message and a non-zero exit,
never a zero in the JSON.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from gen_corpus import Size, Written, ensure

OUT = Path(__file__).resolve().parent / "out"


class BenchError(RuntimeError):
    """A step that failed; the message names the step and the cause."""


def fail(script: str, message: str) -> None:
    """Print the failure on stderr and as the last JSON line, then exit non-zero."""
    print(f"{script}: FAILED: {message}", file=sys.stderr)
    print(json.dumps({"bench": script, "ok": False, "error": message}, ensure_ascii=False))
    sys.exit(1)


def emit(script: str, figures: dict[str, Any]) -> None:
    """The script's one JSON line: its figures, `ok` true."""
    print(json.dumps({"bench": script, "ok": True, **figures}, ensure_ascii=False))


def say(text: str) -> None:
    """Human-readable progress and tables go to stderr, so stdout ends with the JSON line only."""
    print(text, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Timing:
    best: float
    median: float
    runs: int
    result: Any


def timed(step: str, action: Callable[[], Any], repeat: int = 1) -> Timing:
    """Run `action` `repeat` times; any exception becomes a BenchError naming `step`."""
    seconds = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            result = action()
        except BenchError:
            raise
        except Exception as exc:
            raise BenchError(f"{step}: {type(exc).__name__}: {exc}") from exc
        seconds.append(time.perf_counter() - start)
    return Timing(min(seconds), statistics.median(seconds), repeat, result)


@dataclass(frozen=True)
class Outcome:
    """What a forked measurement gave: its timings and result, or the timeout it hit."""

    seconds: tuple[float, ...] = ()
    cpu: tuple[float, ...] = ()
    result: Any = None
    timeout: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def timed_fork(step: str, action: Callable[[], Any], repeat: int = 1, timeout: float = 600.0) -> Outcome:
    """Run `action` `repeat` times in a forked child (sharing what the parent loaded) under a time limit.

    A query engine cannot be interrupted mid-query, so the limit kills the child; the
    outcome then carries `timeout`, and the caller reports it as "> timeout s", never as a number.
    The result must be JSON-serialisable.  An exception in the child is a BenchError here.
    """
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            seconds, cpu, result = [], [], None
            for _ in range(repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                result = action()
                seconds.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            payload = {"seconds": seconds, "cpu": cpu, "result": result}
        except BaseException as exc:  # the child must always report and exit
            payload = {"error": f"{type(exc).__name__}: {exc}"}
        with os.fdopen(write_end, "w", encoding="utf-8") as out:
            json.dump(payload, out)
        os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    with os.fdopen(read_end, "rb") as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return Outcome(timeout=timeout)
            ready, _, _ = select.select([pipe], [], [], left)
            if ready:
                chunk = os.read(pipe.fileno(), 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        raise BenchError(f"{step}: the measuring process died (wait status {status})")
    payload = json.loads(b"".join(chunks))
    if "error" in payload:
        raise BenchError(f"{step}: {payload['error']}")
    return Outcome(seconds=tuple(payload["seconds"]), cpu=tuple(payload["cpu"]), result=payload["result"])


def load_average() -> float:
    """The 1-minute load average: above the core count, wall-clock figures are inflated by other work."""
    return round(os.getloadavg()[0], 2)


def rss_bytes() -> int:
    """This process's resident set size, from /proc (Linux)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise BenchError("cannot read VmRSS from /proc/self/status")


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def corpus(size: Size) -> Written:
    try:
        return ensure(size, OUT)
    except Exception as exc:
        raise BenchError(f"generating the SYNTHETIC corpus: {type(exc).__name__}: {exc}") from exc


def slice_quads(written: Written, quads: int) -> Path:
    """The first `quads` lines of the corpus, cut at a named-graph boundary (so no document is halved)."""
    if quads >= written.triples:
        return written.quads
    target = written.folder / f"SYNTHETIC-slice-{quads}.nq"
    if target.exists():
        return target
    partial = target.with_suffix(".part")
    kept = 0
    last_graph = None
    with written.quads.open(encoding="utf-8") as src, partial.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.startswith("#"):
                dst.write(line)
                continue
            graph = line.rsplit(" ", 2)[-2]
            if kept >= quads and graph != last_graph and "gazetteer" not in graph:
                break
            dst.write(line)
            kept += 1
            last_graph = graph
    os.replace(partial, target)
    return target


def quad_count(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip() and not line.startswith(b"#"))


def cancu_store(nq: Path, folder: Path) -> Path:
    """A cancu store (Oxigraph on disk, named graphs, as `cancu build` leaves it) holding `nq`, made once."""
    from cancu.queries.store import GraphStore

    path = folder / f"store-{nq.stem}"
    done = path / ".bench-loaded"
    if done.exists():
        return path
    if path.exists():
        shutil.rmtree(path)
    store = GraphStore(path)
    store.oxigraph.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.oxigraph.optimize()
    store.flush()
    del store
    done.write_text("loaded\n", encoding="utf-8")
    return path
