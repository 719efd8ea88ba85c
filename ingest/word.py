"""Word (.docx) files → text: paragraphs with their automatic numbering, and tables.

Read straight from the package's XML with the standard library: Word's list
numbering ("I.", "1.", "a)") is not in the paragraph text, so it is computed
from numbering.xml, because the extractor needs those labels to find tasks.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from cancu.ingest.errors import UnreadableDocument
from cancu.ingest.tabletext import table_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# A .docx is a zip: refuse parts that inflate past this (a zip bomb, not a document).
MAX_PART_BYTES = 256 * 1024 * 1024
_BULLETS = {"-", "+", "–", "•", "*"}


def read_docx(path: Path) -> str:
    """The text of a .docx file: body paragraphs and tables in document order."""
    try:
        with zipfile.ZipFile(path) as package:
            body = _xml(package, "word/document.xml", path).find(f"{W}body")
            numbering = _Numbering.load(package, path)
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(f"{path}: damaged or truncated .docx ({exc})") from exc
    if body is None:
        raise UnreadableDocument(f"{path}: .docx without a document body")
    return "\n".join(_blocks(body, numbering)).strip() + "\n"


def _xml(package: zipfile.ZipFile, name: str, path: Path) -> ET.Element:
    try:
        info = package.getinfo(name)
    except KeyError as exc:
        raise UnreadableDocument(f"{path}: not a Word document (no {name} inside)") from exc
    if info.file_size > MAX_PART_BYTES:
        raise UnreadableDocument(f"{path}: {name} inflates to {info.file_size} bytes; refused as a zip bomb")
    try:
        return ET.fromstring(package.read(info))
    except (ET.ParseError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UnreadableDocument(f"{path}: damaged or truncated .docx ({name}: {exc})") from exc


def _blocks(container: ET.Element, numbering: _Numbering) -> Iterator[str]:
    """Lines of the paragraphs and tables directly in a body, cell or content control."""
    for child in container:
        if child.tag == f"{W}p":
            yield numbering.label(child) + _paragraph_text(child)
        elif child.tag == f"{W}tbl":
            yield from table_lines(_table_rows(child, numbering))
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content, numbering)


def _table_rows(table: ET.Element, numbering: _Numbering) -> list[list[str]]:
    return [
        ["\n".join(_blocks(cell, numbering)) for cell in _children(row, "tc")]
        for row in _children(table, "tr")
    ]


def _children(node: ET.Element, tag: str) -> Iterator[ET.Element]:
    """The `tag` children of a table or row, looking through content controls (w:sdt)."""
    for child in node:
        if child.tag == f"{W}{tag}":
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _children(content, tag)


def _paragraph_text(p: ET.Element) -> str:
    out: list[str] = []

    def walk(node: ET.Element) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}p":  # a text box's paragraph inside this one
                out.append("\n" + _paragraph_text(child) + "\n")
            elif tag not in (MC_FALLBACK, f"{W}pPr", f"{W}delText", f"{W}instrText"):
                walk(child)

    walk(p)
    return "".join(out)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    """Word's list definitions and the running counters that number the paragraphs."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstract id → level → format
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → abstract, starts
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # style id → numId, level
    counters: dict[str, list[int]] = field(default_factory=dict)
    restarted: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, package: zipfile.ZipFile, path: Path) -> _Numbering:
        numbering = cls()
        names = set(package.namelist())
        if "word/numbering.xml" in names:
            root = _xml(package, "word/numbering.xml", path)
            for abstract in root.findall(f"{W}abstractNum"):
                levels = numbering.levels.setdefault(abstract.get(f"{W}abstractNumId", ""), {})
                for lvl in abstract.findall(f"{W}lvl"):
                    levels[_int(lvl.get(f"{W}ilvl"))] = _Level(
                        fmt=_val(lvl, "numFmt") or "decimal",
                        text=_val(lvl, "lvlText") or "",
                        start=_int(_val(lvl, "start"), 1),
                    )
            for num in root.findall(f"{W}num"):
                starts = {
                    _int(o.get(f"{W}ilvl")): _int(_val(o, "startOverride"), 1)
                    for o in num.findall(f"{W}lvlOverride")
                    if o.find(f"{W}startOverride") is not None
                }
                numbering.instances[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId") or "", starts)
        if "word/styles.xml" in names:
            for style in _xml(package, "word/styles.xml", path).findall(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    numbering.styles[style.get(f"{W}styleId", "")] = (
                        _val(num_pr, "numId") or "",
                        _int(_val(num_pr, "ilvl")),
                    )
        return numbering

    def label(self, p: ET.Element) -> str:
        """The number Word prints before paragraph `p` ("II. ", "1. ", "a) ", "- "), or ""."""
        num_id, ilvl = self._numbering_of(p)
        if num_id not in self.instances:
            return ""
        abstract, starts = self.instances[num_id]
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        if level.fmt == "bullet":
            return (level.text if level.text in _BULLETS else "-") + " "
        counts = self.counters.setdefault(abstract, [])
        if num_id not in self.restarted and starts:
            self.restarted.add(num_id)
            counts.clear()
        while len(counts) <= ilvl:
            depth = len(counts)
            counts.append(starts.get(depth, levels.get(depth, _Level()).start) - 1)
        counts[ilvl] += 1
        del counts[ilvl + 1 :]
        text = level.text
        for depth in range(ilvl, -1, -1):
            fmt = levels.get(depth, _Level()).fmt
            text = text.replace(f"%{depth + 1}", _format(counts[depth], fmt))
        return text + " " if text else ""

    def _numbering_of(self, p: ET.Element) -> tuple[str, int]:
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            return "", 0
        num_pr = ppr.find(f"{W}numPr")
        style_num, style_lvl = self.styles.get(_val(ppr, "pStyle") or "", ("", 0))
        if num_pr is None:
            return style_num, style_lvl
        return _val(num_pr, "numId") or style_num, _int(_val(num_pr, "ilvl"), style_lvl)


def _val(node: ET.Element, child: str) -> str | None:
    found = node.find(f"{W}{child}")
    return None if found is None else found.get(f"{W}val")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out
