"""Find the document's own header: number, type, date, place and title."""

from __future__ import annotations

import re

from cancu.ingest.clean import Cleaned
from cancu.ingest.record import Document

_NUMBER = re.compile(r"(?im)^\s*S[ốo6]\s*:?\s*(?P<sym>[0-9A-Za-zĐđ/ \-]+?)\s*$")
_DATE = re.compile(r"(?i)(?P<place>[^\n,]{2,40}),\s*ngày\s+(?P<d>\d{1,2})?\s*tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_TYPES = {"KẾ HOẠCH": "Kế hoạch", "HƯỚNG DẪN": "Hướng dẫn", "QUYẾT ĐỊNH": "Quyết định", "CHỈ THỊ": "Chỉ thị"}


def find_header(doc: Cleaned) -> Document:
    """The simplest honest reading: the 'Số:' line, the dated place line, the type word and the title."""
    text = doc.text
    symbol = None
    m = _NUMBER.search(text)
    if m:
        raw = re.sub(r"\s+", "", m.group("sym"))
        symbol = raw if re.match(r"\d", raw) else None
    date = place = None
    d = _DATE.search(text)
    if d:
        place = d.group("place").strip()
        date = f"{d.group('y')}-{int(d.group('m')):02d}" + (f"-{int(d.group('d')):02d}" if d.group("d") else "")
    doc_type = title = None
    for caps, name in _TYPES.items():
        t = re.search(rf"(?m)^\W*{caps}\W*(?:\s+\W*(?P<title>[^\n*]+))?", text)
        if t:
            doc_type = name
            title = (t.group("title") or "").strip(" *#") or None
            break
    return Document(symbol=symbol, type=doc_type, date=date, place=place, title=title)
