"""Clean: make printed text comparable without losing where each character came from.

Every step keeps a map from the cleaned text back to offsets in the text as
given, so a span found in the cleaned text can be reported against the original.
Steps: NFC, one hyphen for every dash, Latin for look-alike Cyrillic, no markup,
no site chrome, no table pipes; plus a folded (accent-free) twin for cue matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from cancu.ingest.ocr import fold_text, looks_ocr

# Dashes and minus signs print as a hyphen in document numbers.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad\ufe63\uff0d"), "-")
# Cyrillic letters that OCR and careless typists use for Latin ones.
_CYRILLIC = {
    ord(c): latin
    for c, latin in zip(
        "\u0421\u041e\u0420\u0410\u0415\u041a\u041c\u041d\u0422\u0425\u0412\u0441\u043e\u0430\u0435\u0440\u0445\u0443\u0456",
        "COPAEKMHTXBcoaepxyi",
        strict=True,
    )
}
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_ONE_FOR_ONE = {**_DASHES, **_CYRILLIC, **_SPACES, ord("\ufeff"): " ", ord("\u200b"): " "}

_HTML_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|br|p|td|tr|th|sup|sub|div|font)\b[^>]*>", re.I)
_HTML_ENTITY = re.compile(r"&(?:nbsp|amp|quot|lt|gt|#\d{2,5});")
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&quot;": '"', "&lt;": "<", "&gt;": ">"}
_MD_EMPHASIS = re.compile(r"\*{1,3}|^#{1,6}[ \t]+", re.M)
_CARRIAGE = re.compile(r"\r")
# Lines a web page wraps around the document: navigation, sharing, view counters, copyright.
_SITE_CHROME = re.compile(
    r"^[ \t]*(?:Trang chủ|Đăng nhập|Đăng ký|Chia sẻ|Share|In bài|In trang|Tweet|Facebook|Zalo|"
    r"Lượt xem|Lượt truy cập|Bản quyền|Copyright|©|Tải về|Tải văn bản|Xem thêm|Quay lại|Về đầu trang)"
    r"\b[^\n]{0,80}$",
    re.I | re.M,
)
# A "|" that draws a table column (not an OCR'd roman I at the start of a heading).
_TABLE_PIPE = re.compile(r"(?<=\S)[ \t]*\|[ \t]*(?=\S)|(?<=\s)\|(?=\s)|^\|[ \t]*$", re.M)
_PIPE_AS_ONE = re.compile(r"(?m)^[ \t]*\|(?=[.\-])")
# Dropped outright, in one pass: carriage returns, markup tags, emphasis marks.
_NOISE = re.compile("|".join(f"(?:{p.pattern})" for p in (_CARRIAGE, _HTML_TAG, _MD_EMPHASIS)), re.I | re.M)
_NOISE_HINT = re.compile(r"[<*#\r]")
_CHROME_HINT = re.compile(
    r"(?im)^[ \t]*(?:trang|đăng|chia|share|in |tweet|facebook|zalo|lượt|bản|copyright|©|tải|xem|quay|về)"
)
_NEEDS_ONE_FOR_ONE = re.compile("[" + re.escape("".join(map(chr, _ONE_FOR_ONE))) + "]")


_OCR_MIN = 200  # shorter snippets (table cells, names) carry too few words to judge


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text plus `origin[i]`: the offset in `original` of cleaned character i.

    `folded` is the cleaned text lower-cased and without accents, one character for each;
    `ocr` says whether the text reads like OCR output.
    """

    text: str
    original: str
    origin: tuple[int, ...]
    folded: str = ""
    ocr: bool = False

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span [start, end) back to the original text."""
        if not self.origin:
            return (0, 0)
        start = min(max(start, 0), len(self.origin) - 1)
        last = min(max(end - 1, start), len(self.origin) - 1)
        return (self.origin[start], self.origin[last] + 1)


def _replace(
    text: str, origin: list[int], pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]
) -> tuple[str, list[int]]:
    """Substitute matches; each replacement character maps to the start of what it replaced."""
    out: list[str] = []
    keep: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(text[pos : m.start()])
        keep.extend(origin[pos : m.start()])
        new = repl(m)
        out.append(new)
        keep.extend([origin[m.start()]] * len(new))
        pos = m.end()
    if not out:
        return text, origin
    out.append(text[pos:])
    keep.extend(origin[pos:])
    return "".join(out), keep


def _drop(m: re.Match[str]) -> str:
    return ""


def clean(original: str) -> Cleaned:
    """NFC, one hyphen for every dash, Latin for look-alike Cyrillic, no markup, chrome or table pipes."""
    original = original if isinstance(original, str) else str(original or "")
    if unicodedata.is_normalized("NFC", original):
        text, origin = original, list(range(len(original)))
    else:
        text, origin = _compose(original)
    text = _NEEDS_ONE_FOR_ONE.sub(lambda m: _ONE_FOR_ONE[ord(m.group(0))], text)
    if "&" in text:
        text, origin = _replace(text, origin, _HTML_ENTITY, lambda m: _ENTITIES.get(m.group(0), " "))
    if _NOISE_HINT.search(text):
        text, origin = _replace(text, origin, _NOISE, _drop)
    if _CHROME_HINT.search(text):
        text, origin = _replace(text, origin, _SITE_CHROME, _drop)
    if "|" in text:
        text, origin = _replace(text, origin, _PIPE_AS_ONE, lambda m: "I")
        text, origin = _replace(text, origin, _TABLE_PIPE, lambda m: " ")
    folded = fold_text(text)
    ocr = len(text) >= _OCR_MIN and looks_ocr(text, folded)
    return Cleaned(text=text, original=original, origin=tuple(origin), folded=folded, ocr=ocr)


_CLUSTER = re.compile(r".[\u0300-\u036f]+", re.S)


def _compose(original: str) -> tuple[str, list[int]]:
    """NFC per character cluster (a letter and the combining marks typed after it), keeping first offsets."""
    text, origin = _replace(
        original, list(range(len(original))), _CLUSTER, lambda m: unicodedata.normalize("NFC", m.group(0))
    )
    if unicodedata.is_normalized("NFC", text):
        return text, origin
    out: list[str] = []
    keep: list[int] = []
    for ch, at in zip(text, origin, strict=True):
        if unicodedata.combining(ch) and out:
            merged = unicodedata.normalize("NFC", out[-1] + ch)
            if len(merged) == 1:
                out[-1] = merged
                continue
        piece = unicodedata.normalize("NFC", ch)
        out.extend(piece)
        keep.extend([at] * len(piece))
    return "".join(out), keep
