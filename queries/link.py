"""Cross-document identity: one node per document, whichever form each text cites it in.

A document's IRI is its symbol + issuer + year, so a citation that leaves out the year
or the issuer ("Chỉ thị số 25-CT/TW") mints a node of its own.  After a build, `link`
resolves each such node to the one more complete node with the same symbol that agrees
with everything it does say, and writes the result into one named graph (the identity
graph, recomputed whole each time, so the per-file graphs stay exactly as read):

- `alias cc:resolvesTo canonical`, and every edge into the alias (and every relation out
  of it) copied onto the canonical node, so queries need only leave aliases out;
- for a document printed without a number (seed 001's guidance letter), each cited
  document it probably is: a `cc:ProbableMatch` with its score and evidence.  A
  probable match is never merged and never owl:sameAs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cancu.ingest.identity import fold, slug, symbol_key
from cancu.ingest.patterns import issuer_by_code, type_by_code
from cancu.queries.runner import EmbeddedEndpoint, load
from cancu.queries.store import GraphStore

CC = "https://w3id.org/cancu/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
IDENTITY_GRAPH = "https://w3id.org/cancu/graph/identity"
MATCH_BASE = "https://w3id.org/cancu/id/match/"
OUTGOING = ("basedOn", "implements", "refersTo", "cites", "guides", "amends", "replaces", "cataloguedIn")
"""Relations an alias carries that its canonical node must carry too (literals stay with the alias)."""

THRESHOLD = 0.6
"""A probable match scoring below this is not recorded."""

_STOP = frozenset("ve viec cua va cac nam so theo trong tren cho nhung ngay thang ban hanh".split())
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass(frozen=True)
class Node:
    iri: str
    symbol: str | None
    issuer: str | None
    issuer_label: str | None
    doctype: str | None
    year: int | None
    title: str | None
    known: bool
    ingested: bool


@dataclass(frozen=True)
class Match:
    """An unnumbered document and a cited document it probably is."""

    document: str
    candidate: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class LinkReport:
    aliases: tuple[tuple[str, str], ...]
    matches: tuple[Match, ...]


def nodes(endpoint: EmbeddedEndpoint) -> list[Node]:
    return [
        Node(
            iri=r["doc"],
            symbol=r["symbol"],
            issuer=r["issuer"],
            issuer_label=r["issuer_label"],
            doctype=r["doctype"],
            year=r["year"],
            title=r["title"],
            known=bool(r["known"]),
            ingested=bool(r["ingested"]),
        )
        for r in endpoint.select(load("identity_candidates"), {})
    ]


def _issuer_key(node: Node) -> str | None:
    if node.issuer_label:
        return fold(node.issuer_label)
    return node.issuer


def _facts(node: Node) -> dict[str, object]:
    """What a node says of itself that identity compares: issuer and year, when known."""
    return {k: v for k, v in (("issuer", _issuer_key(node)), ("year", node.year)) if v is not None}


def _refines(fuller: Node, partial: Node) -> bool:
    """True when `fuller` agrees with everything `partial` says and says more."""
    a, b = _facts(fuller), _facts(partial)
    return all(a.get(k) == v for k, v in b.items()) and len(a) > len(b)


def resolve_aliases(candidates: Iterable[Node]) -> dict[str, str]:
    """alias → canonical for every node with exactly one most complete node that refines it."""
    by_symbol: dict[str, list[Node]] = defaultdict(list)
    for n in candidates:
        if n.symbol:
            by_symbol[symbol_key(n.symbol)].append(n)
    aliases: dict[str, str] = {}
    for group in by_symbol.values():
        if len(group) < 2:
            continue
        for partial in group:
            fuller = [c for c in group if _refines(c, partial)]
            maximal = [c for c in fuller if not any(_refines(d, c) for d in fuller)]
            if len({c.iri for c in maximal}) == 1:
                aliases[partial.iri] = maximal[0].iri
    return aliases


@dataclass(frozen=True)
class SymbolFacts:
    """What a symbol's codes spell: its type code, the body its issuer code names, and that body's level."""

    type_code: str | None = None
    issuer: str | None = None
    level: str | None = None


def symbol_facts(symbol: str) -> SymbolFacts:
    """Read the codes of a symbol ("2905/BTTTT-TTĐN" → CV, Bộ Thông tin và Truyền thông, central)."""
    party = re.match(r"^\s*\d+\s*-\s*([^/]+)/([^-/\s]+)", symbol)
    state = re.match(r"^\s*\d+\s*/(?:\d{4}/)?([^-/\s]+)(?:-([^-/\s]+))?", symbol)
    types, issuers = type_by_code(), issuer_by_code()
    if party:
        code, issuer = party.group(1).strip(), party.group(2)
    elif state:
        first, second = state.group(1), state.group(2)
        code, issuer = (first, second) if first in types else ("CV", first)
    else:
        return SymbolFacts()
    body = issuers.get(issuer or "")
    if body is None or body.scope == "unit":
        return SymbolFacts(type_code=code)
    named = body.name if body.infer and body.scope == "central" else None
    return SymbolFacts(type_code=code, issuer=named, level=body.level)


def _words(text: str | None) -> set[str]:
    return {w for w in re.split(r"\W+", fold(text)) if len(w) > 1 and not w.isdigit() and w not in _STOP}


def _subject_year(titles: Iterable[str | None]) -> int | None:
    years = Counter(int(y) for t in titles if t for y in _YEAR.findall(t))
    return years.most_common(1)[0][0] if years else None


def _doctype_key(code: str | None) -> str | None:
    return slug(code) if code else None


def score_match(doc: Node, cand: Node, citing_titles: list[str]) -> Match | None:
    """How likely the unnumbered `doc` is the cited `cand`; None when a fact rules it out."""
    evidence: list[str] = []
    score = 0.0
    facts = symbol_facts(cand.symbol or "")
    cand_issuer = cand.issuer_label or facts.issuer
    if doc.issuer_label and cand_issuer:
        if fold(doc.issuer_label) != fold(cand_issuer):
            return None
        score += 0.3
        evidence.append(f"same issuer: {doc.issuer_label}")
    cand_type = cand.doctype or facts.type_code
    if doc.doctype and cand_type:
        if _doctype_key(doc.doctype) != _doctype_key(cand_type):
            return None
        score += 0.15
        evidence.append(f"same type: {doc.doctype}")
    own_year = _subject_year([doc.title])
    cand_year = _subject_year([cand.title]) or _subject_year(citing_titles)
    if own_year and cand_year:
        if own_year != cand_year:
            return None
        score += 0.3
        evidence.append(f"same subject year: {own_year}")
    if doc.year and cand.year:
        if doc.year != cand.year:
            return None
        evidence.append(f"same year: {doc.year}")
    own_words = _words(doc.title)
    other_words = _words(cand.title) or set().union(*(_words(t) for t in citing_titles))
    if own_words and other_words:
        shared = own_words & other_words
        overlap = len(shared) / min(len(own_words), len(other_words))
        score += 0.25 * overlap
        evidence.append(f"subject words shared: {len(shared)} ({', '.join(sorted(shared))})")
    if score < THRESHOLD:
        return None
    return Match(document=doc.iri, candidate=cand.iri, score=round(score, 3), evidence=tuple(evidence))


def probable_matches(candidates: list[Node], citing: dict[str, list[tuple[str, str]]]) -> list[Match]:
    """Every cited document an unnumbered ingested document probably is, best first."""
    matches = []
    for doc in candidates:
        if doc.symbol or not doc.ingested:
            continue
        cited_by_doc = {cand for cand, pairs in citing.items() if any(c == doc.iri for c, _ in pairs)}
        for cand in candidates:
            if not cand.symbol or cand.ingested or cand.iri in cited_by_doc:
                continue
            titles = [t for c, t in citing.get(cand.iri, []) if c != doc.iri]
            match = score_match(doc, cand, titles)
            if match:
                matches.append(match)
    return sorted(matches, key=lambda m: (-m.score, m.document, m.candidate))


def _literal(text: str) -> str:
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    )


def link(store: GraphStore) -> LinkReport:
    """Recompute the identity graph from everything else in the store (dropped first: it is derived)."""
    store.drop_graph(IDENTITY_GRAPH)
    endpoint = EmbeddedEndpoint(store)
    candidates = nodes(endpoint)
    aliases = resolve_aliases(candidates)
    citing: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in endpoint.select(load("citing_titles"), {}):
        citing[r["doc"]].append((r["citing"], r["title"]))
    matches = [m for m in probable_matches(candidates, citing) if m.candidate not in aliases]
    parts = []
    g = f"<{IDENTITY_GRAPH}>"
    if aliases:
        pairs = " ".join(f"(<{a}> <{c}>)" for a, c in sorted(aliases.items()))
        outgoing = " ".join(f"<{CC}{p}>" for p in OUTGOING)
        parts.append(
            f"INSERT {{ GRAPH {g} {{ ?s ?p ?canonical }} }} WHERE {{ VALUES (?alias ?canonical) {{ {pairs} }} "
            f"GRAPH ?any {{ ?s ?p ?alias }} FILTER(?p != <{CC}resolvesTo>) }}"
        )
        parts.append(
            f"INSERT {{ GRAPH {g} {{ ?canonical ?p ?o }} }} WHERE {{ VALUES (?alias ?canonical) {{ {pairs} }} "
            f"VALUES ?p {{ {outgoing} }} GRAPH ?any {{ ?alias ?p ?o }} }}"
        )
    data = [f"<{a}> <{CC}resolvesTo> <{c}> ." for a, c in sorted(aliases.items())]
    for m in matches:
        node = f"<{MATCH_BASE}{slug(m.document.rsplit('/doc/', 1)[-1])}/{slug(m.candidate.rsplit('/doc/', 1)[-1])}>"
        data += [
            f"{node} <{RDF_TYPE}> <{CC}ProbableMatch> .",
            f"{node} <{CC}matchOf> <{m.document}> .",
            f"{node} <{CC}candidate> <{m.candidate}> .",
            f'{node} <{CC}score> "{m.score}"^^<{XSD}decimal> .',
            f"{node} <{CC}evidence> {_literal('; '.join(m.evidence))} .",
        ]
    if data:
        parts.append(f"INSERT DATA {{ GRAPH {g} {{ {' '.join(data)} }} }}")
    if parts:
        store.update(" ;\n".join(parts))
    return LinkReport(aliases=tuple(sorted(aliases.items())), matches=tuple(matches))
