"""Encodings: the TCVN3 and VNI tables both ways, detection of every encoding, and clear refusals."""

from __future__ import annotations

import codecs
import csv
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from cancu.ingest.encodings import (
    LEGACY,
    EncodingError,
    decode,
    decode_legacy,
    encode_legacy,
    is_syllable,
    vietnamese_score,
)

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
# Seeds typed by people (000 and 001 are OCR output whose accents are noise).
TYPED_SEEDS = sorted(SEEDS.glob("00[234]_*.txt"))
PARAGRAPH = (
    "Căn cứ Chỉ thị số 25-CT/TW ngày 20/8/2018 của Ban Bí thư về đẩy mạnh công tác đối ngoại Đảng;\n"
    "Thực hiện Kế hoạch số 89-KH/TU, Sở Ngoại vụ xây dựng kế hoạch thông tin đối ngoại năm 2019.\n"
    "Ưu tiên tuyên truyền về biên giới, quyết định, hướng dẫn, ý kiến; thời gian: quý II/2019.\n"
)
_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
ALPHABET = sorted(
    {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONE_MARKS} | {"đ"}, key=ord
)


def table(name: str) -> list[dict[str, str]]:
    with resources.files("cancu.data").joinpath(f"encoding_{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(("name", "entries"), [("tcvn3", 74), ("vni", 134)])
def test_table_entries_decode_and_encode_back(name: str, entries: int) -> None:
    rows = table(name)
    assert len(rows) == entries
    assert len({r["char"] for r in rows}) == len({r["bytes"] for r in rows}) == entries
    for row in rows:
        code = bytes.fromhex(row["bytes"])
        assert decode_legacy(code, name) == row["char"], row
        assert encode_legacy(row["char"], name) == code, row
        assert unicodedata.name(row["char"]) == row["name"], row


@pytest.mark.parametrize("name", LEGACY)
def test_every_small_vietnamese_letter_encodes_and_decodes(name: str) -> None:
    assert len(ALPHABET) == 73  # 12 vowels x 6 tones, and đ
    for letter in ALPHABET:
        assert decode_legacy(encode_legacy(letter, name), name) == letter, (name, letter)


def test_vni_capitals_have_their_own_codes() -> None:
    capitals = "".join(letter.upper() for letter in ALPHABET)
    assert decode_legacy(encode_legacy(capitals, "vni"), "vni") == capitals


@pytest.mark.parametrize(
    ("name", "text", "printed"),
    [
        ("vni", "Xin chào các bạn", "Xin chaøo caùc baïn"),
        ("vni", "Quyết định Đảng ủy", "Quyeát ñònh Ñaûng uûy"),
        ("tcvn3", "Ban Tuyên giáo", "Ban Tuyªn gi¸o"),
        ("tcvn3", "Đảng bộ tỉnh", "§¶ng bé tØnh"),
        ("windows-1258", "Việt", "Vie\u0302\u0323t"),
    ],
)
def test_known_legacy_spellings(name: str, text: str, printed: str) -> None:
    """How these words look when legacy bytes are shown as Windows Western text."""
    raw = encode_legacy(text, name)
    shown = raw.decode("cp1258" if name == "windows-1258" else "cp1252")
    assert unicodedata.normalize("NFD", shown) == unicodedata.normalize("NFD", printed)
    assert decode_legacy(raw, name) == text


def test_windows_1258_decodes_to_composed_characters() -> None:
    raw = encode_legacy(PARAGRAPH, "windows-1258")
    assert b"\xec" in raw or b"\xd2" in raw  # tones stored as combining marks
    text = decode_legacy(raw, "windows-1258")
    assert text == PARAGRAPH and unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("name", LEGACY)
@pytest.mark.parametrize("seed", TYPED_SEEDS, ids=lambda p: p.name[:3])
def test_seed_in_legacy_encoding_is_detected(seed: Path, name: str) -> None:
    text = seed.read_text(encoding="utf-8")
    decoded = decode(encode_legacy(text, name))
    assert decoded.encoding == name
    if name == "tcvn3":  # TCVN3 has codes for seven capitals only: case may differ, letters may not
        assert decoded.text.casefold() == text.casefold()
    else:
        assert decoded.text == text


def test_typed_seeds_are_present() -> None:
    assert len(TYPED_SEEDS) == 3


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Kế HOạCH", "KẾ HOẠCH"),  # typed with small-letter codes in a capital font
        ("ỦY BAN NHâN DâN TỉNH", "ỦY BAN NHÂN DÂN TỈNH"),
        ("Sở TTTT", "Sở TTTT"),
        ("ủY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
        ("Số: 83/KH-UBND", "Số: 83/KH-UBND"),
        ("QUYếT ĐịNH số 12", "QUYẾT ĐỊNH số 12"),
    ],
)
def test_tcvn3_capital_font_words_are_capitalised(printed: str, expected: str) -> None:
    assert decode_legacy(encode_legacy(printed, "tcvn3"), "tcvn3") == expected


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"), "utf-8"),
        (PARAGRAPH.encode("utf-8"), "utf-8"),
        (PARAGRAPH.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"), "utf-16-be"),
        (PARAGRAPH.encode("utf-16-le"), "utf-16-le"),
        (PARAGRAPH.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + PARAGRAPH.encode("utf-32-le"), "utf-32-le"),
        (unicodedata.normalize("NFD", PARAGRAPH).encode("utf-8"), "utf-8"),
    ],
    ids=["utf8-bom", "utf8", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "utf16be-no-bom", "utf32", "nfd"],
)
def test_unicode_encodings_are_detected(raw: bytes, encoding: str) -> None:
    decoded = decode(raw)
    assert (decoded.encoding, decoded.text) == (encoding, PARAGRAPH)


def test_utf8_cut_mid_character_keeps_the_text_before_the_cut() -> None:
    raw = PARAGRAPH.encode("utf-8")
    cut = raw.index("Ưu".encode()) + 1
    decoded = decode(raw[:cut])
    assert decoded.truncated and decoded.text == PARAGRAPH[: PARAGRAPH.index("Ưu")]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"\x00\x01\x02binary\x00\xff", "binary"),
        (bytes(range(256)) * 4, "binary"),
        ("Le président a décidé que la réunion aura lieu à Genève.".encode("cp1252"), "no Vietnamese"),
        (b"\x81\x82\x83\x84 \x85\x86\x87\x88 \x89\x8a\x8b\x8c", "no Vietnamese"),
        ("Số: 83".encode() + b"\xc3\x28 invalid middle" * 3, "no Vietnamese"),
    ],
    ids=["nul-bytes", "all-bytes", "french-latin1", "high-bytes", "broken-utf8"],
)
def test_undecodable_bytes_are_refused_with_a_reason(raw: bytes, problem: str) -> None:
    with pytest.raises(EncodingError, match=problem) as caught:
        decode(raw)
    if problem == "no Vietnamese":
        assert any(name in str(caught.value) for name in ("Windows-1258", "TCVN3", "VNI"))


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        ("nghiêng", True),
        ("quyết", True),
        ("được", True),
        ("khuyến", True),
        ("giữ", True),
        ("gì", True),
        ("hoạch", True),
        ("Tuyên", True),
        ("ĐẢNG", True),
        ("khuya", True),
        ("caùc", False),  # VNI read as Western
        ("Tuyªn", False),  # TCVN3 read as Western
        ("quyêìt", False),  # Windows-1258 read as VNI
        ("aăe", False),
        ("hoạác", False),  # two tones
    ],
)
def test_syllable_check(word: str, ok: bool) -> None:
    assert is_syllable(word) is ok, word


def test_score_of_real_text_is_high() -> None:
    assert vietnamese_score(PARAGRAPH) == 1.0
    assert vietnamese_score("plain ascii only") == 0.0
