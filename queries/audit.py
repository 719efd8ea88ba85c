"""Audit: which provinces a directive reached, through which documents and tasks.

The provinces it was addressed to come from its own recipients when its text was
ingested, otherwise every province of its period.  A province implements it when one
of its documents reaches it up a basedOn/implements chain, or one of their tasks names
a document that does.  `as_of` on or after 1 July 2025 rolls the 63 old provinces up
into the 34 new ones.  The closure is networkx over chain_edges.rq (as in trace);
coverage.rq is the same answer in SPARQL, and a test keeps the two in agreement.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import networkx as nx

from cancu.ingest.identity import fold, symbol_key
from cancu.ontology.gazetteer import MERGER_DATE, find_province, merged_into, provinces, provinces_2025
from cancu.queries.runner import Endpoint, QueryError, load
from cancu.queries.trace import Corpus, NoSuchDocument, closest, load_corpus


@dataclass(frozen=True)
class ProvinceCoverage:
    province: str
    documents: tuple[dict, ...]
    tasks: tuple[dict, ...]


@dataclass(frozen=True)
class AuditReport:
    directive: dict
    addressed: tuple[str, ...]
    implemented_by: tuple[ProvinceCoverage, ...]
    not_implemented: tuple[str, ...]
    coverage: float
    as_of: str | None = None

    def to_json(self) -> dict:
        return {
            "directive": self.directive,
            "addressed": list(self.addressed),
            "implemented_by": [
                {"province": p.province, "documents": list(p.documents), "tasks": list(p.tasks)}
                for p in self.implemented_by
            ],
            "not_implemented": list(self.not_implemented),
            "coverage": self.coverage,
        }


def find_directive(corpus: Corpus, target: str) -> str:
    """The one document node TARGET (an IRI or a symbol in any printed form) names."""
    if target in corpus.documents:
        return target
    key = symbol_key(target)
    found = [iri for iri, d in corpus.documents.items() if d.get("symbol") and symbol_key(d["symbol"]) == key]
    central = [iri for iri in found if corpus.is_central(iri)]
    found = central or found
    if not found:
        raise NoSuchDocument(f"no such document: {target}{closest(corpus, target)}")
    if len(found) > 1:
        raise QueryError(f"{target} names {len(found)} documents; pass one IRI: {', '.join(sorted(found))}")
    return found[0]


def _day(as_of: str | dt.date | None) -> dt.date | None:
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of)
    except ValueError as exc:
        raise QueryError(f"--as-of {as_of!r}: expected YYYY-MM-DD") from exc


def province_name(label: str | None, as_of: dt.date | None) -> str | None:
    """The canonical province a printed label denotes, rolled up to the unit governing it on `as_of`."""
    if not label:
        return None
    p = find_province(label)
    if p is None:
        return label
    return merged_into(p, as_of).name if as_of else p.name


def _period(corpus: Corpus, directive: str, as_of: dt.date | None) -> set[str]:
    """Every province of the directive's period (the 34 from 1 July 2025, the 63 before)."""
    date = corpus.documents.get(directive, {}).get("date") or ""
    modern = len(date) >= 7 and date[:7] >= MERGER_DATE.isoformat()[:7]
    units = provinces_2025() if modern else provinces()
    return {merged_into(p, as_of).name if as_of else p.name for p in units}


def addressed(endpoint: Endpoint, corpus: Corpus, directive: str, as_of: dt.date | None) -> set[str]:
    """The provinces of the directive's recipients, or every province of its period."""
    if not corpus.is_known(directive):
        return _period(corpus, directive, as_of)
    rows = list(endpoint.select(load("recipients"), {"doc": directive}))
    named = {province_name(r["province"], as_of) for r in rows if r["province"]}
    collective = any(not r["province"] and "cac tinh" in fold(r["name"] or "") for r in rows)
    return _period(corpus, directive, as_of) if collective or not named else {n for n in named if n}


def audit(
    endpoint: Endpoint, target: str, as_of: str | dt.date | None = None, corpus: Corpus | None = None
) -> AuditReport:
    """Coverage of one directive by province."""
    day = _day(as_of)
    corpus = corpus or load_corpus(endpoint)
    directive = find_directive(corpus, target)
    above = nx.ancestors(corpus.graph, directive) if directive in corpus.graph else set()
    reaching = above | {directive}
    plan_level = frozenset(d for d in above if corpus.is_known(d))
    docs = set(plan_level)
    tasks: set[str] = set()
    for d in plan_level:
        tasks.update(corpus.tasks_by_doc.get(d, ()))
    for c in reaching:
        tasks.update(corpus.tasks_citing.get(c, ()))
    docs.update(corpus.tasks[t]["doc"] for t in tasks)
    by_province: dict[str, tuple[set[str], set[str]]] = {}
    for d in docs:
        name = province_name(corpus.documents.get(d, {}).get("province"), day)
        if name:
            by_province.setdefault(name, (set(), set()))[0].add(d)
    for t in tasks:
        name = province_name(corpus.documents.get(corpus.tasks[t]["doc"], {}).get("province"), day)
        if name:
            by_province[name][1].add(t)
    wanted = addressed(endpoint, corpus, directive, day)
    implemented = tuple(
        ProvinceCoverage(
            province=name,
            documents=tuple(
                sorted(
                    (
                        {"symbol": corpus.label(d), "iri": d, "title": corpus.documents[d].get("title")}
                        for d in ds
                    ),
                    key=lambda x: (x["symbol"], x["iri"]),
                )
            ),
            tasks=tuple(
                sorted(
                    (
                        {
                            "iri": t,
                            "label": corpus.tasks[t].get("label"),
                            "document": corpus.label(corpus.tasks[t]["doc"]),
                        }
                        for t in ts
                    ),
                    key=lambda x: (x["document"], x["label"] or "", x["iri"]),
                )
            ),
        )
        for name, (ds, ts) in sorted(by_province.items())
    )
    done = set(by_province) & wanted
    doc = corpus.documents[directive]
    return AuditReport(
        directive={
            "symbol": corpus.label(directive),
            "iri": directive,
            "title": doc.get("title"),
            "date": doc.get("date"),
        },
        addressed=tuple(sorted(wanted)),
        implemented_by=implemented,
        not_implemented=tuple(sorted(wanted - done)),
        coverage=round(len(done) / len(wanted), 4) if wanted else 0.0,
        as_of=day.isoformat() if day else None,
    )


def coverage(
    endpoint: Endpoint, corpus: Corpus | None = None, as_of: str | dt.date | None = None
) -> list[dict]:
    """For every central document and province: how many documents and tasks reach it (coverage.rq's rows)."""
    day = _day(as_of)
    corpus = corpus or load_corpus(endpoint)
    graph = corpus.graph
    memo: dict[str, frozenset[str]] = {}

    def centrals_above(start: str, itself: bool) -> frozenset[str]:
        if start not in memo:
            below = nx.descendants(graph, start) if start in graph else set()
            memo[start] = frozenset(c for c in below if corpus.is_central(c))
        return memo[start] | {start} if itself and corpus.is_central(start) else memo[start]

    tasks_of: dict[str, list[str]] = {}
    for iri, task in corpus.tasks.items():
        tasks_of.setdefault(task["doc"], []).append(iri)
    docs: dict[tuple[str, str], set[str]] = {}
    tasks: dict[tuple[str, str], set[str]] = {}
    for doc in corpus.documents:
        if not corpus.is_known(doc):
            continue
        province = province_name(corpus.documents[doc].get("province"), day)
        if not province:
            continue
        for central in centrals_above(doc, itself=False):
            docs.setdefault((central, province), set()).add(doc)
            tasks.setdefault((central, province), set()).update(tasks_of.get(doc, ()))
        for task in tasks_of.get(doc, ()):
            for cited in corpus.task_cites.get(task, ()):
                for central in centrals_above(cited, itself=True):
                    docs.setdefault((central, province), set()).add(doc)
                    tasks.setdefault((central, province), set()).add(task)
    return [
        {
            "directive": central,
            "symbol": corpus.label(central),
            "province": province,
            "documents": len(found),
            "tasks": len(tasks.get((central, province), ())),
        }
        for (central, province), found in sorted(
            docs.items(), key=lambda kv: (corpus.label(kv[0][0]), kv[0][1])
        )
    ]


def table_rows(report: AuditReport) -> list[dict]:
    """One row per addressed or implementing province, implementing ones first."""
    rows = [
        {
            "province": p.province,
            "implemented": "yes",
            "documents": [d["symbol"] for d in p.documents],
            "tasks": len(p.tasks),
        }
        for p in report.implemented_by
    ]
    rows += [
        {"province": name, "implemented": "no", "documents": [], "tasks": 0}
        for name in report.not_implemented
    ]
    return rows


def summary(report: AuditReport) -> str:
    done = len(report.addressed) - len(report.not_implemented)
    as_of = f", provinces as of {report.as_of}" if report.as_of else ""
    return (
        f"{report.directive['symbol']}: implemented in {done} of {len(report.addressed)} addressed provinces "
        f"({report.coverage:.1%}){as_of}"
    )


def render_html(report: AuditReport) -> str:
    """A self-contained page (no external requests): the summary, a bar chart and the table, all escaped."""
    e = html.escape
    rows = table_rows(report)
    bar_h, width = 22, 640
    most = max([r["tasks"] for r in rows] + [len(r["documents"]) for r in rows] + [1])
    bars = []
    implemented = [r for r in rows if r["implemented"] == "yes"]
    for i, r in enumerate(implemented):
        y = i * bar_h
        w_tasks = int((width - 260) * r["tasks"] / most)
        w_docs = int((width - 260) * len(r["documents"]) / most)
        bars.append(
            f'<text x="0" y="{y + 15}">{e(r["province"])}</text>'
            f'<rect x="160" y="{y + 3}" width="{w_docs}" height="8" fill="#2b6cb0"><title>documents: {len(r["documents"])}</title></rect>'
            f'<rect x="160" y="{y + 11}" width="{w_tasks}" height="8" fill="#dd6b20"><title>tasks: {r["tasks"]}</title></rect>'
            f'<text x="{170 + max(w_docs, w_tasks)}" y="{y + 15}">{len(r["documents"])} doc, {r["tasks"]} tasks</text>'
        )
    done = len(report.addressed) - len(report.not_implemented)
    cov_w = int(width * report.coverage)
    chart_h = max(bar_h * len(implemented), bar_h)
    table = "".join(
        f"<tr class='{e(r['implemented'])}'><td>{e(r['province'])}</td><td>{e(r['implemented'])}</td>"
        f"<td>{e(', '.join(r['documents']))}</td><td>{r['tasks']}</td></tr>"
        for r in rows
    )
    title = report.directive.get("title") or ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>cancu audit: {e(report.directive["symbol"])}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #1a202c; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #cbd5e0; padding: 4px 8px; text-align: left; }}
tr.no td {{ color: #a0aec0; }}
svg text {{ font-size: 12px; }}
</style></head><body>
<h1>{e(report.directive["symbol"])}</h1>
<p>{e(title)}</p>
<p id="summary">{e(summary(report))}</p>
<svg id="coverage" width="{width}" height="24" role="img" aria-label="coverage {report.coverage:.1%}">
<rect x="0" y="0" width="{width}" height="20" fill="#e2e8f0"/>
<rect x="0" y="0" width="{cov_w}" height="20" fill="#38a169"/>
<text x="6" y="15">{done} / {len(report.addressed)}</text></svg>
<h2>Implementing provinces</h2>
<svg id="chart" width="{width}" height="{chart_h}" role="img" aria-label="documents and tasks per province">{"".join(bars)}</svg>
<h2>Provinces</h2>
<table><thead><tr><th>province</th><th>implemented</th><th>documents</th><th>tasks</th></tr></thead>
<tbody>{table}</tbody></table>
</body></html>
"""
