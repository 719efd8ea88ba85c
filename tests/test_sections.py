"""The outline of a body: markers classified, items nested by kind, lines joined where OCR broke them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cancu.ingest.sections import Item, body_end, classify, fold_chars, outline, roman_value, strip_marks

MARKERS = [
    ("II. NHIỆM VỤ TRỌNG TÂM", "roman", "II"),
    ("II- MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2019", "roman", "II"),
    ("I1. MOT SO NHIEM VU TRONG TAM NAM 2019", "roman", "II"),
    ("|. MUC PiCH, YEU CAU", "roman", "I"),
    ("### **III. TỔ CHỨC THỰC HIỆN**", "roman", "III"),
    ("1. Mục đích", "number", "1"),
    ("1- Ban Tuyên giáo Tỉnh ủy", "number", "1"),
    ("01. Tuyên truyền", "number", "1"),
    ("2.1. Thống nhất tiêu chí", "number2", "2.1"),
    ("a) Phối hợp hoàn thiện hành lang pháp lý", "letter", "a"),
    ("đ) *Thực hiện Chiến lược*", "letter", "đ"),
    ("¢) Théng tin ddi ngoai", "letter", "c"),
    ("- Trách nhiệm thực hiện:", "dash", "-"),
    ("+ Đơn vị chủ trì: Sở Thông tin và Truyền thông.", "plus", "+"),
    ("Thời gian thực hiện: Quý II/2020", "text", ""),
    ("30-10-2019 là hạn chót", "text", ""),
    ("2020 - 2021.", "text", ""),
    ("I. Mục đích", "text", ""),  # a roman numeral heads an upper-case title; this reads as text
    ("Số: 23 /KH-SNgV", "text", ""),
]


@pytest.mark.parametrize(("line", "kind", "marker"), MARKERS)
def test_classify(line, kind, marker):
    got_kind, got_marker, _ = classify(line)
    assert (got_kind, got_marker) == (kind, marker), line


@pytest.mark.parametrize(
    ("printed", "value"), [("I", 1), ("IV", 4), ("I1", 2), ("|", 1), ("XII", 12), ("Q", None)]
)
def test_roman_value(printed, value):
    assert roman_value(printed) == value, printed


def _shape(item: Item, depth: int = 0) -> list[str]:
    out = []
    for c in item.children:
        out.append("  " * depth + f"{c.kind}:{c.marker}:{c.title[:30]}")
        out.extend(_shape(c, depth + 1))
    return out


def test_nesting_by_marker_kind():
    text = (
        "II. NHIỆM VỤ\n"
        "1. Tuyên truyền về biển đảo\n"
        "- Trách nhiệm thực hiện:\n"
        "+ Đơn vị chủ trì: Sở Thông tin và Truyền thông.\n"
        "- Thời gian thực hiện: Quý II/2020\n"
        "2. Tập huấn nghiệp vụ\n"
        "a) Cho cán bộ cấp tỉnh\n"
        "b) Cho cán bộ cấp huyện\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
    )
    assert _shape(outline(text)) == [
        "roman:II:NHIỆM VỤ",
        "  number:1:Tuyên truyền về biển đảo",
        "    dash:-:Trách nhiệm thực hiện:",
        "      plus:+:Đơn vị chủ trì: Sở Thông tin v",
        "    dash:-:Thời gian thực hiện: Quý II/20",
        "  number:2:Tập huấn nghiệp vụ",
        "    letter:a:Cho cán bộ cấp tỉnh",
        "    letter:b:Cho cán bộ cấp huyện",
        "roman:III:TỔ CHỨC THỰC HIỆN",
    ]


def test_broken_lines_join_and_paragraphs_stand_apart():
    text = (
        "1- Tiép tuc tuyén truyén, trién khai cac chu\n"
        "trwong cia Pang:\n"
        "\n"
        "ngoài đến làm việc tại tỉnh\n"
        "\n"
        "Thời gian thực hiện: Trong năm 2020\n"
        "\n"
        "(Đính kèm phụ lục)\n"
    )
    root = outline(text)
    assert len(root.children) == 1
    item = root.children[0]
    assert item.text.split("\n") == [
        "Tiép tuc tuyén truyén, trién khai cac chu",
        "trwong cia Pang:",
        "ngoài đến làm việc tại tỉnh",
    ]
    assert [c.title for c in item.children] == ["Thời gian thực hiện: Trong năm 2020", "(Đính kèm phụ lục)"]


def test_a_short_heading_stands_above_its_first_paragraph():
    root = outline("4. Tổ chức thực hiện\n\nSở Ngoại vụ phối hợp với Sở Thông tin và Truyền thông.\n")
    item = root.children[0]
    assert item.title == "Tổ chức thực hiện"
    assert [c.kind for c in item.children] == ["text"]


def test_spans_point_into_the_text():
    text = "I. MỤC ĐÍCH\n1. Mục đích chung\n"
    item = outline(text).children[0].children[0]
    assert text[item.start : item.end] == "Mục đích chung"


def test_skipped_lines_are_left_out():
    text = "II. NHIỆM VỤ\n1. Một\nbảng\tcột\tcột\n2. Hai\n"
    start = text.index("bảng")
    root = outline(text, skip=[(start, start + len("bảng\tcột\tcột"))])
    assert [c.title for c in root.children[0].children] == ["Một", "Hai"]


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Thân bài\nNơi nhận:\n- Như trên;", "Nơi nhận"),
        ("Thân bài\nNoi nhan: K/T TRUONG BAN", "Noi nhan"),
        ("Thân bài\n## PHU LUC\nbảng", "## PHU LUC"),
        ("Thân bài\nTrân trọng./.\n", "Trân trọng"),
        ("Thân bài\n Danh sich 63 UBND tinh", " Danh sich"),
    ],
)
def test_body_end(text, marker):
    assert text[body_end(text) :].startswith(marker), text


@pytest.mark.parametrize(
    ("printed", "folded"),
    [
        ("Đơn vị chủ trì:\n\tSở", "don vi chu tri:\n\tso"),
        ("Ph6i hợp", "phoi hop"),
        ("Nhi¢m vu chu yếu", "nhiem vu chu yeu"),
        ("Thwòng xuyén", "thuong xuyen"),
        ("Quý II/2020", "quy ii/2020"),
        ("SỞ Y TẾ\tTHƯỜNG TRỰC", "so y te\tthuong truc"),
        ("W€B 06-KH/TU s6 60", "ueb 06-kh/tu so 60"),
    ],
)
def test_fold_chars_keeps_offsets_and_undoes_ocr_swaps(printed, folded):
    assert len(fold_chars(printed)) == len(printed)
    assert fold_chars(printed) == folded


@pytest.mark.parametrize(
    ("printed", "bare"),
    [("Sở Xây dựng", "So Xay dung"), ("ĐẢNG ỦY", "DANG UY"), ("Phối hợp: “Ban”", "Phoi hop: “Ban”")],
)
def test_strip_marks_keeps_case_and_offsets(printed, bare):
    assert strip_marks(printed) == bare and len(strip_marks(printed)) == len(printed)


@given(st.text(max_size=300))
def test_outline_never_raises(text):
    root = outline(text)
    assert root.kind == "root"
