"""Tasks and duties from every place a plan puts them, merged with appendix tables; whole seeds checked."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.ingest.clean import clean
from cancu.ingest.extract import extract_file, extract_text
from cancu.ingest.identity import fold
from cancu.ingest.record import Document
from cancu.ingest.tasks import read_plan, roles
from tests.conftest import SEEDS, SHARED


def plan(text: str, title: str | None = None, date: str | None = None):
    return read_plan(clean(text), Document(title=title, date=date))


def row(task):
    d = task.deadline
    return (task.label, task.lead, task.support, d and (d.start, d.end), task.budget_vnd)


LABELLED_LINES = """KẾ HOẠCH
II. NHIỆM VỤ TRỌNG TÂM
1. Tuyên truyền về chủ quyền biển, đảo
- Trách nhiệm thực hiện:
+ Đơn vị chủ trì: Sở Thông tin và Truyền thông.
+ Đơn vị phối hợp: Công an tỉnh; Sở Văn hóa, Thể thao và Du lịch.
- Thời gian thực hiện: Quý II
- Kinh phí: Hai trăm triệu đồng
2. Duy trì chuyên mục trên Cổng thông tin điện tử
- Trách nhiệm thực hiện:
+ Trung tâm Công nghệ Thông tin và Truyền thông, Sở Thông tin và Truyền thông.
+ Đơn vị phối hợp: UBND các huyện: Càng Long, Tiểu Cần.
- Thời gian thực hiện: Thường xuyên
III. TỔ CHỨC THỰC HIỆN
"""
INLINE_FIELDS = """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nhiệm vụ cụ thể
a) Xây dựng kho dữ liệu dùng chung (Cơ quan chủ trì: Sở Thông tin và Truyền thông; thời gian hoàn thành: Quý III/2022).
b) Tổ chức tập huấn kỹ năng số
- Cơ quan chủ trì: Sở Nội vụ.
- Cơ quan phối hợp: Sở Tài chính, UBND các huyện, thành phố.
- Thời hạn hoàn thành: trước ngày 30/6/2022.
- Kinh phí: 50 triệu đồng.
c) Nâng cấp Cổng dịch vụ công
Trách nhiệm thực hiện: Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Thông tin và Truyền thông thực hiện.
Thời gian thực hiện: 6 tháng cuối năm.
d) Rà soát thủ tục hành chính
Thời gian thực hiện: khi có yêu cầu.
III. TỔ CHỨC THỰC HIỆN
"""
LETTER_TASKS = """1. Mục đích, yêu cầu

Bảo đảm thống nhất.

2. Nhiệm vụ chủ yếu

a) Phối hợp hoàn thiện hành lang pháp lý

Phối hợp Sở Tư pháp rà soát văn bản.

Thời gian thực hiện: Trong năm 2021 (theo kế hoạch của cơ quan chủ trì).

b) Phối hợp xây dựng hệ thống dữ liệu

Thời gian thực hiện: Theo kế hoạch của cơ quan chủ trì

3. Kinh phí

Từ nguồn ngân sách được giao.
"""
LETTER_WITHOUT_SECTIONS = """Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương

Bộ đề nghị các tỉnh tập trung vào các nhiệm vụ sau:

1. Hoàn thiện Quy chế quản lý hoạt động thông tin đối ngoại.

2. Triển khai các hoạt động thông tin đối ngoại
a) Giải thích thông tin sai lệch:
- Duy trì giao ban định kỳ.
b) Quảng bá hình ảnh địa phương.

3. Về kinh phí triển khai: các tỉnh bố trí kinh phí.

Trân trọng./.
"""
BULLET_TASKS = """II. NỘI DUNG
- Tổ chức hội nghị tuyên truyền (Cơ quan chủ trì: Sở Tư pháp; thời gian: tháng 5/2023).
- Biên soạn tài liệu phổ biến pháp luật.
III. TỔ CHỨC THỰC HIỆN
"""

PLANS = [
    (
        LABELLED_LINES,
        "Kế hoạch năm 2020",
        [
            ("II.1", ("Sở Thông tin và Truyền thông",), ("Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"),
             ("2020-04-01", "2020-06-30"), 200_000_000),
            ("II.2", ("Trung tâm Công nghệ Thông tin và Truyền thông",), ("UBND huyện Càng Long", "UBND huyện Tiểu Cần"),
             ("2020-01-01", "2020-12-31"), None),
        ],
    ),
    (
        INLINE_FIELDS,
        "Chuyển đổi số năm 2022",
        [
            ("II.1.a", ("Sở Thông tin và Truyền thông",), (), ("2022-07-01", "2022-09-30"), None),
            ("II.1.b", ("Sở Nội vụ",), ("Sở Tài chính", "UBND các huyện, thành phố"), (None, "2022-06-30"), 50_000_000),
            ("II.1.c", ("Văn phòng UBND tỉnh",), ("Sở Thông tin và Truyền thông",), ("2022-07-01", "2022-12-31"), None),
            ("II.1.d", (), (), (None, None), None),
        ],
    ),
    (
        LETTER_TASKS,
        "Công tác năm 2021",
        [
            ("2.a", (), ("Sở Tư pháp",), ("2021-01-01", "2021-12-31"), None),
            ("2.b", (), (), (None, None), None),
        ],
    ),
    (
        LETTER_WITHOUT_SECTIONS,
        None,
        [("1", (), (), None, None), ("2", (), (), None, None), ("3", (), (), None, None)],
    ),
    (
        BULLET_TASKS,
        "Phổ biến pháp luật năm 2023",
        [("II.1", ("Sở Tư pháp",), (), ("2023-05-01", "2023-05-31"), None), ("II.2", (), (), None, None)],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "title", "rows"), PLANS, ids=["labelled", "inline", "letters", "letter", "bullets"]
)
def test_tasks(text, title, rows):
    reading = plan(text, title)
    assert [row(t) for t in reading.tasks] == rows, text


def test_ocr_damaged_field_lines():
    text = (
        "I1. MOT SO NHIEM VU TRONG TAM\n1. Tuyén truyền biển dảo\n- Trách nhiệm thực hi¢n:\n"
        "+ Pon vi chủ trì: Sở Thông tin và Truy€n thông.\n+ Pon vị ph6i hợp: Công an tỉnh.\n"
        "- Thòi gian thực hi¢n: Thwòng xuyén trong nim 2020\n"
    )
    assert [row(t) for t in plan(text).tasks] == [
        ("II.1", ("Sở Thông tin và Truy€n thông",), ("Công an tỉnh",), ("2020-01-01", "2020-12-31"), None)
    ]


def test_lettered_items_under_a_task_are_its_subtasks():
    task = plan(LETTER_WITHOUT_SECTIONS).tasks[1]
    assert [s.label for s in task.subtasks] == ["a", "b"]
    assert task.text.startswith("Triển khai các hoạt động")


def test_field_lines_are_not_subtasks_and_raw_deadline_is_kept():
    task = plan(INLINE_FIELDS, "năm 2022").tasks[3]
    assert task.subtasks == ()
    assert task.deadline.text == "khi có yêu cầu"


TABLE_PLAN = """II. NHIỆM VỤ
1. Tuyên truyền về biển đảo
- Cơ quan chủ trì: Sở Thông tin và Truyền thông.
- Cơ quan phối hợp: Bộ Chỉ huy Bộ đội Biên phòng tỉnh.
- Thời gian thực hiện: Quý I/2023
2. Tập huấn nghiệp vụ
- Cơ quan chủ trì: Sở Nội vụ.
III. TỔ CHỨC THỰC HIỆN

Nơi nhận:
- Lưu: VT.

PHỤ LỤC
Stt\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\tKinh phí
1\tTuyên truyền về biển đảo\tSở Thông tin và Truyền thông\tBCH Bộ đội Biên phòng tỉnh\tQuý II/2023\t100.000.000
2\tTập huấn nghiệp vụ\tSở Nội vụ\tSở Tài chính\tTháng 9/2023\t20.000.000
3\tHội thi tìm hiểu pháp luật\tSở Tư pháp\t\tQuý IV/2023\t50.000.000
Tổng cộng\t\t\t\t\t150.000.000
"""


def test_table_rows_merge_with_body_tasks():
    reading = plan(TABLE_PLAN, "năm 2023")
    assert [row(t) for t in reading.tasks] == [
        ("II.1", ("Sở Thông tin và Truyền thông",), ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh",),
         ("2023-01-01", "2023-03-31"), 100_000_000),
        ("II.2", ("Sở Nội vụ",), ("Sở Tài chính",), ("2023-09-01", "2023-09-30"), 20_000_000),
        ("PL.3", ("Sở Tư pháp",), (), ("2023-10-01", "2023-12-31"), 50_000_000),
    ]  # fmt: skip
    assert reading.tasks[0].conflicts == ("deadline: the appendix table reads Quý II/2023",)
    assert reading.tasks[1].conflicts == ()
    assert reading.budget_total_vnd == 170_000_000 - 20_000_000
    assert any("II.1" in w for w in reading.warnings)
    assert any("differs from the sum of the rows 170,000,000" in w for w in reading.warnings)


ASSIGNMENTS = """III. TỔ CHỨC THỰC HIỆN
1- Ban Tuyên giáo Tỉnh ủy - Cơ quan Thường trực Ban Chỉ đạo tỉnh
- Chủ trì tham mưu, định hướng.
- Theo dõi, đôn đốc.
2- Các đơn vị thành viên Ban Chỉ đạo tỉnh: Căn cứ chức năng, xây dựng kế hoạch theo Kế hoạch số 18/KH-UBND.
3- Về kinh phí
- Các cơ quan bố trí kinh phí.
4- Vé ché dd thong tin, bao cdo
- Báo cáo trước ngày 30-10-2019.
"""


def test_assignments():
    reading = read_plan(clean(ASSIGNMENTS), Document())
    assert [(a.agency, len(a.duties)) for a in reading.assignments] == [
        ("Ban Tuyên giáo Tỉnh ủy", 2),
        ("Các đơn vị thành viên Ban Chỉ đạo tỉnh", 1),
    ]
    assert reading.assignments[1].duties[0].startswith("Căn cứ chức năng")


def test_a_party_body_leading_its_duty():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo rà soát các nghị quyết.\n"
        "2. Các huyện ủy, thành ủy; lãnh đạo các sở, ngành tổ chức quán triệt.\n"
    )
    reading = read_plan(clean(text), Document())
    assert [a.agency for a in reading.assignments][0] == "Đảng đoàn Hội đồng nhân dân tỉnh"
    assert "lãnh đạo các sở, ngành" in reading.assignments[1].agency


def test_assignments_in_prose():
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n\n- Giao Phòng Thông tin - Báo chí chủ trì, phối hợp với các phòng.\n\n"
        "- Các phòng, Trung tâm thuộc Sở tùy theo chức năng giúp Giám đốc Sở.\n"
    )
    reading = read_plan(clean(text), Document())
    assert [a.agency for a in reading.assignments] == [
        "Phòng Thông tin - Báo chí",
        "Các phòng, Trung tâm thuộc Sở",
    ]


# ---------------------------------------------------------------- whole seeds

GOLD = {
    p.stem.split("_")[0]: json.loads(p.read_text(encoding="utf-8"))
    for p in (SHARED / "eval" / "gold").glob("*.json")
}


@pytest.mark.parametrize("seed", sorted(GOLD))
def test_seed_tasks(seed):
    gold = GOLD[seed]
    record = extract_file(next(SEEDS.glob(f"{seed}_*.txt")))
    assert [t.label for t in record.tasks] == [t["label"] for t in gold["tasks"]], seed
    for got, want in zip(record.tasks, gold["tasks"], strict=True):
        if want.get("deadline"):
            assert (got.deadline.start, got.deadline.end) == (
                want["deadline"]["start"],
                want["deadline"]["end"],
            )
        if want.get("lead"):
            assert list(got.lead) == want["lead"], got.label
        if want.get("support"):
            assert [fold(clean(a).text) for a in got.support] == [
                fold(clean(a).text) for a in want["support"]
            ]
        if "cites" in want:
            assert sorted(got.cites) == sorted(want["cites"]), got.label
        if want.get("budget_vnd"):
            assert got.budget_vnd == want["budget_vnd"]
        if want.get("subtasks"):
            assert [s.label for s in got.subtasks] == want["subtasks"]
    if "assignments" in gold:
        assert len(record.assignments) == len(gold["assignments"]), seed
        for got, want in zip(record.assignments, gold["assignments"], strict=True):
            assert len(got.duties) == want["duties"], got.agency
    if "budget_total_vnd" in gold:
        assert record.budget_total_vnd == gold["budget_total_vnd"]


def test_seed_002_keeps_the_tables_other_reading_of_task_2():
    record = extract_file(next(SEEDS.glob("002_*.txt")))
    task = record.tasks[1]
    assert task.conflicts and task.conflicts[0].startswith("support: the appendix table reads")
    assert len(record.tasks) == 7


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("IIVa1-.)+:\n\t| ĐơnvịchủtrìThờigianKinhphí2020Quý"), max_size=400))
def test_bad_input_never_raises(text):
    record = extract_text(text)
    for task in record.tasks:
        assert task.label and isinstance(task.text, str)


@pytest.mark.parametrize(
    ("lead_cell", "support_cell", "lead", "support"),
    [
        ("Sở Tư pháp chủ trì; các sở, ngành phối hợp", "", ["Sở Tư pháp"], ["các sở, ngành"]),
        ("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ", "", ["Sở Tư pháp"], ["Sở Nội vụ"]),
        ("Công an tỉnh (chủ trì), Sở Tư pháp", "", ["Công an tỉnh"], ["Sở Tư pháp"]),
        ("Sở Tư pháp", "Sở Nội vụ, UBND các huyện", ["Sở Tư pháp"], ["Sở Nội vụ", "UBND các huyện"]),
        ("", "", [], []),
    ],
)
def test_roles_printed_in_a_cell(lead_cell, support_cell, lead, support):
    assert roles(lead_cell, support_cell) == (lead, support), (lead_cell, support_cell)


@pytest.mark.parametrize(
    ("sentence", "printed", "end"),
    [
        ("Xây dựng quy chế, hoàn thành trước ngày 30/6/2022.", "trước ngày 30/6/2022", "2022-06-30"),
        ("Tập huấn (hoàn thành trong quý III/2022)", "trong quý III/2022", "2022-09-30"),
        ("Hoàn thành việc rà soát văn bản.", None, None),
    ],
)
def test_deadline_inside_the_task_sentence(sentence, printed, end):
    task = plan(f"II. NHIỆM VỤ\n1. {sentence}\n", "năm 2022").tasks[0]
    assert (task.deadline and task.deadline.text, task.deadline and task.deadline.end) == (printed, end), (
        sentence
    )


def test_bodies_lettered_under_a_topic_heading_are_assignments():
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của các cơ quan, đơn vị\n"
        "a) Sở Thông tin và Truyền thông: Chủ trì, hướng dẫn triển khai.\n"
        "b) Sở Tài chính\n- Bố trí kinh phí.\n- Hướng dẫn thanh quyết toán.\n"
        "2. UBND các huyện, thành phố: Xây dựng kế hoạch của địa phương.\n"
        "3. Chế độ báo cáo\nĐịnh kỳ báo cáo trước ngày 15/12.\n"
    )
    reading = read_plan(clean(text), Document())
    assert [(a.agency, a.duties) for a in reading.assignments] == [
        ("Sở Thông tin và Truyền thông", ("Chủ trì, hướng dẫn triển khai.",)),
        ("Sở Tài chính", ("Bố trí kinh phí.", "Hướng dẫn thanh quyết toán.")),
        ("UBND các huyện, thành phố", ("Xây dựng kế hoạch của địa phương.",)),
    ]


def test_fields_printed_inline_after_the_task():
    text = (
        "II. NHIỆM VỤ\n"
        "1. Tuyên truyền pháp luật. - Đơn vị chủ trì: Đài Phát thanh - Truyền hình tỉnh. - Thời gian thực hiện: "
        "Quý II/2022.\n"
        "2. Hội nghị (Cơ quan chủ trì: Sở Tư pháp; Cơ quan phối hợp: Sở Nội vụ, Sở Tài chính; Thời gian: tháng 5).\n"
    )
    assert [row(t) for t in plan(text, "năm 2022").tasks] == [
        ("II.1", ("Đài Phát thanh - Truyền hình tỉnh",), (), ("2022-04-01", "2022-06-30"), None),
        ("II.2", ("Sở Tư pháp",), ("Sở Nội vụ", "Sở Tài chính"), ("2022-05-01", "2022-05-31"), None),
    ]


def test_a_capitalised_verb_belongs_to_a_name():
    assert roles("Sở Xây dựng chủ trì, phối hợp với Sở Giao thông vận tải xây dựng quy hoạch", "") == (
        ["Sở Xây dựng"],
        ["Sở Giao thông vận tải"],
    )
    text = (
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng chủ trì thực hiện.\n2. Giao Sở Tư pháp chủ trì, phối hợp.\n"
    )
    assert [a.agency for a in read_plan(clean(text), Document()).assignments] == ["Sở Xây dựng", "Sở Tư pháp"]


def test_roman_section_with_an_unusual_heading_still_gives_its_tasks():
    text = (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n2. Yêu cầu\nII. TRIỂN KHAI CỤ THỂ\n1. Tập huấn\n2. Hội thi\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Sở Tư pháp: chủ trì.\n2. Sở Tài chính: bố trí kinh phí.\n"
    )
    reading = plan(text)
    assert [t.label for t in reading.tasks] == ["II.1", "II.2"]
    assert [a.agency for a in reading.assignments] == ["Sở Tư pháp", "Sở Tài chính"]
