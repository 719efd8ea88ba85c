"""Printed agency names → one node per body: the gazetteer decides who "Sở Ngoại vụ" is.

A name without its place means the body of the document's province, so a body's
node is keyed by its full instantiated name ("Sở Ngoại vụ tỉnh Kiên Giang"); a
local name the gazetteer does not know ("UBND huyện Châu Thành") is keyed under
its province, since every province has its own.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from cancu.ingest.agencies import is_collective
from cancu.ingest.identity import BASE, slug
from cancu.ontology.gazetteer import Province, central_body, find_province, province_in, provincial_body


@dataclass(frozen=True)
class AgencyRef:
    """What the graph knows of one body: its node, name, level, branch, province and parent."""

    iri: URIRef
    label: str
    printed: str
    level: str | None = None
    branch: str | None = None
    province: Province | None = None
    parent: AgencyRef | None = None
    code: str | None = None
    group: bool = False


def province_iri(province: Province) -> URIRef:
    """A pre-2025 unit under /province/{name}; a unit formed in 2025 from several under /province/2025/{name}.

    A 2025 unit with a single member (left unchanged, or Huế, a city since January 2025) is that member's node.
    """
    if len(province.members) > 1:
        return URIRef(f"{BASE}province/2025/{slug(province.name)}")
    name = province.members[0] if province.members else province.name
    return URIRef(f"{BASE}province/{slug(name)}")


def resolve_agency(
    printed: str | None,
    province: Province | None = None,
    level: str | None = None,
    branch: str | None = None,
) -> AgencyRef | None:
    """The body a printed name denotes, read in `province`; `level`/`branch` fill what the name cannot tell."""
    return _resolve_agency(printed, province, level, branch)


@lru_cache(maxsize=65536)
def _resolve_agency(
    printed: str | None, province: Province | None, level: str | None, branch: str | None
) -> AgencyRef | None:
    """resolve_agency, memoised: a build meets the same few hundred names per province again and again."""
    name = " ".join((printed or "").split()).strip(" .;:-–")
    if not name:
        return None
    if is_collective(name):
        return AgencyRef(
            iri=_local_iri(name, province),
            label=name,
            printed=name,
            level=level,
            branch=branch,
            province=province,
            group=True,
        )
    body = provincial_body(name, province)
    if body is not None:
        parent = resolve_agency(body.parent, body.province) if body.parent else None
        return AgencyRef(
            iri=URIRef(f"{BASE}agency/{slug(body.name)}"),
            label=body.name,
            printed=name,
            level=body.level,
            branch=body.branch,
            province=body.province,
            parent=parent,
            code=body.symbol_code or None,
        )
    central = central_body(name)
    if central is not None:
        return AgencyRef(
            iri=URIRef(f"{BASE}agency/{slug(central.name)}"),
            label=central.name,
            printed=name,
            level=central.level,
            branch=central.branch,
            code=central.code,
        )
    if level == "central":
        province = None
    return AgencyRef(
        iri=_local_iri(name, province),
        label=name,
        printed=name,
        level=level,
        branch=branch,
        province=province,
    )


def _local_iri(name: str, province: Province | None) -> URIRef:
    """A body the gazetteer does not know: one node per exact printed name (and province).

    Printed variants ("các Sở, ban ngành" / "các sở, ban ngành") stay apart, so each node
    keeps the one name it was read as; the short digest keeps their IRIs apart.
    """
    digest = hashlib.sha1(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()[:6]
    place = f"{slug(province.name)}/" if province is not None else ""
    return URIRef(f"{BASE}agency/{place}{slug(name)}-{digest}")


def document_province(
    province: str | None, issuer: str | None, place: str | None, level: str | None
) -> Province | None:
    """The province a document belongs to: as extracted, else named in its issuer, else its place."""
    if level == "central":
        return None
    return find_province(province) or province_in(issuer) or find_province(place)
