"""Agency lists split where bodies begin, topic headings told from bodies, names resolved in a province."""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cancu.ingest.agencies import (
    abbreviations,
    agency_key,
    expand_abbreviations,
    is_body_heading,
    is_collective,
    patterns,
    same_agencies,
    split_agencies,
    strip_role,
)
from cancu.ingest.identity import fold
from cancu.ontology import agencies as graph_agencies
from cancu.ontology.agencies import resolve_agency
from cancu.ontology.gazetteer import find_province
from tests.conftest import ROOT

SPLITS = [
    (
        "Ban Tuyên giáo Tỉnh ủy; Sở Kế hoạch và Đầu tư; Sở Văn hóa, Thể thao và Du lịch; Đài Phát thanh - "
        "Truyền hình Trà Vinh và các cơ quan, đơn vị có liên quan.",
        [
            "Ban Tuyên giáo Tỉnh ủy",
            "Sở Kế hoạch và Đầu tư",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Đài Phát thanh - Truyền hình Trà Vinh",
            "các cơ quan, đơn vị có liên quan",
        ],
    ),
    (
        "Văn phòng UBND tỉnh, Công an tỉnh, các Sở, ban ngành có liên quan và Ủy ban nhân dân các huyện, "
        "thị xã, thành phố.",
        [
            "Văn phòng UBND tỉnh",
            "Công an tỉnh",
            "các Sở, ban ngành có liên quan",
            "Ủy ban nhân dân các huyện, thị xã, thành phố",
        ],
    ),
    (
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh, UBND các huyện: Châu Thành, Cầu Ngang, Trà Cú và thị xã Duyên Hải.",
        [
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "UBND huyện Châu Thành",
            "UBND huyện Cầu Ngang",
            "UBND huyện Trà Cú",
            "UBND thị xã Duyên Hải",
        ],
    ),
    (
        "UBND cac huyen: Chau Thanh, Cau Ngang va thi xa Duyen Hai",
        ["UBND huyen Chau Thanh", "UBND huyen Cau Ngang", "UBND thi xa Duyen Hai"],
    ),
    (
        "Sở, ban ngành, đoàn thể tỉnh, UBND huyện, thị xã, thành phố và các đơn vị có liên quan.",
        ["Sở, ban ngành, đoàn thể tỉnh", "UBND huyện, thị xã, thành phố", "các đơn vị có liên quan"],
    ),
    (
        "Các Sở, Ban, Ngành tỉnh; UBND các huyện, thành phố",
        ["Các Sở, Ban, Ngành tỉnh", "UBND các huyện, thành phố"],
    ),
    (
        "Các cơ quan báo chí, cơ quan truyền thông trên địa bàn tỉnh",
        ["Các cơ quan báo chí, cơ quan truyền thông trên địa bàn tỉnh"],
    ),
    (
        "Trung tâm Công nghệ Thông tin và Truyền thông, Sở Thông tin và Truyền thông.",
        ["Trung tâm Công nghệ Thông tin và Truyền thông"],
    ),
    ("Văn phòng UBND tỉnh, Sở Tài chính", ["Văn phòng UBND tỉnh", "Sở Tài chính"]),
    (
        "Sở Lao động - Thương binh và Xã hội, Sở Giáo dục và Đào tạo",
        ["Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo"],
    ),
    ("Cong an tinh, cac So, ban nganh co lien quan", ["Cong an tinh", "cac So, ban nganh co lien quan"]),
    ("", []),
    (" ; , . ", []),
]


@pytest.mark.parametrize(("printed", "names"), SPLITS)
def test_split(printed, names):
    assert split_agencies(printed) == names, printed


HEADINGS = [
    ("Ban Tuyên giáo Tỉnh ủy", True),
    ("Sở Ngoại vụ", True),
    ("Các cơ quan, đơn vị có liên quan", True),
    ("Về kinh phí", False),
    ("Vé kinh phi", False),
    ("Về chế độ thông tin, báo cáo", False),
    ("Vé ché dd thong tin, bao cdo", False),
    ("Kinh phí thực hiện", False),
    ("Chế độ báo cáo", False),
    ("Khen thưởng", False),
    ("", False),
]


@pytest.mark.parametrize(("heading", "is_body"), HEADINGS)
def test_body_headings(heading, is_body):
    assert is_body_heading(heading) is is_body, heading


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Ban Tuyên giáo Tỉnh ủy - Cơ quan Thường trực Ban Chỉ đạo tỉnh", "Ban Tuyên giáo Tỉnh ủy"),
        ("Văn phòng UBND tỉnh (cơ quan thường trực)", "Văn phòng UBND tỉnh"),
        ("Đài Phát thanh - Truyền hình tỉnh", "Đài Phát thanh - Truyền hình tỉnh"),
    ],
)
def test_role_apposition(name, stripped):
    assert strip_role(name) == stripped, name


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("các Sở, ban ngành có liên quan", True),
        ("UBND huyện, thị xã, thành phố", True),
        ("Các đơn vị thành viên Ban Chỉ đạo tỉnh", True),
        ("Sở Thông tin và Truyền thông", False),
        ("UBND huyện Châu Thành", False),
        ("Sở Văn hóa, Thể thao và Du lịch", False),
        ("Phòng Văn hóa - Thông tin", False),
        ("Công an tỉnh, Sở Tư pháp", True),
        ("Sở Tài chính và Sở Nội vụ", True),
    ],
)
def test_collectives(name, group):
    assert is_collective(name) is group, name


def test_same_agencies_ignores_abbreviation_and_plural():
    assert same_agencies(["BCH Bộ đội Biên phòng tỉnh"], ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"])
    assert same_agencies(["Ủy ban nhân dân các huyện"], ["UBND huyện"])
    assert not same_agencies(["Sở Tài chính"], ["Sở Nội vụ"])
    assert agency_key("các Sở, ban ngành có liên quan") == agency_key("Sở, ban ngành")


def test_expand_abbreviations():
    assert expand_abbreviations("VP UBND tỉnh") == "Văn phòng Ủy ban nhân dân tỉnh"
    assert expand_abbreviations("Sở TT&TT") == "Sở Thông tin và Truyền thông"
    assert expand_abbreviations("TPHCM") == "TPHCM"


RESOLVED = [
    (
        "Sở Thông tin và Truyền thông",
        "Trà Vinh",
        "Sở Thông tin và Truyền thông tỉnh Trà Vinh",
        "department",
        False,
    ),
    ("UBND tỉnh", "Trà Vinh", "Ủy ban nhân dân tỉnh Trà Vinh", "province", False),
    ("Ban Tuyên giáo Tỉnh ủy", "Lạng Sơn", "Ban Tuyên giáo Tỉnh ủy Lạng Sơn", "province", False),
    ("Các cơ quan báo chí trên địa bàn", "Trà Vinh", "Các cơ quan báo chí trên địa bàn", None, True),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "Trà Vinh",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Trà Vinh",
        "department",
        False,
    ),
    ("Bộ Thông tin và Truyền thông", "Trà Vinh", "Bộ Thông tin và Truyền thông", "central", False),
]


@pytest.mark.parametrize(("name", "province", "label", "level", "group"), RESOLVED)
def test_resolve(name, province, label, level, group):
    a = resolve_agency(name, find_province(province))
    assert (a.label, a.level, a.group) == (label, level, group), name


def test_one_collective_rule_for_text_and_graph():
    assert graph_agencies.is_collective is is_collective


# ---------------------------------------------------------------- the data files, both ways

PATTERN_ROWS = list(csv.DictReader((ROOT / "data" / "agency_patterns.csv").open(encoding="utf-8")))


def test_pattern_file_loaded():
    assert len(patterns()) == len(PATTERN_ROWS) >= 20


@pytest.mark.parametrize("row", PATTERN_ROWS, ids=lambda r: f"{r['kind']}:{r['pattern'][:30]}")
def test_every_pattern_matches_each_of_its_examples(row):
    rx = re.compile(row["pattern"])
    examples = [e.strip() for e in row["examples"].split(" | ") if e.strip()]
    assert examples, row
    for example in examples:
        assert rx.search(fold(example)), (row["pattern"], example)


@pytest.mark.parametrize("kind", sorted({r["kind"] for r in PATTERN_ROWS}))
def test_every_example_matches_a_pattern_of_its_kind_only_where_it_should(kind):
    mine = [p for p in patterns() if p.kind == kind]
    for p in mine:
        for example in p.examples:
            assert any(q.regex.search(fold(example)) for q in mine), (kind, example)
    if kind == "not_body":  # and no body name is taken for a topic heading
        for body in ["Sở Ngoại vụ", "Ban Tuyên giáo Tỉnh ủy", "Các cơ quan báo chí trên địa bàn"]:
            assert not any(p.regex.search(fold(body)) for p in mine), body


ABBREVIATION_ROWS = list(csv.DictReader((ROOT / "data" / "agency_abbreviations.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("row", ABBREVIATION_ROWS, ids=lambda r: r["abbreviation"])
def test_every_abbreviation_expands_in_its_example(row):
    assert row["abbreviation"] in row["example"], row
    expanded = expand_abbreviations(row["example"])
    assert row["expansion"] in expanded and row["abbreviation"] not in expanded.replace(
        row["expansion"], ""
    ), row


def test_abbreviation_file_loaded():
    assert len(abbreviations()) == len(ABBREVIATION_ROWS) >= 20


@given(st.text(max_size=120))
def test_split_never_raises(text):
    for name in split_agencies(text):
        assert name.strip() == name and name
