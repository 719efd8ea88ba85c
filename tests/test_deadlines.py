"""Deadlines become intervals: a row for each printed form, clean and OCR-damaged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cancu.ingest.deadlines import parse_deadline, plan_year

CASES = [
    # (printed, plan year, start, end, ongoing, recurring)
    ("Quý II/2020", None, "2020-04-01", "2020-06-30", False, False),
    ("Quý IV/2019", None, "2019-10-01", "2019-12-31", False, False),
    ("Quý I - II/2021", None, "2021-01-01", "2021-06-30", False, False),
    ("Quý II năm 2021", None, "2021-04-01", "2021-06-30", False, False),
    ("Quy III/2022", None, "2022-07-01", "2022-09-30", False, False),
    ("quý 3", 2022, "2022-07-01", "2022-09-30", False, False),
    ("Tháng 7 năm 2021", None, "2021-07-01", "2021-07-31", False, False),
    ("tháng 9/2021", None, "2021-09-01", "2021-09-30", False, False),
    ("Tháng 7-8/2021", None, "2021-07-01", "2021-08-31", False, False),
    ("Tháng 2", 2020, "2020-02-01", "2020-02-29", False, False),
    ("Trong năm 2020", None, "2020-01-01", "2020-12-31", False, False),
    ("Năm 2023", None, "2023-01-01", "2023-12-31", False, False),
    ("Thường xuyên trong năm 2020", None, "2020-01-01", "2020-12-31", True, False),
    ("Thuong xuyen trong nam 2020", None, "2020-01-01", "2020-12-31", True, False),
    ("Thwòng xuyén trong nim 2020", None, "2020-01-01", "2020-12-31", True, False),
    ("Thường xuyên", 2023, "2023-01-01", "2023-12-31", True, False),
    ("Hằng năm", 2021, "2021-01-01", "2021-12-31", False, True),
    ("hàng năm", None, None, None, False, True),
    ("trước ngày 30-10-2019", None, None, "2019-10-30", False, False),
    ("Trước ngày 15/12", 2022, None, "2022-12-15", False, False),
    ("ngày 15 tháng 7 năm 2021", None, "2021-07-15", "2021-07-15", False, False),
    ("Giai đoạn 2021 - 2025", None, "2021-01-01", "2025-12-31", False, False),
    ("2021-2025", None, "2021-01-01", "2025-12-31", False, False),
    ("Từ năm 2021 đến năm 2025", None, "2021-01-01", "2025-12-31", False, False),
    ("Đến hết năm 2025", None, None, "2025-12-31", False, False),
    ("Từ tháng 3 đến tháng 6/2020", None, "2020-03-01", "2020-06-30", False, False),
    ("Từ ngày 01/3/2020 đến ngày 30/6/2020", None, "2020-03-01", "2020-06-30", False, False),
    ("Tháng 10 hằng năm", 2021, "2021-10-01", "2021-10-31", False, True),
    ("6 tháng đầu năm 2020", None, "2020-01-01", "2020-06-30", False, False),
    ("6 tháng cuối năm", 2022, "2022-07-01", "2022-12-31", False, False),
    ("Trong năm 2021 (theo kế hoạch của cơ quan chủ trì)", None, "2021-01-01", "2021-12-31", False, False),
    ("Theo kế hoạch của cơ quan chủ trì", 2021, None, None, False, False),
    ("Khi có yêu cầu", 2021, None, None, False, False),
    ("Quý II", None, None, None, False, False),
]


@pytest.mark.parametrize(("printed", "year", "start", "end", "ongoing", "recurring"), CASES)
def test_deadline_interval(printed, year, start, end, ongoing, recurring):
    d = parse_deadline(printed, year)
    assert (d.start, d.end, d.ongoing, d.recurring) == (start, end, ongoing, recurring), printed
    assert d.text == printed.strip(" .;,"), printed


def test_raw_text_is_kept_even_when_unreadable():
    d = parse_deadline("  xem   phụ lục.  ", 2020)
    assert d.text == "xem phụ lục"
    assert d.start is None and d.end is None


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        (("Công tác thông tin đối ngoại năm 2021", "2020-10-19"), 2021),
        ((None, "2020-02"), 2020),
        ((None, None), None),
    ],
)
def test_plan_year_prefers_the_title(texts, year):
    assert plan_year(*texts) == year, texts


@given(st.text(max_size=80), st.one_of(st.none(), st.integers(1900, 2100)))
def test_never_raises(text, year):
    d = parse_deadline(text, year)
    assert d.start is None or d.end is None or d.start <= d.end
