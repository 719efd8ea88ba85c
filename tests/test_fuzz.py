"""Property tests: extraction and the readers never crash, and the record always keeps its documented shape.

The default profile is small for CI; `HYPOTHESIS_PROFILE=fuzz` runs 10,000 examples per property.
Mutated inputs start from the real seed documents, so the fuzzer works where the patterns do.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cancu.ingest.encodings import EncodingError, decode
from cancu.ingest.extract import extract_text
from cancu.ingest.readers import UnreadableDocument, read_document
from cancu.ingest.webpage import html_to_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile("ci", max_examples=30, deadline=None, database=None, suppress_health_check=_QUIET)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, database=None, suppress_health_check=_QUIET
)
FUZZ = settings(settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")))

# -- The record's shape, as ../shared/eval/RECORD.md documents it -----------------------------------

LEVELS = {"central", "province", "department", "district", "commune"}
BRANCHES = {"party", "state", "front"}
CLAUSES = {"Căn cứ", "Thực hiện", "Triển khai", "Quán triệt", "Theo", "Xét", "body"}
ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
RELATION = re.compile(r"^[a-z][A-Za-z]*$")


def record_problems(record: dict[str, Any], length: int) -> list[str]:
    """Everything in a JSON record that breaks the documented shape (empty when it is valid)."""
    problems: list[str] = []

    def need(ok: bool, where: str, value: Any) -> None:
        if not ok:
            problems.append(f"{where}: {value!r}")

    def text_or_null(where: str, value: Any) -> None:
        need(value is None or (isinstance(value, str) and value.strip() != ""), where, value)

    def strings(where: str, value: Any) -> None:
        need(isinstance(value, list) and all(isinstance(v, str) and v for v in value), where, value)

    def span(where: str, value: Any) -> None:
        if value is None:
            return
        ok = isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)
        need(ok and 0 <= value[0] <= value[1] <= length, where, value)

    def date(where: str, value: Any) -> None:
        need(value is None or (isinstance(value, str) and bool(ISO_DATE.match(value))), where, value)

    for key in (
        "document",
        "citations",
        "reported_relations",
        "tasks",
        "assignments",
        "recipients",
        "signer",
    ):
        need(key in record, "missing field", key)
    if problems:
        return problems
    doc = record["document"]
    need(isinstance(doc, dict), "document", doc)
    for key in ("symbol", "type", "issuer", "province", "place", "title", "iri"):
        text_or_null(f"document.{key}", doc.get(key))
    need(doc.get("level") in LEVELS | {None}, "document.level", doc.get("level"))
    need(doc.get("branch") in BRANCHES | {None}, "document.branch", doc.get("branch"))
    date("document.date", doc.get("date"))
    seen: set[str] = set()
    for i, c in enumerate(record["citations"]):
        need(
            isinstance(c.get("symbol"), str) and c["symbol"].strip() != "",
            f"citations[{i}].symbol",
            c.get("symbol"),
        )
        need(c.get("symbol") not in seen, f"citations[{i}] repeats its symbol", c.get("symbol"))
        seen.add(c.get("symbol"))
        for key in ("type", "issuer"):
            text_or_null(f"citations[{i}].{key}", c.get(key))
        need(c.get("level") in LEVELS | {None}, f"citations[{i}].level", c.get("level"))
        date(f"citations[{i}].date", c.get("date"))
        need(c.get("clause") in CLAUSES, f"citations[{i}].clause", c.get("clause"))
        need(isinstance(c.get("in_preamble"), bool), f"citations[{i}].in_preamble", c.get("in_preamble"))
        span(f"citations[{i}].span", c.get("span"))
    for i, r in enumerate(record["reported_relations"]):
        for key in ("subject", "object"):
            need(isinstance(r.get(key), str) and r[key] != "", f"reported_relations[{i}].{key}", r.get(key))
        need(
            bool(RELATION.match(str(r.get("relation")))),
            f"reported_relations[{i}].relation",
            r.get("relation"),
        )
        span(f"reported_relations[{i}].span", r.get("span"))
    for i, t in enumerate(record["tasks"]):
        for key in ("label", "text"):
            need(isinstance(t.get(key), str), f"tasks[{i}].{key}", t.get(key))
        for key in ("lead", "support", "cites"):
            strings(f"tasks[{i}].{key}", t.get(key))
        deadline = t.get("deadline")
        if deadline is not None:
            need(isinstance(deadline.get("text"), str), f"tasks[{i}].deadline.text", deadline)
            date(f"tasks[{i}].deadline.start", deadline.get("start"))
            date(f"tasks[{i}].deadline.end", deadline.get("end"))
            if deadline.get("start") and deadline.get("end"):
                need(deadline["start"] <= deadline["end"], f"tasks[{i}].deadline start after end", deadline)
        budget = t.get("budget_vnd")
        need(budget is None or (type(budget) is int and budget >= 0), f"tasks[{i}].budget_vnd", budget)
        for j, sub in enumerate(t.get("subtasks", [])):
            need(
                isinstance(sub.get("label"), str) and isinstance(sub.get("text"), str),
                f"tasks[{i}].subtasks[{j}]",
                sub,
            )
        span(f"tasks[{i}].span", t.get("span"))
    for i, a in enumerate(record["assignments"]):
        need(
            isinstance(a.get("agency"), str) and a["agency"] != "",
            f"assignments[{i}].agency",
            a.get("agency"),
        )
        strings(f"assignments[{i}].duties", a.get("duties"))
        span(f"assignments[{i}].span", a.get("span"))
    strings("recipients", record["recipients"])
    signer = record["signer"]
    if signer is not None:
        for key in ("name", "title"):
            text_or_null(f"signer.{key}", signer.get(key))
    for i, ref in enumerate(record.get("references", [])):
        span(f"references[{i}].span", ref.get("span"))
    return problems


def check_extraction(text: str) -> None:
    record = extract_text(text, source="fuzz.txt").to_json()
    json.dumps(record, ensure_ascii=False)
    problems = record_problems(record, len(text))
    assert not problems, f"{problems} for input {text!r}"


def test_the_validator_accepts_the_seeds_and_catches_bad_records() -> None:
    for text in SEED_TEXTS:
        assert record_problems(extract_text(text).to_json(), len(text)) == []
    good = extract_text(SEED_TEXTS[4]).to_json()
    broken = {**good, "document": {**good["document"], "date": "27/02/2019"}}
    assert record_problems(broken, len(SEED_TEXTS[4])) == ["document.date: '27/02/2019'"]
    assert record_problems({**good, "citations": [{**good["citations"][0], "span": [5, 10**9]}]}, 100)


# -- Inputs ----------------------------------------------------------------------------------------

# Characters the documents are made of, so mutations stay near the patterns.
DOC_ALPHABET = (
    "".join(sorted(set("".join(SEED_TEXTS)))) + "\u0300\u0301\u0303\u0309\u0323\u200b\ufeff\r\t|<>&;"
)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A window of a real seed, then a few insertions, deletions, duplications and replacements."""
    text = draw(st.sampled_from(SEED_TEXTS))
    start = draw(st.one_of(st.just(0), st.integers(0, len(text) - 1)))  # the header is the densest part
    text = text[start : start + draw(st.integers(1, 5000))]
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "replace", "newline"]))
        if op == "insert":
            text = text[:at] + draw(st.text(DOC_ALPHABET, min_size=1, max_size=12)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif op == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 300))] * 2 + text[at + 1 :]
        elif op == "replace" and at < len(text):
            text = text[:at] + draw(st.sampled_from(DOC_ALPHABET)) + text[at + 1 :]
        elif op == "newline":
            text = text[:at] + "\n" + text[at:]
    return text


SEED_WORDS = sorted({w for text in SEED_TEXTS for w in re.findall(r"\S+", text)})
word_soup = st.lists(
    st.one_of(
        st.sampled_from(SEED_WORDS), st.sampled_from([" ", "\n", "\n\n", ": ", "/", "-", "số ", "ngày "])
    ),
    max_size=300,
).map(" ".join)


@FUZZ
@given(st.text(max_size=3000))
def test_extract_survives_arbitrary_text(text: str) -> None:
    check_extraction(text)


@FUZZ
@given(mutated_seed())
def test_extract_survives_mutated_seeds(text: str) -> None:
    check_extraction(text)


@FUZZ
@given(word_soup)
def test_extract_survives_shuffled_seed_words(text: str) -> None:
    check_extraction(text)


# -- Readers ---------------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=4000))
def test_decode_only_ever_refuses_with_a_reason(raw: bytes) -> None:
    try:
        decoded = decode(raw)
    except EncodingError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded.text, str)


@FUZZ
@given(
    st.one_of(st.binary(max_size=3000), st.text(DOC_ALPHABET + "<>/=\"'!-[]", max_size=3000).map(str.encode))
)
def test_html_reader_survives_any_markup(raw: bytes) -> None:
    assert isinstance(html_to_text(b"<html><body>" + raw), str)


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            "<w:p><w:r><w:t>Số: 83/KH-UBND</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


CONTAINERS = {".docx": _docx_bytes(), ".pdf": _pdf_bytes()}


@st.composite
def damaged_container(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(CONTAINERS)))
    raw = bytearray(CONTAINERS[suffix])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at : at + draw(st.integers(0, 16))] = draw(st.binary(max_size=16))
    return suffix, bytes(raw[: draw(st.integers(0, len(raw)))])


@FUZZ
@given(damaged_container())
def test_damaged_word_and_pdf_files_are_refused_not_crashed(
    tmp_path_factory, case: tuple[str, bytes]
) -> None:
    suffix, raw = case
    path = tmp_path_factory.mktemp("damaged") / f"file{suffix}"
    path.write_bytes(raw)
    try:
        read_document(path)
    except UnreadableDocument as exc:
        assert path.name in str(exc)
