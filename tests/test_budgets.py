"""Budgets: figures, scale words and amounts in words; a table total checked against its rows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cancu.ingest.budgets import check_total, parse_amount, parse_amount_words, table_unit

AMOUNTS = [
    ("200.000.000", 200_000_000),
    ("200.000.000 đồng", 200_000_000),
    ("200.000.000đ", 200_000_000),
    ("<b>200.000.000đ</b>", 200_000_000),
    ("15.000.000 VNĐ", 15_000_000),
    ("200 triệu đồng", 200_000_000),
    ("1,5 tỷ đồng", 1_500_000_000),
    ("2 tỷ 500 triệu đồng", 2_500_000_000),
    ("1.500 triệu", 1_500_000_000),
    ("50 trieu dong", 50_000_000),
    ("Hai trăm triệu đồng", 200_000_000),
    ("Bằng chữ: Hai trăm triệu đồng./.", 200_000_000),
    ("Một tỷ năm trăm triệu đồng", 1_500_000_000),
    ("Năm mươi lăm triệu đồng", 55_000_000),
    ("Ba trăm năm mươi nghìn đồng", 350_000),
    ("Mười hai triệu đồng", 12_000_000),
    ("Bằng chữ: Hai tram triéu d6ng", 200_000_000),
    ("Kinh phí thực hiện từ nguồn ngân sách tỉnh", None),
    ("", None),
    ("0", None),
    ("0,1", None),
]


@pytest.mark.parametrize(("printed", "vnd"), AMOUNTS)
def test_amount(printed, vnd):
    assert parse_amount(printed) == vnd, printed


def test_bare_numbers_take_the_table_unit():
    assert parse_amount("150", unit=1_000_000) == 150_000_000
    assert parse_amount("150 triệu", unit=1_000_000) == 150_000_000


@pytest.mark.parametrize(
    ("context", "unit"),
    [
        ("Đơn vị tính: triệu đồng", 1_000_000),
        ("ĐVT: 1.000 đồng", 1_000),
        ("Đơn vị tính: Việt Nam đồng", 1),
        ("Danh mục nhiệm vụ", 1),
    ],
)
def test_table_unit(context, unit):
    assert table_unit(context) == unit, context


def test_words_without_numbers():
    assert parse_amount_words("không có") is None


def test_total_mismatch_is_reported():
    assert check_total(250, [150, 80], "table") == [
        "table: printed total 250 đồng differs from the sum of the rows 230 đồng"
    ]
    assert check_total(230, [150, 80, None], "table") == []
    assert check_total(None, [150], "table") == []


@given(st.text(max_size=60))
def test_never_raises(text):
    amount = parse_amount(text)
    assert amount is None or amount > 0
