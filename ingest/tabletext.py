"""Tables read from Word files and web pages, written out as text the extractor reads.

Official documents lay their header (issuer | national motto, number | place and
date) and their signature block out as borderless tables: those read best as
lines, cell after cell.  Real tables (an appendix of tasks) become Markdown rows.
"""

from __future__ import annotations

import re
import unicodedata

_MOTTO = "cong hoa xa hoi chu nghia"
_RECIPIENTS = "noi nhan"


def table_lines(rows: list[list[str]]) -> list[str]:
    """The lines of a table: a layout table's cells in reading order, a data table as Markdown rows."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return []
    if is_layout(rows):
        return [line for row in rows for cell in row for line in _cell_lines(cell)]
    width = max(len(row) for row in rows)
    lines = [_markdown_row(row, width) for row in rows]
    return [lines[0], "|" + "---|" * width, *lines[1:]]


def is_layout(rows: list[list[str]]) -> bool:
    """A header or signature block laid out as a table, rather than a table of data."""
    folded = _fold(" ".join(cell for row in rows for cell in row))
    if _MOTTO in folded or _RECIPIENTS in folded:
        return True
    return len(rows) <= 4 and max(len(row) for row in rows) <= 2


def _cell_lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.splitlines() if line.strip()]


def _markdown_row(row: list[str], width: int) -> str:
    cells = [re.sub(r"\s+", " ", cell.replace("|", "/")).strip() for cell in row]
    cells += [""] * (width - len(cells))
    return "| " + " | ".join(cells) + " |"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d").lower())
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)))
