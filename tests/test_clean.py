"""Cleaning keeps every offset: whatever is found in the cleaned text points back into the original."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.ingest.clean import clean
from cancu.ingest.ocr import fold_text, looks_ocr, looks_vietnamese

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"

# (printed, what the cleaned text must contain, the symbol whose span must map back)
CASES = [
    ("Số: 23 /KH\u2013SNgV", "23 /KH-SNgV", "23 /KH\u2013SNgV"),
    ("Chỉ thị số 25-\u0421T/TW", "25-CT/TW", "25-\u0421T/TW"),
    ("Nghi\u0323 quyê\u0301t số 16-NQ/TW", "Nghị quyết số 16-NQ/TW", "16-NQ/TW"),
    ("<b>Kế hoạch</b> số 83/KH-UBND", "Kế hoạch số 83/KH-UBND", "83/KH-UBND"),
    ("**KẾ HOẠCH** số 06\u00a0-\u00a0KH/BCĐ", "KẾ HOẠCH số 06 - KH/BCĐ", "06\u00a0-\u00a0KH/BCĐ"),
    ("dòng một\r\nQuyết định số 1486/QĐ-TTg", "dòng một\nQuyết định", "1486/QĐ-TTg"),
    ("Trang chủ > Văn bản\nKế hoạch số 18/KH-UBND", "Kế hoạch số 18/KH-UBND", "18/KH-UBND"),
    # A table pipe is a column boundary: it becomes a tab, so the columns stay apart.
    ("1. | UBND Tỉnh An Giang 33. | UBND Tỉnh Kiên Giang", "1.\tUBND Tỉnh An Giang 33.\tUBND", "33."),
    ("V/v báo cáo quý I | Hà Nội, ngày 2 tháng 3 năm 2020 |", "quý I\tHà Nội", "Hà Nội"),
    ("|. MUC DICH, YEU CAU", "I. MUC DICH", "MUC"),
    ("Nghị định&nbsp;số 72/2015/NĐ-CP", "Nghị định số 72/2015/NĐ-CP", "72/2015/NĐ-CP"),
    # HTML cells and line breaks leave a tab and a line break: columns and lines stay apart.
    (
        "<tr><td>SỞ Y TẾ<br>Số: 5/KH-SYT</td><td>Huế, ngày 2/3/2020</td></tr>",
        "TẾ\nSố: 5/KH-SYT\tHuế",
        "5/KH-SYT",
    ),
]


@pytest.mark.parametrize(("printed", "contains", "symbol"), CASES, ids=[c[0][:30] for c in CASES])
def test_clean_normalises_and_maps_back(printed: str, contains: str, symbol: str) -> None:
    doc = clean(printed)
    assert contains in doc.text, (printed, doc.text)
    assert len(doc.origin) == len(doc.text) == len(doc.folded)
    want = symbol.translate({0x2013: "-", 0x0421: "C", 0xA0: " "})
    start = doc.text.find(want if want in doc.text else symbol)
    assert start >= 0, (printed, doc.text)
    s, e = doc.to_original(start, start + len(want))
    assert printed[s:e] == symbol, (printed, printed[s:e])


def test_clean_text_is_nfc() -> None:
    doc = clean(unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lạng Sơn"))
    assert doc.text == "Ủy ban nhân dân tỉnh Lạng Sơn"


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Căn cứ Đề án", "can cu de an"), ("TỈNH ỦY KIÊN GIANG", "tinh uy kien giang"), ("S6 €¢", "s6 €¢")],
)
def test_fold_keeps_one_character_per_character(text: str, folded: str) -> None:
    assert fold_text(text) == folded
    assert len(fold_text(text)) == len(text)


@pytest.mark.parametrize(
    ("seed", "ocr"),
    [("000_", True), ("001_", True), ("002_", False), ("003_", False), ("004_", False)],
)
def test_ocr_mode_is_detected_on_the_seeds(seed: str, ocr: bool) -> None:
    (path,) = SEEDS.glob(seed + "*.txt")
    text = path.read_text(encoding="utf-8")
    assert looks_ocr(text) is ocr
    assert clean(text).ocr is ocr
    assert looks_vietnamese(text)


@pytest.mark.parametrize("text", ["", "The quick brown fox jumps over the lazy dog.", "@@@ 1234 //// ----"])
def test_non_vietnamese_is_recognised(text: str) -> None:
    assert not looks_vietnamese(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_clean_never_loses_the_map(text: str) -> None:
    doc = clean(text)
    assert len(doc.origin) == len(doc.text) == len(doc.folded)
    assert all(0 <= o < max(len(text), 1) for o in doc.origin)
    assert list(doc.origin) == sorted(doc.origin)
