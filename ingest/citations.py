"""Find the numbered documents a text cites, and the clause that introduces each."""

from __future__ import annotations

import re

from cancu.ingest.clean import Cleaned
from cancu.ingest.record import Citation, Document, Reference, Relation

_SYMBOL = re.compile(
    r"\b\d+(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ]+)+"  # state style: 72/2015/NĐ-CP, 2905/BTTTT-TTĐN
    r"|\b\d+-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ]+)*"  # party style: 82-HD/BTGTW
)
_CLAUSES = ("Căn cứ", "Thực hiện", "Triển khai", "Quán triệt", "Theo", "Xét")
_BODY_START = re.compile(r"(?m)^\s*(?:I|1)\s*[-.]\s*\S")


def find_citations(doc: Cleaned, header: Document) -> tuple[list[Citation], list[Reference]]:
    """Every numbered reference once per symbol, with its clause and whether it sits in the preamble."""
    text = doc.text
    body = _BODY_START.search(text)
    preamble_end = body.start() if body else len(text)
    seen: dict[str, Citation] = {}
    for m in _SYMBOL.finditer(text):
        symbol = m.group(0)
        if symbol == header.symbol or symbol in seen:
            continue
        in_preamble = m.start() < preamble_end
        clause = "body"
        if in_preamble:
            before = text[: m.start()]
            hits = [(before.rfind(c), c) for c in _CLAUSES]
            pos, word = max(hits)
            clause = word if pos >= 0 else "body"
        seen[symbol] = Citation(
            symbol=symbol, clause=clause, in_preamble=in_preamble, span=doc.to_original(m.start(), m.end())
        )
    return list(seen.values()), []


def find_relations(doc: Cleaned, citations: list[Citation]) -> list[Relation]:
    """Reported relations between two other documents (not read at this stage)."""
    return []
