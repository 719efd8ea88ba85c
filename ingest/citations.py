"""Find the documents a text cites: numbered symbols, lists, short forms and unnumbered references.

find (symbols, lists, short forms) → resolve (type, date, issuer, level, clause) → one
`Citation` per symbol.  Symbols are read from the cleaned text, where case is meaningful
(TTg, SNgV); cue words are read from its folded twin, where OCR damage is tolerated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from cancu.ingest.clean import Cleaned
from cancu.ingest.ocr import alternation, exact, fold_text, repair_code, tolerant
from cancu.ingest.patterns import IssuerCode, cues_of, doc_types, issuer_by_code, issuer_codes, type_by_code
from cancu.ingest.record import Citation, Document, Reference

if TYPE_CHECKING:
    from cancu.ontology.gazetteer import ProvincialBody

# ---------------------------------------------------------------- symbols

_SEG = r"[A-ZĐ][A-Za-zĐđ&]{0,11}\d{0,2}"
_UPSEG = r"(?=[A-ZĐ][A-Za-zĐđ&]*?[A-ZĐ])[A-ZĐ][A-Za-zĐđ&]{1,11}\d{0,2}(?![\w])"
# Between codes: a hyphen (a line may break after it), or a spaced hyphen before a code with two capitals.
# Old numbers also join codes with a dot ("01/1999/QĐ.UB").
_NEXT = r"(?:-(?:[ \t]*\n[ \t]*)?" + _SEG + r"|[ \t]*-[ \t]*" + _UPSEG + r"|\." + _UPSEG + r")"
SYMBOL = re.compile(
    r"(?<![\w/.\-])(?P<num>\d{1,5}[a-zđ]?)"  # "30c/NQ-CP", "36a/NQ-CP": a letter marks a number given twice
    r"(?:"
    r"[ \t]*-?[ \t]*(?P<ptype>[A-ZĐ][A-Za-zĐđ]{0,5})[ \t]*/[ \t]*(?P<piss>" + _SEG + _NEXT + r"*)"
    r"|"
    r"[ \t]*/[ \t]*(?:(?P<year>(?:19|20)\d\d)[ \t]*/[ \t]*)?"
    r"(?P<scodes>" + _SEG + _NEXT + r"*)"
    r")(?![\w])"
)
# An unknown code: all capitals, or mixed case with at least two capitals (TTg, SNgV, CTr), never a word.
_CODE_LIKE = re.compile(r"^(?:[A-ZĐ0-9&]+|(?=(?:[^A-ZĐ]*[A-ZĐ]){2})[A-ZĐ][A-Za-zĐđ]{1,4}\d{0,2})$")


@dataclass(frozen=True)
class Symbol:
    """A parsed document number: its parts repaired against the code tables."""

    number: str
    year: str | None
    type_code: str | None
    issuer_code: str | None
    units: tuple[str, ...]
    party_style: bool
    printed: str
    repaired: bool

    @property
    def text(self) -> str:
        """The symbol in its printed style, repaired: 82-HD/BTGTW, 72/2015/NĐ-CP, 2905/BTTTT-TTĐN."""
        tail = "-".join(c for c in (self.issuer_code, *self.units) if c)
        if self.party_style:
            return f"{self.number}-{self.type_code}/{tail}"
        head = f"{self.year}/" if self.year else ""
        codes = "-".join(c for c in (self.type_code, self.issuer_code, *self.units) if c)
        return f"{self.number}/{head}{codes}"

    def with_number(self, number: str, printed: str) -> Symbol:
        """The same codes under another number: a member of a list ("số 1, 2 và 3/QĐ-TTg")."""
        return replace(self, number=number, printed=printed, repaired=False)


@cache
def _known_types() -> tuple[str, ...]:
    return tuple(type_by_code())


@cache
def _known_issuers() -> tuple[str, ...]:
    return tuple(c for c, i in issuer_by_code().items() if i.scope != "unit")


@cache
def _known_codes() -> tuple[str, ...]:
    return tuple(issuer_by_code())


def _split_term(code: str) -> tuple[str, str]:
    """QH13 → (QH, 13): a legislature's term number rides on its code."""
    m = re.match(r"^(.*?)(\d{1,2})$", code)
    return (m.group(1), m.group(2)) if m and m.group(1) else (code, "")


def _repair(printed: str, known: tuple[str, ...], ocr: bool) -> str:
    base, term = _split_term(printed)
    fixed = repair_code(base, known, ocr)
    return (fixed + term) if fixed else printed


@cache
def _known_upper() -> frozenset[str]:
    return frozenset(c.upper() for c in _known_codes() + _known_types())


def _segments(raw: str) -> list[str]:
    parts = [re.sub(r"\s+", "", p) for p in re.split(r"[-.]", raw)]
    kept: list[str] = []
    for i, p in enumerate(parts):
        known = _split_term(p)[0].upper() in _known_upper()
        if i and not (known or _CODE_LIKE.match(p)):
            break
        kept.append(p)
    return kept


def _printed(match: re.Match[str], group: str, kept: int) -> str:
    """The match as printed, without trailing segments that were not codes ("TW - Ban" ends at TW)."""
    raw = match.group(group)
    hyphens = [i for i, ch in enumerate(raw) if ch in "-."]
    if kept > len(hyphens):
        return match.group(0)
    cut = match.start(group) - match.start() + hyphens[kept - 1]
    return match.group(0)[:cut].rstrip()


def _unglued(code: str, ocr: bool) -> list[str]:
    """A type and an issuer code printed without their hyphen ("QĐUBND", "NĐCP": PDF text loses it), else the code."""

    def fits(part: str, known: tuple[str, ...]) -> bool:
        return repair_code(_split_term(part)[0], known, ocr) is not None

    if fits(code, _known_types()) or fits(code, _known_codes()):
        return [code]
    for cut in range(len(code) - 1, 0, -1):
        if fits(code[:cut], _known_types()) and fits(code[cut:], _known_issuers()):
            return [code[:cut], code[cut:]]
    return [code]


def parse_symbol(match: re.Match[str], ocr: bool) -> Symbol | None:
    """Read a SYMBOL match into its parts, repairing codes against the tables (never inventing).

    `Symbol.printed` may be shorter than the match when trailing words were not codes.
    """
    num = match.group("num")
    group = "piss" if match.group("ptype") else "scodes"
    segs = _segments(match.group(group))
    printed = _printed(match, group, len(segs))
    if match.group("ptype"):
        type_code = _repair(match.group("ptype"), _known_types(), ocr)
        issuer = _repair(segs[0], _known_issuers(), ocr)
        units = tuple(_repair(s, _known_codes(), ocr) for s in segs[1:])
        sym = Symbol(num, None, type_code, issuer, units, True, printed, False)
    else:
        segs = _unglued(segs[0], ocr) + segs[1:]
        first = _repair(segs[0], _known_types(), ocr)
        if first in type_by_code() and len(segs) >= 2:
            type_code, rest = first, segs[1:]
        elif first in type_by_code() and first not in issuer_by_code():
            type_code, rest = first, []
        else:
            type_code, rest = None, segs
        issuer = _repair(rest[0], _known_issuers(), ocr) if rest else None
        units = tuple(_repair(s, _known_codes(), ocr) for s in rest[1:])
        sym = Symbol(num, match.group("year"), type_code, issuer, units, False, printed, False)
    if not sym.issuer_code and not sym.type_code:
        return None
    return replace(sym, repaired=sym.text != re.sub(r"\s+", "", printed))


def find_symbols(text: str, ocr: bool = False) -> list[tuple[re.Match[str], Symbol]]:
    """Every parseable symbol in cleaned text, with its match (it ends at match.start() + len(printed))."""
    out = []
    for m in SYMBOL.finditer(text):
        sym = parse_symbol(m, ocr)
        if sym:
            out.append((m, sym))
    return out


# ---------------------------------------------------------------- cue regexes (on folded text)


# Laws carry no type code ("Luật Đầu tư công số 49/2014/QH13": QH13 is the legislature and its term),
# so their type is only ever the word printed before the number.
LAW_NAMES = ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh")


_FOLDED_LAWS = frozenset(fold_text(n) for n in LAW_NAMES)


@cache
def _type_re(ocr: bool) -> re.Pattern[str]:
    names = [n for t in doc_types() for n in t.names] + list(LAW_NAMES)
    return re.compile(alternation(names, ocr))


@cache
def _type_by_folded() -> dict[str, str]:
    return {fold_text(n): n for n in [*(n for t in doc_types() for n in t.names), *LAW_NAMES]}


@cache
def _clause_re(ocr: bool) -> re.Pattern[str]:
    phrases = [c.cue for c in cues_of("clause")]
    return re.compile(
        r"(?:^|(?<=[;.:,(\n]))[ \t]*(?:-[ \t]*)?(?P<cue>" + alternation(phrases, ocr) + ")", re.M
    )


@cache
def _clause_values() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(tolerant(c.cue)), c.value) for c in cues_of("clause")]


@cache
def _issuer_marker(ocr: bool) -> re.Pattern[str]:
    words = [c.cue for c in cues_of("issuer")]
    return re.compile(r"^[\s,]*(?:" + alternation(words, ocr) + r")\s+")


@cache
def _date_after(ocr: bool) -> re.Pattern[str]:
    t = tolerant if ocr else exact
    return re.compile(
        r"^[\s,;(]*(?:" + t("ban hành") + r"\s+)?(?:" + t("ngày") + r")\s*:?\s*"
        r"(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)"
        r"|" + t("tháng") + r"\s+(?P<m2>\d{1,2})\s*,?\s*" + t("năm") + r"\s+(?P<y2>(?:19|20)\d\d))"
    )


@cache
def _known_bodies(ocr: bool) -> tuple[tuple[re.Pattern[str], IssuerCode], ...]:
    """Every known body name as a regex on folded text (longest first), with its row."""
    build = tolerant if ocr else exact
    pairs = {
        (name, row) for row in issuer_codes() if row.scope != "unit" for name in row.names if len(name) > 3
    }
    ordered = sorted(pairs, key=lambda pr: -len(pr[0]))
    return tuple((re.compile(build(name)), row) for name, row in ordered)


@lru_cache(maxsize=4096)
def known_body(folded: str, ocr: bool, whole: bool = False) -> IssuerCode | None:
    """The known body whose name opens (or, with `whole`, is) a folded printed name."""
    for pattern, row in _known_bodies(ocr):
        if (pattern.fullmatch if whole else pattern.match)(folded):
            return row
    return None


# Where a printed issuer ends: punctuation, a paragraph, or the words that open the subject or a date.
_ISSUER_STOP = re.compile(
    r"[;,.()“”\"':]|\n\s*\n|\s(?:ve|v€|huong dan|phe duyet|ban hanh|quy dinh|thuc hien|trien khai|tai|trong|"
    r"nhiem ky|den nam|giai doan|nhan dip)\s|\s(?:khoa|khoa thu)\s+[ivxl]+\b|\s(?:nam|ngay)\s+\d"
)


@cache
def _issuer_stop(ocr: bool) -> re.Pattern[str]:
    """Where a printed issuer ends, also before the next document named ("… Ban Bí thư và Kết luận số 45 …")."""
    names = [n for t in doc_types() for n in t.names] + list(LAW_NAMES)
    return re.compile(
        _ISSUER_STOP.pattern + r"|\s(?:v[aà]\s+)?" + alternation(names, ocr) + r"\s+(?:s[o06bde]\w?\b|\d)"
    )


_OFFICIAL = re.compile(
    r"^(?:(?:pho\s+)?giam doc|chanh|(?:pho\s+)?chu tich|bo truong|thu truong|(?:pho\s+)?truong ban|"
    r"(?:pho\s+)?bi thu|cuc truong|vu truong)\s+(?=\S)"
)
_MEETING = re.compile(r"^(?:hoi nghi|dai hoi)(?:\s+(?:lan thu\s+\d+|trung uong\s+\d+|thu\s+\d+))?\s+", re.I)
_ABBREVIATIONS = (
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("BTV", "Ban Thường vụ"),
    ("BCH", "Ban Chấp hành"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("TTĐN", "thông tin đối ngoại"),
    ("TW", "Trung ương"),
)


def expand_abbreviations(name: str) -> str:
    """UBND → Ủy ban nhân dân, BCĐ → Ban Chỉ đạo, …: the full words of a printed body name."""
    for short, full in _ABBREVIATIONS:
        name = re.sub(rf"(?<![\w&]){re.escape(short)}(?![\w&])", full, name)
    return re.sub(r"\s+", " ", name).strip()


# ---------------------------------------------------------------- layout

_BODY_START = re.compile(
    r"(?m)^[ \t]*(?:phan[ \t]+)?(?:i|1|a)[ \t]*[.\-)/:][ \t]*\S"
    r"|^[ \t]*(?:quyet dinh|chi thi|nghi quyet|ket luan)[ \t]*:"
    r"|^[ \t]*dieu[ \t]+1\b|^[ \t]*chuong[ \t]+(?:i|1)\b"
    r"|^[ \t]*(?:muc dich|muc tieu|nhiem vu|noi dung)\b[^\n]{0,30}$"
)


@cache
def clause_line(ocr: bool) -> re.Pattern[str]:
    phrases = [c.cue for c in cues_of("clause")]
    return re.compile(r"^[ \t]*(?:-[ \t]*)?(?:" + alternation(phrases, ocr) + ")", re.M)


_NEXT_SECTION = re.compile(r"(?m)^[ \t]*(?:phan[ \t]+)?(?:ii|2|b)[ \t]*[.\-)/:][ \t]*\S")
_GROUNDS_HEADING = re.compile(r"[ \t]*(?:phan[ \t]+)?(?:i|1|a)[ \t]*[.\-)/:][ \t]*(?:can cu|co so)\b")


def body_start(doc: Cleaned) -> int:
    """Where the preamble ends: the first section heading (I., 1., Điều 1, QUYẾT ĐỊNH:, MỤC ĐÍCH)."""
    folded = doc.folded or fold_text(doc.text)
    m = _BODY_START.search(folded)
    if m and _GROUNDS_HEADING.match(folded, m.start()):  # "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" is still the preamble
        m = _NEXT_SECTION.search(folded, m.end())
    return m.start() if m else len(doc.text)


# ---------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    """One place where a cited document is named: a full symbol, a list member or a short form."""

    symbol: str
    start: int  # in the cleaned text, where the naming begins (the type word when printed)
    end: int
    full: bool


@dataclass
class _Draft:
    symbol: Symbol
    start: int
    end: int
    type: str | None
    date: str | None
    issuer: str | None
    level: str | None
    clause: str
    in_preamble: bool


@dataclass(frozen=True)
class Mentions:
    """What find_mentions saw: citations once per symbol, unnumbered references and every mention."""

    citations: tuple[Citation, ...] = ()
    references: tuple[Reference, ...] = ()
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    preamble_end: int = 0


@lru_cache(maxsize=4096)
def provincial(name: str, province: str | None) -> ProvincialBody | None:
    """The gazetteer's full body for a printed name in a province (cached: names repeat across documents)."""
    from cancu.ontology.gazetteer import provincial_body

    return provincial_body(name, province) if province else None


def resolve_issuer(
    printed: str | None, code: str | None, header: Document, ocr: bool
) -> tuple[str | None, str | None]:
    """The full issuer name and its level, from "của …" when printed, else from the symbol's code."""
    province = header.province
    row = issuer_by_code().get(_split_term(code)[0]) if code else None
    if printed:
        folded = _OFFICIAL.sub("", _MEETING.sub("", fold_text(printed)))
        printed = printed[len(printed) - len(folded) :]
        known = known_body(folded, ocr)
        if known and known.scope == "central":
            return known.name, known.level
        if province:
            body = provincial(expand_abbreviations(printed), province)
            if body:
                return body.name, body.level
        if known:
            body = provincial(known.name, province)
            plain = fold_text(printed) == printed.lower()
            return (
                body.name if body else known.name if plain else expand_abbreviations(printed)
            ), known.level
        name = expand_abbreviations(printed)
        return name, level_of_name(name) or (row.level if row and row.scope != "unit" else None)
    if row and row.infer:
        if row.scope == "central":
            return row.name, row.level
        body = provincial(row.name, province)
        return (body.name if body else None), row.level
    return None, (row.level if row and row.scope != "unit" else None)


_LEVEL_WORDS = (
    (re.compile(r"\b(?:xa|phuong|thi tran)\b"), "commune"),
    (re.compile(r"\b(?:huyen|thi xa|quan|huyen uy|thi uy|quan uy)\b"), "district"),
    (re.compile(r"^so\b"), "department"),
    (re.compile(r"\b(?:tinh|thanh uy|tinh uy)\b"), "province"),
    (re.compile(r"\b(?:trung uong|chinh phu|quoc hoi|bo chinh tri|ban bi thu|thu tuong)\b|^bo\b"), "central"),
)


def level_of_name(name: str) -> str | None:
    """The level a body name implies by its words (huyện → district, Sở → department, tỉnh → province)."""
    folded = fold_text(name)
    for pattern, level in _LEVEL_WORDS:
        if pattern.search(folded):
            return level
    return None


def _date(m: re.Match[str]) -> str | None:
    d = int(m.group("d"))
    month = int(m.group("m") or m.group("m2"))
    year = int(m.group("y") or m.group("y2"))
    if not (1 <= d <= 31 and 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}-{d:02d}"


def _after(doc: Cleaned, end: int, ocr: bool) -> tuple[str | None, str | None, int]:
    """The date and the printed issuer ("của …") that follow a symbol, and where they end."""
    folded = doc.folded
    window = folded[end : end + 200]
    date = None
    pos = 0
    dm = _date_after(ocr).match(window)
    if dm:
        date = _date(dm)
        pos = dm.end()
    im = _issuer_marker(ocr).match(window[pos:])
    if not im:
        return date, None, end + pos
    start = pos + im.end()
    stop = _issuer_stop(ocr).search(window, start)
    stop_at = stop.start() if stop else min(len(window), start + 80)
    printed = re.sub(r"\s+", " ", doc.text[end + start : end + stop_at]).strip()
    if date is None:  # "… của UBND tỉnh ngày 05/3/2020": the date may follow the issuer
        late = _date_after(ocr).match(window[stop_at:])
        date = _date(late) if late else None
    return date, (printed or None), end + stop_at


def _printed_type(doc: Cleaned, start: int, floor: int, ocr: bool) -> tuple[str | None, int]:
    """The type name printed just before a number ("Hướng dẫn số", "Chương trình hành động sb"), and where."""
    lo = max(floor, start - 90)
    window = doc.folded[lo:start]
    cut = max(window.rfind(";"), window.rfind("\n\n"))
    best = None
    for m in _type_re(ocr).finditer(window, max(cut, 0)):
        if doc.text[lo + m.start()].isupper() or m.group(0) not in _FOLDED_LAWS:
            best = m  # "pháp luật" in lower case is the word "law", not a law's name
    if best is None or start - (lo + best.end()) > 45:
        return None, start
    return canonical_type(best.group(0), ocr), lo + best.start()


def _citation_type(sym: Symbol, printed: str | None) -> str | None:
    coded = type_by_code().get(sym.type_code or "")
    if coded:
        if printed and printed in coded.names:
            return printed
        return coded.party_name if sym.party_style and coded.party_name else coded.name
    if printed:
        return printed
    row = issuer_by_code().get(_split_term(sym.issuer_code or "")[0])
    return (row.default_type if row and row.default_type else None) or "Công văn"


@lru_cache(maxsize=8)
def _clause_cues(folded: str, ocr: bool, end: int) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Where each clause cue of the preamble ends, and the cue: read once per document, not once per citation."""
    found = [(m.end(), m.group("cue")) for m in _clause_re(ocr).finditer(folded, 0, end)]
    return tuple(e for e, _ in found), tuple(c for _, c in found)


def _clause(doc: Cleaned, pos: int, preamble_end: int, ocr: bool) -> str:
    if pos >= preamble_end:
        return "body"
    ends, cues = _clause_cues(doc.folded, ocr, preamble_end)
    at = bisect_right(ends, pos) - 1
    if at < 0:
        return "body"
    cue = cues[at]
    for pattern, value in _clause_values():
        if pattern.fullmatch(cue) or pattern.match(cue):
            return value
    return "body"


_LIST_BEFORE = re.compile(r"(?:^|[\s(])s[o06bde]\w?\s*:?\s*((?:\d{1,5}\s*(?:,|;|\bva\b|&)\s*)+)$")


_NUMBER_LABEL = re.compile(r"(?:^|[\t|)]|\s{2,})[ \t]*S[ỐốOo06éÉbBdD][ \t]*:?[ \t]*$")


def _is_number_line(doc: Cleaned, start: int, opening: int) -> bool:
    """The document's own "Số: …" line in its header (when the header reader could not read it)."""
    if start >= opening:
        return False
    line_start = doc.text.rfind("\n", 0, start) + 1
    return bool(_NUMBER_LABEL.search(doc.text[line_start:start]))


def _self_reference(doc: Cleaned, type_start: int) -> bool:
    """ "(Kèm theo Kế hoạch số …)": an appendix naming its own document."""
    window = doc.folded[max(0, type_start - 40) : type_start]
    return any(re.search(tolerant(c.cue) + r"[\s\w]{0,15}$", window) for c in cues_of("self"))


def _same_symbol(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return fold_text(re.sub(r"[\s\-/]+", "", a)) == fold_text(re.sub(r"[\s\-/]+", "", b))


def _in_capitals(text: str, pos: int) -> bool:
    """Whether the line at `pos` is printed in capitals (a title or a heading)."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - 100)
    end = text.find("\n", pos)
    line = text[start : min(end if end >= 0 else len(text), pos + 100)]
    letters = "".join(filter(str.isalpha, line))
    return len(letters) >= 8 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def find_mentions(doc: Cleaned, header: Document) -> Mentions:
    """Every cited document once per symbol, each mention of it, and the unnumbered references."""
    ocr = doc.ocr
    preamble_end = body_start(doc)
    first_clause = clause_line(ocr).search(doc.folded)
    opening = min(first_clause.start() if first_clause else 1500, preamble_end)
    drafts: dict[str, _Draft] = {}
    mentions: list[Mention] = []
    previous_end = 0
    for m, sym in find_symbols(doc.text, ocr):
        end = m.start() + len(sym.printed)
        printed_type, type_start = _printed_type(doc, m.start(), previous_end, ocr)
        previous_end = end
        if _is_number_line(doc, m.start(), opening):
            continue
        own_type = header.type and printed_type == header.type
        if _same_symbol(sym.text, header.symbol) or (own_type and _self_reference(doc, type_start)):
            continue
        if header.symbol is None and header.symbol_printed and _same_symbol(sym.text, header.symbol_printed):
            continue
        date, issuer_printed, _end = _after(doc, end, ocr)
        members = [(sym, m.start(), end)]
        lm = _LIST_BEFORE.search(doc.folded, max(0, m.start() - 60), m.start())
        if lm:
            for nm in re.finditer(r"\d{1,5}", lm.group(1)):
                s, e = lm.start(1) + nm.start(), lm.start(1) + nm.end()
                members.insert(-1, (sym.with_number(nm.group(0), doc.text[s:e]), s, e))
        for member, s, e in members:
            key = member.text
            mentions.append(Mention(key, type_start if member is sym else s, e, True))
            if key in drafts:
                d = drafts[key]
                d.date = d.date or date
                if s < preamble_end and (d.clause == "body" or _in_capitals(doc.text, d.start)):
                    # Named first in the title (in capitals), then after "Căn cứ": the preamble says how.
                    clause = _clause(doc, s, preamble_end, ocr)
                    d.clause = clause if clause != "body" and not _in_capitals(doc.text, s) else d.clause
                if issuer_printed and not d.issuer:
                    d.issuer, d.level = resolve_issuer(issuer_printed, member.issuer_code, header, ocr)
                continue
            issuer, level = resolve_issuer(issuer_printed, member.issuer_code, header, ocr)
            drafts[key] = _Draft(
                symbol=member,
                start=s,
                end=e,
                type=_citation_type(member, printed_type),
                date=date,
                issuer=issuer,
                level=level,
                clause=_clause(doc, s, preamble_end, ocr),
                in_preamble=s < preamble_end,
            )
    short_mentions, references = _short_forms(doc, drafts, header, preamble_end, ocr)
    mentions.extend(short_mentions)
    mentions.sort(key=lambda x: x.start)
    citations = tuple(_citation(doc, d) for d in drafts.values())
    return Mentions(citations, tuple(references), tuple(mentions), preamble_end)


def _citation(doc: Cleaned, d: _Draft) -> Citation:
    span = doc.to_original(d.start, d.end)
    printed = doc.original[span[0] : span[1]]
    squeezed = re.sub(r"\s+", "", printed)
    return Citation(
        symbol=d.symbol.text,
        type=d.type,
        date=d.date,
        issuer=d.issuer,
        level=d.level,
        clause=d.clause,
        in_preamble=d.in_preamble,
        span=span,
        printed=printed,
        repaired=d.symbol.repaired or (squeezed != d.symbol.text and squeezed != d.symbol.number),
    )


@cache
def _short_re(ocr: bool) -> re.Pattern[str]:
    names = [t.name for t in doc_types()] + list(LAW_NAMES)
    return re.compile(
        r"(?P<type>" + alternation(names, ocr) + r")[ \t]*(?:s[o06bde]\w?[ \t]*:?[ \t]*)?"
        r"(?P<num>\d{1,5})(?![\d/\-]|\.\d|[ \t]*[/-][ \t]*[a-z])"
        # "Kế hoạch 5 năm (2021 - 2025)", "3 năm 2023 - 2025": a span of time, not a number ("35 năm 2019" is).
        r"(?![ \t]*(?:"
        + alternation(_SPANS, ocr)
        + r")(?:(?![ \t]*\d)|[ \t]*(?:19|20)\d\d[ \t]*-[ \t]*(?:19|20)\d\d))"
    )


_SPANS = ("năm", "tháng", "tuần", "quý", "giai đoạn")


@cache
def _reference_re(ocr: bool) -> re.Pattern[str]:
    names = [n for t in doc_types() for n in t.names] + list(LAW_NAMES)
    return re.compile(r"(?P<type>" + alternation(names, ocr) + r")[ \t]+(?=[^\s\d])")


_REF_STOP = {
    # A line break ends a name only where the next line opens a clause or an item (web copies break anywhere).
    False: re.compile(
        r"[;(]|\n\s*\n|\n(?=[ \t]*(?:[-+•*]|\d{1,2}[.)\-]|[ivxl]+[.\-]|can cu|thuc hien|trien khai|xet|theo"
        r"|quan triet|quyet dinh)\b)|\.\s|\s(?:ve|nham|de)\s"
    ),
    True: re.compile(r"[;(]|\n\s*\n|\.\s|\s(?:v[e€]|nham|de|d[e€])\s"),
}


def _short_forms(
    doc: Cleaned, drafts: dict[str, _Draft], header: Document, preamble_end: int, ocr: bool
) -> tuple[list[Mention], list[Reference]]:
    """Short forms ("Quyết định số 273") point back to a full citation; the rest are references."""
    mentions: list[Mention] = []
    references: dict[str, Reference] = {}
    by_number: dict[tuple[str, str], set[str]] = {}
    for key, d in drafts.items():
        coded = type_by_code().get(d.symbol.type_code or "")
        for name in {d.type, coded.name if coded else None} - {None}:
            by_number.setdefault((fold_text(name or ""), d.symbol.number.lstrip("0")), set()).add(key)
    taken = [(d.start, d.end) for d in drafts.values()]
    for m in _short_re(ocr).finditer(doc.folded):
        if not doc.text[m.start()].isupper():
            continue
        type_name = _type_by_folded().get(m.group("type")) or canonical_type(m.group("type"), ocr)
        number = m.group("num").lstrip("0")
        keys = by_number.get((fold_text(type_name or ""), number), set())
        if len(keys) == 1:  # two documents share the short form: it names neither for sure
            mentions.append(Mention(next(iter(keys)), m.start(), m.end(), False))
            continue
        if keys or any(s <= m.start("num") < e for s, e in taken) or (1900 <= int(m.group("num")) <= 2100):
            continue
        text = re.sub(r"\s+", " ", doc.text[m.start() : m.end()])
        date, issuer_printed, end = _after(doc, m.end(), ocr)
        issuer, _level = resolve_issuer(issuer_printed, None, header, ocr) if issuer_printed else (None, None)
        references.setdefault(
            fold_text(text),
            Reference(
                text=text,
                type=type_name,
                date=date,
                issuer=issuer,
                clause=_clause(doc, m.start(), preamble_end, ocr),
                in_preamble=m.start() < preamble_end,
                span=doc.to_original(m.start(), m.end()),
            ),
        )
    for ref in _unnumbered(doc, header, preamble_end, ocr):
        quoted = re.search(r"[“\"«]([^”\"»]{4,})", ref.text)
        references.setdefault(_loose_key(quoted.group(1) if quoted else ref.text), ref)
    return mentions, list(references.values())


def _loose_key(text: str) -> str:
    """A key two OCR readings of one name share: its consonants, repeats collapsed (vowels are what OCR mangles)."""
    consonants = re.sub(r"[^bcdfghklmnpqrstvx]", "", fold_text(text))
    return re.sub(r"(.)\1+", r"\1", consonants)[:24]


def canonical_type(folded_type: str, ocr: bool) -> str | None:
    """The type name a folded (maybe OCR-damaged) printed type stands for."""
    known = _type_by_folded().get(folded_type)
    if known:
        return known
    return next(
        (
            n
            for f, n in _type_by_folded().items()
            if re.fullmatch(tolerant(n) if ocr else exact(n), folded_type)
        ),
        None,
    )


@cache
def _issuer_inside(ocr: bool) -> re.Pattern[str]:
    words = [c.cue for c in cues_of("issuer")]
    return re.compile(r"\s(?:" + alternation(words, ocr) + r")\s+(.+)$", re.S)


_NOT_A_NAME = re.compile(
    r"s[o06bde]\w?\s*[:/\d]|s[o06bde]\w?\s+[/\d]|\d|nay\b|(?:cua|va|tren|tai|do|cho)\b|[^\w“\"«]"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@cache
def _day_word(ocr: bool) -> re.Pattern[str]:
    return re.compile(r"\s" + (tolerant if ocr else exact)("ngày"))


_QUOTED_OR_NAMED = re.compile(r"^[“\"«]|^(?:dai hoi|hoi nghi)\b|^[A-ZĐÂĂÊÔƠƯ]")


def _unnumbered(doc: Cleaned, header: Document, preamble_end: int, ocr: bool) -> list[Reference]:
    """Documents named without a number: a law and its date, a congress resolution, a named scheme."""
    out: list[Reference] = []
    for m in _reference_re(ocr).finditer(doc.folded):
        if not doc.text[m.start()].isupper():
            continue
        rest_text = doc.text[m.end() : m.end() + 160]
        rest = doc.folded[m.end() : m.end() + 160]
        if _NOT_A_NAME.match(rest):
            continue
        stop = _REF_STOP[ocr].search(rest)
        body_f = rest[: stop.start()] if stop else rest[:120]
        if _in_capitals(doc.text, m.start()):
            body_f = body_f.split("\n")[0]  # a title in capitals: its lines are not one name
        body_t = rest_text[: len(body_f)]
        quoted = body_t.strip()[:1] in '“"«'
        named = quoted or bool(_QUOTED_OR_NAMED.match(body_t.strip()))
        has_year = bool(_YEAR.search(body_f))
        if not (named or has_year) or SYMBOL.search(body_t):
            continue  # (the tests below each need a name or a year)
        type_name = _type_by_folded().get(m.group("type")) or canonical_type(m.group("type"), ocr)
        date_m = _day_word(ocr).search(body_f)
        date = None
        if date_m:
            dm = _date_after(ocr).match(body_f[date_m.start() :])
            date = _date(dm) if dm else None
        is_law = fold_text(type_name or "") in {"luat", "bo luat", "hien phap", "phap lenh"}
        im = _issuer_inside(ocr).search(" " + body_f)
        has_issuer = bool(im)
        if not (quoted or (is_law and named) or (has_issuer and (named or has_year)) or (named and date)):
            continue
        text = re.sub(r"\s+", " ", doc.text[m.start() : m.end() + len(body_f)]).strip(" ,.")
        if len(text) < 8:
            continue
        issuer = None
        if im:
            printed = doc.text[m.end() + im.start(1) - 1 : m.end() + len(body_f)].strip(" ,")
            issuer = resolve_issuer(printed, None, header, ocr)[0]
        out.append(
            Reference(
                text=text,
                type=type_name,
                date=date,
                issuer=issuer,
                clause=_clause(doc, m.start(), preamble_end, ocr),
                in_preamble=m.start() < preamble_end,
                span=doc.to_original(m.start(), m.end() + len(body_f)),
            )
        )
    return out


def find_citations(doc: Cleaned, header: Document) -> tuple[list[Citation], list[Reference]]:
    """Every numbered reference once per symbol, and the references without a number."""
    found = find_mentions(doc, header)
    return list(found.citations), list(found.references)


__all__ = [
    "LAW_NAMES",
    "SYMBOL",
    "Mention",
    "Mentions",
    "Symbol",
    "body_start",
    "canonical_type",
    "clause_line",
    "expand_abbreviations",
    "find_citations",
    "find_mentions",
    "find_symbols",
    "known_body",
    "level_of_name",
    "parse_symbol",
    "provincial",
    "resolve_issuer",
]
