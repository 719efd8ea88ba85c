"""The ontology: every term labelled and defined in vi and en, aligned, generated files fresh, HermiT consistent."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from cancu.ontology.generate import NAMESPACES, NTRIPLES_COPY, load_source, stale_outputs
from cancu.ontology.mapping import doctype_by_code, doctype_concept
from cancu.ontology.namespace import BRANCH, CC, DOCTYPE, LEVEL

ROOT = Path(__file__).resolve().parent.parent
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
ONTO = load_source()
CC_TERMS = sorted(
    s for s in set(ONTO.subjects(RDF.type, None)) if isinstance(s, URIRef) and str(s).startswith(str(CC._NS))
)
CONCEPTS = sorted(ONTO.subjects(RDF.type, SKOS.Concept))


def _langs(subject: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in ONTO.objects(subject, prop) if isinstance(o, Literal) and o.language}


def test_the_ontology_declares_enough_terms() -> None:
    assert len(CC_TERMS) >= 90
    assert len(CONCEPTS) >= 45


@pytest.mark.parametrize("term", CC_TERMS, ids=lambda t: str(t).rsplit("#", 1)[-1])
def test_every_term_has_a_label_and_a_definition_in_vi_and_en(term: URIRef) -> None:
    assert _langs(term, RDFS.label) >= {"vi", "en"}, term
    assert _langs(term, SKOS.definition) >= {"vi", "en"}, term


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda c: str(c).split("/vocab/", 1)[-1])
def test_every_concept_has_names_a_notation_and_a_scheme(concept: URIRef) -> None:
    assert _langs(concept, SKOS.prefLabel) >= {"vi", "en"}, concept
    assert _langs(concept, SKOS.definition) >= {"vi", "en"}, concept
    assert list(ONTO.objects(concept, SKOS.notation)), concept
    scheme = ONTO.value(concept, SKOS.inScheme)
    assert scheme is not None and (scheme, RDF.type, SKOS.ConceptScheme) in ONTO, concept


@pytest.mark.parametrize(
    ("sub", "relation", "sup"),
    [
        (CC.Document, RDFS.subClassOf, ELI.Work),
        (CC.Agency, RDFS.subClassOf, ORG.Organization),
        (CC.Province, RDFS.subClassOf, ORG.Organization),
        (CC.ProvinceMerger, RDFS.subClassOf, ORG.ChangeEvent),
        (CC.Citation, RDFS.subClassOf, PROV.Entity),
        (CC.Task, RDFS.subClassOf, PROV.Entity),
        (CC.Duty, RDFS.subClassOf, CC.Task),
        (CC.AgencyGroup, RDFS.subClassOf, CC.Agency),
        (CC.LegalDocument, RDFS.subClassOf, ELI.LegalResource),
        (CC.symbol, RDFS.subPropertyOf, ELI.id_local),
        (CC.date, RDFS.subPropertyOf, ELI.date_document),
        (CC.title, RDFS.subPropertyOf, ELI.title),
        (CC.issuer, RDFS.subPropertyOf, ELI.passed_by),
        (CC.documentType, RDFS.subPropertyOf, ELI.type_document),
        (CC.basedOn, RDFS.subPropertyOf, ELI.based_on),
        (CC.refersTo, RDFS.subPropertyOf, ELI.cites),
        (CC.amends, RDFS.subPropertyOf, ELI.amends),
        (CC.basedOn, RDFS.subPropertyOf, CC.cites),
        (CC.implements, RDFS.subPropertyOf, CC.cites),
        (CC.refersTo, RDFS.subPropertyOf, CC.cites),
        (CC.guides, RDFS.subPropertyOf, CC.implements),
        (CC.amends, RDFS.subPropertyOf, CC.refersTo),
        (CC.replaces, RDFS.subPropertyOf, CC.refersTo),
        (CC.lead, RDFS.subPropertyOf, CC.assignedTo),
        (CC.support, RDFS.subPropertyOf, CC.assignedTo),
        (CC.ingestedFrom, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (CC.assertedBy, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (CC.deadline, RDFS.subPropertyOf, TIME.hasTime),
        (CC.deadline, RDFS.range, TIME.Interval),
    ],
)
def test_alignment(sub: URIRef, relation: URIRef, sup: URIRef) -> None:
    assert (sub, relation, sup) in ONTO, (sub, relation, sup)


def test_implements_reaches_eli_only_between_legal_resources() -> None:
    assert (CC.implements, RDFS.subPropertyOf, ELI.ensures_implementation_of) not in ONTO
    chain = ONTO.value(ELI.ensures_implementation_of, OWL.propertyChainAxiom)
    assert chain is not None
    assert list(ONTO.items(chain)) == [CC.asLegalResource, CC.implements, CC.asLegalResource]


def test_generated_files_are_fresh() -> None:
    assert stale_outputs() == [], "run: python -m cancu.ontology.generate"


def test_ntriples_copy_is_isomorphic_to_the_turtle() -> None:
    copy = Graph().parse(NTRIPLES_COPY, format="nt")
    if not isomorphic(copy, ONTO):
        _, only_copy, only_turtle = graph_diff(to_isomorphic(copy), to_isomorphic(ONTO))
        pytest.fail(
            f"only in cancu.nt:\n{only_copy.serialize(format='nt')}\nonly in cancu.ttl:\n{only_turtle.serialize(format='nt')}"
        )


def test_the_closed_namespaces_refuse_unknown_terms() -> None:
    assert CC.Document == URIRef("https://w3id.org/cancu/ontology#Document")
    for ns in (CC, DOCTYPE, LEVEL, BRANCH):
        with pytest.raises(AttributeError):
            ns.Documnet  # noqa: B018 - the access itself must raise
    assert set(NAMESPACES) == {"CC", "DOCTYPE", "LEVEL", "BRANCH"}


_TERM_IN_CODE = re.compile(r"""(?:\bcc:|\{CC\}|CC\s*\+\s*["']|\bCC\.)([A-Za-z][A-Za-z0-9_]*)""")


def _used_terms() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for folder in ("ingest", "queries", "viz", "ontology", "bench"):
        for path in (ROOT / folder).glob("*"):
            if path.suffix in {".py", ".rq"} and path.name != "namespace.py":
                for name in _TERM_IN_CODE.findall(path.read_text(encoding="utf-8")):
                    used.setdefault(name, set()).add(f"{folder}/{path.name}")
    return used


def test_every_term_the_code_and_queries_use_is_defined() -> None:
    used = _used_terms()
    assert len(used) >= 40, sorted(used)
    defined = {str(t).rsplit("#", 1)[-1] for t in CC_TERMS}
    missing = {name: sorted(where) for name, where in used.items() if name not in defined}
    assert not missing, missing


def _doc_type_rows() -> list[dict[str, str]]:
    with (ROOT / "data" / "doc_types.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", _doc_type_rows(), ids=lambda r: r["code"])
def test_every_doc_type_of_the_table_has_its_concept(row: dict[str, str]) -> None:
    branch = row["branch"] if row["branch"] in {"party", "state"} else None
    concept = doctype_concept(row["name"], branch)
    assert concept is not None, row
    assert row["code"] in {str(n) for n in ONTO.objects(concept, SKOS.notation)}, (row, concept)
    assert Literal(row["name"], lang="vi") in set(ONTO.objects(concept, SKOS.prefLabel)), row
    for variant in filter(None, row["variants"].split("|")):
        assert doctype_concept(variant, branch) == concept, variant


@pytest.mark.parametrize(
    ("symbol", "concept"),
    [
        ("82-HD/BTGTW", DOCTYPE.HD),
        ("06-KH/BCĐ", DOCTYPE.KH),
        ("04-TT/TW", DOCTYPE.TTri),
        ("22/2016/TT-BTTTT", DOCTYPE.TT),
        ("72/2015/NĐ-CP", DOCTYPE.ND),
        ("1486/QĐ-TTg", DOCTYPE.QD),
        ("08-QĐi/TW", DOCTYPE.QDi),
        ("389/CTr-STTTT-BĐBP", DOCTYPE.CTr),
        ("03-ĐA/TU", DOCTYPE.DDA),
        ("05/DA-UBND", DOCTYPE.DA),
        ("4422/GN-BTTTT-BTLBĐBP", DOCTYPE.GN),
        ("2905/BTTTT-TTĐN", None),
    ],
)
def test_doc_type_from_the_symbol_when_no_name_is_given(symbol: str, concept: URIRef | None) -> None:
    assert doctype_concept(None, None, symbol) == concept, symbol


def test_doc_type_collections_follow_their_sources() -> None:
    def members(group: str) -> set[URIRef]:
        return set(ONTO.objects(URIRef(f"https://w3id.org/cancu/vocab/doctype-group/{group}"), SKOS.member))

    assert {DOCTYPE.KL, DOCTYPE.QDi, DOCTYPE.TTri} <= members("party")
    assert {DOCTYPE.QyD, DOCTYPE.GN, DOCTYPE.CD, DOCTYPE.DDA, DOCTYPE.DA} <= members("state")
    assert members("normative") == {
        DOCTYPE.Luat,
        DOCTYPE.L,
        DOCTYPE.PL,
        DOCTYPE.NQ,
        DOCTYPE.ND,
        DOCTYPE.TT,
        DOCTYPE.TTLT,
        DOCTYPE.QD,
    }
    assert DOCTYPE.KL not in members("state") and DOCTYPE.QyD not in members("party")


ABOX = """
@prefix cc: <https://w3id.org/cancu/ontology#> .
@prefix level: <https://w3id.org/cancu/vocab/level/> .
@prefix ex: <https://example.org/> .
ex:decree a cc:Document , cc:LegalDocument .
ex:circular a cc:Document , cc:LegalDocument ; cc:implements ex:decree .
ex:directive a cc:Document ; cc:level level:central .
ex:plan a cc:Document ; cc:level level:province ; cc:implements ex:directive .
ex:task a cc:Task ; cc:partOf ex:plan ; cc:cites ex:directive .
"""


@pytest.fixture(scope="module")
def reasoned() -> Graph:
    """The ontology plus a few individuals, after HermiT (owlready2) has classified them."""
    import owlready2

    world = owlready2.World()
    with NTRIPLES_COPY.open("rb") as f:
        world.get_ontology("https://w3id.org/cancu/ontology").load(fileobj=f, format="ntriples")
    abox = Graph().parse(data=ABOX, format="turtle").serialize(format="nt").encode("utf-8")
    onto = world.get_ontology("https://example.org/abox").load(fileobj=io.BytesIO(abox), format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    assert list(world.inconsistent_classes()) == []
    return world.as_rdflib_graph()


@pytest.mark.parametrize(
    ("triple", "entailed"),
    [
        (("circular", ELI.ensures_implementation_of, "decree"), True),
        (("plan", ELI.ensures_implementation_of, "directive"), False),
        (("directive", RDF.type, CC.CentralDocument), True),
        (("plan", RDF.type, CC.ProvincialDocument), True),
        (("plan", RDF.type, CC.ImplementingDocument), True),
        (("task", RDF.type, CC.ProvincialTask), True),
        (("task", RDF.type, CC.CentralGuidedTask), True),
        (("decree", RDF.type, CC.CentralDocument), False),
    ],
)
def test_hermit_finds_the_ontology_consistent_and_classifies(
    reasoned: Graph, triple: tuple[str, URIRef, str | URIRef], entailed: bool
) -> None:
    ex = Namespace("https://example.org/")
    s, p, o = triple
    statement = (ex[s], p, o if isinstance(o, URIRef) else ex[o])
    assert (statement in reasoned) is entailed, statement


def test_every_term_the_readme_names_is_defined() -> None:
    text = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`cc:([A-Za-z]+)`", text))
    assert len(named) >= 40
    defined = {str(t).rsplit("#", 1)[-1] for t in CC_TERMS}
    assert named - defined == set()
    for phrase in ("Căn cứ", "Thực hiện", "Triển khai", "Quán triệt", "chủ trì", "phối hợp", "Thời gian thực hiện",
                   "Kinh phí", "Nơi nhận", "Kính gửi", "Tổ chức thực hiện".upper()):  # fmt: skip
        assert phrase in text, phrase


@pytest.mark.parametrize(
    ("code", "party_style", "concept"),
    [
        ("ĐA", False, DOCTYPE.DDA),
        ("DA", False, DOCTYPE.DA),
        ("HĐ", False, DOCTYPE.HDD),
        ("HD", False, DOCTYPE.HD),
        ("TT", False, DOCTYPE.TT),
        ("TT", True, DOCTYPE.TTri),
        ("BGN", False, DOCTYPE.GN),
        ("QyĐ", False, DOCTYPE.QyD),
        ("XYZ", False, None),
        ("", False, None),
    ],
)
def test_doc_type_by_printed_code(code: str, party_style: bool, concept: URIRef | None) -> None:
    assert doctype_by_code(code, party_style) == concept, code
