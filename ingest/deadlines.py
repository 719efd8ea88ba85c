"""Deadlines: the printed time of a task ("Quý II/2020", "Thường xuyên trong năm 2020") as an interval.

Matching runs on accent-folded text so OCR that lost or swapped diacritics still
reads; the printed text is always kept, and a phrase that names no time
("theo kế hoạch của cơ quan chủ trì") gives no interval rather than a guess.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from cancu.ingest.record import Deadline
from cancu.ingest.sections import fold_chars

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d{2})"
_NAM = r"n[aăâi]m"  # năm, OCR "nim"
_QUARTER = re.compile(
    rf"\bquy\s*(?P<q>iv|iii|ii|i|[1-4])(?![a-z0-9])(?:\s*(?:,|va|-)\s*(?:quy\s*)?(?P<q2>iv|iii|ii|i|[1-4])(?![a-z0-9]))?"
    rf"(?:\s*(?:/|-|\s{_NAM}\s*)\s*{_YEAR})?"
)
_MONTH = re.compile(
    rf"\bthang\s*(?P<m>\d{{1,2}})(?:\s*(?:,|-|va|den)\s*(?:thang\s*)?(?P<m2>\d{{1,2}}))?"
    rf"(?:\s*(?:/|-|\s{_NAM}\s*)\s*{_YEAR})?"
)
_HALF = re.compile(rf"\b6\s*thang\s*(?P<part>dau|cuoi)\s*(?:{_NAM})?\s*{_YEAR}?")
_DATE = re.compile(r"\b(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?\b")
_DATE_WORDS = re.compile(
    rf"\bngay\s*(?P<d>\d{{1,2}})\s*thang\s*(?P<m>\d{{1,2}})(?:\s*{_NAM}\s*(?P<y>\d{{4}}))?"
)
_BEFORE = re.compile(r"\b(?:truoc|cham nhat|han chot|khong qua|den)\s*(?:ngay\s*)?(?=\d)")
_PERIOD = re.compile(rf"(?:giai doan|tu {_NAM}|nam)?\s*{_YEAR}\s*(?:-|den(?:\s*{_NAM})?)\s*{_YEAR}")
_UNTIL_YEAR = re.compile(rf"\b(?:den|truoc|cham nhat)\s+(?:het\s+)?(?:{_NAM}\s+)?{_YEAR}\b")
_YEAR_ONLY = re.compile(rf"\b{_YEAR}\b")
_ONGOING = re.compile(r"\bthuong xuyen|\blien tuc")
_RECURRING = re.compile(rf"\bh[aă]ng\s*{_NAM}|\bhang nam|\bmoi nam")
_YEARLESS_WORDS = re.compile(rf"\b(?:trong\s*)?{_NAM}\b|\bca nam\b")


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> str | None:
    if not 1 <= m <= 12:
        return None
    return _day(y, m, calendar.monthrange(y, m)[1])


def _quarter(y: int, q: int) -> tuple[str | None, str | None]:
    return _day(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def parse_deadline(text: str, default_year: int | None = None) -> Deadline:
    """Read one printed deadline; `default_year` (the plan's year) fills a year left out."""
    raw = " ".join(text.split()).strip(" .;,")
    folded = fold_chars(raw)
    ongoing = bool(_ONGOING.search(folded))
    recurring = bool(_RECURRING.search(folded))
    spans = _intervals(folded, default_year)
    if not spans and default_year and (ongoing or recurring or _YEARLESS_WORDS.search(folded)):
        spans.append((_day(default_year, 1, 1), _day(default_year, 12, 31)))
    spans = [s for s in spans if s[0] or s[1]]
    if not spans:
        return Deadline(text=raw, ongoing=ongoing, recurring=recurring)
    starts = [s for s, _ in spans if s]
    ends = [e for _, e in spans if e]
    return Deadline(
        text=raw,
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
        ongoing=ongoing,
        recurring=recurring,
    )


def _intervals(folded: str, default_year: int | None) -> list[tuple[str | None, str | None]]:
    """Every time phrase in the folded text, widest forms first; each phrase is blanked once read."""
    spans: list[tuple[str | None, str | None]] = []
    taken = folded

    def year_of(group: str | None) -> int | None:
        return int(group) if group else default_year

    def blank(m: re.Match[str]) -> str:
        return taken[: m.start()] + " " * (m.end() - m.start()) + taken[m.end() :]

    for m in list(_PERIOD.finditer(taken)):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            spans.append((_day(a, 1, 1), _day(b, 12, 31)))
            taken = blank(m)
    for m in list(_UNTIL_YEAR.finditer(taken)):
        spans.append((None, _day(int(m.group(1)), 12, 31)))
        taken = blank(m)
    for m in list(_QUARTER.finditer(taken)):
        y = year_of(m.group(3))
        if y is not None:
            q1 = _ROMAN[m.group("q")]
            q2 = _ROMAN[m.group("q2")] if m.group("q2") else q1
            spans.append((_quarter(y, min(q1, q2))[0], _quarter(y, max(q1, q2))[1]))
            taken = blank(m)
    for m in list(_HALF.finditer(taken)):
        y = year_of(m.group(2))
        if y is not None:
            first = m.group("part") == "dau"
            spans.append((_day(y, 1 if first else 7, 1), _day(y, 6, 30) if first else _day(y, 12, 31)))
            taken = blank(m)
    before = _BEFORE.search(taken)
    for m in list(_DATE_WORDS.finditer(taken)):
        spans.extend(_one_day(m, year_of(m.group("y")), before))
        taken = blank(m)
    for m in list(_MONTH.finditer(taken)):
        y = year_of(m.group(3))
        m1 = int(m.group("m"))
        m2 = int(m.group("m2")) if m.group("m2") else m1
        if y is not None and 1 <= m1 <= 12 and 1 <= m2 <= 12:
            spans.append((_day(y, min(m1, m2), 1), _month_end(y, max(m1, m2))))
            taken = blank(m)
    for m in list(_DATE.finditer(taken)):
        spans.extend(_one_day(m, year_of(m.group("y")), before))
        taken = blank(m)
    if not spans:
        for m in _YEAR_ONLY.finditer(taken):
            y = int(m.group(1))
            spans.append((_day(y, 1, 1), _day(y, 12, 31)))
    return spans


def _one_day(
    m: re.Match[str], year: int | None, before: re.Match[str] | None
) -> list[tuple[str | None, str | None]]:
    """A printed day; after "trước ngày" it closes an interval that has no printed start."""
    if year is None:
        return []
    day = _day(year, int(m.group("m")), int(m.group("d")))
    if not day:
        return []
    if before is not None and before.end() <= m.start() <= before.end() + 6:
        return [(None, day)]
    return [(day, day)]


def plan_year(*texts: str | None) -> int | None:
    """The first four-digit year printed in the given texts (title first, then the date)."""
    for text in texts:
        if text:
            m = _YEAR_ONLY.search(text)
            if m:
                return int(m.group(1))
    return None
