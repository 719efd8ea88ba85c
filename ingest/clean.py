"""Clean: make printed text comparable without losing where each character came from.

Every step keeps a map from the cleaned text back to offsets in the text as
given, so a span found in the cleaned text can be reported against the original.
Steps: NFC, one hyphen for every dash, Latin for look-alike Cyrillic, no markup (a tag
that ends a line or a cell leaves a line break or a tab), no site chrome, table pipes as
tabs (column boundaries); plus a folded (accent-free) twin for cue matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
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

_HTML_ENTITY = re.compile(r"&(?:nbsp|amp|quot|lt|gt|#\d{2,5});")
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&quot;": '"', "&lt;": "<", "&gt;": ">"}
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
# Dropped outright, in one pass: carriage returns, markup tags, emphasis marks.  Every match starts
# with a character of _NOISE_FIRST, so the scan jumps from one of those to the next.
_NOISE = re.compile(
    r"\r|<(?:/?(?P<tag>b|i|u|strong|em|span|br|p|td|tr|th|sup|sub|div|font|table|tbody|thead|li|ul|ol|h[1-6])\b"
    r"[^>]*>)|\*{1,3}|(?<![^\n])#{1,6}[ \t]+",
    re.I,
)
_NOISE_FIRST = re.compile(r"[\r<*#]")
# A tag that ends a line or a cell leaves a line break or a tab, so lines and columns stay apart.
_BREAKS = {"br": "\n", "p": "\n", "div": "\n", "tr": "\n", "li": "\n", "table": "\n"}
_BREAKS.update({f"h{n}": "\n" for n in range(1, 7)})
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


def _starting_at(pattern: re.Pattern[str], first: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches all start with a `first` character, found faster."""
    end = 0
    for hit in first.finditer(text):
        if hit.start() >= end and (m := pattern.match(text, hit.start())):
            yield m
            end = m.end()


def _pipes(text: str) -> Iterator[re.Match[str]]:
    """`_TABLE_PIPE.finditer(text)`, jumping from pipe to pipe (a match starts at the spaces before one)."""
    pos = 0
    while (at := text.find("|", pos)) >= 0:
        start = at
        while start > pos and text[start - 1] in " \t":
            start -= 1
        m = _TABLE_PIPE.match(text, start) or (_TABLE_PIPE.match(text, at) if at != start else None)
        pos = m.end() if m else at + 1
        if m:
            yield m


def _pipes_as_one(text: str) -> Iterator[re.Match[str]]:
    """`_PIPE_AS_ONE.finditer(text)`, jumping from pipe to pipe: a line that opens with "|." or "|-"."""
    pos = 0
    while (at := text.find("|", pos)) >= 0:
        pos = at + 1
        start = text.rfind("\n", 0, at) + 1
        if text[at + 1 : at + 2] in (".", "-") and not text[start:at].strip(" \t"):
            m = _PIPE_AS_ONE.match(text, start)
            if m:
                yield m


def _replace(
    text: str,
    origin: list[int],
    matches: Iterable[re.Match[str]],
    repl: Callable[[re.Match[str]], str],
) -> tuple[str, list[int]]:
    """Substitute matches; each replacement character maps to the start of what it replaced."""
    out: list[str] = []
    keep: list[int] = []
    pos = 0
    for m in matches:
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


def _noise(m: re.Match[str]) -> str:
    tag = (m.group("tag") or "").lower()
    if not tag:
        return ""
    if tag in ("td", "th"):
        return "\t" if m.group(0)[1:2] == "/" else ""
    return _BREAKS.get(tag, "")


def _drop(m: re.Match[str]) -> str:
    return ""


def clean(original: str) -> Cleaned:
    """NFC, one hyphen for every dash, Latin for look-alike Cyrillic, no markup or chrome, pipes as tabs."""
    original = original if isinstance(original, str) else str(original or "")
    if unicodedata.is_normalized("NFC", original):
        text, origin = original, list(range(len(original)))
    else:
        text, origin = _compose(original)
    text = _NEEDS_ONE_FOR_ONE.sub(lambda m: _ONE_FOR_ONE[ord(m.group(0))], text)
    if "&" in text:
        text, origin = _replace(
            text, origin, _HTML_ENTITY.finditer(text), lambda m: _ENTITIES.get(m.group(0), " ")
        )
    text, origin = _replace(text, origin, _starting_at(_NOISE, _NOISE_FIRST, text), _noise)
    if _CHROME_HINT.search(text):
        text, origin = _replace(text, origin, _SITE_CHROME.finditer(text), _drop)
    if "|" in text:
        text, origin = _replace(text, origin, _pipes_as_one(text), lambda m: "I")
        text, origin = _replace(text, origin, _pipes(text), lambda m: "\t")
    folded = fold_text(text)
    ocr = len(text) >= _OCR_MIN and looks_ocr(text, folded)
    return Cleaned(text=text, original=original, origin=tuple(origin), folded=folded, ocr=ocr)


def clean_text(text: str) -> str:
    """`clean(text).text` without the offset map or the OCR check: for short pieces such as table cells."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _NEEDS_ONE_FOR_ONE.sub(lambda m: _ONE_FOR_ONE[ord(m.group(0))], text)
    if "&" in text:
        text = _HTML_ENTITY.sub(lambda m: _ENTITIES.get(m.group(0), " "), text)
    if _NOISE_FIRST.search(text):
        text = _NOISE.sub("", text)
    if _CHROME_HINT.search(text):
        text = _SITE_CHROME.sub("", text)
    if "|" in text:
        text = _TABLE_PIPE.sub(" ", _PIPE_AS_ONE.sub("I", text))
    return text


_CLUSTER = re.compile(r".[\u0300-\u036f]+", re.S)


def _compose(original: str) -> tuple[str, list[int]]:
    """NFC per character cluster (a letter and the combining marks typed after it), keeping first offsets."""
    composed = unicodedata.normalize("NFC", original)
    starts = [i for i, ch in enumerate(original) if not "\u0300" <= ch <= "\u036f"]
    if len(starts) == len(composed):  # every cluster became one character: it maps to where it starts
        return composed, starts
    text, origin = _replace(
        original,
        list(range(len(original))),
        _CLUSTER.finditer(original),
        lambda m: unicodedata.normalize("NFC", m.group(0)),
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
