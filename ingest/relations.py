"""Reported relations: what the text says about two *other* documents.

"Kế hoạch số 89-KH/TU … về thực hiện Chỉ thị số 25-CT/TW" reports that 89-KH/TU
implements 25-CT/TW.  A relation is read between two consecutive mentions in one
clause: the last relation verb before the second mention decides its kind.  An object
dated after its subject is never related to it (a plan cannot implement a later text).
"""

from __future__ import annotations

import re
from functools import cache

from cancu.ingest.citations import Mention, Mentions
from cancu.ingest.clean import Cleaned
from cancu.ingest.ocr import exact, tolerant
from cancu.ingest.patterns import cues_of
from cancu.ingest.record import Relation

_MAX_GAP = 320
_MAX_TAIL = 28
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZĐÀ-ỸĂÂÊÔƠƯ]")
_CONTINUES = re.compile(r"(?:\s(?:va|và)|,)\s*$")


@cache
def _verbs(ocr: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    build = tolerant if ocr else exact
    rows = sorted(cues_of("relation"), key=lambda c: len(c.cue), reverse=True)
    pattern = "|".join(f"(?P<r{i}>{build(c.cue)})" for i, c in enumerate(rows))
    return re.compile(pattern), {f"r{i}": c.value for i, c in enumerate(rows)}


_NEW_ITEM = re.compile(r"\n\s*\n|[.:;]\s*\n|\n\s*(?:[-+•*]|[ivx]+\s*[.\-)]|\d+\s*[.\-)]|[a-zđ]\))")


def _one_clause(between: str) -> bool:
    """Two mentions in one clause: no semicolon, no new item, paragraph or sentence-final line between."""
    return ";" not in between and not _NEW_ITEM.search(between) and len(between) <= _MAX_GAP


def _verb_before(folded: str, start: int, end: int, ocr: bool) -> str | None:
    """The relation of the last verb in folded[start:end], if it sits right before the second mention."""
    folded_between = folded[start:end]
    pattern, kinds = _verbs(ocr)
    last = None
    for m in pattern.finditer(folded_between):
        last = m
    if last is None:
        return None
    tail = folded_between[last.end() :]
    if len(tail.strip()) > _MAX_TAIL or re.search(r"[;,()]", tail):
        return None
    if re.search(r"(?:^|[\n;:(+\-])\s*$", folded[max(0, start + last.start() - 40) : start + last.start()]):
        return None  # a clause opener ("- Thực hiện …"), not a verb that links two documents
    return kinds[last.lastgroup or ""]


def _later(obj: str | None, subject: str | None) -> bool:
    """Whether the object was issued after the subject: no document implements, guides or amends a later one."""
    if not obj or not subject:
        return False
    n = min(len(obj), len(subject))
    return obj[:n] > subject[:n]


def find_relations(doc: Cleaned, found: Mentions) -> list[Relation]:
    """Subject–relation–object triples reported between the documents a text cites."""
    mentions: list[Mention] = sorted(found.mentions, key=lambda m: m.start)
    dates = {c.symbol: c.date for c in found.citations if c.date}
    out: dict[tuple[str, str, str], Relation] = {}
    for i, a in enumerate(mentions[:-1]):
        if not a.full:
            continue
        b = mentions[i + 1]
        between = doc.folded[a.end : b.start]
        if b.symbol == a.symbol or not _one_clause(between) or _SENTENCE_END.search(doc.text, a.end, b.start):
            continue
        kind = _verb_before(doc.folded, a.end, b.start, doc.ocr)
        if kind is None:
            continue
        targets = [b]
        for c in mentions[i + 2 :]:
            gap = doc.folded[targets[-1].end : c.start]
            if not (_one_clause(gap) and len(gap) <= 160 and _CONTINUES.search(gap)):
                break
            if _verb_before(doc.folded, targets[-1].end, c.start, doc.ocr):
                break
            targets.append(c)
        for t in targets:
            if t.symbol != a.symbol and not _later(dates.get(t.symbol), dates.get(a.symbol)):
                key = (a.symbol, kind, t.symbol)
                out.setdefault(key, Relation(a.symbol, kind, t.symbol, doc.to_original(a.start, t.end)))
    return list(out.values())


__all__ = ["find_relations"]
