"""The pattern data, tested both ways: every row matches its examples, every example matches its row."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from cancu.ingest.citations import find_mentions, find_symbols, known_body, resolve_issuer
from cancu.ingest.clean import clean
from cancu.ingest.ocr import exact, fold_text, tolerant
from cancu.ingest.patterns import cues, doc_types, issuer_by_code, issuer_codes, type_by_code
from cancu.ingest.record import Document
from cancu.ingest.relations import find_relations

TYPE_EXAMPLES = [(t, ex) for t in doc_types() for ex in t.examples]
ISSUER_EXAMPLES = [(i, ex) for i in issuer_codes() for ex in i.examples]
CUES = list(cues())


def test_tables_are_loaded_and_complete() -> None:
    assert len(doc_types()) >= 20
    assert len(issuer_codes()) >= 60
    assert len(CUES) >= 20
    assert len(TYPE_EXAMPLES) >= len(doc_types())
    assert all(t.examples for t in doc_types()), "every type code needs an example"
    assert all(i.examples for i in issuer_codes()), "every issuer code needs an example"


def test_codes_are_unique() -> None:
    assert not [c for c, n in Counter(t.code for t in doc_types()).items() if n > 1]
    in_symbols = Counter(i.code for i in issuer_codes() if i.in_symbols)
    assert not [c for c, n in in_symbols.items() if n > 1]


def test_levels_scopes_and_branches_are_known_words() -> None:
    for i in issuer_codes():
        assert i.level in {"central", "province", "department", "district", "commune"}, i
        assert i.scope in {"central", "local", "unit"}, i
        assert i.branch in {"party", "state", "front"}, i


@pytest.mark.parametrize(("row", "example"), TYPE_EXAMPLES, ids=[ex for _, ex in TYPE_EXAMPLES])
def test_every_type_example_reads_as_its_row(row, example) -> None:
    found = find_mentions(clean(example), Document())
    assert len(found.citations) == 1, example
    citation = found.citations[0]
    assert citation.type in row.names, (example, citation)
    symbols = find_symbols(clean(example).text)
    assert len(symbols) == 1, example
    sym = symbols[0][1]
    assert (sym.type_code or "CV") == row.code or (row.code == "CV" and sym.type_code == "CV"), (example, sym)


@pytest.mark.parametrize(
    ("row", "example"), ISSUER_EXAMPLES, ids=[f"{i.code}:{ex}" for i, ex in ISSUER_EXAMPLES]
)
def test_every_issuer_example_reads_as_its_row(row, example) -> None:
    if row.in_symbols:
        (_m, sym), *_ = find_symbols(clean(example).text)
        codes = [re.sub(r"\d+$", "", c) for c in (sym.issuer_code, *sym.units) if c]
        assert row.code in codes, (example, sym)
    else:
        printed = example.split(" của ", 1)[1]
        assert resolve_issuer(printed, None, Document(), ocr=False)[0] == row.name, example


@pytest.mark.parametrize("row", [i for i in issuer_codes() if i.scope != "unit"], ids=lambda i: i.code)
def test_every_body_name_is_recognised_plain_and_without_accents(row) -> None:
    for name in row.names:
        if len(name) <= 3:
            continue
        assert known_body(fold_text(name), ocr=False, whole=True) is not None, name
        assert re.fullmatch(tolerant(name), fold_text(name)), name


def test_every_symbol_code_in_the_type_table_parses() -> None:
    for code in type_by_code():
        sym = find_symbols(f"số 12/{code}-UBND")[0][1]
        assert sym.type_code == code
    for code, row in issuer_by_code().items():
        if row.scope != "unit":
            sym = find_symbols(f"số 12/KH-{code}")[0][1]
            assert sym.issuer_code == code, code


@pytest.mark.parametrize("cue", CUES, ids=[f"{c.kind}:{c.cue}" for c in CUES])
def test_every_cue_matches_its_example(cue) -> None:
    folded = fold_text(clean(cue.example).text)
    assert re.search(tolerant(cue.cue), folded), cue
    if fold_text(cue.cue) == fold_text(cue.cue).strip() and not any(ch.isdigit() for ch in cue.cue):
        assert re.search(exact(cue.cue), fold_text(cue.cue))


@pytest.mark.parametrize("cue", [c for c in CUES if c.kind == "clause"], ids=lambda c: c.cue)
def test_every_clause_example_gives_its_clause(cue) -> None:
    found = find_mentions(clean(cue.example + ";\n\nI. MỤC ĐÍCH\n"), Document())
    assert found.citations, cue.example
    assert found.citations[0].clause == cue.value, (cue.example, found.citations[0])


@pytest.mark.parametrize("cue", [c for c in CUES if c.kind == "relation"], ids=lambda c: c.cue)
def test_every_relation_example_gives_its_relation(cue) -> None:
    doc = clean(cue.example)
    relations = find_relations(doc, find_mentions(doc, Document()))
    assert [r.relation for r in relations] == [cue.value], cue.example


def test_every_example_holds_a_cue_of_its_kind() -> None:
    for c in CUES:
        same_kind = [o for o in CUES if o.kind == c.kind]
        assert any(re.search(tolerant(o.cue), fold_text(c.example)) for o in same_kind), c
