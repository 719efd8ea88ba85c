"""Check a graph against ontology/shapes.ttl and say, in plain words, what is wrong and where it came from.

pySHACL does the checking; this module picks the union of a store's named graphs,
and turns each result into a `Violation` naming the node, the problem and the
source file the node was read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SH
from rdflib.util import guess_format

from cancu.ontology.namespace import CC

QUAD_FORMATS = {"nquads", "trig"}


class NotRDF(ValueError):
    """The input could not be read as RDF; the message names the file and the parser's complaint."""


@dataclass(frozen=True)
class Violation:
    """One failed constraint: which node, what is wrong, and the file the node was read from."""

    node: str
    label: str | None
    message: str
    path: str | None
    value: str | None
    source: str | None
    severity: str

    def to_json(self) -> dict[str, str | None]:
        return {
            "node": self.node,
            "label": self.label,
            "message": self.message,
            "path": self.path,
            "value": self.value,
            "source": self.source,
            "severity": self.severity,
        }

    def __str__(self) -> str:
        where = f" [{self.source}]" if self.source else ""
        name = f" ({self.label})" if self.label else ""
        value = f" (found: {self.value})" if self.value else ""
        return f"{self.node}{name}: {self.message}{value}{where}"


@cache
def shapes_graph() -> Graph:
    text = files("cancu.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate_graph(data: Graph) -> list[Violation]:
    """Every violation of the shapes in `data` (a Graph, or the union of a Dataset's graphs)."""
    union = _union(data)
    _conforms, report, _text = shacl_validate(
        union, shacl_graph=shapes_graph(), advanced=True, allow_warnings=True
    )
    assert isinstance(report, Graph)
    found = [_violation(report, result, union) for result in report.subjects(RDF.type, SH.ValidationResult)]
    return sorted(found, key=lambda v: (v.source or "", v.node, v.message))


def validate_file(path: Path) -> list[Violation]:
    """Validate an RDF file (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD)."""
    fmt = guess_format(str(path)) or "turtle"
    try:
        if fmt in QUAD_FORMATS:
            data: Graph = Dataset()
            data.parse(path, format=fmt)
        else:
            data = Graph().parse(path, format=fmt)
    except (OSError, UnicodeDecodeError) as exc:
        raise NotRDF(f"{path}: cannot be read ({exc})") from exc
    except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many unrelated types on bad input
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise NotRDF(f"{path}: not RDF ({fmt}): {first}") from exc
    return validate_graph(data)


def store_dataset(store_path: Path) -> Dataset:
    """The store's extracted quads as an rdflib Dataset (one graph per source file).

    The identity graph is left out: it is derived by `cancu link`, and by design it
    gives an alias's citations a second, canonical cited document.
    """
    import pyoxigraph as ox

    from cancu.queries.link import IDENTITY_GRAPH
    from cancu.queries.store import GraphStore

    store = GraphStore(store_path, read_only=True)
    data = Dataset()
    for graph in store.graphs():
        if graph == IDENTITY_GRAPH:
            continue
        quads = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        data.graph(URIRef(graph)).parse(data=quads.decode("utf-8"), format="nt")
    return data


def validate_store(store_path: Path) -> list[Violation]:
    """Validate the union of the store's extracted graphs (every named graph but the derived identity links)."""
    return validate_graph(store_dataset(store_path))


def _union(data: Graph) -> Graph:
    if not isinstance(data, Dataset):
        return data
    union = Graph()
    for s, p, o, _g in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _violation(report: Graph, result: URIRef, data: Graph) -> Violation:
    node = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    messages = [str(m) for m in report.objects(result, SH.resultMessage)]
    severity = report.value(result, SH.resultSeverity)
    label = data.value(node, SKOS.prefLabel) or data.value(node, CC.symbol) or data.value(node, CC.label)
    return Violation(
        node=str(node),
        label=str(label) if label is not None else None,
        message=messages[0] if messages else "breaks a shape",
        path=data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else None,
        value=str(value) if value is not None and value != node else None,
        source=source_of(data, node),
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
    )


def source_of(data: Graph, node: object, seen: frozenset[URIRef] = frozenset()) -> str | None:
    """The file a node was read from: its own provenance, else that of the document or citation that names it."""
    if not isinstance(node, URIRef) or node in seen:
        return None
    seen = seen | {node}
    for prop in (CC.ingestedFrom, PROV.wasDerivedFrom):
        src = data.value(node, prop)
        if src is not None:
            name = data.value(src, CC.fileName)
            return str(name) if isinstance(name, Literal) else str(src)
    owners = [data.value(node, CC.partOf), data.value(node, CC.citingDocument)]
    owners += list(data.subjects(CC.citedDocument, node))
    owners += [
        s
        for s in data.subjects(None, node)
        if (s, RDF.type, CC.Document) in data or (s, RDF.type, CC.Task) in data
    ]
    for owner in owners:
        found = source_of(data, owner, seen)
        if found is not None:
            return found
    return None
