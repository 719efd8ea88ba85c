"""Parties: who a document is addressed to (Kính gửi, Nơi nhận, an appended list) and who signed it.

Recipient lines carry notes that are not names ("(thay b/c)", "Lưu: VT"); the
signature block stacks an authority (KT./TM./TL.), the title of the body signed
for, the signer's own title and the name, in upper case that is put back into
the usual case from data/signer_titles.csv.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib.resources import files

from cancu.ingest.agencies import patterns
from cancu.ingest.identity import fold
from cancu.ingest.record import Signer
from cancu.ingest.sections import fold_chars

_ADDRESSED = re.compile(r"(?im)^\W*k[ií]nh\s*g[uửư]i\s*:?\s*(?P<rest>.*)$")
_RECIPIENTS = re.compile(r"(?im)^\W*n[oơ]i\s*nh[aâậ]n\s*:?\s*(?P<rest>.*)$")
_APPENDIX = re.compile(r"(?m)^\W*(?:phu\s*luc|danh\s*s[a-z]ch)\b")  # matched on folded text
_LISTED_PROVINCE = re.compile(
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Uy ban nhan dan)\s+(?:tỉnh|tinh|TP\.?|thành phố|thanh pho)\s+"
    r"(?P<place>(?:[^|\n\d;]|\d(?!\d?\s*[.,]))+?)\s*(?=\d{1,2}\s*[.,]|\||$|\n)",
    re.I,
)
_COLUMNS = re.compile(r"\t+|\s{3,}")
_AUTHORITY = re.compile(r"^(?P<auth>KT|TM|TL|TUQ|Q|K/T|T/M|T/L)\s*[./]?\s+(?P<rest>\S.*)$")
_AUTHORITY_NAMES = {"K/T": "KT.", "T/M": "TM.", "T/L": "TL."}


def _mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 5 and all(
        w[0].isupper() and (w[1:].islower() or not w[1:]) and w.isalpha() for w in words
    )


def _clean_recipient(line: str) -> str | None:
    line = line.replace("|", " ")
    folded_patterns = [p.regex for p in patterns() if p.kind == "recipient_note"]
    for rx in folded_patterns:
        while True:
            m = rx.search(fold(line))
            if not m:
                break
            line = line[: m.start()] + line[m.end() :]
    line = re.sub(r"\s*(?:[A-ZĐÀ-Ỹ]{2,}\s*){2,}$", "", line)  # a signature column printed on the same line
    line = " ".join(line.strip(" -+•;,.:").split())
    if not line or not re.search(r"\w{2}", line):
        return None
    if any(p.regex.search(fold(line)) for p in patterns() if p.kind == "not_recipient"):
        return None
    return line


def _left(line: str) -> str:
    """The left column of a line that prints recipients and the signature side by side."""
    return _COLUMNS.split(line.strip())[0]


# A recipient ends at ";" or "." (or ":" before a sub-list); the body opens with a sentence ("Để …", "Thực hiện …").
_BODY_OPENER = re.compile(r"^(?:de|thuc hien|can cu|trien khai|theo|nham|ngay|hien nay|trong|qua)\b")


def _carries_on(recipient: str, line: str) -> bool:
    """Whether an unbulleted line carries on the recipient above it (a name broken over two lines)."""
    if re.search(r"[.;:]$", recipient.rstrip()) or _mostly_upper(line) or _is_name(line):
        return False
    return not _BODY_OPENER.match(fold(line))


def _bare_recipient(out: list[str], line: str) -> bool:
    """An unbulleted line that names one more addressee: it ends like one, and the list has not ended with "."."""
    if out and out[-1].rstrip().endswith("."):
        return False
    return bool(re.search(r"[;,.]$", line)) and not _BODY_OPENER.match(fold(line))


def _block(lines: list[str], start: int, bare: bool = False) -> list[str]:
    """The bulleted lines from `start` on, until the bullets stop; `bare` takes unbulleted lines up to a gap."""
    out: list[str] = []
    gap = False
    for line in lines[start:]:
        stripped = _left(line)
        if not stripped:
            gap = True
            if bare and out:
                break
            continue
        if re.match(r"^[-+•]", stripped):
            out.append(stripped)
            gap = False
        elif out and not gap and _carries_on(out[-1], stripped):
            out[-1] = f"{out[-1]} {stripped}"
        elif bare and not gap and _bare_recipient(out, stripped):
            out.append(stripped)
        else:
            break
    return out


def find_recipients(text: str) -> list[str]:
    """Recipients from Kính gửi, then Nơi nhận, with an appended list of provinces expanding a collective."""
    lines = text.split("\n")
    addressed: list[str] = []
    copied: list[str] = []
    for i, line in enumerate(lines):
        m = _ADDRESSED.match(line)
        if m and not addressed:
            first = m.group("rest").strip()
            names = [first] + _block(lines, i + 1) if first else _block(lines, i + 1, bare=True)
            addressed = [n for n in (_clean_recipient(x) for x in names) if n]
        m = _RECIPIENTS.match(line)
        if m and not copied:
            names = _block(lines, i + 1)
            copied = [n for n in (_clean_recipient(x) for x in names) if n]
    collective = [a for a in addressed if re.search(r"\bcac tinh\b", fold(a))]
    listed = listed_provinces(text) if collective else []
    if listed:
        addressed = listed + [a for a in addressed if a not in collective]
    out: list[str] = []
    for name in addressed + copied:
        if fold(name) in ("nhu tren", "nhu kinh gui"):
            continue
        if name not in out:
            out.append(name)
    return out


def listed_provinces(text: str) -> list[str]:
    """The provincial people's committees of a list appended after the body ("Danh sách 63 UBND tỉnh")."""
    m = _APPENDIX.search(fold_chars(text))
    if not m:
        return []
    out: list[str] = []
    for hit in _LISTED_PROVINCE.finditer(text, m.start()):
        out.append(_province_committee(hit.group(0), hit.group("place")))
    return list(dict.fromkeys(out))


def _province_committee(printed: str, place: str) -> str:
    try:
        from cancu.ontology.gazetteer import find_province
    except ImportError:
        return " ".join(printed.split())
    province = find_province(place.strip())
    if province is None:
        return " ".join(printed.split())
    return f"Ủy ban nhân dân {province.full_name}"


@cache
def _titles() -> tuple[tuple[str, str], ...]:
    text = files("cancu.data").joinpath("signer_titles.csv").read_text(encoding="utf-8")
    rows = [(fold(r["title"]), r["title"]) for r in csv.DictReader(text.splitlines())]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def leading_title(folded: str) -> str | None:
    """The signer title (folded) a folded line opens with ("chu tich uy ban …" → "chu tich"), or None."""
    words = folded.split()
    for key, _proper in _titles():
        n = len(key.split())
        if " ".join(words[:n]) == key:
            return key
    return None


def title_case(line: str) -> str:
    """An upper-case title line in its usual case ("PHÓ GIÁM ĐỐC" → "Phó Giám đốc")."""
    words = line.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for key, proper in _titles():
            n = len(key.split())
            if fold(" ".join(words[i : i + n])) == key:
                out.append(proper)
                i += n
                break
        else:
            out.append(words[i].lower())
            i += 1
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def find_signer(text: str) -> Signer | None:
    """The signer's name, own title and authority, from the block at the end of the body."""
    m = _RECIPIENTS.search(text)
    start = m.start() if m else max(0, len(text) - 1500)
    appendix = _APPENDIX.search(fold_chars(text), start + 1)
    block = text[start : appendix.start() if appendix else len(text)]
    columns = [_COLUMNS.split(ln.strip()) for ln in block.split("\n") if ln.strip()]
    names = [
        i for i, cols in enumerate(columns) if _is_name(cols[-1].strip(" *#_")) and cols[-1][0] not in "-+"
    ]
    if not names:
        return None
    # Printed beside the recipients, the signature is the right column of the lines that have two
    # (and the lines of one column that are not recipients: a name a web copy printed on its own).
    two = any(len(cols) > 1 for cols in columns)
    lines = [
        cols[-1].strip(" *#_")
        for cols in columns
        if len(cols) > 1 or not two or not (cols[0].startswith(("-", "+", "•")) or _RECIPIENTS.match(cols[0]))
    ]
    at = max(i for i, ln in enumerate(lines) if _is_name(ln) and ln[0] not in "-+")
    while at > 0 and lines[at - 1] == lines[at]:
        at -= 1  # a name printed twice (stamp and signature)
    titles: list[str] = []
    authority = None
    for ln in reversed(lines[:at]):
        if ln.startswith(("-", "+", "(")) or not (_mostly_upper(ln) or fold(ln) == "kiem"):
            if titles or not ln.startswith("("):
                break
            continue
        auth = _AUTHORITY.match(ln)
        if auth:
            authority = _AUTHORITY_NAMES.get(auth.group("auth"), auth.group("auth").rstrip(".") + ".")
            break
        titles.insert(0, ln)
    own = _own_title(titles)
    return Signer(name=lines[at], title=own, authority=authority)


def _own_title(lines: list[str]) -> str | None:
    """The signer's own title: the last title line, with lines joined to it by "kiêm"."""
    if not lines:
        return None
    keep = [lines[-1]]
    i = len(lines) - 2
    while i >= 1 and fold(lines[i]) == "kiem":
        keep[:0] = [lines[i - 1], lines[i]]
        i -= 2
    return title_case(" ".join(keep))
