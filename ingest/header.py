"""Find the document's own header: issuer (parent, body), number, place and date, type and title.

The header is the block above the preamble.  Lines are read on the folded text so OCR
damage ("S6 116-KH/…", "ngay 28 thang 6 nam 2019") is tolerated; names are then put
back into canonical form through the code tables and the province gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from cancu.ingest.citations import (
    SYMBOL,
    body_start,
    canonical_type,
    clause_line,
    expand_abbreviations,
    known_body,
    level_of_name,
    parse_symbol,
    provincial,
)
from cancu.ingest.clean import Cleaned
from cancu.ingest.ocr import alternation, exact, fold_text, tolerant
from cancu.ingest.parties import leading_title
from cancu.ingest.patterns import IssuerCode, doc_types, issuer_by_code, issuer_codes, type_by_code
from cancu.ingest.record import Document

_HEADER_LINES = 45


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    folded: str


def _lines(doc: Cleaned, limit: int) -> list[_Line]:
    """The header's lines, with the national motto blanked out (even when a page broke it over lines)."""
    text, folded = doc.text[:limit], doc.folded[:limit]
    for m in _motto(doc.ocr).finditer(folded):
        blank = re.sub(r"[^\n]", " ", m.group(0))
        text = text[: m.start()] + blank + text[m.end() :]
        folded = folded[: m.start()] + blank + folded[m.end() :]
    # "Hà Nội, ngày 18\ntháng 02 năm 2014" and "Số:\n33/2009/QĐ-UBND" are each one line.
    for m in _date_break(doc.ocr).finditer(folded):
        at = m.end() - 1
        text = text[:at] + " " + text[at + 1 :]
        folded = folded[:at] + " " + folded[at + 1 :]
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        out.append(_Line(pos, end, raw, folded[pos:end]))
        pos = end + 1
    return out


def _t(ocr: bool) -> Callable[[str], str]:
    """The regex builder for this text's mode: OCR-tolerant or accent-free exact."""
    return tolerant if ocr else exact


@cache
def _motto(ocr: bool) -> re.Pattern[str]:
    t = _t(ocr)
    return re.compile(
        "|".join(
            (
                t("cộng hòa xã hội chủ nghĩa việt nam"),
                t("cộng hoà xã hội chủ nghĩa việt nam"),
                t("độc lập") + r"\s*-\s*" + t("tự do") + r"\s*-\s*" + t("hạnh phúc"),
                t("đảng cộng sản việt nam"),
            )
        )
    )


@cache
def _date_line(ocr: bool) -> re.Pattern[str]:
    t = _t(ocr)
    return re.compile(
        r"(?P<place>[^\n,:]{2,60}?)(?:[ \t]*,[ \t]*(?="
        + t("ngày")
        + r")|[ \t]+(?="
        + t("ngày")
        + r")|[ \t]*,[ \t]*)(?:"
        + t("ngày")
        + r"[ \t.]*(?P<d>\d{1,2})?[ \t.]*"
        + t("tháng")
        + r"[ \t.]*(?P<m>\d{1,2})?[ \t.]*,?[ \t.]*"
        + t("năm")
        + r"[ \t.]*(?P<y>(?:19|20)\d\d)?"
        + r"|(?:"
        + t("ngày")
        + r"[ \t]*)?(?P<d2>\d{1,2})[ \t]*[/.-][ \t]*(?P<m2>\d{1,2})[ \t]*[/.-][ \t]*(?P<y2>(?:19|20)\d\d))"
    )


@cache
def _date_break(ocr: bool) -> re.Pattern[str]:
    """A date line broken before its month or year: the line break to be read as a space."""
    t = _t(ocr)
    return re.compile(
        t("ngày") + r"[ \t.]*\d{0,2}[ \t.]*(?:" + t("tháng") + r"[ \t.]*\d{0,2}[ \t.]*)?\n"
        r"(?=[ \t]*(?:\d{1,2}[ \t.]+)?(?:" + t("tháng") + "|" + t("năm") + "))"
        r"|(?<![a-z])s[o06ebd][ \t]*:[ \t]*\n(?=[ \t]*\d{1,5}[ \t]*[/-])"
    )


# After a header's date only its column's end may follow; a date followed by words is a citation's.
_DATE_LINE_END = re.compile(r"[ \t.,;)*_]*(?:$|\t|\s{3,})")


def _header_date(folded: str, ocr: bool) -> re.Match[str] | None:
    """The "PLACE, ngày … tháng … năm …" of a header line: alone in its column, after a short place."""
    for dm in _date_line(ocr).finditer(folded):
        if not (dm.group("y") or dm.group("y2") or dm.group("m")):
            continue
        place = _PLACE_CUT.split(dm.group("place"))[-1]
        if re.search(r"[a-z]", place) and len(place.split()) <= 6 and _DATE_LINE_END.match(folded, dm.end()):
            return dm
    return None


# What may stand before the place on its line: another column, or the number ("Số: 12/KH-UBND Hà Nội, …").
_PLACE_CUT = re.compile(r"[)(|\t]|\s{3,}|\S*\d\S*")


# "Số:" as printed, and as OCR reads it (S6, Sé, Sb).
_NUMBER_LABEL = re.compile(r"(?<![a-z])s[o06ebd][ \t]*:?[ \t]*")


_BLANK_SYMBOL = re.compile(
    r"^[ \t.…_]*/[ \t]*(?:(?:19|20)\d\d/)?(?P<codes>[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ]*)*)"
)
_STAMP = re.compile(r"\b(?:den|chuyen|luu ho so|ngay\s*:)|\bso\s*:\s*\d+\s*$")
_BODY_HEADS = re.compile(
    r"^(?:ban|so|uy ban|ubnd|hdnd|bo|tinh uy|thanh uy|huyen uy|thi uy|dang uy|dang bo|van phong|cuc|vu|phong|"
    r"hoi dong|dai|bao|cong an|trung tam|hoi|lien|mat tran|doan|chi cuc|quoc hoi|chinh phu|thu tuong|"
    r"tong cuc|vien|truong|ubmttq|mttq|bch|bcd|btg|s[o0] )\b"
)
_UNIT_LINE = re.compile(r"^(?:tinh|thanh pho|tp\.?|huyen|thi xa|xa|phuong)\b")
_TITLE_STOP = re.compile(
    r"^\s*(?:can cu|thuc hien|trien khai|quan triet|theo|xet|kinh gui|de |noi nhan|[i1]\s*[.-])"
)
_NOT_TITLE = re.compile(r"^\s*(?:can cu|kinh gui|noi nhan)|.*[:;]\s*$")
_ADDRESSEES = re.compile(r"^\s*kinh gui\b")
_VV = re.compile(r"^\s*(?:v/v|v\.v|ve viec)\s*[:.]?\s*", re.I)


@cache
def _type_heading(ocr: bool) -> re.Pattern[str]:
    names = sorted({n for t in doc_types() for n in t.names} | {"Công văn"})
    return re.compile(r"^[ \t#*_]*(?P<type>" + alternation(names, ocr) + r")(?=[\s:*_]|$)")


def _known_body(folded: str, ocr: bool) -> IssuerCode | None:
    return known_body(folded, ocr, whole=True)


def _is_uppercase(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _date_iso(d: str | None, m: str | None, y: str | None) -> str | None:
    if not y:
        return None
    if m and 1 <= int(m) <= 12:
        if d and 1 <= int(d) <= 31:
            return f"{y}-{int(m):02d}-{int(d):02d}"
        return f"{y}-{int(m):02d}"
    return None


def _place_start(line: str) -> str:
    """A line that may be the start of a place broken before its date line ("Bà Rịa - Vũng", "Mỹ"), else ""."""
    line = line.strip(" \t|")
    words = line.split()
    if not 1 <= len(words) <= 4 or re.search(r"[\d:;,./]", line):
        return ""
    if not all(w[0].isupper() or not w[0].isalpha() for w in words):
        return ""  # a place name capitalises every word
    return line if not _is_uppercase(line) or len(words) == 1 and len(line) <= 3 else ""


def _place(printed: str, start: str = "") -> str | None:
    """The place of a date line; a place broken over two lines ("Bình\nDương", "Mỹ\nTho") is joined back."""
    from cancu.ontology.gazetteer import find_province

    piece = re.split(r"[)(|\t*]|\s{3,}", printed)[-1].strip(" .-")
    words = piece.split()
    if start and len(words) <= 2 and find_province(piece) is None:
        piece = f"{start} {piece}"
        words = piece.split()
    for n in range(min(6, len(words)), 0, -1):
        p = find_province(" ".join(words[-n:]))
        if p:
            return p.name
    if piece and len(words) <= 5 and not any(c.isdigit() for c in piece):
        return piece
    return None


@dataclass(frozen=True)
class _Found:
    lines_before: list[_Line]
    symbol: str | None = None
    symbol_printed: str | None = None
    codes: tuple[str | None, str | None] = (None, None)  # type code, issuer code
    date: str | None = None
    place: str | None = None
    type: str | None = None
    title: str | None = None
    issued_by: str | None = None  # "CỦA BAN BÍ THƯ" printed under the type heading


def _scan(doc: Cleaned) -> _Found:
    ocr = doc.ocr
    lines = _lines(doc, body_start(doc))[:_HEADER_LINES]
    preamble = clause_line(ocr)
    symbol = symbol_printed = date = place = doc_type = title = None
    codes: tuple[str | None, str | None] = (None, None)
    issuer_lines: list[_Line] = []
    heading_at = None
    skip_to = 0
    issued_by = None
    stop_issuer = False
    for i, line in enumerate(lines):
        folded = line.folded
        if i < skip_to:
            continue
        stamp = bool(_STAMP.search(folded))
        dm = _header_date(folded, ocr) if date is None and not stamp else None
        if dm:
            date = _date_iso(
                dm.group("d") or dm.group("d2"),
                dm.group("m") or dm.group("m2"),
                dm.group("y") or dm.group("y2"),
            )
            piece = _PLACE_CUT.split(line.text[dm.start("place") : dm.end("place")])[-1]
            place = _place(piece, _place_start(lines[i - 1].text) if i else "")
            cut = dm.end("place") - len(piece)
            # The rest of the line without the date's column (a title may print beside it).
            line = _Line(line.start, line.end, line.text[:cut] + line.text[dm.end() :], "")
            line = replace(line, folded=fold_text(line.text))
            folded = line.folded
        if heading_at is None:
            th = _type_heading(ocr).match(folded)
            vv = _VV.match(folded)
            alone = bool(th) and not line.text[th.end() :].strip(" \t*_:#")
            if (th and (alone or _is_uppercase(line.text[th.start("type") : th.end("type")]))) or (
                vv and doc_type is None
            ):
                heading_at = i
                if th and not vv:
                    doc_type = canonical_type(th.group("type"), ocr)
                    rest = line.text[th.end() :].strip(" \t*_:#")
                else:
                    # "V/v …" is a letter's subject; "VỀ VIỆC …" in capitals a title whose heading was lost.
                    titled = _is_uppercase(line.text) and folded.lstrip().startswith("ve")
                    doc_type = None if titled else "Công văn"
                    rest = line.text.strip() if titled else line.text[vv.end() :].strip()
                title, skip_to, issued_by = _title(lines, i, rest, ocr)
                continue
        if _ADDRESSEES.match(folded):
            break
        if preamble.match(folded):
            break
        text = line.text
        if symbol is None and symbol_printed is None and not stamp and heading_at is None:
            nm = _NUMBER_LABEL.search(fold_text(text))
            if nm and _label_starts_field(text, nm.start()):
                after = text[nm.end() :]
                sm = SYMBOL.match(after)
                sym = parse_symbol(sm, ocr) if sm else None
                bm = None if sym else _BLANK_SYMBOL.match(after)
                if sym and sm:
                    symbol, symbol_printed = sym.text, sym.printed
                    codes = (sym.type_code, sym.issuer_code)
                    end = nm.end() + len(sym.printed)
                elif bm:
                    symbol_printed = bm.group(0).strip()
                    codes = _blank_codes(bm.group("codes"), ocr)
                    end = nm.end() + bm.end()
                if sym or bm:
                    text = text[: nm.start()] + " " * (end - nm.start()) + text[end:]
                    stop_issuer = True
        if _STAMP.search(folded):
            continue
        cleaned = text.strip(" \t*-_=.)(|")
        if heading_at is not None:
            continue
        if cleaned and not stop_issuer and _is_uppercase(cleaned) and len(cleaned) >= 2:
            issuer_lines.append(_Line(line.start, line.end, cleaned, fold_text(cleaned)))
        elif cleaned and stop_issuer and not issuer_lines and _is_uppercase(cleaned) and len(cleaned) >= 2:
            issuer_lines.append(_Line(line.start, line.end, cleaned, fold_text(cleaned)))
    return _Found(issuer_lines, symbol, symbol_printed, codes, date, place, doc_type, title, issued_by)


def _blank_codes(codes: str, ocr: bool) -> tuple[str | None, str | None]:
    parts = codes.split("-")
    type_code = parts[0] if parts[0] in type_by_code() else None
    rest = parts[1:] if type_code else parts
    issuer = rest[0] if rest and rest[0] in issuer_by_code() else None
    return type_code, issuer


def _label_starts_field(text: str, at: int) -> bool:
    """A "Số:" label opens a line or a column (after a tab, a wide gap, a bracket or an upper-case name)."""
    before = text[:at]
    if not before.strip():
        return True
    return bool(re.search(r"(?:\t|\s{2,}|[)|*])\s*$", before)) or _is_uppercase(before)


def _title(lines: list[_Line], i: int, rest: str, ocr: bool) -> tuple[str | None, int, str | None]:
    """The title under (or beside) the type heading, the line after it, and a "CỦA …" issuer line."""
    parts = [rest] if rest else []
    issued_by = None
    j = i + 1
    if not parts:
        while j < len(lines) and not lines[j].text.strip():
            j += 1
    while j < len(lines) and len(parts) < 6:
        text = lines[j].text.strip(" \t*_#")
        folded = lines[j].folded
        first = not parts
        if first and issued_by is None and re.match(r"^\s*(?:cua|của)\s+\S", folded) and _is_uppercase(text):
            issued_by = re.sub(r"^\S+\s+", "", text)
            j += 1
            continue
        if not text or (first and _NOT_TITLE.match(folded)) or re.match(r"^\s*[-+]", lines[j].text):
            break
        if first and len(text) >= 200 and not _is_uppercase(text):
            break  # a paragraph of prose, not a title (a title in capitals may run long on one line)
        if not first and _ends_title(parts, text, folded, ocr):
            break
        parts.append(text)
        j += 1
    title = re.sub(r"\s+", " ", _VV.sub("", " ".join(parts))).strip(" .:;-*_")
    return title or None, j, issued_by


def _ends_title(parts: list[str], text: str, folded: str, ocr: bool) -> bool:
    """A later line is no longer the title: a date line, the issuing authority's line, or a clause opener."""
    if _header_date(folded, ocr):
        return True
    upper_title = all(_is_uppercase(p) for p in parts)
    if upper_title and _is_uppercase(text):
        if re.search(r"\b(?:cua|của)\s*$", parts[-1]):
            return False
        return bool(known_body(folded.strip(), ocr)) or _is_authority_line(folded)
    if _TITLE_STOP.match(folded) or clause_line(ocr).match(folded):
        return True
    return upper_title and not _is_uppercase(text)


def _is_authority_line(folded: str) -> bool:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "THỦ TƯỚNG CHÍNH PHỦ": who decides, printed above a decision's grounds."""
    words = " ".join(folded.split())
    title = leading_title(words)
    return bool(title) and bool(_BODY_HEADS.match(words[len(title) :].strip()))


def _bodies(lines: list[_Line]) -> list[str]:
    """Join a header's issuer lines into bodies: a line that does not start a body continues the last."""
    bodies: list[str] = []
    for line in lines:
        folded = line.folded.strip()
        broken_word = bool(bodies) and len(bodies[-1].split()) == 1 and len(bodies[-1]) <= 3
        if bodies and (broken_word or _UNIT_LINE.match(folded) or not _BODY_HEADS.match(folded)):
            bodies[-1] = f"{bodies[-1]} {line.text}"
        else:
            bodies.append(line.text)
    return [re.sub(r"\s+", " ", b).strip() for b in bodies]


_PLACE_WORDS = re.compile(
    r"\b(tỉnh ủy|thành ủy|huyện ủy|thị ủy|quận ủy|đảng ủy|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)"
    r"((?:\s+\w+){1,4})$"
)


def _proper_case(name: str) -> str:
    """Upper-case header text in running case: first letter and the place name capitalised."""
    low = re.sub(r"\s+", " ", name.lower()).strip()
    low = _PLACE_WORDS.sub(lambda m: m.group(1) + m.group(2).title(), low)
    return low[:1].upper() + low[1:]


_PARTY_WORDS = re.compile(r"\b(?:uy|dang|ban tuyen giao|ban dan van|ban to chuc|ban chap hanh)\b")


def _branch_of_name(name: str) -> str:
    return "party" if _PARTY_WORDS.search(fold_text(name)) and "uy ban" not in fold_text(name) else "state"


def _resolve_body(
    printed: str, province: str | None, ocr: bool
) -> tuple[str, str | None, str | None, str | None]:
    """Full name, level, branch and province of a printed body name."""
    from cancu.ontology.gazetteer import province_in

    expanded = expand_abbreviations(printed)
    folded = fold_text(expanded)
    named = province_in(expanded)
    place = named.name if named else province
    row = _known_body(folded, ocr) or _known_body(re.sub(r"\s+(?:tinh|thanh pho)\b.*$", "", folded), ocr)
    if row and row.scope == "central":
        return row.name, row.level, row.branch, None
    candidates = [row.name] if row else []
    candidates.append(_proper_case(expanded))
    if place:
        for cand in candidates:
            body = provincial(cand, place)
            if body:
                return body.name, body.level, body.branch, body.province.name
    if row:
        return row.name, row.level, row.branch, place
    name = _proper_case(expanded)
    level = level_of_name(name)
    return (
        name,
        level,
        _branch_of_name(name) if level else None,
        place if level in ("province", "department") else None,
    )


@cache
def _subject(ocr: bool) -> re.Pattern[str]:
    names = sorted(
        {n for r in issuer_codes() if r.scope != "unit" for n in r.names if len(n) > 3}, key=len, reverse=True
    )
    verbs = [
        "ban hành",
        "xây dựng",
        "đề nghị",
        "hướng dẫn",
        "yêu cầu",
        "thông báo",
        "chỉ thị",
        "quyết định",
        "giao",
    ]
    return re.compile(
        r"(?:^|[,;.]\s*|\n)(?P<name>" + alternation(names, ocr) + r")"
        r"(?P<place>[ \t]+(?:tinh|thanh pho)(?:[ \t]+[a-z]+){0,3})?"
        r"\s*(?:\([^)]{0,80}\)\s*)?(?:" + alternation(verbs, ocr) + ")"
    )


def _preamble_subject(doc: Cleaned, end: int) -> str | None:
    """The body that speaks in the preamble ("…, Bộ Thông tin và Truyền thông đề nghị …")."""
    last = None
    for m in _subject(doc.ocr).finditer(doc.folded, 0, min(end + 1, len(doc.folded))):
        last = m
    if not last:
        return None
    return doc.text[last.start("name") : last.end("name")]


def find_header(doc: Cleaned) -> Document:
    """The document's own number, type, issuer (parent and body), level, branch, province, place, date and title."""
    from cancu.ontology.gazetteer import find_province, province_in

    found = _scan(doc)
    ocr = doc.ocr
    bodies = _bodies(found.lines_before)
    province = None
    for b in bodies:
        p = province_in(expand_abbreviations(b))
        if p:
            province = p.name
            break
    if province is None and found.place:
        p = find_province(found.place)
        province = p.name if p else None
    issuer = level = branch = parent = None
    body_province = province
    if bodies:
        issuer, level, branch, body_province = _resolve_body(bodies[-1], province, ocr)
        if len(bodies) >= 2:
            parent = _resolve_body(bodies[0], province, ocr)[0]
            if level is None:
                joined = _resolve_body(f"{bodies[-1]} {bodies[0]}", province, ocr)
                if joined[1]:
                    issuer, level, branch, body_province = joined
    if found.issued_by:
        issuer, level, branch, body_province = _resolve_body(found.issued_by, province, ocr)
    if issuer is None or level is None:
        _type_code, issuer_code = found.codes
        row = issuer_by_code().get(issuer_code or "")
        if row and row.infer and row.scope != "unit":
            issuer, level, branch, body_province = _resolve_body(row.name, province, ocr)
    if issuer is None and (found.symbol or found.symbol_printed or found.type or found.date):
        # Only a document with a header of its own speaks in its preamble; a news page's sentences do not.
        subject = _preamble_subject(doc, body_start(doc))
        if subject:
            issuer, level, branch, body_province = _resolve_body(subject, province, ocr)
    doc_type = found.type
    if doc_type is None and found.codes[0]:
        coded = type_by_code().get(found.codes[0] or "")
        doc_type = coded.name if coded else None
    if doc_type is None and found.symbol and not found.codes[0]:
        doc_type = "Công văn"
    if level == "central":
        body_province = None
    return Document(
        symbol=found.symbol,
        type=doc_type,
        issuer=issuer,
        level=level,
        branch=branch,
        province=body_province if level else province,
        date=found.date,
        place=found.place,
        title=found.title,
        symbol_printed=found.symbol_printed,
        parent_issuer=parent,
    )


__all__ = ["find_header"]
