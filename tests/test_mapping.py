"""record_to_graph: one record → the triples of the graph contract, checked on gold readings and a golden graph."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from cancu.ingest.extract import resolve_citation, resolve_document
from cancu.ingest.record import (
    Assignment,
    Citation,
    Deadline,
    Document,
    Record,
    Reference,
    Relation,
    Signer,
    Subtask,
    Task,
)
from cancu.ontology.mapping import CC, REFERENCE_GRAPH, graph_iri, record_to_graph, reference_graph
from cancu.ontology.namespace import BRANCH, DOCTYPE, LEVEL

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "gold"
ID = Namespace("https://w3id.org/cancu/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
DCTERMS = Namespace("http://purl.org/dc/terms/")


def _known(cls: type, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def record_from_gold(name: str) -> Record:
    """A gold reading as the Record the extractor would give (gold-only keys dropped, IRIs resolved)."""
    data = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    span = lambda v: tuple(v) if v else None  # noqa: E731
    tasks = tuple(
        Task(
            **{
                **_known(Task, t),
                "lead": tuple(t.get("lead", ())),
                "support": tuple(t.get("support", ())),
                "deadline": Deadline(**_known(Deadline, t["deadline"])) if t.get("deadline") else None,
                "cites": tuple(t.get("cites", ())),
                "subtasks": tuple(
                    Subtask(**_known(Subtask, s)) if isinstance(s, dict) else Subtask(label=s, text="")
                    for s in t.get("subtasks", ())
                ),
                "span": span(t.get("span")),
                "conflicts": tuple(t.get("conflicts", ())),
            }
        )
        for t in data.get("tasks") or ()
    )
    recipients = data.get("recipients")
    return Record(
        source=f"{name}.txt",
        document=resolve_document(Document(**_known(Document, data["document"])), f"{name}.txt"),
        citations=tuple(
            resolve_citation(Citation(**{**_known(Citation, c), "span": span(c.get("span"))}))
            for c in data.get("citations") or ()
        ),
        reported_relations=tuple(
            Relation(**_known(Relation, r)) for r in data.get("reported_relations") or ()
        ),
        tasks=tasks,
        assignments=tuple(Assignment(agency=a["agency"]) for a in data.get("assignments") or ()),
        recipients=tuple(recipients.get("sample", ()))
        if isinstance(recipients, dict)
        else tuple(recipients or ()),
        signer=Signer(**_known(Signer, data["signer"])) if data.get("signer") else None,
        ocr=bool(data.get("ocr")),
        budget_total_vnd=data.get("budget_total_vnd"),
    )


GOLD_NAMES = sorted(p.stem for p in GOLD.glob("*.json"))


def test_the_five_gold_readings_are_here() -> None:
    assert len(GOLD_NAMES) == 5


@pytest.fixture(scope="module")
def graphs() -> dict[str, tuple[Record, Graph]]:
    out = {}
    for name in GOLD_NAMES:
        record = record_from_gold(name)
        out[name] = (record, record_to_graph(record))
    return out


def _label(g: Graph, node: URIRef | None) -> str | None:
    value = g.value(node, SKOS.prefLabel) if node is not None else None
    return str(value) if value is not None else None


@pytest.mark.parametrize(
    ("name", "issuer", "level", "province", "doctype"),
    [
        ("000_9ff0a3fcf80e6398", "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Kiên Giang", LEVEL.province, "Kiên Giang", DOCTYPE.KH),
        ("001_1b58e81a9744f804", "Bộ Thông tin và Truyền thông", LEVEL.central, None, DOCTYPE.CV),
        ("002_ef41f3e6a1fe77e1", "Sở Thông tin và Truyền thông tỉnh Trà Vinh", LEVEL.department, "Trà Vinh", DOCTYPE.KH),
        ("003_c1a39d2352a08f7e", "Sở Ngoại vụ tỉnh Kiên Giang", LEVEL.department, "Kiên Giang", DOCTYPE.KH),
        ("004_c14d97335b0db08d", "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Lạng Sơn", LEVEL.province, "Lạng Sơn", DOCTYPE.KH),
    ],
)  # fmt: skip
def test_the_document_node(
    graphs: dict[str, tuple[Record, Graph]],
    name: str,
    issuer: str,
    level: URIRef,
    province: str | None,
    doctype: URIRef,
) -> None:
    record, g = graphs[name]
    doc = URIRef(record.document.iri)
    assert (doc, RDF.type, CC.Document) in g, name
    assert g.value(doc, CC.ingestedFrom) == ID[f"source/{name.replace('_', '-')}-txt"], name
    assert _label(g, g.value(doc, CC.issuer)) == issuer, name
    assert g.value(doc, CC.level) == level, name
    assert g.value(doc, CC.documentType) == doctype, name
    assert _label(g, g.value(doc, CC.province)) == province, name
    if record.document.symbol:
        assert g.value(doc, CC.symbol) == Literal(record.document.symbol), name
    if record.document.date:
        assert g.value(doc, CC.year) == Literal(int(record.document.date[:4]), datatype=XSD.integer), name
    assert g.value(doc, CC.title).language == "vi", name


@pytest.mark.parametrize("name", GOLD_NAMES)
def test_every_citation_is_reified_and_materialised(
    graphs: dict[str, tuple[Record, Graph]], name: str
) -> None:
    record, g = graphs[name]
    doc = URIRef(record.document.iri)
    nodes = list(g.subjects(RDF.type, CC.Citation))
    assert len(nodes) == len(record.citations) > 0, name
    for node in nodes:
        cited = g.value(node, CC.citedDocument)
        kind = str(g.value(node, CC.citationKind))
        assert g.value(node, CC.citingDocument) == doc
        assert (doc, CC[kind], cited) in g, (name, kind)
        assert (doc, CC.cites, cited) in g, (name, kind)
        assert g.value(node, CC.clause).language == "vi"
        assert g.value(node, PROV.wasDerivedFrom) == ID[f"source/{name.replace('_', '-')}-txt"]
        assert g.value(cited, CC.symbol) is not None


@pytest.mark.parametrize(
    ("clause", "kind"),
    [("Căn cứ", CC.basedOn), ("Theo", CC.basedOn), ("Thực hiện", CC.implements), ("Triển khai", CC.implements),
     ("Quán triệt", CC.implements), ("Xét", CC.refersTo), ("body", CC.refersTo), ("căn cứ", CC.basedOn)],
)  # fmt: skip
def test_the_clause_word_decides_the_edge(clause: str, kind: URIRef) -> None:
    citation = resolve_citation(Citation(symbol="82-HD/BTGTW", clause=clause, in_preamble=clause != "body"))
    g = record_to_graph(_tiny(citations=(citation,)))
    kinds = {p for p in g.predicates(URIRef(_tiny().document.iri), URIRef(citation.iri))}
    assert kind in kinds and CC.cites in kinds, clause
    assert kinds - {kind, CC.cites} == set(), (clause, kinds)


def test_what_a_citation_says_of_the_cited_document(graphs: dict[str, tuple[Record, Graph]]) -> None:
    record, g = graphs["002_ef41f3e6a1fe77e1"]
    c = next(c for c in record.citations if c.symbol == "83/KH-UBND")
    cited = URIRef(c.iri)
    assert g.value(cited, CC.date) == Literal("2019-11-19", datatype=XSD.date)
    assert g.value(cited, CC.documentType) == DOCTYPE.KH
    assert _label(g, g.value(cited, CC.issuer)) == "Ủy ban nhân dân tỉnh Trà Vinh"
    assert _label(g, g.value(cited, CC.province)) == "Trà Vinh"
    assert g.value(cited, CC.ingestedFrom) is None  # a reference node


def test_reported_relations_record_who_asserted_them(graphs: dict[str, tuple[Record, Graph]]) -> None:
    record, g = graphs["004_c14d97335b0db08d"]
    doc = URIRef(record.document.iri)
    relations = list(g.subjects(RDF.type, CC.ReportedRelation))
    assert len(relations) == 2
    for node in relations:
        subject, obj = g.value(node, CC.subject), g.value(node, CC.object)
        assert g.value(node, CC.assertedBy) == doc
        assert (subject, CC.implements, obj) in g and (subject, CC.cites, obj) in g
    symbols = {
        (str(g.value(g.value(n, CC.subject), CC.symbol)), str(g.value(g.value(n, CC.object), CC.symbol)))
        for n in relations
    }
    assert symbols == {("89-KH/TU", "25-CT/TW"), ("90-CTr/TU", "16-NQ/TW")}


def test_tasks_with_leads_support_deadline_and_budget(graphs: dict[str, tuple[Record, Graph]]) -> None:
    record, g = graphs["002_ef41f3e6a1fe77e1"]
    tasks = {str(g.value(t, CC.label)): t for t in g.subjects(RDF.type, CC.Task)}
    assert len(tasks) == len(record.tasks)
    task = tasks["II.2"]
    assert g.value(task, CC.partOf) == URIRef(record.document.iri)
    assert g.value(task, CC.budgetVND) == Literal(200000000, datatype=XSD.integer)
    assert {_label(g, a) for a in g.objects(task, CC.lead)} == {"Sở Thông tin và Truyền thông tỉnh Trà Vinh"}
    support = {_label(g, a) for a in g.objects(task, CC.support)}
    assert {
        "Ban Tuyên giáo Tỉnh ủy Trà Vinh",
        "Văn phòng Ủy ban nhân dân tỉnh Trà Vinh",
        "Sở Công Thương tỉnh Trà Vinh",
    } <= support
    assert "Đài Phát thanh và Truyền hình Trà Vinh" in support
    deadline = g.value(task, CC.deadline)
    assert (deadline, RDF.type, TIME.Interval) in g
    assert g.value(deadline, CC.rawText) == Literal("Quý II/2020")
    assert (g.value(deadline, CC.start), g.value(deadline, CC.end)) == (
        Literal("2020-04-01", datatype=XSD.date),
        Literal("2020-06-30", datatype=XSD.date),
    )
    assert g.value(deadline, CC.ongoing) == Literal(False)


def test_a_collective_name_is_an_agency_group(graphs: dict[str, tuple[Record, Graph]]) -> None:
    _record, g = graphs["002_ef41f3e6a1fe77e1"]
    groups = {_label(g, a) for a in g.subjects(RDF.type, CC.AgencyGroup)}
    assert "các cơ quan, đơn vị có liên quan" in groups
    assert "Ủy ban nhân dân các huyện, thị xã, thành phố" in groups
    assert "Sở Thông tin và Truyền thông tỉnh Trà Vinh" not in groups


def test_duties_are_tasks_led_by_the_named_body(graphs: dict[str, tuple[Record, Graph]]) -> None:
    record, g = graphs["004_c14d97335b0db08d"]
    duties = list(g.subjects(RDF.type, CC.Duty))
    assert len(duties) == len(record.assignments) == 5
    leads = {_label(g, g.value(d, CC.lead)) for d in duties}
    assert "Ban Tuyên giáo Tỉnh ủy Lạng Sơn" in leads
    for duty in duties:
        assert (duty, RDF.type, CC.Task) in g and g.value(duty, CC.partOf) == URIRef(record.document.iri)


def test_agencies_have_level_branch_province_and_parent(graphs: dict[str, tuple[Record, Graph]]) -> None:
    _record, g = graphs["003_c1a39d2352a08f7e"]
    agency = ID["agency/so-ngoai-vu-tinh-kien-giang"]
    assert (agency, RDF.type, CC.Agency) in g
    assert g.value(agency, CC.level) == LEVEL.department
    assert g.value(agency, CC.branch) == BRANCH.state
    assert g.value(agency, CC.province) == ID["province/kien-giang"]
    assert g.value(agency, CC.issuerCode) == Literal("SNgV")
    parent = g.value(agency, ORG.subOrganizationOf)
    assert _label(g, parent) == "Ủy ban nhân dân tỉnh Kiên Giang"
    assert g.value(ID["province/kien-giang"], SKOS.prefLabel) == Literal("Kiên Giang", lang="vi")


def test_central_bodies_have_no_province(graphs: dict[str, tuple[Record, Graph]]) -> None:
    for _record, g in graphs.values():
        for agency in g.subjects(CC.level, LEVEL.central):
            if (agency, RDF.type, CC.Agency) in g:
                assert g.value(agency, CC.province) is None, agency


def test_a_document_with_a_year_in_its_number_is_a_legal_document(
    graphs: dict[str, tuple[Record, Graph]],
) -> None:
    _record, g = graphs["001_1b58e81a9744f804"]
    legal = {str(g.value(d, CC.symbol)) for d in g.subjects(RDF.type, CC.LegalDocument)}
    assert legal == {"72/2015/NĐ-CP", "22/2016/TT-BTTTT", "03/2019/TT-BTTTT"}


def _tiny(**changes: object) -> Record:
    doc = resolve_document(
        Document(symbol="23/KH-SNgV", type="Kế hoạch", issuer="Sở Ngoại vụ tỉnh Kiên Giang", level="department", branch="state",
                 province="Kiên Giang", date="2020-10-19", place="Kiên Giang", title="Công tác thông tin đối ngoại năm 2021"),
        "tiny.txt",
    )  # fmt: skip
    return replace(Record(source="tiny.txt", document=doc), **changes)


GOLDEN = """
@prefix cc: <https://w3id.org/cancu/ontology#> .
@prefix id: <https://w3id.org/cancu/id/> .
@prefix doctype: <https://w3id.org/cancu/vocab/doctype/> .
@prefix level: <https://w3id.org/cancu/vocab/level/> .
@prefix branch: <https://w3id.org/cancu/vocab/branch/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:source\\/tiny-txt a prov:Entity , cc:SourceFile ; cc:fileName "tiny.txt" ; cc:ocr false .

<{doc}> a cc:Document ;
    cc:ingestedFrom id:source\\/tiny-txt ;
    cc:symbol "23/KH-SNgV" ; cc:documentType doctype:KH ;
    cc:date "2020-10-19"^^xsd:date ; cc:year 2020 ;
    cc:issuer id:agency\\/so-ngoai-vu-tinh-kien-giang ; cc:level level:department ;
    cc:title "Công tác thông tin đối ngoại năm 2021"@vi ; cc:place "Kiên Giang" ;
    cc:province id:province\\/kien-giang ;
    cc:implements <{cited}> ;
    cc:cites <{cited}> .

id:agency\\/so-ngoai-vu-tinh-kien-giang a cc:Agency ;
    skos:prefLabel "Sở Ngoại vụ tỉnh Kiên Giang"@vi ; skos:altLabel "Sở Ngoại vụ"@vi ;
    cc:level level:department ; cc:branch branch:state ; cc:issuerCode "SNgV" ;
    cc:province id:province\\/kien-giang ;
    org:subOrganizationOf id:agency\\/uy-ban-nhan-dan-tinh-kien-giang .

id:agency\\/uy-ban-nhan-dan-tinh-kien-giang a cc:Agency ;
    skos:prefLabel "Ủy ban nhân dân tỉnh Kiên Giang"@vi ;
    cc:level level:province ; cc:branch branch:state ; cc:issuerCode "UBND" ;
    cc:province id:province\\/kien-giang .

id:province\\/kien-giang a cc:Province ; skos:prefLabel "Kiên Giang"@vi ; cc:unitType "tỉnh" ; cc:statisticalCode "91" .

<{cited}> a cc:Document ;
    cc:symbol "2905/BTTTT-TTĐN" .

<https://w3id.org/cancu/id/citation/tiny-txt/0> a cc:Citation ;
    cc:citingDocument <{doc}> ;
    cc:citedDocument <{cited}> ;
    cc:clause "Thực hiện"@vi ; cc:citationKind "implements" ; cc:inPreamble true ;
    cc:spanStart 120 ; cc:spanEnd 136 ; prov:wasDerivedFrom id:source\\/tiny-txt .

<https://w3id.org/cancu/id/task/tiny-txt/0-1> a cc:Task ;
    cc:partOf <{doc}> ;
    cc:label "1" ; cc:text "Tổ chức hội nghị"@vi ;
    cc:lead id:agency\\/so-ngoai-vu-tinh-kien-giang ;
    cc:budgetVND 50000000 ;
    cc:deadline <https://w3id.org/cancu/id/task/tiny-txt/0-1/deadline> ;
    prov:wasDerivedFrom id:source\\/tiny-txt .

<https://w3id.org/cancu/id/task/tiny-txt/0-1/deadline> a time:Interval ;
    cc:rawText "Thường xuyên" ; cc:ongoing true ; cc:recurring false .
"""


def test_golden_graph() -> None:
    citation = resolve_citation(
        Citation(symbol="2905/BTTTT-TTĐN", clause="Thực hiện", in_preamble=True, span=(120, 136))
    )
    task = Task(label="1", text="Tổ chức hội nghị", lead=("Sở Ngoại vụ",), budget_vnd=50_000_000,
                deadline=Deadline(text="Thường xuyên", ongoing=True))  # fmt: skip
    record = _tiny(citations=(citation,), tasks=(task,))
    got = record_to_graph(record)
    golden = GOLDEN.replace("{doc}", record.document.iri).replace("{cited}", citation.iri)
    want = Graph().parse(data=golden, format="turtle")
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(
            f"only in the mapping:\n{only_got.serialize(format='nt')}\nonly in the golden graph:\n{only_want.serialize(format='nt')}"
        )


@pytest.mark.parametrize(
    "record",
    [
        Record(source="empty.txt"),
        Record(source="bad-date.txt", document=Document(date="2019-13-45", issuer="   ", level="nowhere")),
        Record(source="x.txt", tasks=(Task(label="", text="", lead=("",), deadline=Deadline(text="", start="soon")),)),
        Record(source="x.txt", reported_relations=(Relation(subject="1-KH/TU", relation="loves", object="2-KH/TU"),)),
        Record(source="x.txt", references=(Reference(text="Luật Tổ chức chính quyền địa phương ngày 19/6/2015", date="2015-06-19"),)),
    ],
)  # fmt: skip
def test_bad_input_yields_a_graph_not_an_exception(record: Record) -> None:
    g = record_to_graph(record)
    assert (None, RDF.type, CC.Document) in g
    assert not list(g.subjects(CC.date, None)) or all(
        o.datatype in {XSD.date, XSD.gYearMonth} for o in g.objects(None, CC.date)
    )
    assert not list(g.subjects(RDF.type, CC.ReportedRelation))


def test_an_unnumbered_reference_is_cited_by_its_words() -> None:
    ref = Reference(text="Luật Tổ chức chính quyền địa phương ngày 19/6/2015", type="Luật", date="2015-06-19",
                    issuer="Quốc hội", clause="Căn cứ", in_preamble=True, span=(10, 60))  # fmt: skip
    g = record_to_graph(_tiny(references=(ref,)))
    node = next(g.subjects(RDF.type, CC.Citation))
    cited = g.value(node, CC.citedDocument)
    assert g.value(node, CC.citedAs) == Literal(ref.text, lang="vi")
    assert g.value(cited, CC.documentType) == DOCTYPE.Luat
    assert _label(g, g.value(cited, CC.issuer)) == "Quốc hội"
    assert (URIRef(_tiny().document.iri), CC.basedOn, cited) in g


def test_the_named_graph_of_a_source() -> None:
    assert graph_iri("004_c14d97335b0db08d.txt") == URIRef(
        "https://w3id.org/cancu/graph/004-c14d97335b0db08d-txt"
    )


def test_reference_graph_records_the_2025_merger() -> None:
    g = reference_graph()
    events = set(g.subjects(RDF.type, ORG.ChangeEvent))
    assert len(events) == 23
    assert len(set(g.subjects(RDF.type, CC.Province))) == 63 + 23
    an_giang = ID["province/2025/merger/an-giang"]
    assert set(g.objects(an_giang, ORG.originalOrganization)) == {
        ID["province/an-giang"],
        ID["province/kien-giang"],
    }
    assert g.value(an_giang, ORG.resultingOrganization) == ID["province/2025/an-giang"]
    assert g.value(an_giang, DCTERMS.date) == Literal("2025-07-01", datatype=XSD.date)
    assert not list(g.subjects(ORG.resultingOrganization, ID["province/lang-son"]))


def test_the_gold_graphs_and_the_reference_graph_conform_to_the_shapes() -> None:
    from cancu.ontology.validate import validate_graph

    data = Dataset()
    for name in GOLD_NAMES:
        graph = data.graph(graph_iri(f"{name}.txt"))
        for triple in record_to_graph(record_from_gold(name)):
            graph.add(triple)
    for triple in reference_graph():
        data.graph(REFERENCE_GRAPH).add(triple)
    violations = validate_graph(data)
    assert violations == [], [str(v) for v in violations]
