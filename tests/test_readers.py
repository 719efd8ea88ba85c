"""Every format read back: fixtures are rendered here from known Vietnamese text, then read and compared."""

from __future__ import annotations

import difflib
import shutil
import zipfile
from pathlib import Path

import pytest

from cancu.ingest import scans
from cancu.ingest.encodings import encode_legacy
from cancu.ingest.extract import extract_file
from cancu.ingest.readers import UnreadableDocument, document_files, read_document
from cancu.ingest.webpage import html_to_text

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core
HEADER = [
    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 83/KH-UBND",
    "Lạng Sơn, ngày 19 tháng 11 năm 2019",
]
BODY = [
    "KẾ HOẠCH",
    "Công tác thông tin đối ngoại năm 2020",
    "Căn cứ Chỉ thị số 25-CT/TW ngày 20/8/2018 của Ban Bí thư;",
    "Thực hiện Quyết định số 1486/QĐ-TTg ngày 12/8/2019 của Thủ tướng Chính phủ.",
]
LINES = HEADER + BODY
needs_ocr = pytest.mark.skipif(
    shutil.which("tesseract") is None or "vie" not in scans._languages(),
    reason="tesseract with its Vietnamese model is not installed (make system-deps)",
)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


# -- Word ------------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    header = doc.add_table(rows=2, cols=2)
    for cell, text in zip(
        (c for row in header.rows for c in row.cells),
        [HEADER[0], HEADER[1] + "\nĐộc lập - Tự do - Hạnh phúc", HEADER[2], HEADER[3]],
        strict=True,
    ):
        cell.text = text
    for line in BODY:
        doc.add_paragraph(line)
    doc.add_paragraph("Mục đích", style="List Number")
    doc.add_paragraph("Yêu cầu", style="List Number")
    doc.add_paragraph("tuyên truyền | quảng bá", style="List Bullet")
    tasks = doc.add_table(rows=3, cols=4)
    rows = [
        ["STT", "Nội dung", "Chủ trì", "Thời gian"],
        ["1", "Hội nghị quán triệt", "Sở Ngoại vụ", "Quý II/2020"],
        ["2", "Tuyên truyền", "", "Tháng 7 năm 2020"],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            tasks.cell(r, c).text = text
    tasks.cell(1, 2).merge(tasks.cell(2, 2))
    doc.save(path)
    return path


def test_docx_paragraphs_numbering_and_tables(tmp_path: Path) -> None:
    source = read_document(make_docx(tmp_path / "kehoach.docx"))
    assert source.format == "docx" and not source.ocr
    assert source.text.splitlines() == [
        HEADER[0],
        HEADER[1],
        "Độc lập - Tự do - Hạnh phúc",
        *HEADER[2:],
        *BODY,
        "1. Mục đích",
        "2. Yêu cầu",
        "- tuyên truyền | quảng bá",
        "| STT | Nội dung | Chủ trì | Thời gian |",
        "|---|---|---|---|",
        "| 1 | Hội nghị quán triệt | Sở Ngoại vụ | Quý II/2020 |",
        "| 2 | Tuyên truyền |  | Tháng 7 năm 2020 |",
    ]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_numbered_docx(path: Path) -> Path:
    """A Word file whose headings are numbered by Word itself (I., 1., a), -), as government templates do."""
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "\uf0b7")]
    lvl = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering = (
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="7">{lvl}</w:abstractNum>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
    )
    paragraphs = [
        (0, "MỤC ĐÍCH, YÊU CẦU"),
        (1, "Mục đích"),
        (1, "Yêu cầu"),
        (0, "NHIỆM VỤ"),
        (1, "Tuyên truyền"),
        (2, "Báo chí"),
        (2, "Truyền hình"),
        (3, "phát sóng"),
        (1, "Hội nghị"),
        (None, "Nơi nhận: như trên."),
    ]
    body = "".join(
        "<w:p>"
        + (
            f'<w:pPr><w:numPr><w:ilvl w:val="{lv}"/><w:numId w:val="3"/></w:numPr></w:pPr>'
            if lv is not None
            else ""
        )
        + f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        for lv, text in paragraphs
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        z.writestr("word/numbering.xml", numbering)
    return path


def test_docx_automatic_numbering_is_printed(tmp_path: Path) -> None:
    text = read_document(make_numbered_docx(tmp_path / "numbered.docx")).text
    assert text.splitlines() == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NHIỆM VỤ",
        "1. Tuyên truyền",
        "a) Báo chí",
        "b) Truyền hình",
        "- phát sóng",
        "2. Hội nghị",
        "Nơi nhận: như trên.",
    ]


def test_docx_record_end_to_end(tmp_path: Path) -> None:
    record = extract_file(make_docx(tmp_path / "kehoach.docx"))
    assert record.document.symbol == "83/KH-UBND"
    assert record.document.date == "2019-11-19"
    assert {"25-CT/TW", "1486/QĐ-TTg"} <= {c.symbol for c in record.citations}


# -- PDF and scans ---------------------------------------------------------------------------------


def make_pdf(path: Path, lines: list[str] = LINES, image: Path | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    page = canvas.Canvas(str(path), pagesize=A4)
    if image is not None:
        page.drawImage(str(image), 30, 380, width=540, height=440, preserveAspectRatio=True)
    else:
        page.setFont("DejaVu", 12)
        for i, line in enumerate(lines):
            page.drawString(60, 800 - 22 * i, line)
    page.showPage()
    page.save()
    return path


def make_image(path: Path, lines: list[str] = LINES) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 36)
    image = Image.new("L", (1800, 80 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 60 * i), line, font=font, fill=0)
    image.save(path)
    return path


def test_pdf_text_layer(tmp_path: Path) -> None:
    source = read_document(make_pdf(tmp_path / "kehoach.pdf"))
    assert (source.format, source.ocr) == ("pdf", False)
    assert source.text.splitlines() == LINES


def test_pdf_record_end_to_end(tmp_path: Path) -> None:
    record = extract_file(make_pdf(tmp_path / "kehoach.pdf"))
    assert record.document.symbol == "83/KH-UBND"
    assert {"25-CT/TW", "1486/QĐ-TTg"} <= {c.symbol for c in record.citations}


@needs_ocr
def test_image_is_read_by_ocr(tmp_path: Path) -> None:
    source = read_document(make_image(tmp_path / "scan.png"))
    assert (source.format, source.ocr) == ("image", True)
    read = [line for line in source.text.splitlines() if line.strip()]
    assert similarity("\n".join(read), "\n".join(LINES)) > 0.95, read
    assert "Số: 83/KH-UBND" in read


@needs_ocr
@needs_ocr
def test_a_record_read_by_tesseract_is_marked_ocr(tmp_path: Path) -> None:
    from cancu.ingest.extract import extract_file

    assert extract_file(make_image(tmp_path / "scan.png")).ocr is True


def test_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "scan.pdf", image=make_image(tmp_path / "page.png"))
    source = read_document(pdf)
    assert (source.format, source.ocr) == ("pdf", True)
    read = [line for line in source.text.splitlines() if line.strip()]
    assert similarity("\n".join(read), "\n".join(LINES)) > 0.95, read


def test_missing_tesseract_is_a_clear_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    monkeypatch.setattr(scans, "_languages", lambda: frozenset())
    with pytest.raises(UnreadableDocument, match=r"scan\.png: .*tesseract.*tesseract-ocr-vie"):
        read_document(image)


@needs_ocr
def test_damaged_image_is_refused(tmp_path: Path) -> None:
    image = tmp_path / "broken.png"
    image.write_bytes(make_image(tmp_path / "ok.png").read_bytes()[:300])
    with pytest.raises(UnreadableDocument, match=r"broken\.png: "):
        read_document(image)


# -- Web pages -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Cổng thông tin điện tử</title>
<script>document.write('<p>Trang chủ</p>')</script><style>p {{ color: red }}</style></head><body>
<div class="top-menu"><ul><li><a href="/">Trang chủ</a></li><li>Giới thiệu</li></ul></div>
<header><h1>Sở Ngoại vụ</h1><form><input name="q"><button>Tìm kiếm</button></form></header>
<nav>Tin tức | Văn bản</nav>
<div id="content">
<table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH LẠNG SƠN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>
<tr><td>Số: 83/KH-UBND</td><td>Lạng Sơn, ngày 19 tháng 11 năm 2019</td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p>
<p>Căn cứ   Chỉ thị số 25-CT/TW &amp; Kế hoạch số 89-KH/TU;</p>
<table border="1"><tr><th>STT<th>Nội dung<th>Chủ trì
<tr><td>1<td>Hội nghị<td>Sở Ngoại vụ</table>
<div class="social-share">Chia sẻ Facebook Zalo</div><p style="display: none">ẩn đi</p>
</div><aside>Văn bản liên quan</aside>
<footer>Bản quyền © 2019 Sở Ngoại vụ</footer><div id="cookie-notice">cookies</div></body></html>"""
PAGE_TEXT = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH LẠNG SƠN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 83/KH-UBND",
    "Lạng Sơn, ngày 19 tháng 11 năm 2019",
    "KẾ HOẠCH",
    "Căn cứ Chỉ thị số 25-CT/TW & Kế hoạch số 89-KH/TU;",
    "| STT | Nội dung | Chủ trì |",
    "|---|---|---|",
    "| 1 | Hội nghị | Sở Ngoại vụ |",
]


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [
        ("utf-8", "utf-8"),
        ("windows-1258", "windows-1258"),
        ("iso-8859-1", "tcvn3"),  # an old page in a TCVN3 font, declared Western
        ("windows-1252", "vni"),
    ],
)
def test_saved_page_without_its_chrome(tmp_path: Path, charset: str, encoding: str) -> None:
    html = PAGE.format(charset=charset)
    raw = html.encode() if encoding == "utf-8" else encode_legacy(html, encoding)
    page = tmp_path / "vanban.html"
    page.write_bytes(raw)
    source = read_document(page)
    assert source.format == "html"
    assert source.text.splitlines() == PAGE_TEXT


def test_page_content_marked_main_wins() -> None:
    html = (
        "<html><body><div>Quảng cáo</div><main><p>Số: 83/KH-UBND</p></main><div>Liên kết</div></body></html>"
    )
    assert html_to_text(html.encode()).splitlines() == ["Số: 83/KH-UBND"]


# -- Sniffing and folders --------------------------------------------------------------------------


def test_format_is_told_by_content_not_suffix(tmp_path: Path) -> None:
    pdf_as_txt = tmp_path / "misnamed.txt"
    pdf_as_txt.write_bytes(make_pdf(tmp_path / "real.pdf").read_bytes())
    assert read_document(pdf_as_txt).format == "pdf"
    html_as_pdf = tmp_path / "download.pdf"
    html_as_pdf.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    assert read_document(html_as_pdf).format == "html"


@pytest.mark.parametrize(
    ("encoding", "raw"),
    [
        ("UTF-16-LE", "Số: 83/KH-UBND ngày 19 tháng 11".encode("utf-16")),
        ("Windows-1258", encode_legacy("Số: 83/KH-UBND ngày 19 tháng 11 năm 2019", "windows-1258")),
        ("TCVN3 (ABC)", encode_legacy("Số: 83/KH-UBND ngày 19 tháng 11 năm 2019", "tcvn3")),
        ("VNI", encode_legacy("Số: 83/KH-UBND ngày 19 tháng 11 năm 2019", "vni")),
    ],
)
def test_text_file_reports_its_encoding(tmp_path: Path, encoding: str, raw: bytes) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(raw)
    source = read_document(path)
    assert source.encoding == encoding
    assert source.text.startswith("Số: 83/KH-UBND ngày 19 tháng 11")


def test_folder_listing_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    for name in ["a.txt", "b.docx", "c.pdf", "d.html", "e.png", "f.doc", "g.json", ".h.txt", "~$i.docx"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".cancu").mkdir()
    (tmp_path / ".cancu" / "j.txt").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "k.md").write_bytes(b"x")
    names = [p.relative_to(tmp_path).as_posix() for p in document_files(tmp_path)]
    assert names == ["a.txt", "b.docx", "c.pdf", "d.html", "e.png", "f.doc", "sub/k.md"]
