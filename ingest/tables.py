"""Tables: appendix tables (tab-separated, pipe or markdown, HTML) and the task rows they list.

Tables are read from the text as given, before cleaning drops the HTML cell
tags.  A row that only carries on the row above (its number cell is empty) is
merged into it, cell by cell.  A malformed table yields fewer rows, never an error.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from cancu.ingest.budgets import parse_amount, table_unit
from cancu.ingest.clean import clean_text
from cancu.ingest.identity import fold
from cancu.ingest.record import Span
from cancu.ingest.sections import roman_value

_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|$)", re.I | re.S)
_HTML_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)(?=<t[dh]\b|</tr|$)", re.I | re.S)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.I)
_TAG = re.compile(r"<[^>]+>")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LABEL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVXivx]{1,4}|[a-zđ])[.)]?$")
_TOTAL = re.compile(r"^(?:tong cong|tong so|tong kinh phi|tong|cong)\b")
_IN_WORDS = re.compile(r"bang chu\s*:?\s*(?P<words>.+)")


@dataclass(frozen=True)
class Table:
    """A table as printed: its rows of cell texts and where it sits in the original text."""

    form: str  # tab | pipe | html
    rows: tuple[tuple[str, ...], ...]
    span: Span
    context: str = ""  # the lines just above the table (title, "Đơn vị tính")


@dataclass(frozen=True)
class TableTask:
    """One task row of an appendix table, with its cells sorted into fields."""

    label: str
    text: str
    lead: str = ""
    support: str = ""
    deadline: str = ""
    budget_vnd: int | None = None


@dataclass(frozen=True)
class TaskTable:
    """The task rows of one table, with the total it prints (and that total in words)."""

    rows: tuple[TableTask, ...]
    span: Span
    total_vnd: int | None = None
    total_words_vnd: int | None = None


def _cell(text: str) -> str:
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(clean_text(text).split())


def find_tables(text: str) -> list[Table]:
    """Every table in the text, in order of appearance."""
    tables = [*_html_tables(text), *_line_tables(text, "\t", "tab"), *_line_tables(text, "|", "pipe")]
    tables.sort(key=lambda t: t.span[0])
    kept: list[Table] = []
    for t in tables:  # a pipe inside an HTML or tab table is not a table of its own
        if not any(k.span[0] <= t.span[0] < k.span[1] for k in kept):
            kept.append(t)
    return kept


def _html_tables(text: str) -> list[Table]:
    tables = []
    for m in _HTML_TABLE.finditer(text):
        rows = []
        for row in _HTML_ROW.finditer(m.group(0)):
            cells: list[str] = []
            for cell in _HTML_CELL.finditer(row.group(1)):
                cells.append(_cell(re.sub(r"</t[dh]\s*>", "", cell.group(3), flags=re.I)))
                span = _COLSPAN.search(cell.group(2))
                cells.extend([""] * (int(span.group(1)) - 1 if span else 0))
            if any(cells):
                rows.append(tuple(cells))
        if rows:
            tables.append(Table("html", tuple(rows), (m.start(), m.end()), _context(text, m.start())))
    return tables


def _line_tables(text: str, sep: str, form: str) -> list[Table]:
    tables: list[Table] = []
    if text.count(sep) < 3:
        return tables  # a header row and one more row need three separators at the least
    rows: list[tuple[str, ...]] = []
    start = end = 0
    gap = 0
    lines = text.split("\n")
    pos = 0
    for n, line in enumerate(lines):
        here, pos = pos, pos + len(line) + 1
        if not rows and line.count(sep) < 2:
            continue  # no table open and no row here: nothing to read
        cells = _split_row(line, sep)
        width = len(rows[0]) if rows else 0
        if rows and line.strip() and _carries_on(rows[-1], cells, width, lines[n + 1 : n + 4], sep):
            # A row broken across lines (PDF or OCR): the line carries on the row's last cell.
            last = list(rows[-1])
            last[-1] = f"{last[-1]} {cells[0]}".strip()
            rows[-1] = tuple(last + cells[1:])
            end, gap = here + len(line), 0
        elif line.count(sep) >= (1 if rows and sep == "\t" else 2) and not _HTML_TABLE.search(line):
            if rows and sep == "|" and len(rows[-1]) >= width and len(cells) != width:
                # Pipes with another number of columns after a complete row: a new table (a signature block).
                if len(rows) >= 2:
                    tables.append(Table(form, tuple(rows), (start, end), _context(text, start)))
                rows = []
            if not rows:
                start = here
            if not (sep == "|" and _MD_RULE.match(line)):
                rows.append(tuple(cells))
            end, gap = here + len(line), 0
        elif not line.strip() and rows and gap == 0:
            gap = 1
        else:
            if len(rows) >= 2:
                tables.append(Table(form, tuple(rows), (start, end), _context(text, start)))
            rows, gap = [], 0
    if len(rows) >= 2:
        tables.append(Table(form, tuple(rows), (start, end), _context(text, start)))
    return tables


def _carries_on(row: tuple[str, ...], cells: list[str], width: int, ahead: list[str], sep: str) -> bool:
    """Whether a line continues the row above rather than opening a row (or ending the table)."""
    if len(row) < width:
        return len(row) + len(cells) - 1 <= width
    # A line with no separator inside a table whose next lines carry on being rows.
    return sep == "\t" and len(cells) == 1 and any(sep in a for a in ahead)


def _split_row(line: str, sep: str) -> list[str]:
    cells = [_cell(c) for c in line.split(sep)]
    if sep == "|" and line.strip().startswith("|"):
        cells = cells[1:]
    if sep == "|" and line.strip().endswith("|") and len(cells) > 1:
        cells = cells[:-1]
    return cells


def _context(text: str, start: int) -> str:
    return text[max(0, start - 400) : start]


_ROLES = (
    ("label", re.compile(r"^(?:stt|tt|so tt|so thu tu)\b")),
    ("source", re.compile(r"nguon")),
    ("lead", re.compile(r"chu tri")),
    ("support", re.compile(r"phoi hop")),
    ("doer", re.compile(r"(?:[dpb]on vi|co quan) thuc hien")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do")),
    ("budget", re.compile(r"kinh phi|du toan|so tien")),
    ("skip", re.compile(r"san pham|ket qua|ghi chu|chi tieu")),
    ("text", re.compile(r"noi dung|nhiem vu|hoat dong|cong viec|ten ")),
)


def _roles(row: tuple[str, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        f = fold(cell)
        for role, pattern in _ROLES:
            if f and pattern.search(f) and role not in found:
                found[role] = i
                break
    if "lead" not in found and "doer" in found:
        found["lead"] = found.pop("doer")
    elif "doer" in found and "support" not in found:
        found["support"] = found.pop("doer")
    return found


def _header(table: Table) -> tuple[int, dict[str, int]] | None:
    """The header row (among the first three) that names a task column and a lead, time or money column."""
    for h, row in enumerate(table.rows[:3]):
        roles = _roles(row)
        if "text" in roles and ("lead" in roles or "deadline" in roles or "budget" in roles):
            below = _roles(table.rows[h + 1]) if h + 1 < len(table.rows) else {}
            if "text" not in below and ("lead" in below or "support" in below):
                # A two-row header: "Đơn vị thực hiện" over "Chủ trì" and "Phối hợp".
                roles.update({k: v for k, v in below.items() if k in ("lead", "support")})
                return h + 1, roles
            return h, roles
    return None


def task_table(table: Table) -> TaskTable | None:
    """The table read as a list of tasks, or None when no header names a task column and an agency column."""
    found = _header(table)
    if found is None:
        return None
    h, roles = found
    unit = table_unit(table.context + " " + " ".join(" ".join(r) for r in table.rows[: h + 1]))
    records: list[dict[str, str]] = []
    total = words = None
    group = ""

    def get(row: tuple[str, ...], role: str) -> str:
        i = roles.get(role)
        return row[i] if i is not None and i < len(row) else ""

    for row in table.rows[h + 1 :]:
        joined = fold(" ".join(row))
        label = get(row, "label").strip()
        if _IN_WORDS.search(joined):
            words = parse_amount(_IN_WORDS.search(joined).group("words"))
            continue
        first = fold(next((c for c in row if c.strip()), ""))
        if _TOTAL.match(first):
            total = parse_amount(
                get(row, "budget") or next((c for c in reversed(row) if c.strip()), ""), unit
            )
            continue
        if re.fullmatch(r"\(?\d+\)?", "".join(row).replace(" ", "")) and len(row) > 2:
            continue  # a row of column numbers: (1) (2) (3)
        if label and _LABEL.match(label):
            label = ".".join(str(int(p)) if p.isdigit() else p for p in label.rstrip(".)").split("."))
            record = {role: get(row, role) for role in ("text", "lead", "support", "deadline", "budget")}
            if (
                roman_value(label.upper())
                and label.isupper()
                and not record["lead"]
                and not record["deadline"]
            ):
                group = label
                continue
            record["label"] = f"{group}.{label}" if group else label
            records.append(record)
        elif records and ("label" in roles or not get(row, "text")):
            for role in ("text", "lead", "support", "deadline", "budget"):
                more = get(row, role)
                if more:
                    records[-1][role] = f"{records[-1][role]} {more}".strip()
        elif get(row, "text"):
            records.append(
                {role: get(row, role) for role in ("text", "lead", "support", "deadline", "budget")}
            )
            records[-1]["label"] = str(len(records))
    rows = tuple(
        TableTask(
            label=r["label"],
            text=r["text"],
            lead=r["lead"],
            support=r["support"],
            deadline=r["deadline"],
            budget_vnd=parse_amount(r["budget"], unit),
        )
        for r in records
        if r["text"]
    )
    return TaskTable(rows=rows, span=table.span, total_vnd=total, total_words_vnd=words)
