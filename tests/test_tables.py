"""Appendix tables in each printed form, read as task rows; malformed tables give fewer rows, not errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cancu.ingest.tables import find_tables, task_table

TAB = (
    "PHỤ LỤC\nĐơn vị tính: Việt Nam đồng\n\n"
    "Stt\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tKinh phí\n"
    "01\tTuyên truyền biển đảo\tSở Thông tin và Truyền thông\tCác Sở, ban, ngành tỉnh, UBND các\tQuý II/2020\t200.000.000\n"
    "\n"
    "\tqua báo chí\t\thuyện, thị xã, thành phố\t\t\n"
    "<b>02</b>\tTập huấn nghiệp vụ\tSở Nội vụ\t\tTrong năm 2020\t\n"
    "<b>Tổng cộng:</b>\t\t\t\t\t<b>200.000.000đ</b>\n"
    "<i>Bằng chữ: Hai trăm triệu đồng./.</i>\t\t\t\t\t\n"
)
PIPE = (
    "Đơn vị tính: triệu đồng\n\n"
    "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Kinh phí |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | Tổ chức hội thi | Trung tâm Văn hóa tỉnh | UBND các huyện: Càng Long, Tiểu Cần | Quý II/2021 | 150 |\n"
    "| 2 | Xuất bản tài liệu | Phòng Quản lý Văn hóa | Thư viện tỉnh | Tháng 9/2021 | 80 |\n"
    "| | Tổng cộng | | | | 230 |\n"
)
HTML = (
    "<table><tr><th>TT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Thời gian</th>"
    "<th>Kinh phí (đồng)</th></tr>\n"
    "<tr><td>I</td><td>Công tác tuyên truyền</td><td></td><td></td><td></td></tr>\n"
    "<tr><td>1</td><td>Tuyên truyền về biển đảo</td><td>Sở Thông tin và Truyền thông</td>"
    "<td>Quý I/2023</td><td>100.000.000</td></tr>\n"
    "<tr><td>2</td><td>Tập huấn &amp; bồi dưỡng</td><td>Sở Nội vụ</td><td>Thường xuyên</td>"
    "<td>20.000.000</td></tr>\n"
    '<tr><td colspan="4">Tổng cộng</td><td>130.000.000</td></tr>\n'
    "</table>"
)

FORMS = [
    (
        TAB,
        "tab",
        [
            ("1", "Tuyên truyền biển đảo qua báo chí", "Sở Thông tin và Truyền thông",
             "Các Sở, ban, ngành tỉnh, UBND các huyện, thị xã, thành phố", "Quý II/2020", 200_000_000),
            ("2", "Tập huấn nghiệp vụ", "Sở Nội vụ", "", "Trong năm 2020", None),
        ],
        (200_000_000, 200_000_000),
    ),
    (
        PIPE,
        "pipe",
        [
            ("1", "Tổ chức hội thi", "Trung tâm Văn hóa tỉnh", "UBND các huyện: Càng Long, Tiểu Cần", "Quý II/2021",
             150_000_000),
            ("2", "Xuất bản tài liệu", "Phòng Quản lý Văn hóa", "Thư viện tỉnh", "Tháng 9/2021", 80_000_000),
        ],
        (230_000_000, None),
    ),
    (
        HTML,
        "html",
        [
            ("I.1", "Tuyên truyền về biển đảo", "Sở Thông tin và Truyền thông", "", "Quý I/2023", 100_000_000),
            ("I.2", "Tập huấn & bồi dưỡng", "Sở Nội vụ", "", "Thường xuyên", 20_000_000),
        ],
        (130_000_000, None),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "form", "rows", "totals"), FORMS, ids=[f[1] for f in FORMS])
def test_task_table(text, form, rows, totals):
    tables = find_tables(text)
    assert [t.form for t in tables] == [form], text
    reading = task_table(tables[0])
    assert reading is not None, text
    got = [(r.label, r.text, r.lead, r.support, r.deadline, r.budget_vnd) for r in reading.rows]
    assert got == rows, text
    assert (reading.total_vnd, reading.total_words_vnd) == totals, text
    assert text[tables[0].span[0] : tables[0].span[1]].strip()


def test_a_list_without_a_task_header_is_no_task_table():
    text = "Danh sách\n1. | UBND Tỉnh An Giang 33. | UBND Tỉnh Kiên Giang\n2. | UBND Tỉnh Bắc Giang 34. | UBND Tỉnh Kon Tum\n"
    tables = find_tables(text)
    assert len(tables) == 1 and tables[0].form == "pipe"
    assert task_table(tables[0]) is None


def test_a_row_broken_across_lines_is_joined():
    text = (
        "Stt\tNội dung\tCơ quan chủ trì\tThời gian\n"
        "1\tTuyên truyền về chủ quyền\n"
        "biển, đảo\tSở Thông tin và Truyền thông\tQuý II/2020\n"
        "2\tTập huấn\tSở Nội vụ\tQuý III/2020\n"
    )
    reading = task_table(find_tables(text)[0])
    assert [(r.text, r.lead, r.deadline) for r in reading.rows] == [
        ("Tuyên truyền về chủ quyền biển, đảo", "Sở Thông tin và Truyền thông", "Quý II/2020"),
        ("Tập huấn", "Sở Nội vụ", "Quý III/2020"),
    ]


def test_a_signature_block_in_pipes_after_the_table_is_not_a_row():
    text = (
        "| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n"
        "| 1 | Sơ kết 5 năm | Ban Dân vận Tỉnh ủy | Quý IV/2022 |\n"
        "Nơi nhận: | T/M BAN THƯỜNG VỤ |\n"
        "- Như trên, | BÍ THƯ |\n"
        "- Lưu. | Nguyễn Văn Bình |\n"
    )
    tables = find_tables(text)
    reading = task_table(tables[0])
    assert [(r.text, r.lead, r.deadline) for r in reading.rows] == [
        ("Sơ kết 5 năm", "Ban Dân vận Tỉnh ủy", "Quý IV/2022")
    ], tables


@pytest.mark.parametrize(
    "text",
    [
        "<table><tr><td>Nội dung<td>Chủ trì</table>",
        "<table></table>",
        "| a | b |\n| c |\n",
        "Stt\tNội dung\tChủ trì\n\t\t\n",
        "Stt\tNội dung\tCơ quan chủ trì\n1\n2\tchỉ nội dung\n",
    ],
)
def test_malformed_tables_do_not_raise(text):
    for table in find_tables(text):
        reading = task_table(table)
        assert reading is None or all(r.text for r in reading.rows)


@given(st.text(alphabet=st.sampled_from("ab1 \t|\n<>/tdr"), max_size=200))
def test_never_raises(text):
    for table in find_tables(text):
        task_table(table)


def test_a_two_row_header_splits_the_agency_column():
    text = (
        "| TT | Nội dung | Đơn vị thực hiện | | Thời gian |\n"
        "| | | Chủ trì | Phối hợp | |\n"
        "| 1 | Hội thi | Sở Tư pháp | Sở Nội vụ | Quý II/2021 |\n"
    )
    reading = task_table(find_tables(text)[0])
    assert [(r.text, r.lead, r.support, r.deadline) for r in reading.rows] == [
        ("Hội thi", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2021")
    ]
