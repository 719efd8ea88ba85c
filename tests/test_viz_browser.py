"""The page in a real browser: Debian's headless Chromium driven by Playwright, served from loopback.

Every request the page makes is observed; anything not on 127.0.0.1 is recorded and refused.
Screenshots are kept under tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import networkx as nx
import pytest

from cancu.queries.runner import EmbeddedEndpoint
from cancu.queries.store import GraphStore
from cancu.viz.graph import build_graph, citation_graph
from cancu.viz.render import render

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> see href="javascript:alert(1)"'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make system-deps)"
    ),
]


def hand_graph() -> nx.DiGraph:
    """District → provincial → central chains, a reported relation, a broken chain and a hostile title."""
    docs = [
        ("25-CT/TW", "central", "CT", "", False, ""),
        ("82-HD/BTGTW", "central", "HD", "", False, ""),
        ("2905/BTTTT-TTĐN", "central", "CV", "2020-09-01", False, ""),
        ("16-KL/TW", "central", "KL", "", False, ""),
        ("89-KH/TU", "province", "KH", "2018-05-02", True, "Lạng Sơn"),
        ("06-KH/BCĐ", "province", "KH", "2019-02-27", True, "Lạng Sơn"),
        ("4884/VP-KGVX", "province", "CV", "", False, "Trà Vinh"),
        ("23/KH-SNgV", "department", "KH", "2020-10-19", True, "Trà Vinh"),
        ("12/KH-UBND", "district", "KH", "2019-06-01", True, "Lạng Sơn"),
    ]
    rows = [
        {
            "doc": f"d:{symbol}",
            "symbol": symbol,
            "level": level,
            "doctype": doctype,
            "date": date,
            "ingested": ingested,
            "province": province,
            "title": XSS if symbol == "12/KH-UBND" else f"Văn bản {symbol}",
            "issuer_label": "Ban Chỉ đạo" if ingested else "",
        }
        for symbol, level, doctype, date, ingested, province in docs
    ]
    edges = [
        ("89-KH/TU", "25-CT/TW", "implements", False, True),
        ("06-KH/BCĐ", "89-KH/TU", "implements", True, False),
        ("06-KH/BCĐ", "82-HD/BTGTW", "implements", True, False),
        ("06-KH/BCĐ", "16-KL/TW", "refersTo", True, False),
        ("12/KH-UBND", "06-KH/BCĐ", "basedOn", True, False),
        ("23/KH-SNgV", "2905/BTTTT-TTĐN", "basedOn", True, False),
        ("23/KH-SNgV", "4884/VP-KGVX", "implements", True, False),
    ]
    return build_graph(
        rows,
        [
            {"source": f"d:{s}", "target": f"d:{t}", "relation": r, "stated": st, "reported": rp}
            for s, t, r, st, rp in edges
        ],
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served on loopback: write pages into it, open them at the URL."""
    root = tmp_path_factory.mktemp("pages")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Visit:
    """One page load with its console errors and every request it made."""

    def __init__(self, browser, url: str) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=30_000)

    def _route(self, route) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def node_on_screen(self, symbol: str) -> tuple[float, float]:
        return tuple(
            self.js(
                """(symbol) => {
                const id = cancu.idsOf(symbol)[0];
                const p = cancu.network.canvasToDOM(cancu.network.getPositions([id])[id]);
                const box = document.getElementById('mynetwork').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
                symbol,
            )
        )

    def brightness(self, symbol: str) -> int:
        """r + g + b of the canvas pixel at a node's centre, as drawn now."""
        x, y = self.node_on_screen(symbol)
        return self.js(
            """([x, y]) => {
                const canvas = document.querySelector('#mynetwork canvas');
                const box = canvas.getBoundingClientRect();
                const k = canvas.width / box.width;
                const [r, g, b] = canvas.getContext('2d').getImageData((x - box.left) * k, (y - box.top) * k, 1, 1).data;
                return r + g + b;
            }""",
            [x, y],
        )

    def close(self) -> None:
        self.context.close()


def open_page(browser, served, graph: nx.DiGraph, name: str, **kw) -> Visit:
    root, base = served
    render(graph, root / name, **kw)
    return Visit(browser, f"{base}/{name}")


@pytest.fixture()
def hand(browser, served) -> Iterator[Visit]:
    visit = open_page(browser, served, hand_graph(), "hand.html")
    yield visit
    visit.close()


def test_no_console_error_no_request_off_the_machine_and_counts_match(hand: Visit) -> None:
    graph = hand_graph()
    counts = hand.js("cancu.counts()")
    assert (counts["nodes"], counts["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert hand.errors == [] and hand.refused == []
    assert all(urlparse(u).hostname == "127.0.0.1" for u in hand.requests), hand.requests
    assert len(hand.requests) == 1, "one page, everything inline"
    ARTIFACTS.mkdir(exist_ok=True)
    hand.page.screenshot(path=str(ARTIFACTS / "viz-hand.png"))


def symbols(visit: Visit, ids: list[int]) -> set[str]:
    return set(visit.js("(ids) => ids.map((i) => cancu.network.body.data.nodes.get(i).label)", ids))


def test_clicking_a_provincial_plan_highlights_its_chain(hand: Visit) -> None:
    before, on_chain = hand.brightness("23/KH-SNgV"), hand.brightness("89-KH/TU")
    hand.page.mouse.click(*hand.node_on_screen("06-KH/BCĐ"))
    lit = hand.js("cancu.highlighted()")
    assert symbols(hand, lit["nodes"]) == {"06-KH/BCĐ", "89-KH/TU", "25-CT/TW", "82-HD/BTGTW"}
    assert symbols(hand, lit["tops"]) == {"25-CT/TW", "82-HD/BTGTW"}
    assert len(lit["edges"]) == 3, "the two implements edges and the reported one, not the mention"
    info = hand.page.inner_text("#cancu-info")
    assert "06-KH/BCĐ → 89-KH/TU → 25-CT/TW" in info
    assert hand.brightness("23/KH-SNgV") > before + 150, "documents off the chain are veiled"
    assert abs(hand.brightness("89-KH/TU") - on_chain) < 30, "documents on the chain are drawn as they were"
    ARTIFACTS.mkdir(exist_ok=True)
    hand.page.screenshot(path=str(ARTIFACTS / "viz-chain.png"))
    hand.page.mouse.click(*hand.node_on_screen("23/KH-SNgV"))
    assert "Chain breaks at 4884/VP-KGVX (not ingested)" in hand.page.inner_text("#cancu-info")
    assert hand.errors == []


def test_a_script_in_a_title_renders_as_text(hand: Visit) -> None:
    hand.page.mouse.move(*hand.node_on_screen("12/KH-UBND"))
    hand.page.wait_for_selector("#cancu-card:not([hidden])", timeout=5_000)
    card = hand.page.locator("#cancu-card")
    assert XSS in card.inner_text()
    assert card.locator("script, img").count() == 0
    hand.page.mouse.click(*hand.node_on_screen("12/KH-UBND"))
    assert XSS in hand.page.inner_text("#cancu-info")
    assert hand.js("window.__xss") is None and hand.errors == []


def test_search_filters_and_time_layout(hand: Visit) -> None:
    hand.page.fill("#cancu-search", "06-kh/bcd")
    hand.page.press("#cancu-search", "Enter")
    assert symbols(hand, hand.js("cancu.highlighted()")["tops"]) == {"25-CT/TW", "82-HD/BTGTW"}
    hand.page.fill("#cancu-search", "99-XX/ZZ")
    hand.page.press("#cancu-search", "Enter")
    assert "No document matches" in hand.page.inner_text("#cancu-search-status")
    hand.page.locator("[data-facet=level] input[value=central]").uncheck()
    assert hand.js("cancu.network.body.data.nodes.get({filter: (n) => n.hidden}).length") == 4
    assert "showing 5 of 9" in hand.page.inner_text("#cancu-summary")
    hand.page.fill("#cancu-year-from", "2020")
    hand.page.dispatch_event("#cancu-year-from", "change")
    hand.page.locator("#cancu-year-undated").uncheck()
    assert symbols(hand, hand.js("cancu.network.body.data.nodes.getIds({filter: (n) => !n.hidden})")) == {
        "23/KH-SNgV"
    }
    hand.js("cancu.resetFilters()")
    assert hand.js("cancu.hiddenCount()") == 0
    before = hand.js("cancu.network.getPositions()")
    hand.page.select_option("#cancu-layout", "time")
    after = hand.js("cancu.network.getPositions()")
    assert before != after
    dated = {
        s: after[str(hand.js(f"cancu.idsOf('{s}')[0]"))]["x"] for s in ("89-KH/TU", "06-KH/BCĐ", "23/KH-SNgV")
    }
    assert dated["89-KH/TU"] < dated["06-KH/BCĐ"] < dated["23/KH-SNgV"], "x follows the date"
    assert hand.errors == []


def test_empty_graph_page_says_so(browser, served) -> None:
    visit = open_page(browser, served, nx.DiGraph(), "empty.html")
    assert "store holds no documents" in visit.page.inner_text("#cancu-empty")
    assert visit.js("cancu.counts()")["nodes"] == 0
    assert visit.errors == [] and visit.refused == []
    visit.close()


def test_seed_graph_in_the_browser(browser, served, seed_store: Path) -> None:
    graph = citation_graph(EmbeddedEndpoint(GraphStore(seed_store, read_only=True)))
    visit = open_page(browser, served, graph, "seeds.html")
    counts = visit.js("cancu.counts()")
    assert (counts["nodes"], counts["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert visit.errors == [] and visit.refused == []
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "seed-graph.png"))
    visit.close()


def large_graph(plans: int) -> nx.DiGraph:
    """Central directives, provincial plans under them, district plans under those, with body mentions."""
    docs, edges = [], []

    def add(symbol: str, level: str) -> str:
        docs.append(
            {"doc": f"d:{symbol}", "symbol": symbol, "level": level, "doctype": "KH", "ingested": True}
        )
        return f"d:{symbol}"

    central = [add(f"{i}-CT/TW", "central") for i in range(10)]
    provincial = [add(f"{i}-KH/TU", "province") for i in range(plans // 10)]
    for i, p in enumerate(provincial):
        edges.append({"source": p, "target": central[i % 10], "relation": "implements"})
    for i in range(plans):
        d = add(f"{i}/KH-UBND", "district")
        edges.append({"source": d, "target": provincial[i % len(provincial)], "relation": "basedOn"})
        edges.append({"source": d, "target": central[(i + 3) % 10], "relation": "refersTo"})
    return build_graph(docs, [dict(e, stated=True) for e in edges])


def test_a_large_graph_starts_still_plain_and_lights_chains(browser, served) -> None:
    graph = large_graph(1600)
    visit = open_page(browser, served, graph, "large.html")
    counts = visit.js("cancu.counts()")
    assert (counts["nodes"], counts["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    hidden = visit.js("cancu.network.body.data.edges.get({filter: (e) => e.hidden}).length")
    assert hidden == 1600, "body mentions start hidden"
    assert not visit.page.locator("[data-facet=kind] input[value=refersTo]").is_checked()
    assert visit.js("cancu.network.physics.options.enabled") is False
    visit.js("cancu.search('7/KH-UBND')")
    assert symbols(visit, visit.js("cancu.highlighted()")["nodes"]) == {"7/KH-UBND", "7-KH/TU", "7-CT/TW"}
    visit.page.locator("[data-facet=kind] input[value=refersTo]").check()
    assert visit.js("cancu.network.body.data.edges.get({filter: (e) => e.hidden}).length") == 0
    assert visit.errors == [] and visit.refused == []
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "viz-large.png"))
    visit.close()
