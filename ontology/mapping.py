"""Map one extracted record to RDF triples (the graph contract of the ontology)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cancu.ingest.identity import BASE, slug, year_of
from cancu.ingest.record import Record
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

CC = Namespace("https://w3id.org/cancu/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
VOCAB = "https://w3id.org/cancu/vocab/"
GRAPH_BASE = "https://w3id.org/cancu/graph/"

CLAUSE_KIND = {
    "căn cứ": "basedOn",
    "theo": "basedOn",
    "thực hiện": "implements",
    "triển khai": "implements",
    "quán triệt": "implements",
}


def graph_iri(source: str) -> URIRef:
    """The named graph that holds everything read from one source file."""
    return URIRef(f"{GRAPH_BASE}{slug(source)}")


def _date(value: str | None) -> Literal | None:
    if not value:
        return None
    return Literal(value, datatype=XSD.date if len(value) == 10 else XSD.gYearMonth)


def record_to_graph(record: Record, source_path: Path | None = None) -> Graph:
    """Triples for one record: its document, the documents it cites and the citations themselves."""
    g = Graph()
    src = URIRef(f"{BASE}source/{slug(record.source)}")
    g.add((src, RDF.type, PROV.Entity))
    g.add((src, CC.fileName, Literal(record.source)))
    if source_path is not None:
        g.add((src, CC.sha256, Literal(hashlib.sha256(source_path.read_bytes()).hexdigest())))
    d = record.document
    doc = URIRef(d.iri)
    g.add((doc, RDF.type, CC.Document))
    g.add((doc, CC.ingestedFrom, src))
    if d.symbol:
        g.add((doc, CC.symbol, Literal(d.symbol)))
    if d.title:
        g.add((doc, CC.title, Literal(d.title, lang="vi")))
    if (date := _date(d.date)) is not None:
        g.add((doc, CC.date, date))
        g.add((doc, CC.year, Literal(year_of(d.date))))
    if d.level:
        g.add((doc, CC.level, URIRef(f"{VOCAB}level/{d.level}")))
    for n, c in enumerate(record.citations):
        cited = URIRef(c.iri)
        g.add((cited, RDF.type, CC.Document))
        g.add((cited, CC.symbol, Literal(c.symbol)))
        if (date := _date(c.date)) is not None:
            g.add((cited, CC.date, date))
        if c.level:
            g.add((cited, CC.level, URIRef(f"{VOCAB}level/{c.level}")))
        kind = CLAUSE_KIND.get(c.clause.lower(), "refersTo") if c.in_preamble else "refersTo"
        g.add((doc, CC[kind], cited))
        g.add((doc, CC.cites, cited))
        node = URIRef(f"{BASE}citation/{slug(record.source)}/{n}")
        g.add((node, RDF.type, CC.Citation))
        g.add((node, CC.citingDocument, doc))
        g.add((node, CC.citedDocument, cited))
        g.add((node, CC.clause, Literal(c.clause, lang="vi")))
        g.add((node, CC.citationKind, Literal(kind)))
        g.add((node, CC.inPreamble, Literal(c.in_preamble)))
        if c.span:
            g.add((node, CC.spanStart, Literal(c.span[0])))
            g.add((node, CC.spanEnd, Literal(c.span[1])))
        g.add((node, PROV.wasDerivedFrom, src))
    return g
