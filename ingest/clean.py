"""Clean: make printed text comparable without losing where each character came from.

Every step keeps a map from the cleaned text back to offsets in the text as
given, so a span found in the cleaned text can be reported against the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Dashes and minus signs print as a hyphen in document numbers.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"), "-")
# Cyrillic letters that OCR and careless typists use for Latin ones.
_CYRILLIC = str.maketrans(
    "\u0421\u041e\u0420\u0410\u0415\u041a\u041c\u041d\u0422\u0425\u0441\u043e\u0430\u0435\u0440\u0445\u0443\u0456",
    "COPAEKMHTXcoaepxyi",
)
_HTML_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|br|p|td|tr|th|sup|sub)\b[^>]*>", re.I)
_MD_EMPHASIS = re.compile(r"\*{1,3}|^#{1,6}[ \t]+", re.M)


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text plus `origin[i]`: the offset in `original` of cleaned character i."""

    text: str
    original: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span [start, end) back to the original text."""
        if not self.origin:
            return (0, 0)
        start = min(max(start, 0), len(self.origin) - 1)
        last = min(max(end - 1, start), len(self.origin) - 1)
        return (self.origin[start], self.origin[last] + 1)


def _drop(text: str, origin: list[int], pattern: re.Pattern[str]) -> tuple[str, list[int]]:
    out: list[str] = []
    keep: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(text[pos : m.start()])
        keep.extend(origin[pos : m.start()])
        pos = m.end()
    out.append(text[pos:])
    keep.extend(origin[pos:])
    return "".join(out), keep


def clean(original: str) -> Cleaned:
    """NFC, one hyphen for every dash, Latin for look-alike Cyrillic, no markup."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(original):
        nfc = unicodedata.normalize("NFC", ch)
        for c in nfc:
            chars.append(c)
            origin.append(i)
    text = "".join(chars)
    # Combining marks typed apart from their letter: compose per cluster, keep first offset.
    composed = unicodedata.normalize("NFC", text)
    if composed != text:
        chars, origin = _compose(text, origin)
        text = "".join(chars)
    text = text.translate(_DASHES).translate(_CYRILLIC).replace("\u00a0", " ").replace("\r", "")
    text, origin = _drop(text, origin, _HTML_TAG)
    text, origin = _drop(text, origin, _MD_EMPHASIS)
    return Cleaned(text=text, original=original, origin=tuple(origin))


def _compose(text: str, origin: list[int]) -> tuple[list[str], list[int]]:
    out: list[str] = []
    keep: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        out.extend(piece)
        keep.extend([origin[i]] * len(piece))
        i = j
    return out, keep
