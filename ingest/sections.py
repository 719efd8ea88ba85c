"""Sections: the numbered outline of a document body (I./II., 1./1-, a)/đ), -, +) as a tree.

Plans nest their items by marker kind, not by indentation, and OCR breaks
lines mid-sentence; so a line opens an item only when it starts with a marker,
and any other line continues the block before it unless a blank line and a
finished sentence set it apart.  Offsets are kept so every item has a span.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cancu.ingest.identity import fold
from cancu.ingest.ocr import fold_table

# Marker kinds from outermost to innermost; "text" is a plain paragraph.
RANKS = {"roman": 0, "number": 1, "number2": 2, "letter": 3, "dash": 4, "plus": 5, "text": 6}

_LEAD_MARKUP = re.compile(r"^[\s#>*_]+")
_ROMAN = re.compile(r"^(?P<m>[IVXl|1]{1,5})\s*(?:[.\-)]|\.-)\s*(?=\S)")
_NUMBER = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2}){0,2})\s*(?:\.-|[.\-)])\s*(?=[^\s\d/])")
_LETTER = re.compile(r"^(?P<m>[a-zđ¢])\s*\)\s*(?=\S)")
_BULLET = re.compile(r"^(?P<m>[-•·+])\s*(?=\S)")
# A task's field line ("Thời gian thực hiện: …") never carries on the line above it.
_FIELD_LINE = re.compile(
    r"^(?:trach nhiem|thoi gian|thoi han|tien do|kinh phi|nguon kinh phi|san pham|du toan"
    r"|(?:[dpb]on vi|co quan|bo phan)\s*(?:chu tri|phoi hop|thuc hien))[^:\n]{0,25}:"
)
_LABEL_LINE = re.compile(r"^[A-ZĐÀ-Ỹ][^:\n]{2,40}:")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_MARKER_STARTS = frozenset("IVXl|1234567890-•·+")
# Where the body ends: the recipients block, an appendix, a closing formula.
_BODY_END = re.compile(r"^\W*(?:noi\s*nhan|phu\s*luc\b|danh\s*s[a-z]ch\b|tran\s*trong)")  # on folded lines


# What an English-trained OCR prints for Vietnamese letters, one character for one: ê→€/¢, ư→w,
# ố→6 and ơ→0 inside a word.  Digits elsewhere (dates, numbers) are left alone.
_OCR_CHARS = fold_table({"€": "e", "¢": "e", "w": "u"})
_OCR_DIGIT = re.compile(r"[60](?:(?<=[a-z][60])(?=[a-z]|\b)|(?<=\b[a-z][60])(?=[a-z]))")


@lru_cache(maxsize=1024)
def fold_chars(text: str) -> str:
    """Folded (lower-case, accent-free) with OCR's letter swaps undone, one character per character."""
    folded = text.translate(_OCR_CHARS) if not text.isascii() else text.lower().translate(_OCR_CHARS)
    return _OCR_DIGIT.sub("o", folded)


def _base_letter(ch: str) -> str:
    return unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))[:1] or ch


_MARKS_TABLE = [
    _base_letter(chr(cp)) if 0xC0 <= cp < 0x250 or cp >= 0x1E00 else chr(cp) for cp in range(0x1F00)
]


def strip_marks(text: str) -> str:
    """Accents and the bar of đ removed, case kept, one character per character (offsets carry over)."""
    return text if text.isascii() else text.translate(_MARKS_TABLE)


@dataclass(frozen=True)
class Item:
    """One outline item: its marker, its own text (marker removed) and the items under it."""

    kind: str  # roman | number | number2 | letter | dash | plus | text | root
    marker: str  # "II", "1", "2.1", "a", "-", "+", "" for text
    text: str
    start: int  # offsets in the text the outline was read from
    end: int
    children: tuple[Item, ...] = ()

    @property
    def title(self) -> str:
        """The item's own text on one line."""
        return " ".join(self.text.split())


@dataclass
class _Block:
    kind: str
    marker: str
    text: str
    start: int
    end: int
    blank_before: bool


def roman_value(marker: str) -> int | None:
    """Value of a roman numeral as OCR prints it ("I1" and "|" are damaged "II" and "I")."""
    marker = marker.replace("|", "I").replace("l", "I").replace("1", "I")
    if not marker or set(marker) - set(_ROMAN_VALUES):
        return None
    total = 0
    for i, ch in enumerate(marker):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[marker[i + 1]] if i + 1 < len(marker) else 0
        total += -value if value < nxt else value
    return total if total > 0 else None


def _to_roman(value: int) -> str:
    out = []
    for n, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= n:
            out.append(s)
            value -= n
    return "".join(out)


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text[:60] if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def classify(line: str) -> tuple[str, str, int]:
    """(kind, marker, length of the marker prefix) for one line; kind "text" when it has no marker."""
    stripped = _LEAD_MARKUP.sub("", line)
    lead = len(line) - len(stripped)
    if stripped[:1] not in _MARKER_STARTS and ")" not in stripped[:4]:
        return "text", "", lead  # most lines: no marker can start here
    m = _ROMAN.match(stripped)
    if m and not m.group("m").isdigit() and _mostly_upper(stripped[m.end() :]):
        value = roman_value(m.group("m"))
        if value:
            return "roman", _to_roman(value), lead + m.end()
    m = _NUMBER.match(stripped)
    if m:
        marker = m.group("m")
        kind = "number2" if "." in marker else "number"
        return kind, ".".join(str(int(p)) for p in marker.split(".")), lead + m.end()
    m = _LETTER.match(stripped)
    if m and (stripped[m.end() : m.end() + 1].isupper() or not stripped[m.end() : m.end() + 1].isalpha()):
        return "letter", m.group("m").replace("¢", "c"), lead + m.end()
    m = _BULLET.match(line.lstrip())
    if m:
        return (
            ("plus" if m.group("m") == "+" else "dash"),
            m.group("m"),
            len(line) - len(line.lstrip()) + m.end(),
        )
    return "text", "", lead


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.:;!?)\"”]\s*$", text.rstrip(" *_")))


def _continues(prev: _Block, body: str, blank: bool) -> bool:
    """Whether a plain line carries on the block before it rather than opening a paragraph."""
    if prev.kind == "roman" and not _mostly_upper(body):
        return False  # a plain line after an upper-case heading starts the section's first paragraph
    if _FIELD_LINE.match(fold_chars(body[:60])):
        return False
    if blank and (_LABEL_LINE.match(body) or body.startswith("(")):
        return False
    if blank and prev.kind != "text" and "\n" not in prev.text and len(prev.text.split()) <= 12:
        return body[:1].islower()  # a short heading line stands alone above its first paragraph
    return not blank or not _ends_sentence(prev.text) or body[:1].islower()


def _blocks(text: str, skip: list[tuple[int, int]]) -> list[_Block]:
    blocks: list[_Block] = []
    pos = 0
    blank = True
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        if skip and any(a <= start < b for a, b in skip):
            blank = True
            continue
        if not raw.strip(" \t*_#|"):
            blank = True
            continue
        kind, marker, cut = classify(raw)
        body = raw[cut:].strip().strip("*_ ").strip()
        joins = kind == "text" and blocks and _continues(blocks[-1], body, blank)
        if joins:
            prev = blocks[-1]
            prev.text = f"{prev.text}\n{body}" if prev.text else body
            prev.end = start + len(raw.rstrip())
        else:
            blocks.append(_Block(kind, marker, body, start + cut, start + len(raw.rstrip()), blank))
        blank = False
    return blocks


def outline(text: str, skip: list[tuple[int, int]] | None = None) -> Item:
    """The text's items as a tree under one root item; lines inside `skip` spans (tables) are left out."""
    stack: list[tuple[int, dict]] = [
        (-1, {"kind": "root", "marker": "", "text": "", "start": 0, "children": []})
    ]
    for b in _blocks(text, skip or []):
        rank = RANKS[b.kind]
        node = {
            "kind": b.kind,
            "marker": b.marker,
            "text": b.text,
            "start": b.start,
            "end": b.end,
            "children": [],
        }
        if b.kind == "text":
            # A paragraph belongs to the innermost numbered or lettered item, closing open bullets.
            while len(stack) > 1 and stack[-1][0] >= RANKS["dash"]:
                stack.pop()
        else:
            while len(stack) > 1 and stack[-1][0] >= rank:
                stack.pop()
        stack[-1][1]["children"].append(node)
        if b.kind != "text":
            stack.append((rank, node))
    return _freeze(stack[0][1], len(text))


def _freeze(node: dict, end: int) -> Item:
    children = tuple(_freeze(c, c.get("end", end)) for c in node["children"])
    last = max([node.get("end", 0)] + [c.end for c in children]) if node["kind"] != "root" else end
    return Item(node["kind"], node["marker"], node["text"], node["start"], last, children)


def body_end(text: str, start: int = 0) -> int:
    """Offset where the body ends (recipients, appendix or closing formula), or the text's length."""
    pos = 0
    for line in text.split("\n"):
        if pos >= start and _BODY_END.match(fold(line.strip(" *#_|"))):
            return pos
        pos += len(line) + 1
    return len(text)
