"""Saved web pages → the document's text, without the site around it (menus, banners, scripts).

Government sites publish documents as HTML pages; a page saved from one carries
navigation, sharing buttons and footers.  Those are dropped by tag and by class or
id, and when the page marks its content (<main>, <article>) only that is kept.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from cancu.ingest.encodings import EncodingError, decode
from cancu.ingest.tabletext import table_lines

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_CHROME_TAGS = {
    "head", "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form",
    "button", "select", "textarea", "nav", "aside", "menu", "object", "dialog",
}  # fmt: skip
_OUTSIDE_CONTENT = {"header", "footer"}  # chrome around a page, but part of an <article>
_CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "footer", "banner",
    "share", "social", "comment", "comments", "cookie", "cookies", "advert", "ads", "advertisement",
    "related", "toolbar", "login", "search", "topbar", "masthead", "popup", "modal", "subscribe",
}  # fmt: skip
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "main", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "address", "figure", "figcaption",
}  # fmt: skip
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
_CONTENT = {"main", "article"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_LATIN = {"iso8859-1", "cp1252", "ascii", "latin-1"}


def html_to_text(data: bytes) -> str:
    """The readable text of a saved page: content lines, tables as tables, no site chrome."""
    parser = _PageText()
    parser.feed(decode_html(data))
    parser.close()
    return parser.result()


def decode_html(data: bytes) -> str:
    """Decode a page by its declared charset; Latin or missing declarations are detected instead.

    Old Vietnamese pages declare a Western charset while their text is in a TCVN3 or
    VNI font, so a Western declaration is only the last resort.
    """
    declared = _declared_codec(data)
    if declared and declared not in _LATIN:
        try:
            return unicodedata.normalize("NFC", data.decode(declared))
        except UnicodeDecodeError:
            pass
    try:
        return decode(data).text
    except EncodingError:
        return data.decode(declared or "cp1252", errors="replace")


def _declared_codec(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


@dataclass
class _Table:
    rows: list[list[str]] = field(default_factory=list)

    def new_cell(self) -> None:
        if not self.rows:
            self.rows.append([])
        self.rows[-1].append("")

    def cell(self) -> list[str]:
        if not self.rows:
            self.rows.append([])
        if not self.rows[-1]:
            self.rows[-1].append("")
        return self.rows[-1]


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, bool]] = []  # (line, inside <main>/<article>)
        self.buffer: list[str] = []
        self.skip: tuple[str, int] | None = None  # the chrome element being skipped and its depth
        self.content_depth = 0
        self.pre_depth = 0
        self.tables: list[_Table] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[0]:
                self.skip = (tag, self.skip[1] + 1)
            return
        if tag not in _VOID and self._is_chrome(tag, dict(attrs)):
            self.skip = (tag, 1)
            return
        if tag in _CONTENT:
            self.content_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        if tag == "table":
            self._break()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self._break()
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            self._break()
            self.tables[-1].new_cell()
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip and tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[0]:
                depth = self.skip[1] - 1
                self.skip = (tag, depth) if depth else None
            return
        if tag in _CONTENT and self.content_depth:
            self.content_depth -= 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag == "table" and self.tables:
            self._break()
            table = self.tables.pop()
            for line in table_lines(table.rows):
                self._emit(line)
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buffer.append(data if self.pre_depth else re.sub(r"\s+", " ", data))

    def result(self) -> str:
        self._break()
        while self.tables:
            self._break()
            for line in table_lines(self.tables.pop().rows):
                self._emit(line)
        lines = self.lines
        if any(inside for _, inside in lines):
            lines = [item for item in lines if item[1]]
        return "\n".join(line for line, _ in lines) + "\n"

    def _is_chrome(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in _CHROME_TAGS or (tag in _OUTSIDE_CONTENT and not self.content_depth):
            return True
        if "hidden" in attrs or attrs.get("aria-hidden") == "true":
            return True
        if re.search(r"display\s*:\s*none", attrs.get("style") or "", re.I):
            return True
        words = re.split(r"[^a-z0-9]+", f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower())
        return any(word in _CHROME_WORDS for word in words) or attrs.get("role") in ("navigation", "banner")

    def _break(self) -> None:
        """End the current line (inside a table cell: a new line in the cell)."""
        text = "".join(self.buffer)
        self.buffer = []
        if self.tables:
            if text.strip():
                cell = self.tables[-1].cell()
                cell[-1] = (cell[-1] + "\n" + text.strip()).strip("\n")
            return
        for line in text.split("\n"):
            self._emit(line)

    def _emit(self, line: str) -> None:
        if self.tables:
            cell = self.tables[-1].cell()
            cell[-1] = (cell[-1] + "\n" + line).strip("\n")
            return
        line = line.strip()
        if line:
            self.lines.append((line, self.content_depth > 0))
