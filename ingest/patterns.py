"""The pattern data: document type codes, issuer codes and cue words, read once from data/*.csv.

Patterns are data so that a new code or cue is one CSV row (with its examples, which
the tests run both ways), not a code change.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class DocType:
    """A document type: its symbol code, its Vietnamese name and the longer names printed for it."""

    code: str
    name: str
    variants: tuple[str, ...]
    english: str
    branch: str
    examples: tuple[str, ...]
    party_name: str = ""  # what the code means in a Party symbol when that differs (TT: Thông tri)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, *self.variants, self.party_name) if n)


@dataclass(frozen=True)
class IssuerCode:
    """A body as its code appears in symbols (or in text): name, level, branch and how it is placed.

    `scope` is "central" (the name is complete), "local" (the name is completed with the
    document's province) or "unit" (a sub-unit code printed after the issuer).  `infer` says
    whether the code alone names one body (TW does not: it serves BCH, Bộ Chính trị, Ban Bí thư).
    """

    code: str
    name: str
    level: str
    branch: str
    scope: str
    in_symbols: bool
    infer: bool
    aliases: tuple[str, ...]
    default_type: str
    examples: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Cue:
    """A cue word: a clause opener, a relation verb, an alias marker, a self-reference or "của"."""

    cue: str
    kind: str  # clause | relation | alias | self | issuer
    value: str
    example: str


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _rows(filename: str) -> list[dict[str, str]]:
    text = files("cancu.data").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def doc_types() -> tuple[DocType, ...]:
    """Every document type of data/doc_types.csv."""
    return tuple(
        DocType(
            code=r["code"],
            name=r["name"],
            variants=_split(r["variants"]),
            english=r["english"],
            branch=r["branch"],
            examples=_split(r["examples"]),
            party_name=r.get("party_name") or "",
        )
        for r in _rows("doc_types.csv")
    )


@cache
def issuer_codes() -> tuple[IssuerCode, ...]:
    """Every body of data/issuer_codes.csv."""
    return tuple(
        IssuerCode(
            code=r["code"],
            name=r["name"],
            level=r["level"],
            branch=r["branch"],
            scope=r["scope"],
            in_symbols=r["in_symbols"] == "yes",
            infer=r["infer"] == "yes",
            aliases=_split(r["aliases"]),
            default_type=r["default_type"],
            examples=_split(r["examples"]),
        )
        for r in _rows("issuer_codes.csv")
    )


@cache
def cues() -> tuple[Cue, ...]:
    """Every cue word of data/cues.csv."""
    return tuple(
        Cue(cue=r["cue"], kind=r["kind"], value=r["value"], example=r["example"]) for r in _rows("cues.csv")
    )


def cues_of(kind: str) -> tuple[Cue, ...]:
    return tuple(c for c in cues() if c.kind == kind)


@cache
def type_by_code() -> dict[str, DocType]:
    return {t.code: t for t in doc_types() if t.code != "CV"}


@cache
def issuer_by_code() -> dict[str, IssuerCode]:
    """Bodies and units keyed by the code they print in symbols."""
    return {i.code: i for i in issuer_codes() if i.in_symbols}


@cache
def type_names() -> dict[str, str]:
    """Every printed type name (folded-insensitive lookups are the caller's job) → itself, canonical."""
    return {n: n for t in doc_types() for n in t.names}


__all__ = [
    "Cue",
    "DocType",
    "IssuerCode",
    "cues",
    "cues_of",
    "doc_types",
    "issuer_by_code",
    "issuer_codes",
    "type_by_code",
    "type_names",
]
