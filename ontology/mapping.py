"""Map one extracted record to RDF triples: the graph contract of /work/notes/TERMS.md.

Every term comes from the closed namespaces generated from ontology/cancu.ttl, so a
misspelt term raises.  Citations are kept twice: reified (clause as printed, kind,
span, source) and as materialised direct edges with all their super-properties
written out, so SPARQL property paths stay simple and need no reasoner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, TIME

from cancu.ingest.identity import BASE, document_iri, document_key, fold, slug, symbol_key, year_of
from cancu.ingest.record import Assignment, Citation, Deadline, Record, Reference, Relation, Task
from cancu.ontology.agencies import AgencyRef, document_province, province_iri, resolve_agency
from cancu.ontology.gazetteer import MERGER_DATE, Province, provinces, provinces_2025
from cancu.ontology.namespace import BRANCH, CC, DOCTYPE, LEVEL

GRAPH_BASE = "https://w3id.org/cancu/graph/"
REFERENCE_GRAPH = URIRef(f"{GRAPH_BASE}reference")

# The clause word that introduces a citation decides its direct edge (TERMS.md).
CLAUSE_KIND = {
    "can cu": "basedOn",
    "theo": "basedOn",
    "thuc hien": "implements",
    "trien khai": "implements",
    "trien khai thuc hien": "implements",
    "quan triet": "implements",
}

# Each direct edge with the cc: properties above it; all of them are written.
EDGE_CLOSURE = {
    "basedOn": (CC.basedOn, CC.cites),
    "implements": (CC.implements, CC.cites),
    "guides": (CC.guides, CC.implements, CC.cites),
    "refersTo": (CC.refersTo, CC.cites),
    "amends": (CC.amends, CC.refersTo, CC.cites),
    "replaces": (CC.replaces, CC.refersTo, CC.cites),
}

_LEVELS = {"central": LEVEL.central, "province": LEVEL.province, "department": LEVEL.department}
_LEVELS |= {"district": LEVEL.district, "commune": LEVEL.commune}
_BRANCHES = {"party": BRANCH.party, "state": BRANCH.state, "front": BRANCH.front}
_NORMATIVE_NUMBER = re.compile(r"^\s*\d+\s*/\s*(?:19|20)\d{2}\s*/")
_PARTY_NUMBER = re.compile(r"^\s*\d*\s*-\s*(?P<code>[^\W\d_]+)\s*/")
_STATE_NUMBER = re.compile(r"^\s*\d*\s*/\s*(?:(?:19|20)\d{2}\s*/\s*)?(?P<code>[^\W\d_]+)\s*-")


def new_graph() -> Graph:
    """An empty graph with the contract's prefixes bound, so serialisations read as TERMS.md does."""
    g = Graph()
    for prefix, ns in (("cc", CC), ("doctype", DOCTYPE), ("level", LEVEL), ("branch", BRANCH)):
        g.bind(prefix, ns._NS)
    for prefix, ns in (("org", ORG), ("prov", PROV), ("time", TIME), ("skos", SKOS), ("dcterms", DCTERMS)):
        g.bind(prefix, ns)
    return g


def graph_iri(source: str) -> URIRef:
    """The named graph that holds everything read from one source file."""
    return URIRef(f"{GRAPH_BASE}{slug(source)}")


def source_iri(source: str) -> URIRef:
    return URIRef(f"{BASE}source/{slug(source)}")


@dataclass(frozen=True)
class _DocTypes:
    by_label: dict[tuple[str, str], URIRef]  # (folded label, "party"|"state"|"") → concept
    by_code: dict[str, URIRef]  # printed code → concept (TT: the State's Thông tư)


@cache
def _doc_types() -> _DocTypes:
    """Document-type concepts from the ontology, found by Vietnamese name or printed code."""
    from cancu.ontology.generate import load_source

    onto = load_source()
    party = {m for m in onto.objects(URIRef("https://w3id.org/cancu/vocab/doctype-group/party"), SKOS.member)}
    by_label: dict[tuple[str, str], URIRef] = {}
    by_code: dict[str, URIRef] = {}
    for concept in sorted(onto.subjects(SKOS.inScheme, URIRef("https://w3id.org/cancu/vocab/doctype"))):
        assert isinstance(concept, URIRef)
        for label in (*onto.objects(concept, SKOS.prefLabel), *onto.objects(concept, SKOS.altLabel)):
            if getattr(label, "language", None) == "vi":
                key = fold(str(label))
                by_label.setdefault((key, "party" if concept in party else "state"), concept)
                by_label.setdefault((key, ""), concept)
        for notation in onto.objects(concept, SKOS.notation):
            if concept != DOCTYPE.TTri:  # Party-style TT is Thông tri; see _type_from_symbol
                by_code.setdefault(str(notation), concept)
    return _DocTypes(by_label, by_code)


def doctype_concept(name: str | None, branch: str | None = None, symbol: str | None = None) -> URIRef | None:
    """The type concept of a document: by its Vietnamese name ("Quy định" of the Party is QĐi), else by its symbol."""
    types = _doc_types()
    if name:
        key = fold(name)
        found = types.by_label.get((key, branch or "")) or types.by_label.get((key, ""))
        if found is not None:
            return found
    return _type_from_symbol(symbol)


def doctype_by_code(code: str | None, party_style: bool = False) -> URIRef | None:
    """The concept of a printed type code (ĐA → doctype:DDA, not DA; Party-style TT → Thông tri)."""
    if not code:
        return None
    if party_style and code == "TT":
        return DOCTYPE.TTri
    return _doc_types().by_code.get(code)


def _type_from_symbol(symbol: str | None) -> URIRef | None:
    if not symbol:
        return None
    party = _PARTY_NUMBER.match(symbol)
    if party:
        return doctype_by_code(party["code"], party_style=True)
    state = _STATE_NUMBER.match(symbol)
    return doctype_by_code(state["code"]) if state else None


def _date(value: str | None) -> Literal | None:
    """An xsd:date ("2019-02-27") or xsd:gYearMonth ("2020-02"); None for anything that is not a real date."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(f"{value}-01")
            return Literal(value, datatype=XSD.gYearMonth)
    except ValueError:
        return None
    return None


class _Mapper:
    """Writes one record's triples; keeps the document's province for names printed without a place."""

    def __init__(self, record: Record, source_path: Path | None) -> None:
        self.record = record
        self.source_path = source_path
        self.g = new_graph()
        self.src = source_iri(record.source)
        self.doc = URIRef(record.document.iri or document_iri(document_key(None, None, None, record.source)))
        self.cited: dict[str, URIRef] = {}
        self.province: Province | None = None

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def graph(self) -> Graph:
        self.source()
        self.document()
        for n, citation in enumerate(self.record.citations):
            self.citation(n, citation)
        for n, reference in enumerate(self.record.references):
            self.reference(n, reference)
        for n, relation in enumerate(self.record.reported_relations):
            self.relation(n, relation)
        for n, task in enumerate(self.record.tasks):
            self.task(n, task)
        for n, assignment in enumerate(self.record.assignments):
            self.duty(n, assignment)
        return self.g

    # ------------------------------------------------------------ source and document

    def source(self) -> None:
        r = self.record
        self.add(self.src, RDF.type, PROV.Entity)
        self.add(self.src, RDF.type, CC.SourceFile)
        self.add(self.src, CC.fileName, Literal(r.source))
        self.add(self.src, CC.ocr, Literal(r.ocr))
        for warning in r.warnings:
            self.add(self.src, CC.warning, Literal(warning))
        if self.source_path is not None and self.source_path.is_file():
            digest = hashlib.sha256(self.source_path.read_bytes()).hexdigest()
            self.add(self.src, CC.sha256, Literal(digest))

    def document(self) -> None:
        d = self.record.document
        doc = self.doc
        issuer_level = d.level
        central = resolve_agency(d.issuer, None, d.level, d.branch) if d.issuer else None
        if central is not None and central.level == "central":
            issuer_level = "central"
        self.province = document_province(d.province, d.issuer, d.place, issuer_level)
        issuer = self.agency(d.issuer, d.level, d.branch)
        if issuer is not None and d.parent_issuer:
            parent = self.agency(d.parent_issuer)
            if parent is not None and parent != issuer:
                self.add(issuer, ORG.subOrganizationOf, parent)
        self.add(doc, RDF.type, CC.Document)
        self.add(doc, CC.ingestedFrom, self.src)
        self.describe(doc, d.symbol, d.type, d.date, issuer, d.level or self._level_of(issuer), d.branch)
        if d.symbol_printed and d.symbol_printed != d.symbol:
            self.add(doc, CC.printedSymbol, Literal(d.symbol_printed))
        if d.title:
            self.add(doc, CC.title, Literal(d.title, lang="vi"))
        if d.place:
            self.add(doc, CC.place, Literal(d.place))
        if self.province is not None and issuer_level != "central":
            self.add(doc, CC.province, self.province_node(self.province))
        if self.record.signer is not None:
            s = self.record.signer
            for prop, value in (
                (CC.signerName, s.name),
                (CC.signerTitle, s.title),
                (CC.signerAuthority, s.authority),
            ):
                if value:
                    self.add(doc, prop, Literal(value))
        for name in self.record.recipients:
            self.add(doc, CC.recipient, self.agency(name))
        if self.record.budget_total_vnd is not None:
            self.add(doc, CC.budgetTotalVND, Literal(self.record.budget_total_vnd, datatype=XSD.integer))

    def describe(
        self,
        node: URIRef,
        symbol: str | None,
        type_name: str | None,
        date: str | None,
        issuer: URIRef | None,
        level: str | None,
        branch: str | None,
    ) -> None:
        """What is known of a document, from its own header or from a citation of it."""
        self.add(node, RDF.type, CC.Document)
        if symbol:
            self.add(node, CC.symbol, Literal(symbol))
            if _NORMATIVE_NUMBER.match(symbol):
                self.add(node, RDF.type, CC.LegalDocument)
        self.add(node, CC.documentType, doctype_concept(type_name, branch or self._branch_of(issuer), symbol))
        if (literal := _date(date)) is not None:
            self.add(node, CC.date, literal)
            self.add(node, CC.year, Literal(year_of(date), datatype=XSD.integer))
        self.add(node, CC.issuer, issuer)
        self.add(node, CC.level, _LEVELS.get(level or ""))

    # ------------------------------------------------------------ agencies and provinces

    def agency(
        self, printed: str | None, level: str | None = None, branch: str | None = None
    ) -> URIRef | None:
        ref = resolve_agency(printed, self.province, level, branch)
        return self.agency_node(ref) if ref is not None else None

    def agency_node(self, ref: AgencyRef) -> URIRef:
        a = ref.iri
        self.add(a, RDF.type, CC.Agency)
        if ref.group:
            self.add(a, RDF.type, CC.AgencyGroup)
        self.add(a, SKOS.prefLabel, Literal(ref.label, lang="vi"))
        if fold(ref.printed) != fold(ref.label):
            self.add(a, SKOS.altLabel, Literal(ref.printed, lang="vi"))
        self.add(a, CC.level, _LEVELS.get(ref.level or ""))
        self.add(a, CC.branch, _BRANCHES.get(ref.branch or ""))
        if ref.code:
            self.add(a, CC.issuerCode, Literal(ref.code))
        if ref.province is not None:
            self.add(a, CC.province, self.province_node(ref.province))
        if ref.parent is not None:
            self.add(a, ORG.subOrganizationOf, self.agency_node(ref.parent))
        return a

    def province_node(self, province: Province) -> URIRef:
        return add_province(self.g, province)

    def _level_of(self, agency: URIRef | None) -> str | None:
        value = self.g.value(agency, CC.level) if agency is not None else None
        return str(value).rsplit("/", 1)[-1] if value is not None else None

    def _branch_of(self, agency: URIRef | None) -> str | None:
        value = self.g.value(agency, CC.branch) if agency is not None else None
        return str(value).rsplit("/", 1)[-1] if value is not None else None

    # ------------------------------------------------------------ citations and relations

    def edge(self, subject: URIRef, kind: str, obj: URIRef) -> None:
        for prop in EDGE_CLOSURE[kind]:
            self.add(subject, prop, obj)

    def provenance(self, node: URIRef, span: tuple[int, int] | None) -> None:
        self.add(node, PROV.wasDerivedFrom, self.src)
        if span:
            self.add(node, CC.spanStart, Literal(span[0], datatype=XSD.integer))
            self.add(node, CC.spanEnd, Literal(span[1], datatype=XSD.integer))

    def citation(self, n: int, c: Citation) -> None:
        issuer = self.agency(c.issuer, c.level)
        cited = URIRef(c.iri or document_iri(document_key(c.symbol, c.issuer, year_of(c.date))))
        self.cited[symbol_key(c.symbol)] = cited
        self.describe(cited, c.symbol, c.type, c.date, issuer, c.level or self._level_of(issuer), None)
        self.cited_province(cited, issuer)
        kind = CLAUSE_KIND.get(fold(c.clause), "refersTo")
        self.edge(self.doc, kind, cited)
        node = URIRef(f"{BASE}citation/{slug(self.record.source)}/{n}")
        self.reify(node, cited, c.clause, kind, c.in_preamble, c.span)
        if c.printed and c.printed != c.symbol:
            self.add(node, CC.printedSymbol, Literal(c.printed))
        if c.repaired:
            self.add(node, CC.repaired, Literal(True))

    def cited_province(self, cited: URIRef, issuer: URIRef | None) -> None:
        province = self.g.value(issuer, CC.province) if issuer is not None else None
        if isinstance(province, URIRef):
            self.add(cited, CC.province, province)

    def reify(
        self,
        node: URIRef,
        cited: URIRef,
        clause: str,
        kind: str,
        in_preamble: bool,
        span: tuple[int, int] | None,
    ) -> None:
        self.add(node, RDF.type, CC.Citation)
        self.add(node, CC.citingDocument, self.doc)
        self.add(node, CC.citedDocument, cited)
        self.add(node, CC.clause, Literal(clause, lang="vi"))
        self.add(node, CC.citationKind, Literal(kind))
        self.add(node, CC.inPreamble, Literal(bool(in_preamble)))
        self.provenance(node, span)

    def reference(self, n: int, r: Reference) -> None:
        """A document named without a number: its node is keyed by issuer, year and the words that name it."""
        issuer = self.agency(r.issuer)
        cited = URIRef(document_iri(document_key(None, r.issuer, year_of(r.date), fallback=fold(r.text))))
        self.describe(cited, None, r.type, r.date, issuer, self._level_of(issuer), None)
        self.add(cited, RDFS.label, Literal(r.text, lang="vi"))
        kind = CLAUSE_KIND.get(fold(r.clause), "refersTo")
        self.edge(self.doc, kind, cited)
        node = URIRef(f"{BASE}citation/{slug(self.record.source)}/ref-{n}")
        self.reify(node, cited, r.clause, kind, r.in_preamble, r.span)
        self.add(node, CC.citedAs, Literal(r.text, lang="vi"))

    def named(self, symbol: str) -> URIRef:
        """The node of a document a task or relation names by symbol: the one the record cites, else a new one."""
        key = symbol_key(symbol)
        if key not in self.cited:
            node = URIRef(document_iri(document_key(symbol, None, None)))
            self.cited[key] = node
            self.describe(node, symbol, None, None, None, None, None)
        return self.cited[key]

    def relation(self, n: int, rel: Relation) -> None:
        if rel.relation not in EDGE_CLOSURE:
            return
        subject, obj = self.named(rel.subject), self.named(rel.object)
        node = URIRef(f"{BASE}relation/{slug(self.record.source)}/{n}")
        self.add(node, RDF.type, CC.ReportedRelation)
        self.add(node, CC.subject, subject)
        self.add(node, CC.object, obj)
        self.add(node, CC.relation, Literal(rel.relation))
        self.add(node, CC.assertedBy, self.doc)
        self.provenance(node, rel.span)
        self.edge(subject, rel.relation, obj)

    # ------------------------------------------------------------ tasks

    def task(self, n: int, t: Task) -> None:
        node = URIRef(f"{BASE}task/{slug(self.record.source)}/{n}-{slug(t.label)}")
        self.add(node, RDF.type, CC.Task)
        self.add(node, CC.partOf, self.doc)
        self.add(node, CC.label, Literal(t.label))
        if t.text:
            self.add(node, CC.text, Literal(t.text, lang="vi"))
        self.assign(node, CC.lead, t.lead)
        self.assign(node, CC.support, t.support)
        if t.budget_vnd is not None:
            self.add(node, CC.budgetVND, Literal(t.budget_vnd, datatype=XSD.integer))
        for symbol in t.cites:
            self.add(node, CC.cites, self.named(symbol))
        for conflict in t.conflicts:
            self.add(node, CC.conflict, Literal(conflict))
        if t.deadline is not None:
            self.deadline(node, t.deadline)
        self.provenance(node, t.span)
        for m, sub in enumerate(t.subtasks):
            child = URIRef(f"{node}/{m}")
            self.add(child, RDF.type, CC.Task)
            self.add(child, CC.subtaskOf, node)
            self.add(child, CC.partOf, self.doc)
            self.add(child, CC.label, Literal(sub.label))
            if sub.text:
                self.add(child, CC.text, Literal(sub.text, lang="vi"))
            self.add(child, PROV.wasDerivedFrom, self.src)

    def assign(self, task: URIRef, prop: URIRef, names: Iterable[str]) -> None:
        for name in names:
            self.add(task, prop, self.agency(name))

    def deadline(self, task: URIRef, d: Deadline) -> None:
        interval = URIRef(f"{task}/deadline")
        self.add(task, CC.deadline, interval)
        self.add(interval, RDF.type, TIME.Interval)
        self.add(interval, CC.rawText, Literal(d.text))
        self.add(interval, CC.start, _date(d.start))
        self.add(interval, CC.end, _date(d.end))
        self.add(interval, CC.ongoing, Literal(bool(d.ongoing)))
        self.add(interval, CC.recurring, Literal(bool(d.recurring)))

    def duty(self, n: int, a: Assignment) -> None:
        """A body's duties under "Tổ chức thực hiện": one task the body leads."""
        node = URIRef(f"{BASE}task/{slug(self.record.source)}/duty-{n}")
        self.add(node, RDF.type, CC.Task)
        self.add(node, RDF.type, CC.Duty)
        self.add(node, CC.partOf, self.doc)
        self.assign(node, CC.lead, (a.agency,))
        if a.duties:
            self.add(node, CC.text, Literal("\n".join(a.duties), lang="vi"))
        for symbol in a.cites:
            self.add(node, CC.cites, self.named(symbol))
        self.provenance(node, a.span)


def add_province(g: Graph, province: Province) -> URIRef:
    """Write a province's own triples into `g` and return its node."""
    node = province_iri(province)
    g.add((node, RDF.type, CC.Province))
    g.add((node, SKOS.prefLabel, Literal(province.name, lang="vi")))
    g.add((node, CC.unitType, Literal(province.type)))
    if province.code:
        g.add((node, CC.statisticalCode, Literal(province.code)))
    return node


def record_to_graph(record: Record, source_path: Path | None = None) -> Graph:
    """Triples for one record: its document, what it cites and says, its tasks, bodies and provenance."""
    return _Mapper(record, source_path).graph()


def reference_graph() -> Graph:
    """The provinces before and after 1 July 2025 and the mergers between them (load into REFERENCE_GRAPH)."""
    g = new_graph()
    old = {p.name: add_province(g, p) for p in provinces()}
    for unit in provinces_2025():
        if len(unit.members) == 1:
            continue  # the same unit as before: no new node, no merger
        new = add_province(g, unit)
        event = URIRef(f"{BASE}province/2025/merger/{slug(unit.name)}")
        g.add((event, RDF.type, ORG.ChangeEvent))
        g.add((event, RDF.type, CC.ProvinceMerger))
        g.add((event, RDFS.label, Literal(f"Sắp xếp thành {unit.type} {unit.name}", lang="vi")))
        g.add((event, DCTERMS.date, Literal(MERGER_DATE.isoformat(), datatype=XSD.date)))
        g.add((event, ORG.resultingOrganization, new))
        for member in unit.members:
            g.add((event, ORG.originalOrganization, old[member]))
    return g


__all__ = [
    "CC",
    "REFERENCE_GRAPH",
    "doctype_by_code",
    "doctype_concept",
    "graph_iri",
    "new_graph",
    "record_to_graph",
    "reference_graph",
]
