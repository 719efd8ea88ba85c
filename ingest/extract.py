"""The extraction pipeline: clean → find → resolve → record.

One straight line from printed text to a `Record`.  Each stage lives in its
own module; this one only calls them in order.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cancu.ingest.citations import find_mentions
from cancu.ingest.clean import clean
from cancu.ingest.header import find_header
from cancu.ingest.identity import document_iri, document_key, year_of
from cancu.ingest.ocr import looks_vietnamese
from cancu.ingest.parties import find_recipients, find_signer
from cancu.ingest.readers import read_document
from cancu.ingest.record import Citation, Document, Record
from cancu.ingest.relations import find_relations
from cancu.ingest.tasks import read_plan


def extract_text(text: str, source: str = "<text>") -> Record:
    """Read one document's text into a record."""
    doc = clean(text)
    header = find_header(doc)
    found = find_mentions(doc, header)
    citations, references = list(found.citations), list(found.references)
    relations = find_relations(doc, found)
    plan = read_plan(doc, header, found.mentions)
    header = resolve_document(header, source)
    citations = [resolve_citation(c) for c in citations]
    return Record(
        source=source,
        document=header,
        citations=tuple(citations),
        references=tuple(references),
        reported_relations=tuple(relations),
        tasks=plan.tasks,
        assignments=plan.assignments,
        recipients=tuple(find_recipients(doc.text)),
        signer=find_signer(doc.text),
        ocr=doc.ocr,
        budget_total_vnd=plan.budget_total_vnd,
        warnings=(() if looks_vietnamese(doc.text) else ("the text does not look Vietnamese",))
        + plan.warnings,
    )


def extract_file(path: str | Path) -> Record:
    """Read a file (any supported format) and extract its record; text that Tesseract read is marked OCR."""
    path = Path(path)
    source = read_document(path)
    record = extract_text(source.text, source=path.name)
    return replace(record, ocr=True) if source.ocr and not record.ocr else record


def resolve_document(header: Document, source: str) -> Document:
    """Give the document its identity IRI."""
    key = document_key(header.symbol, header.issuer, year_of(header.date), fallback=source)
    return replace(header, iri=document_iri(key))


def resolve_citation(citation: Citation) -> Citation:
    """Give a cited document its identity IRI (issuer + year when known)."""
    key = document_key(citation.symbol, citation.issuer, year_of(citation.date))
    return replace(citation, iri=document_iri(key))
