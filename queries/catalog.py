"""Catalogue import: documents known only by their metadata join the same graph as ingested texts.

A catalogue is JSON Lines or CSV in the shape ../shared/eval/CATALOG.md gives.  Each
record becomes a document node with the identity an ingested text of the same
document would get (symbol + issuer + year), so the two are one node; its relations
become the same direct edges citations make, so trace and audit follow them.  A
record that breaks the rules is reported with its line number and the rest lands.
The whole file replaces its own named graph in one transaction.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cancu.ingest.identity import BASE, document_iri, document_key, fold, slug, year_of
from cancu.ingest.patterns import doc_types
from cancu.ontology.gazetteer import find_province
from cancu.queries.link import symbol_facts
from cancu.queries.store import GraphStore

CC = "https://w3id.org/cancu/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
DCT_SOURCE = "http://purl.org/dc/terms/source"
PROV_ENTITY = "http://www.w3.org/ns/prov#Entity"
XSD = "http://www.w3.org/2001/XMLSchema#"
VOCAB = "https://w3id.org/cancu/vocab/"
CATALOGUE_GRAPHS = "https://w3id.org/cancu/graph/catalogue/"

LEVELS = ("central", "province", "department", "district", "commune")
BRANCHES = ("party", "state", "front")
RELATIONS = {
    "basedOn": ("basedOn",),
    "implements": ("implements",),
    "refersTo": ("refersTo",),
    "guides": ("guides", "implements"),
    "amends": ("amends", "refersTo"),
    "replaces": ("replaces", "refersTo"),
}
"""Each relation kind and the direct edges it materialises (cc:cites is added to all)."""

FIELDS = ("symbol", "type", "date", "issuer", "level", "branch", "province", "title", "relations", "source")


class CatalogueError(ValueError):
    """The catalogue file itself cannot be read; the message names the file."""


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass(frozen=True)
class CatalogueRecord:
    line: int
    symbol: str | None
    issuer: str
    type_code: str | None = None
    date: str | None = None
    level: str | None = None
    branch: str | None = None
    province: str | None = None
    title: str | None = None
    relations: tuple[tuple[str, str], ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class ImportReport:
    path: str
    graph: str
    imported: int
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    triples: int = 0


def _type_code(value: str) -> str | None:
    key = fold(value)
    for t in doc_types():
        if key == fold(t.code) or any(key == fold(n) for n in t.names):
            return t.code
    return None


def _date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    return value


def _relations(value: Any) -> tuple[tuple[str, str], ...]:
    """[{"relation", "object"}] from JSON, or "implements:57-NQ/TW; basedOn:71/NQ-CP" from CSV."""
    if value in (None, "", []):
        return ()
    if isinstance(value, str):
        items = []
        for part in filter(None, (p.strip() for p in value.split(";"))):
            if ":" not in part:
                raise ValueError(f"relation {part!r} is not KIND:SYMBOL")
            kind, obj = part.split(":", 1)
            items.append({"relation": kind.strip(), "object": obj.strip()})
        value = items
    if not isinstance(value, list):
        raise ValueError("relations must be a list of {relation, object}")
    out = []
    for item in value:
        if not isinstance(item, dict) or not item.get("relation") or not item.get("object"):
            raise ValueError(f"relation {item!r} needs a relation and an object")
        kind, obj = str(item["relation"]).strip(), str(item["object"]).strip()
        if kind not in RELATIONS:
            raise ValueError(f"unknown relation {kind!r} (known: {', '.join(RELATIONS)})")
        out.append((kind, obj))
    return tuple(out)


def parse_record(line: int, data: Any) -> CatalogueRecord:
    """One catalogue record, checked; ValueError says what is wrong with it."""
    if not isinstance(data, dict):
        raise ValueError("a record must be an object")
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    text = {k: (str(v).strip() if v is not None and not isinstance(v, list) else v) for k, v in data.items()}
    symbol, title, issuer = text.get("symbol") or None, text.get("title") or None, text.get("issuer") or None
    if not symbol and not title:
        raise ValueError("needs a symbol (or a title when the number is unknown)")
    if not issuer:
        raise ValueError("needs an issuer")
    type_code = None
    if text.get("type"):
        type_code = _type_code(text["type"])
        if type_code is None:
            raise ValueError(f"unknown document type {text['type']!r}")
    level = text.get("level") or None
    if level and level not in LEVELS:
        raise ValueError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    branch = text.get("branch") or None
    if branch and branch not in BRANCHES:
        raise ValueError(f"branch {branch!r} is not one of {', '.join(BRANCHES)}")
    province = None
    if text.get("province"):
        p = find_province(text["province"])
        if p is None:
            raise ValueError(f"unknown province {text['province']!r}")
        province = p.name
    return CatalogueRecord(
        line=line,
        symbol=symbol,
        issuer=issuer,
        type_code=type_code,
        date=_date(text["date"]) if text.get("date") else None,
        level=level,
        branch=branch,
        province=province,
        title=title,
        relations=_relations(data.get("relations")),
        source=text.get("source") or None,
    )


def read_catalogue(path: Path) -> Iterator[CatalogueRecord | Problem]:
    """Records and problems in file order: CSV by extension, else JSON Lines."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"{path}: not UTF-8 text") from exc
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        missing = {"symbol", "issuer"} - set(reader.fieldnames or ())
        if missing:
            raise CatalogueError(f"{path}: the CSV header lacks {', '.join(sorted(missing))}")
        for row in reader:
            line = reader.line_num
            try:
                extra = row.pop(None, None)
                if extra:
                    raise ValueError(f"{len(extra)} more cells than the header has")
                yield parse_record(line, {k: v for k, v in row.items() if v not in (None, "")})
            except ValueError as exc:
                yield Problem(line, str(exc))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(number, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield parse_record(number, data)
        except ValueError as exc:
            yield Problem(number, str(exc))


def _lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = (
        '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    )
    if lang:
        return f"{body}@{lang}"
    return f"{body}^^<{datatype}>" if datatype else body


def _iri(value: str) -> str:
    return "<" + re.sub(r'[<>"{}|^`\\\s]', lambda m: f"%{ord(m.group(0)):02X}", value) + ">"


def doctype_iri(code: str) -> str:
    """The SKOS concept of a type code, ASCII-folded (QĐ → QD), case kept (CTr)."""
    return f"{VOCAB}doctype/{code.replace('Đ', 'D').replace('đ', 'd')}"


def record_triples(record: CatalogueRecord, catalogue: str) -> list[str]:
    """N-Triples lines for one record: its document, its issuer, its province and its relations."""
    year = year_of(record.date)
    doc = _iri(document_iri(document_key(record.symbol, record.issuer, year, fallback=record.title or "")))
    agency = _iri(f"{BASE}agency/{slug(record.issuer)}")
    out = [
        f"{doc} <{RDF_TYPE}> <{CC}Document> .",
        f"{doc} <{CC}cataloguedIn> {catalogue} .",
        f"{doc} <{CC}issuer> {agency} .",
        f"{agency} <{RDF_TYPE}> <{CC}Agency> .",
        f"{agency} <{SKOS_LABEL}> {_lit(record.issuer, lang='vi')} .",
    ]
    if record.symbol:
        out.append(f"{doc} <{CC}symbol> {_lit(record.symbol)} .")
    if record.type_code:
        out.append(f"{doc} <{CC}documentType> <{doctype_iri(record.type_code)}> .")
    if record.date:
        kind = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(record.date)]
        out.append(f"{doc} <{CC}date> {_lit(record.date, datatype=XSD + kind)} .")
        out.append(f"{doc} <{CC}year> {_lit(str(year), datatype=XSD + 'integer')} .")
    if record.title:
        out.append(f"{doc} <{CC}title> {_lit(record.title, lang='vi')} .")
    if record.level:
        for node in (doc, agency):
            out.append(f"{node} <{CC}level> <{VOCAB}level/{record.level}> .")
    if record.branch:
        out.append(f"{agency} <{CC}branch> <{VOCAB}branch/{record.branch}> .")
    if record.province:
        province = _iri(f"{BASE}province/{slug(record.province)}")
        out += [
            f"{doc} <{CC}province> {province} .",
            f"{agency} <{CC}province> {province} .",
            f"{province} <{RDF_TYPE}> <{CC}Province> .",
            f"{province} <{SKOS_LABEL}> {_lit(record.province, lang='vi')} .",
        ]
    if record.source:
        is_url = re.match(r"^https?://\S+$", record.source)
        out.append(f"{doc} <{DCT_SOURCE}> {_iri(record.source) if is_url else _lit(record.source)} .")
    for kind, symbol in record.relations:
        obj = _iri(document_iri(document_key(symbol, None, None)))
        out += [f"{obj} <{RDF_TYPE}> <{CC}Document> .", f"{obj} <{CC}symbol> {_lit(symbol)} ."]
        facts = symbol_facts(symbol)
        if facts.level:
            out.append(f"{obj} <{CC}level> <{VOCAB}level/{facts.level}> .")
        if facts.type_code:
            out.append(f"{obj} <{CC}documentType> <{doctype_iri(facts.type_code)}> .")
        out += [f"{doc} <{CC}{edge}> {obj} ." for edge in (*RELATIONS[kind], "cites")]
    return out


def import_catalogue(path: Path, store: GraphStore) -> ImportReport:
    """Read the catalogue and replace its named graph with what its valid records say."""
    graph = f"{CATALOGUE_GRAPHS}{slug(path.name)}"
    catalogue = _iri(f"{BASE}source/catalogue-{slug(path.name)}")
    problems: list[Problem] = []
    lines = [
        f"{catalogue} <{RDF_TYPE}> <{PROV_ENTITY}> .",
        f"{catalogue} <{CC}fileName> {_lit(path.name)} .",
    ]
    imported = 0
    for item in read_catalogue(path):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        lines += record_triples(item, catalogue)
        imported += 1
    lines.append(f"{catalogue} <{CC}sha256> {_lit(hashlib.sha256(path.read_bytes()).hexdigest())} .")
    data = "\n".join(dict.fromkeys(lines))
    store.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {data} }} }}")
    return ImportReport(
        path=str(path),
        graph=graph,
        imported=imported,
        problems=tuple(problems),
        triples=len(dict.fromkeys(lines)),
    )
