"""Citations: one row per printed form of the issue and DOMAIN.md, plus the five seeds against their gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.ingest.citations import find_mentions, find_symbols
from cancu.ingest.clean import clean
from cancu.ingest.extract import extract_text
from cancu.ingest.ocr import repair_code
from cancu.ingest.patterns import issuer_by_code, type_by_code
from cancu.ingest.record import Document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "gold"
BODY = "\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
LANG_SON = Document(type="Kế hoạch", province="Lạng Sơn")
TAY_NINH = Document(type="Kế hoạch", province="Tây Ninh")
# A few lines of OCR-damaged text, enough for OCR mode to be detected.
OCR_TAIL = (
    "\ncua cac co quan, cac don vi trong tinh thuc hién cong tac thong tin doi ngoai nam 2019 va nam 2020;"
    " cac nhiém vu cua Dang va Nha nudc vé cong tac thong tin d6i ngoai trén dia ban tinh."
)


def cite(text: str, header: Document) -> dict[str, dict]:
    found = find_mentions(clean(text), header)
    return {c.symbol: c.__dict__ for c in found.citations}


def pick(citation: dict, fields: dict) -> dict:
    return {k: citation[k] for k in fields}


# (text, header, {symbol: expected fields}); the symbols must be exactly these
CASES = [
    (
        "Căn cứ Kế hoạch số 83/KH-UBND ngày 19/11/2019 của Ủy ban nhân dân tỉnh về công tác năm 2020;" + BODY,
        TAY_NINH,
        {
            "83/KH-UBND": {
                "type": "Kế hoạch",
                "date": "2019-11-19",
                "issuer": "Ủy ban nhân dân tỉnh Tây Ninh",
                "level": "province",
                "clause": "Căn cứ",
                "in_preamble": True,
            }
        },
    ),
    (
        "Thực hiện Hướng dẫn số 82 - HD/BTGTW, ngày 18/01/2019 của Ban Tuyên giáo Trung ương;" + BODY,
        Document(),
        {
            "82-HD/BTGTW": {
                "type": "Hướng dẫn",
                "date": "2019-01-18",
                "issuer": "Ban Tuyên giáo Trung ương",
                "level": "central",
                "clause": "Thực hiện",
                "printed": "82 - HD/BTGTW",
                "repaired": False,
            }
        },
    ),
    (
        "Triển khai Kết luận số 16-KL/TW ngày 14/02/2012 của Bộ Chính trị khóa XI;" + BODY,
        Document(),
        {"16-KL/TW": {"issuer": "Bộ Chính trị", "clause": "Triển khai", "repaired": False}},
    ),
    (
        "Quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị;" + BODY,
        Document(),
        {"05-CT/TW": {"clause": "Quán triệt", "date": None}},
    ),
    (
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 15/TTr-SNV ngày 02 tháng 8 năm 2019;" + BODY,
        TAY_NINH,
        {
            "15/TTr-SNV": {
                "type": "Tờ trình",
                "date": "2019-08-02",
                "clause": "Xét",
                "issuer": "Sở Nội vụ tỉnh Tây Ninh",
                "level": "department",
            }
        },
    ),
    (
        "Theo đề nghị của Sở Tư pháp tại Tờ trình số 20/TTr-STP;" + BODY,
        TAY_NINH,
        {"20/TTr-STP": {"clause": "Theo"}},
    ),
    (
        "Căn cứ các Quyết định số 1, 2 và 3/QĐ-TTg ngày 5/1/2020 của Thủ tướng Chính phủ;" + BODY,
        Document(),
        {
            "1/QĐ-TTg": {"type": "Quyết định", "issuer": "Thủ tướng Chính phủ", "clause": "Căn cứ"},
            "2/QĐ-TTg": {"type": "Quyết định", "date": "2020-01-05"},
            "3/QĐ-TTg": {"type": "Quyết định", "level": "central"},
        },
    ),
    (
        "Thực hiện các Nghị quyết số 18, 19-NQ/TW của Ban Chấp hành Trung ương;" + BODY,
        Document(),
        {"18-NQ/TW": {"type": "Nghị quyết", "level": "central"}, "19-NQ/TW": {"type": "Nghị quyết"}},
    ),
    (
        "I. NHIỆM VỤ\n- Triển khai Kế hoạch số 89-KH/TU, ngày 24/10/2018 của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị"
        " số 25-CT/TW, ngày 08/8/2018 của Ban Bí thư.",
        LANG_SON,
        {
            "89-KH/TU": {
                "issuer": "Ban Thường vụ Tỉnh ủy Lạng Sơn",
                "level": "province",
                "clause": "body",
                "in_preamble": False,
            },
            "25-CT/TW": {"issuer": "Ban Bí thư", "date": "2018-08-08", "clause": "body"},
        },
    ),
    (
        "Triển khai Quyết định số 273/QĐ-TTg ngày 06/3/2018 của Thủ tướng Chính phủ và Hướng dẫn số 1074/BTTTT-TTĐN"
        " hướng dẫn triển khai thực hiện Quyết định số 273;" + BODY,
        Document(),
        {
            "273/QĐ-TTg": {"date": "2018-03-06"},
            "1074/BTTTT-TTĐN": {"type": "Hướng dẫn", "issuer": "Bộ Thông tin và Truyền thông"},
        },
    ),
    (
        "Thực hiện Kế hoạch số 164-KH/TU ngày 2/3/2021 của Ban Thường vụ Tỉnh ủy (sau đây gọi tắt là Kế hoạch 164-KH/TU),"
        " Ban Chỉ đạo xây dựng kế hoạch:" + BODY + "Tiếp tục thực hiện Kế hoạch 164.",
        LANG_SON,
        {"164-KH/TU": {"date": "2021-03-02", "clause": "Thực hiện"}},
    ),
    (
        "Căn cứ Kế hoạch số 76-KH/TU;" + BODY,
        LANG_SON,
        {"76-KH/TU": {"issuer": "Tỉnh ủy Lạng Sơn", "level": "province"}},
    ),
    (
        "Căn cứ Công văn số 4884/VP-KGVX ngày 10/8/2020 của Văn phòng UBND tỉnh;" + BODY,
        Document(province="Kiên Giang"),
        {
            "4884/VP-KGVX": {
                "type": "Công văn",
                "issuer": "Văn phòng Ủy ban nhân dân tỉnh Kiên Giang",
                "level": "province",
            }
        },
    ),
    (
        "II. NHIỆM VỤ\nChương trình số: 389/CTr-STTTT-BĐBP ngày 04/7/2011 và Bản Ghi nhớ phối hợp công tác số"
        " 4422/GN-BTTTT-BTLBĐBP ngày 16/11/2017.",
        Document(province="Trà Vinh"),
        {
            "389/CTr-STTTT-BĐBP": {
                "type": "Chương trình",
                "issuer": "Sở Thông tin và Truyền thông tỉnh Trà Vinh",
                "level": "department",
            },
            "4422/GN-BTTTT-BTLBĐBP": {"type": "Bản ghi nhớ", "issuer": "Bộ Thông tin và Truyền thông"},
        },
    ),
    (
        "II. NHIỆM VỤ\nChương trình hành động số 90-CTr/TU, ngày 26/7/2018 của Ban Thường vụ Tỉnh ủy.",
        LANG_SON,
        {"90-CTr/TU": {"type": "Chương trình hành động"}},
    ),
    (
        "Chỉ thị số 21-CT/TTg, ngày 6-8-2012 của Thủ tướng Chính phủ",
        Document(),
        {"21-CT/TTg": {"date": "2012-08-06", "repaired": False, "issuer": "Thủ tướng Chính phủ"}},
    ),
    (
        "Căn cứ Kết luận số 10KL/TU của Tỉnh ủy;" + BODY,
        LANG_SON,
        {"10-KL/TU": {"printed": "10KL/TU", "repaired": True, "issuer": "Tỉnh ủy Lạng Sơn"}},
    ),
    (
        "Căn cứ Chỉ thị số 25-СT/TW của Ban Bí thư;" + BODY,
        Document(),
        {"25-CT/TW": {"printed": "25-СT/TW", "repaired": True}},
    ),
    (
        "Căn cứ Quyết định số 12/QD-UBND của UBND tỉnh;" + BODY,
        TAY_NINH,
        {"12/QĐ-UBND": {"printed": "12/QD-UBND", "repaired": True}},
    ),
    (
        "Căn cứ Nghị định số 31/2011/NĐ-CP ngày 11/5/2011 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số"
        " 75/2006/NĐ-CP ngày 02 tháng 8 năm 2006 của Chính phủ;" + BODY,
        Document(),
        {
            "31/2011/NĐ-CP": {"date": "2011-05-11", "issuer": "Chính phủ"},
            "75/2006/NĐ-CP": {"date": "2006-08-02", "clause": "Căn cứ"},
        },
    ),
    (
        "Căn cứ Luật số 77/2015/QH13 ngày 19/6/2015;" + BODY,
        Document(),
        {"77/2015/QH13": {"type": "Luật", "issuer": "Quốc hội", "level": "central"}},
    ),
    (
        "Theo đề nghị của Chánh Văn phòng UBND tỉnh tại Công văn số 700/VP-NV ngày 03/8/2014 và Báo cáo thẩm định"
        " số 300/BC-STP ngày 01/12/2014 của Giám đốc Sở Tư pháp," + BODY,
        Document(province="Bạc Liêu"),
        {
            "700/VP-NV": {
                "issuer": "Văn phòng Ủy ban nhân dân tỉnh Bạc Liêu",
                "clause": "Theo",
                "type": "Công văn",
            },
            "300/BC-STP": {"issuer": "Sở Tư pháp tỉnh Bạc Liêu", "type": "Báo cáo", "level": "department"},
        },
    ),
    (
        "Căn cứ Quyết định số 12/QĐ-UBND của UBND tỉnh ngày 05/3/2020;" + BODY,
        TAY_NINH,
        {"12/QĐ-UBND": {"date": "2020-03-05", "issuer": "Ủy ban nhân dân tỉnh Tây Ninh"}},
    ),
    (
        "TỈNH ỦY\nSb: 45-KH/TU\nKẾ HOẠCH\nAbc\n\nCăn cứ Kế hoạch số 12-KH/TU;" + BODY,
        LANG_SON,
        {"12-KH/TU": {}},
    ),
    (
        "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH\nCăn cứ Kế hoạch số 83/KH-UBND của UBND tỉnh;\n\nII. MỤC ĐÍCH\n"
        "Thực hiện Kế hoạch số 84/KH-UBND.",
        TAY_NINH,
        {"83/KH-UBND": {"in_preamble": True, "clause": "Căn cứ"}, "84/KH-UBND": {"in_preamble": False}},
    ),
    (
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 3/4/2020 của Ủy ban nhân dân tỉnh Nam Định về việc phối hợp; Kế hoạch số"
        " 13/KH-SKHCN của Sở Khoa học và Công nghệ về việc triển khai;" + BODY,
        LANG_SON,
        {
            "12/KH-UBND": {"issuer": "Ủy ban nhân dân tỉnh Nam Định", "date": "2020-04-03"},
            "13/KH-SKHCN": {"issuer": "Sở Khoa học và Công nghệ tỉnh Lạng Sơn", "level": "department"},
        },
    ),
    (
        "Kế hoạch\nPHỤ LỤC\n(Kèm theo Kế hoạch số 873/KH-UBND ngày 05/3/2020 của UBND tỉnh)\n",
        Document(symbol="873/KH-UBND", type="Kế hoạch"),
        {},
    ),
    (
        "PHỤ LỤC\n(Kèm theo Kế hoạch số /KH-STTTT-TTBCXB ngày /02/2020 của Sở Thông tin và Truyền thông Trà Vinh)\n",
        Document(symbol_printed="/KH-STTTT-TTBCXB", type="Kế hoạch"),
        {},
    ),
    (
        "Ngày 18/01/2019, 47/63 tỉnh, Quý II/2020, 2020-2021, số 115 Trần Duy Hưng, Fax: 024 37675959.",
        Document(),
        {},
    ),
    (
        "S6 liéu cua Cuc: hién c6 47/63 tinh; Cin ctr Quyét dinh s6 930/Qb-\nTTG ngay 28-7-2018 ctia Thu tuong Chinh phu;"
        + OCR_TAIL,
        Document(),
        {
            "930/QĐ-TTg": {
                "printed": "930/Qb-\nTTG",
                "repaired": True,
                "date": "2018-07-28",
                "clause": "Căn cứ",
                "issuer": "Thủ tướng Chính phủ",
                "type": "Quyết định",
            }
        },
    ),
    (
        "Thyc hién Hudéng dan s6 82-HD/BTGTW, ngay 18-01-2019 cua Ban Tuyén gido\nTrung uong v€ cong tac;"
        + OCR_TAIL,
        Document(),
        {"82-HD/BTGTW": {"clause": "Thực hiện", "issuer": "Ban Tuyên giáo Trung ương", "type": "Hướng dẫn"}},
    ),
    # A law's number carries the legislature and its term (QH14), no type code: the word before it is the type.
    (
        "Theo quy định của Luật Quy hoạch số 21/2017/QH14 và Thông tư số 08/2019/TT - BXD, ngày 5/9/2019;"
        + BODY,
        Document(),
        {
            "21/2017/QH14": {"type": "Luật", "issuer": "Quốc hội"},
            "08/2019/TT-BXD": {"type": "Thông tư", "date": "2019-09-05"},
        },
    ),
    # A provincial bloc's party committee (Đảng ủy Khối) and a chairman's directive (CTUBND) are provincial.
    (
        "Thực hiện Hướng dẫn số 12-HD/ĐUK ngày 3/3/2021 của Đảng ủy Khối các cơ quan tỉnh và Chỉ thị số"
        " 05/CT-CTUBND;" + BODY,
        Document(),
        {"12-HD/ĐUK": {"level": "province"}, "05/CT-CTUBND": {"level": "province", "type": "Chỉ thị"}},
    ),
    # Named first in a title in capitals, then after "Căn cứ": the preamble gives the clause.
    (
        "QUYẾT ĐỊNH\nTRIỂN KHAI KẾT LUẬN SỐ 40-KL/TW CỦA BỘ CHÍNH TRỊ\nCăn cứ Kết luận số 40-KL/TW ngày 5/5/2018"
        " của Bộ Chính trị;" + BODY,
        Document(type="Quyết định"),
        {"40-KL/TW": {"clause": "Căn cứ", "in_preamble": True}},
    ),
]


@pytest.mark.parametrize(
    ("text", "header", "expected"), CASES, ids=[f"{i}:{c[0][:30]}" for i, c in enumerate(CASES)]
)
def test_citation_forms(text: str, header: Document, expected: dict) -> None:
    got = cite(text, header)
    assert sorted(got) == sorted(expected), text
    for symbol, fields in expected.items():
        assert pick(got[symbol], fields) == fields, (text, symbol)


@pytest.mark.parametrize(
    ("text", "header", "expected"), CASES, ids=[f"{i}:{c[0][:30]}" for i, c in enumerate(CASES)]
)
def test_citation_spans_point_into_the_original(text: str, header: Document, expected: dict) -> None:
    for citation in find_mentions(clean(text), header).citations:
        start, end = citation.span
        assert text[start:end] == citation.printed, (text, citation)


def test_short_forms_and_aliases_add_no_citation_and_no_reference() -> None:
    text = CASES[10][0]
    found = find_mentions(clean(text), LANG_SON)
    assert [c.symbol for c in found.citations] == ["164-KH/TU"]
    assert found.references == ()
    assert [m.full for m in found.mentions].count(False) >= 1


# (printed code, known codes, OCR text?, repaired code or None)
REPAIRS = [
    ("QĐ", "types", False, "QĐ"),
    ("QD", "types", False, "QĐ"),
    ("ND", "types", False, "NĐ"),
    ("DA", "types", False, "DA"),
    ("Qb", "types", True, "QĐ"),
    ("Qb", "types", False, None),
    ("TTG", "issuers", False, "TTg"),
    ("SNGV", "issuers", False, "SNgV"),
    ("BCDTTDTN", "issuers", True, "BCĐTTĐN"),
    ("BTGTVV", "issuers", True, "BTGTW"),
    ("TTDN", "issuers", False, "TTĐN"),
    ("XYZ", "issuers", True, None),
    ("KHX", "types", True, None),
]


@pytest.mark.parametrize(
    ("printed", "table", "ocr", "expected"), REPAIRS, ids=[f"{r[0]}-{r[2]}" for r in REPAIRS]
)
def test_code_repair_uses_the_tables_and_never_invents(printed: str, table: str, ocr: bool, expected) -> None:
    known = tuple(type_by_code()) if table == "types" else tuple(issuer_by_code())
    assert repair_code(printed, known, ocr) == expected


# (text, expected references: (text start, date))
REFERENCES = [
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;" + BODY,
        [("Luật Tổ chức chính quyền địa phương ngày 19/6/2015", "2015-06-19")],
    ),
    ("Quán triệt Nghị quyết Đại hội XII của Đảng;" + BODY, [("Nghị quyết Đại hội XII của Đảng", None)]),
    (
        "II. NHIỆM VỤ\n- Đề án “Truyền thông tỉnh Kiên Giang đến năm 2025” của Ủy ban nhân dân tỉnh.",
        [("Đề án “Truyền thông tỉnh Kiên Giang đến năm 2025” của Ủy ban nhân dân tỉnh", None)],
    ),
    ("Căn cứ Chỉ thị số 35 ngày 30/5/2019 của Bộ Chính trị;" + BODY, [("Chỉ thị số 35", "2019-05-30")]),
    ("UBND tỉnh xây dựng Kế hoạch công tác thông tin đối ngoại năm 2020 như sau:" + BODY, []),
    ("Các đơn vị thực hiện Kế hoạch này;" + BODY, []),
    # A web copy breaks lines anywhere: a name runs on unless the next line opens a clause or an item.
    (
        "Căn cứ Luật Tổ chức Hội đồng\nnhân dân và Ủy ban nhân dân ngày 26/11/2003;\nCăn cứ Luật Đất đai\nngày 29/11/2013;"
        + BODY,
        [
            ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003", "2003-11-26"),
            ("Luật Đất đai ngày 29/11/2013", "2013-11-29"),
        ],
    ),
    # "Kế hoạch 5 năm", "Chương trình 3 năm": a span of time, not a document's number.
    ("Thực hiện Kế hoạch 5 năm (2021 - 2025) và Chương trình 3 năm 2023 - 2025 của tỉnh;" + BODY, []),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCES, ids=[r[0][:30] for r in REFERENCES])
def test_unnumbered_references(text: str, expected: list) -> None:
    found = find_mentions(clean(text), Document(province="Kiên Giang"))
    assert [(r.text, r.date) for r in found.references] == expected, text
    assert found.citations == ()


SEED_IDS = sorted(p.stem for p in GOLD.glob("*.json"))


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_citations_match_gold(seed_id: str) -> None:
    gold = json.loads((GOLD / f"{seed_id}.json").read_text(encoding="utf-8"))
    text = (ROOT / "data" / gold["text_file"]).read_text(encoding="utf-8")
    record = extract_text(text)
    got = {c.symbol: c for c in record.citations}
    assert sorted(got) == sorted(c["symbol"] for c in gold["citations"])
    for want in gold["citations"]:
        c = got[want["symbol"]]
        for name in ("type", "date", "level", "clause", "in_preamble"):
            assert getattr(c, name) == want[name], (want["symbol"], name)
        assert text[c.span[0] : c.span[1]] == c.printed


_PIECES = st.sampled_from(
    [
        "Số: ",
        "số ",
        "12",
        "/",
        "-",
        "KH",
        "QĐ",
        "TTg",
        "TU",
        "UBND",
        "Căn cứ ",
        "Thực hiện ",
        "của ",
        "ngày ",
        "tháng ",
        "năm ",
        "2019",
        "\n",
        "\n\n",
        "I. ",
        "Kế hoạch ",
        "Quyết định ",
        "(",
        ")",
        ";",
        ",",
        "Đ",
        "ư",
        "С",
        "–",
        " ",
        "|",
        "sau đây gọi tắt là ",
        "Kèm theo ",
        "Tỉnh ủy ",
        "Lạng Sơn",
        "KẾ HOẠCH\n",
        "s6 ",
        "Qb",
        "*",
        "<b>",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_any_text_gives_a_record_never_an_exception(text: str) -> None:
    record = extract_text(text)
    for c in record.citations:
        start, end = c.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == c.printed
    for r in record.reported_relations:
        assert r.subject != r.object


# (printed text, (symbol, printed) pairs found, OCR text?)
SYMBOL_FORMS = [
    ("Kết luận 16-KL/TW - Ban Bí thư", [("16-KL/TW", "16-KL/TW")], False),
    ("số 12/QĐ - TTg ngày", [("12/QĐ-TTg", "12/QĐ - TTg")], False),
    ("số 23 /KH - SNgV", [("23/KH-SNgV", "23 /KH - SNgV")], False),
    ("Chỉ thị 25-CT/TW-Ban", [("25-CT/TW", "25-CT/TW")], False),
    ("930/Qb-\nTTG ngay", [("930/QĐ-TTg", "930/Qb-\nTTG")], True),
    ("4422/GN-BTTTT-BTLBĐBP ngày", [("4422/GN-BTTTT-BTLBĐBP", "4422/GN-BTTTT-BTLBĐBP")], False),
    ("Luật số 77/2015/QH13;", [("77/2015/QH13", "77/2015/QH13")], False),
    ("số 35 - CT/ TW", [("35-CT/TW", "35 - CT/ TW")], False),
    ("Công văn 1234/UBND-VX", [("1234/UBND-VX", "1234/UBND-VX")], False),
    ("16/2001/CT-TTG", [("16/2001/CT-TTg", "16/2001/CT-TTG")], False),
    ("ngày 18/01/2019, 47/63 tỉnh, Quý II/2020, 2020-2021, COVID-19", [], False),
    ("Thông tư số 12/2019/TT - BCA, ngày", [("12/2019/TT-BCA", "12/2019/TT - BCA")], False),
    # A letter after the number: a number given twice ("36a/NQ-CP" after "36/NQ-CP").
    ("Nghị quyết số 19a/NQ-CP ngày", [("19a/NQ-CP", "19a/NQ-CP")], False),
    # PDF text that lost the hyphen between the type and the issuer code.
    (
        "Quyết định số 412/QĐUBND và Nghị định số 15/2020/NĐCP",
        [("412/QĐ-UBND", "412/QĐUBND"), ("15/2020/NĐ-CP", "15/2020/NĐCP")],
        False,
    ),
    # An old number joining its codes with a dot.
    ("Quyết định số 07/2001/QĐ.UB ngày", [("07/2001/QĐ-UB", "07/2001/QĐ.UB")], False),
]


@pytest.mark.parametrize(("text", "expected", "ocr"), SYMBOL_FORMS, ids=[f[0][:25] for f in SYMBOL_FORMS])
def test_symbol_forms(text: str, expected: list, ocr: bool) -> None:
    assert [(s.text, s.printed) for _m, s in find_symbols(text, ocr)] == expected
