"""Document identity: symbol + the body that numbers it + year, so one document is one node."""

from __future__ import annotations

import pytest

from cancu.ingest.identity import (
    authority,
    document_iri,
    document_key,
    fold,
    normalise_symbol,
    resolve_yearless,
    symbol_key,
    symbol_parts,
    year_of,
)

# Pairs that must meet at one node: (symbol, issuer, year) twice.
SAME = [
    (("21-CT/TTg", None, 2012), ("21/CT-TTg", "Thủ tướng Chính phủ", 2012)),
    (
        ("06-KH/BCĐ", "Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh Lạng Sơn", 2019),
        ("6-KH/BCD", "Tỉnh ủy Lạng Sơn", 2019),
    ),
    (("89-KH/TU", "Ban Thường vụ Tỉnh ủy Lạng Sơn", 2018), ("89 - KH/TU", "Tỉnh ủy Lạng Sơn", "2018")),
    (("72/2015/NĐ-CP", "Chính phủ", None), ("72/2015/ND-CP", None, 2015)),
    (("23 /KH-SNgV", "Sở Ngoại vụ tỉnh Kiên Giang", 2020), ("23/KH-SNgV", "Sở Ngoại vụ Kiên Giang", 2020)),
]

# Pairs that must stay apart.
APART = [
    (
        ("873/KH-UBND", "Ủy ban nhân dân tỉnh Tây Ninh", 2020),
        ("873/KH-UBND", "Ủy ban nhân dân tỉnh Trà Vinh", 2020),
    ),
    (
        ("873/KH-UBND", "Ủy ban nhân dân tỉnh Tây Ninh", 2020),
        ("873/KH-UBND", "Ủy ban nhân dân tỉnh Tây Ninh", 2021),
    ),
    (
        ("873/KH-UBND", "Ủy ban nhân dân tỉnh Tây Ninh", 2020),
        ("873/KH-UBND", "Ủy ban nhân dân huyện Châu Thành", 2020),
    ),
    (("35-KH/TU", "Tỉnh ủy Lạng Sơn", 2019), ("35-KH/TU", "Tỉnh ủy Kiên Giang", 2019)),
    (("16-KL/TW", None, 2012), ("16-NQ/TW", None, 2012)),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a[0]}={b[0]}" for a, b in SAME])
def test_one_document_one_key(a: tuple, b: tuple) -> None:
    assert document_key(*a) == document_key(*b)


@pytest.mark.parametrize(("a", "b"), APART, ids=[f"{a[0]}/{a[1]}/{a[2]}" for a, b in APART])
def test_different_documents_different_keys(a: tuple, b: tuple) -> None:
    assert document_key(*a) != document_key(*b)


@pytest.mark.parametrize(
    ("symbol", "parts"),
    [
        ("72/2015/NĐ-CP", ("CP", "2015")),
        ("82-HD/BTGTW", ("BTGTW", None)),
        ("2905/BTTTT-TTĐN", ("BTTTT", None)),
        ("389/CTr-STTTT-BĐBP", ("STTTT", None)),
        ("not a symbol", (None, None)),
    ],
)
def test_symbol_parts(symbol: str, parts: tuple) -> None:
    assert symbol_parts(symbol) == parts


def test_authority_places_local_codes_only() -> None:
    assert authority("1486/QĐ-TTg", "Thủ tướng Chính phủ") == "ttg"
    assert authority("83/KH-UBND", "Ủy ban nhân dân tỉnh Trà Vinh") == "ubnd-tra-vinh"
    assert authority("83/KH-UBND", None) == "ubnd-_"


def test_yearless_citation_resolves_only_to_a_single_fit() -> None:
    known = {"tu-lang-son/2018/89-kh-tu", "tu-kien-giang/2019/89-kh-tu"}
    assert resolve_yearless("tu-lang-son/_/89-kh-tu", known) == "tu-lang-son/2018/89-kh-tu"
    assert (
        resolve_yearless("tu-lang-son/_/89-kh-tu", known | {"tu-lang-son/2020/89-kh-tu"})
        == "tu-lang-son/_/89-kh-tu"
    )
    assert resolve_yearless("tu-lang-son/2018/89-kh-tu", set()) == "tu-lang-son/2018/89-kh-tu"


def test_unnumbered_documents_key_on_their_source() -> None:
    a = document_key(None, "Bộ Thông tin và Truyền thông", None, fallback="001.txt")
    b = document_key(None, "Bộ Thông tin và Truyền thông", None, fallback="002.txt")
    assert a != b
    assert document_iri(a).startswith("https://w3id.org/cancu/id/doc/")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        ("  ĐẢNG  ", "dang"),
        (None, ""),
        ("23 /KH–SNgV", "23 /kh–sngv"),
    ],
)
def test_fold(text, want) -> None:
    assert fold(text) == want


def test_symbol_normalisation_and_years() -> None:
    assert normalise_symbol("23 /KH\u2013SNgV") == "23/KH-SNgV"
    assert symbol_key("06-KH/BCĐ") == symbol_key("6-KH/BCD")
    assert year_of("2020-02") == 2020
    assert year_of(None) is None
