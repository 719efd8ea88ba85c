"""Recipients (Kính gửi, Nơi nhận, an appended province list) and the signature block."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cancu.ingest.clean import clean
from cancu.ingest.identity import fold
from cancu.ingest.parties import find_recipients, find_signer, title_case
from cancu.ingest.record import Signer
from tests.conftest import ROOT, SEEDS

RECIPIENTS = [
    (
        "Thân bài./.\n\nNơi nhận:\n- UBND tỉnh (thay b/c);\n- Các Sở, ngành tỉnh liên quan (để biết);\n"
        "- UBND huyện, thị xã, TP (để phối hợp);\n- Lưu: VT, TTBCXB.\n\nGIÁM ĐỐC\n\nTrần Văn A\n",
        ["UBND tỉnh", "Các Sở, ngành tỉnh liên quan", "UBND huyện, thị xã, TP"],
    ),
    (
        "Nơi nhận:\n- Ban Tuyên giáo Trung ương,\n- Vụ Thông tin đối ngoại, Ban Tuyên giáo Trung ương, |(B/c)\n"
        "- Lưu Văn phòng Tỉnh ủy.\n",
        ["Ban Tuyên giáo Trung ương", "Vụ Thông tin đối ngoại, Ban Tuyên giáo Trung ương"],
    ),
    (
        "Kính gửi:\n- Sở Tài chính;\n- Sở Nội vụ.\n\nThân bài.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n",
        ["Sở Tài chính", "Sở Nội vụ"],
    ),
    ("Kính gửi: Ủy ban nhân dân tỉnh Bến Tre\n\nThân bài.\n", ["Ủy ban nhân dân tỉnh Bến Tre"]),
    ("Thân bài không có nơi nhận.", []),
    ("Kính gửi:\n\tSở Tài chính;\n\tSở Nội vụ.\n\nThân bài.\n", ["Sở Tài chính", "Sở Nội vụ"]),
    (
        "Nơi nhận:\t\t\tKT. CHỦ TỊCH\n- Như trên;\t\t\tPHÓ CHỦ TỊCH\n- Sở Tư pháp;\n- Lưu: VT.\t\t\tNguyễn Văn Bình\n",
        ["Sở Tư pháp"],
    ),
    # No blank line between the addressees and the body: the body's first sentence is not a recipient.
    (
        "Kính gửi:\n- Các sở, ban, ngành;\n- UBND các huyện, thành phố.\nĐể triển khai kịp thời Nghị quyết số"
        " 12/NQ-HĐND, Sở Tài chính đề nghị các cơ quan báo cáo.\n",
        ["Các sở, ban, ngành", "UBND các huyện, thành phố"],
    ),
    (
        "Kính gửi:\n- Sở Văn hóa, Thể thao\nvà Du lịch;\n- Sở Nội vụ\nThực hiện chỉ đạo của UBND tỉnh, Sở đề nghị.\n",
        ["Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"],
    ),
]


@pytest.mark.parametrize(("text", "names"), RECIPIENTS)
def test_recipients(text, names):
    assert find_recipients(clean(text).text) == names, text


def test_appended_list_of_provinces_expands_the_collective_addressee():
    text = clean(next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")).text
    names = find_recipients(text)
    assert len(names) == 63
    for want in [
        "Ủy ban nhân dân tỉnh An Giang",
        "Ủy ban nhân dân tỉnh Kiên Giang",
        "Ủy ban nhân dân tỉnh Trà Vinh",
    ]:
        assert want in names
    assert not any("cac tinh" in fold(n) for n in names)


SIGNERS = [
    (
        "Nơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\n**Trần Văn Khoảnh**\n",
        Signer("Trần Văn Khoảnh", "Giám đốc", None),
    ),
    (
        "Nơi nhận:\n- Lưu VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n",
        Signer("Nguyễn Văn An", "Phó Chủ tịch", "KT."),
    ),
    (
        "Nơi nhận:\n- Lưu.\n\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\nKiêm\n\nTRƯỞNG BAN CHỈ ĐẠO\n\n\n\nHoàng Văn Nghiêm\n",
        Signer("Hoàng Văn Nghiêm", "Phó Bí thư Thường trực kiêm Trưởng Ban Chỉ đạo", None),
    ),
    (
        "Nơi nhận:\n- Văn phòng;\n\n10/ GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Việt Thông\n\nNguyễn Việt Thông\n\nBRITISH MUSEUM\n",
        Signer("Nguyễn Việt Thông", "Phó Giám đốc", None),
    ),
    (
        "Nơi nhận:\n- Lưu: VT.\n\nTL. BỘ TRƯỞNG\nCỤC TRƯỞNG\n\nLê Thị Hoa\n\nPHỤ LỤC\nBảng Tổng Hợp\n",
        Signer("Lê Thị Hoa", "Cục trưởng", "TL."),
    ),
    (
        "Nơi nhận:\t\t\tKT. CHỦ TỊCH\n- Như trên;\t\t\tPHÓ CHỦ TỊCH\n- Sở Tư pháp;\n- Lưu: VT.\t\t\tNguyễn Văn Bình\n",
        Signer("Nguyễn Văn Bình", "Phó Chủ tịch", "KT."),
    ),
    # A web copy's signature columns in pipes, the name alone on its last line.
    (
        "Nơi nhận: | TL. BỘ TRƯỞNG |\n- Như trên; | VỤ TRƯỞNG |\n- Lưu: VT. |\n| Trần Thị Mai |\n",
        Signer("Trần Thị Mai", "Vụ trưởng", "TL."),
    ),
    ("Không có chữ ký.", None),
]


@pytest.mark.parametrize(("text", "signer"), SIGNERS)
def test_signer(text, signer):
    assert find_signer(clean(text).text) == signer, text


TITLE_ROWS = list(csv.DictReader((ROOT / "data" / "signer_titles.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("row", TITLE_ROWS, ids=lambda r: r["example"])
def test_every_title_restores_its_example(row):
    restored = title_case(row["example"])
    assert fold(restored) == fold(row["title"])
    assert restored.lower() == row["title"].lower()
    assert row["title"][1:] in restored


@given(st.text(max_size=300))
def test_never_raises(text):
    find_recipients(text)
    find_signer(text)
