"""How fast a 5,000-node citation graph becomes usable in headless Chromium, against pyvis baselines.

The graph is SYNTHETIC (30 central directives, plans of 63 provinces, district and
department plans under them), built through cancu.viz.graph.build_graph and drawn
three ways in the same run, each page served from loopback with every off-machine
request refused:

- cancu      `cancu viz`'s page: positions precomputed in Python, physics off
- default    pyvis with its default physics (barnesHut, 1,000 stabilisation iterations)
- tuned      pyvis with PITFALLS.md's best settings (forceAtlas2Based, smooth edges off, 200 iterations)

"Usable" is the time from navigation start until the network is drawn and still:
the first frame for cancu, the end of stabilisation for the pyvis pages.  A baseline
that has not finished --cap seconds after navigation is reported as the time it had
run and marked capped, so its ratio is a lower bound.  Also measured: one full redraw (what every pan and
zoom costs) and a click's chain highlight.  The last line is JSON.

    python bench/viz.py                 # 5,000 nodes
    python bench/viz.py --nodes 1000 --cap 30
"""

from __future__ import annotations

import argparse
import functools
import http.server
import random
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path

import networkx as nx
from benchlib import emit, fail, say
from pyvis.network import Network

from cancu.viz.graph import build_graph
from cancu.viz.render import render

SCRIPT = "viz"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Records when a pyvis page's network finishes stabilising (pyvis keeps it in a global `network`).
HOOK = """
(() => {
  let net;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return net; },
    set(v) {
      net = v;
      v.once('stabilizationIterationsDone', () => {
        v.once('afterDrawing', () => { window.cancuReadyAt = performance.now(); });
      });
    },
  });
})();
"""


def synthetic_graph(nodes: int, seed: int = 42) -> nx.DiGraph:
    """A SYNTHETIC corpus shaped like the real one; no symbol or title is a real document's."""
    rng = random.Random(seed)
    docs: list[dict] = []
    edges: list[dict] = []

    def add(symbol: str, level: str, doctype: str, year: int, province: str = "") -> str:
        iri = f"https://w3id.org/cancu/id/doc/synthetic/{len(docs)}"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        docs.append(
            {
                "doc": iri,
                "symbol": symbol,
                "level": level,
                "doctype": doctype,
                "date": f"{year}-{month:02d}-{day:02d}",
                "province": province,
                "ingested": level != "central",
                "title": f"Văn bản {symbol} (SYNTHETIC)",
            }
        )
        return iri

    def link(source: str, target: str, relation: str, reported: bool = False) -> None:
        edges.append(
            {
                "source": source,
                "target": target,
                "relation": relation,
                "stated": not reported,
                "reported": reported,
            }
        )

    central = [
        add(f"{900 + i}-{t}/TW", "central", t, rng.randint(2015, 2018))
        for i, t in enumerate(["CT", "NQ", "KL"] * 10)
    ]
    provinces = [f"Tỉnh {i:02d} (SYNTHETIC)" for i in range(63)]
    per_province = max(1, (nodes - len(central)) // (63 * 7))
    provincial = []
    for p, name in enumerate(provinces):
        for k in range(per_province):
            doc = add(f"{100 + k}-KH/TU{p:02d}", "province", "KH", rng.randint(2018, 2021), name)
            provincial.append((doc, name))
            link(doc, rng.choice(central), "implements", reported=rng.random() < 0.1)
            link(doc, rng.choice(central), "basedOn")
            link(doc, rng.choice(central), "refersTo")
    while len(docs) < nodes:
        parent, name = rng.choice(provincial)
        level = rng.choice(["district", "department"])
        doc = add(f"{len(docs)}/KH-UBND{len(docs) % 97:02d}", level, "KH", rng.randint(2019, 2022), name)
        link(doc, parent, rng.choice(["implements", "basedOn"]))
        for _ in range(rng.randint(0, 2)):
            link(doc, rng.choice(provincial)[0] if rng.random() < 0.6 else rng.choice(central), "refersTo")
    return build_graph(docs, edges)


def pyvis_page(graph: nx.DiGraph, out: Path, tuned: bool) -> None:
    """A plain pyvis page of the same graph: its defaults, or PITFALLS.md's best settings."""
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    index = {v: i for i, v in enumerate(graph)}
    for v, d in graph.nodes(data=True):
        net.add_node(index[v], label=d["label"])
    for s, t in graph.edges():
        net.add_edge(index[s], index[t])
    if tuned:
        net.force_atlas_2based()
        net.options.edges.smooth.enabled = False
        net.options.physics.stabilization = {"enabled": True, "iterations": 200}
    page = net.generate_html(notebook=False)
    page = re.sub(r"<link[^>]+bootstrap[^>]*>", "", page)
    page = re.sub(r"<script[^>]+bootstrap[^>]*>\s*</script>", "", page)
    out.write_text(page, encoding="utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def measure(browser, url: str, cap: float, hook: bool, chain_from: str | None) -> dict:
    """Load `url`; seconds until usable (or the cap), and the cost of one redraw and one highlight."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith("http://127.0.0.1"):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    if hook:
        context.add_init_script(HOOK)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    capped = False
    try:
        left = cap - (time.perf_counter() - start)
        page.wait_for_function(
            "window.cancuReadyAt !== undefined", timeout=max(left, 0.1) * 1000, polling=100
        )
        usable = page.evaluate("window.cancuReadyAt") / 1000
    except Exception as exc:  # Playwright's TimeoutError: the page did not settle within the cap
        if "Timeout" not in type(exc).__name__:
            raise
        usable, capped = time.perf_counter() - start, True
    result = {"usable_s": round(usable, 2), "capped": capped, "frame_ms": None}
    if not capped:  # a page still simulating has no steady frame to time
        frames = page.evaluate(
            """() => { const n = window.cancu ? cancu.network : window.network; const t = [];
            for (let i = 0; i < 5; i++) { const a = performance.now(); n.redraw(); t.push(performance.now() - a); }
            return t; }"""
        )
        result["frame_ms"] = round(statistics.median(frames), 1)
    if chain_from is not None:
        result["highlight_ms"] = round(
            page.evaluate(
                """(symbol) => { const id = cancu.idsOf(symbol)[0]; const a = performance.now();
                cancu.highlight(id); cancu.network.redraw(); return performance.now() - a; }""",
                chain_from,
            ),
            1,
        )
        result["lit"] = page.evaluate("cancu.highlighted().nodes.length")
    context.close()
    if errors or refused:
        raise RuntimeError(f"{url}: page errors {errors[:2]} or off-machine requests {refused[:2]}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument(
        "--cap", type=float, default=60.0, help="seconds a baseline may take before it is capped"
    )
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        fail(SCRIPT, f"{CHROMIUM} is missing: install Debian's chromium (make system-deps)")
    from playwright.sync_api import sync_playwright

    graph = synthetic_graph(args.nodes)
    say(f"SYNTHETIC graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    folder = Path(tempfile.mkdtemp(prefix="cancu-bench-viz-"))
    start = time.perf_counter()
    render(graph, folder / "cancu.html")
    render_s = time.perf_counter() - start
    say(
        f"cancu page rendered in Python in {render_s:.2f} s ({(folder / 'cancu.html').stat().st_size >> 10} KiB)"
    )
    pyvis_page(graph, folder / "default.html", tuned=False)
    pyvis_page(graph, folder / "tuned.html", tuned=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    chain_from = graph.nodes[next(v for v, d in graph.nodes(data=True) if d["level"] == "district")]["label"]
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, hook in (("cancu", False), ("tuned", True), ("default", True)):
                results[name] = measure(
                    browser, f"{base}/{name}.html", args.cap, hook, chain_from if name == "cancu" else None
                )
                say(f"{name:8} {results[name]}")
            browser.close()
    except Exception as exc:  # any failure is reported as the last JSON line
        fail(SCRIPT, f"{type(exc).__name__}: {exc}")
    finally:
        server.shutdown()
    ours = results["cancu"]["usable_s"]
    for name in ("default", "tuned"):
        bound = "≥" if results[name]["capped"] else ""
        say(f"cancu vs pyvis {name}: {bound}{results[name]['usable_s'] / ours:.1f}× faster to usable")
    emit(
        SCRIPT,
        {
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "render_python_s": round(render_s, 2),
            "usable_s": ours,
            "frame_ms": results["cancu"]["frame_ms"],
            "highlight_ms": results["cancu"]["highlight_ms"],
            "baseline_default_s": results["default"]["usable_s"],
            "baseline_default_capped": results["default"]["capped"],
            "baseline_tuned_s": results["tuned"]["usable_s"],
            "baseline_tuned_capped": results["tuned"]["capped"],
            "ratio_vs_default": round(results["default"]["usable_s"] / ours, 1),
            "ratio_vs_tuned": round(results["tuned"]["usable_s"] / ours, 1),
            "frame_ms_default": results["default"]["frame_ms"],
            "frame_ms_tuned": results["tuned"]["frame_ms"],
        },
    )


if __name__ == "__main__":
    main()
