"""Reported relations: what a text says about two other documents, one row per phrasing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancu.ingest.citations import find_mentions
from cancu.ingest.clean import clean
from cancu.ingest.extract import extract_text
from cancu.ingest.record import Document
from cancu.ingest.relations import find_relations

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "gold"
OCR_TAIL = (
    "\ncua cac co quan, cac don vi trong tinh thuc hién cong tac thong tin doi ngoai nam 2019 va nam 2020;"
    " cac nhiém vu cua Dang va Nha nudc vé cong tac thong tin d6i ngoai trén dia ban tinh."
)


def relations(text: str) -> list[tuple[str, str, str]]:
    doc = clean(text)
    return [(r.subject, r.relation, r.object) for r in find_relations(doc, find_mentions(doc, Document()))]


# (text, expected (subject, relation, object) triples in order)
CASES = [
    # The second object after "và" is dated after the subject: the plan cannot implement it.
    (
        "Kế hoạch số 31-KH/TU ngày 2/3/2017 của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 12-CT/TW của Ban Bí thư"
        " và Kết luận số 45-KL/TU ngày 9/10/2018 của Ban Thường vụ Tỉnh ủy về công tác dân vận",
        [("31-KH/TU", "implements", "12-CT/TW")],
    ),
    (
        "Kế hoạch số 31-KH/TU ngày 2/3/2019 của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 12-CT/TW của Ban Bí thư"
        " và Kết luận số 45-KL/TU ngày 9/10/2018 của Ban Thường vụ Tỉnh ủy về công tác dân vận",
        [("31-KH/TU", "implements", "12-CT/TW"), ("31-KH/TU", "implements", "45-KL/TU")],
    ),
    (
        "Kế hoạch số 89-KH/TU, ngày 24/10/2018 của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 25-CT/TW, ngày"
        " 08/8/2018 của Ban Bí thư",
        [("89-KH/TU", "implements", "25-CT/TW")],
    ),
    (
        "Kế hoạch số 248-KH/TU ngày 9-8-2019 triển khai thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019",
        [("248-KH/TU", "implements", "35-CT/TW")],
    ),
    (
        "Kế hoạch số 25-KH/TU ngày 30/11/2016 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 100-KL/TW của Ban Bí thư",
        [("25-KH/TU", "implements", "100-KL/TW")],
    ),
    (
        "Chương trình hành động số 90-CTr/TU về thực hiện Nghị quyết số 16-NQ/TW và Kết luận số 16-KL/TW",
        [("90-CTr/TU", "implements", "16-NQ/TW"), ("90-CTr/TU", "implements", "16-KL/TW")],
    ),
    (
        "Thông tư số 22/2016/TT-BTTTT hướng dẫn thi hành Nghị định số 72/2015/NĐ-CP",
        [("22/2016/TT-BTTTT", "guides", "72/2015/NĐ-CP")],
    ),
    (
        "Nghị định số 31/2011/NĐ-CP ngày 11/5/2011 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số"
        " 75/2006/NĐ-CP",
        [("31/2011/NĐ-CP", "amends", "75/2006/NĐ-CP")],
    ),
    (
        "Quyết định số 20/QĐ-UBND thay thế Quyết định số 11/QĐ-UBND",
        [("20/QĐ-UBND", "replaces", "11/QĐ-UBND")],
    ),
    (
        "Quyết định số 273/QĐ-TTg ngày 06/3/2018 và Hướng dẫn số 1074/BTTTT-TTĐN ngày 12/4/2018 của Bộ Thông tin và"
        " Truyền thông hướng dẫn triển khai thực hiện Quyết định số 273, nhằm tăng cường",
        [("1074/BTTTT-TTĐN", "implements", "273/QĐ-TTg")],
    ),
    (
        "Thực hiện Kế hoạch số 164-KH/TU ngày 2/3/2021 (sau đây gọi tắt là Kế hoạch 164). Hướng dẫn số 5/HD-UBND"
        " hướng dẫn thực hiện Kế hoạch 164.",
        [("5/HD-UBND", "guides", "164-KH/TU")],
    ),
    (
        "Ké hoach s6 166-KH/TU, ngay 04-6-2019 vé hoc tap, quan triét, tuyén truyén va trién khai thuc hién Chi th5i"
        " s6 32-CT/TW cua Bo Chinh tri" + OCR_TAIL,
        [("166-KH/TU", "implements", "32-CT/TW")],
    ),
    (
        "Thực hiện Hướng dẫn số 82-HD/BTGTW ngày 18/01/2019; Nghị quyết số 73-NQ/TU ngày 30/11/2018 về nhiệm vụ",
        [],
    ),
    (
        "Nghị định số 72/2015/NĐ-CP về quản lý hoạt động thông tin đối ngoại và Thông tư số 22/2016/TT-BTTTT",
        [],
    ),
    (
        "Kế hoạch số 18/KH-UBND về hoạt động năm 2019.\n\n2- Tiếp tục triển khai thực hiện\n\nKế hoạch số 89-KH/TU",
        [],
    ),
    ("Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, Quyết định số 12/QĐ-UBND", []),
    (
        "Căn cứ Quyết định số 12/QĐ-TTg; Quyết định số 12/QĐ-UBND; Hướng dẫn số 5/HD-UBND hướng dẫn thực hiện"
        " Quyết định số 12.",
        [],
    ),
    ("Kế hoạch số 5/KH-UBND về công tác năm 2020. Tiếp tục thực hiện Chỉ thị số 25-CT/TW của Ban Bí thư", []),
    (
        "Căn cứ Kế hoạch số 150-KH/TU về việc triển khai thực hiện Chỉ thị số 12-CT/TW ngày 05 tháng 01 năm 2022 của"
        " Ban Bí thư, Ủy ban nhân dân tỉnh ban hành Chương trình như sau:\nI. MỤC ĐÍCH\n1. Mục đích:\n- Thực hiện Kế"
        " hoạch số 150-KH/TU.",
        [("150-KH/TU", "implements", "12-CT/TW")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"{i}:{c[0][:30]}" for i, c in enumerate(CASES)])
def test_reported_relations(text: str, expected: list) -> None:
    assert relations(text) == expected, text


SEED_IDS = sorted(p.stem for p in GOLD.glob("*.json"))


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_relations_match_gold(seed_id: str) -> None:
    gold = json.loads((GOLD / f"{seed_id}.json").read_text(encoding="utf-8"))
    text = (ROOT / "data" / gold["text_file"]).read_text(encoding="utf-8")
    got = {(r.subject, r.relation, r.object) for r in extract_text(text).reported_relations}
    assert got == {(r["subject"], r["relation"], r["object"]) for r in gold["reported_relations"]}
