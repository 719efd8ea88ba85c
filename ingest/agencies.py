"""Agencies: split printed lists of bodies, tell bodies from topic headings and groups from single bodies.

Commas live inside collective names ("UBND các huyện, thị xã, thành phố") and
"và" inside proper names ("Sở Văn hóa, Thể thao và Du lịch"), so a list is cut
only where the next piece starts like a body of its own (data/agency_patterns.csv).
Names stay as printed in the record; resolving a name to one body of one province is the
graph's work (cancu.ontology.agencies.resolve_agency), on these same text rules.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from cancu.ingest.identity import fold
from cancu.ingest.sections import fold_chars


@dataclass(frozen=True)
class Pattern:
    kind: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]


@cache
def patterns() -> tuple[Pattern, ...]:
    """The agency-name patterns of data/agency_patterns.csv (matched against folded text)."""
    text = files("cancu.data").joinpath("agency_patterns.csv").read_text(encoding="utf-8")
    return tuple(
        Pattern(
            row["kind"],
            re.compile(row["pattern"]),
            tuple(e.strip() for e in row["examples"].split(" | ") if e.strip()),
        )
        for row in csv.DictReader(text.splitlines())
    )


@cache
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(abbreviation, expansion) pairs of data/agency_abbreviations.csv, longest first."""
    text = files("cancu.data").joinpath("agency_abbreviations.csv").read_text(encoding="utf-8")
    rows = [(r["abbreviation"], r["expansion"]) for r in csv.DictReader(text.splitlines())]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _matches(kind: str, text: str) -> bool:
    folded = " ".join(fold_chars(text).split())
    return any(p.regex.search(folded) for p in patterns() if p.kind == kind)


def is_body_heading(heading: str) -> bool:
    """False for topic headings that are not bodies ("Về kinh phí", "Chế độ thông tin, báo cáo")."""
    name = heading.strip(" :.-")
    return bool(name) and not _matches("not_body", name)


def is_collective(name: str) -> bool:
    """True for names of a group of bodies ("các sở, ban, ngành", "UBND các huyện, thị xã, thành phố").

    Also a name that lists several bodies ("Công an tỉnh, Sở Tư pháp"); commas inside one body's
    name ("Sở Văn hóa, Thể thao và Du lịch") do not make it a group.
    """
    if _matches("collective", name) or re.search(r"\bcac\b", fold(name)):
        return True
    return bool(re.search(r"[,;]|\sv[aà]\s", name)) and len(split_agencies(name)) > 1


def starts_body(piece: str) -> bool:
    """Whether a piece of a list opens a new body ("Sở …", "các …") rather than carrying on the last one."""
    piece = piece.strip()
    if not piece:
        return False
    if fold(piece).startswith("cac "):
        return True
    return piece[0].isupper() and _matches("head", piece) and not _matches("generic", piece)


def strip_role(name: str) -> str:
    """The body's name without an apposition of its role (" - Cơ quan Thường trực Ban Chỉ đạo")."""
    folded = fold_chars(name)
    for p in patterns():
        if p.kind == "role":
            m = p.regex.search(folded)
            if m:
                return name[: m.start()].strip(" -,.;")
    return name


_AND = re.compile(r"(\s+v[aà]\s+)")
_AND_OR_COMMA = re.compile(r",\s*|\s+v[aà]\s+")
_ENUMERATION = re.compile(
    r"(?P<prefix>(?:ubnd|uy ban nhan dan|huyen uy|thanh uy|phong [^,;:]+?)?\s*)"
    r"cac\s+(?P<level>huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)\s*:\s*(?P<names>[^;]+)"
)
_LEVEL_WORD = re.compile(r"^(?:huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)\s+\S")


def _expand_enumerations(text: str) -> str:
    """ "UBND các huyện: Châu Thành, Cầu Ngang và thị xã Duyên Hải" → one body per place."""
    out: list[str] = []
    pos = 0
    for m in _ENUMERATION.finditer(fold_chars(text)):
        prefix = text[m.start("prefix") : m.end("prefix")].strip()
        level = text[m.start("level") : m.end("level")].lower()
        names = _AND_OR_COMMA.split(text[m.start("names") : m.end("names")])
        expanded: list[str] = []
        rest: list[str] = []
        for i, raw in enumerate(names):
            place = raw.strip(" .")
            if not place:
                continue
            if _LEVEL_WORD.match(fold(place)):
                expanded.append(f"{prefix} {place}".strip())
            elif place[0].isupper() and not starts_body(place) and len(place.split()) <= 4:
                expanded.append(f"{prefix} {level} {place}".strip())
            else:
                rest = [n for n in names[i:] if n.strip()]
                break
        out += [text[pos : m.start()], "; ".join(expanded + ([", ".join(rest)] if rest else []))]
        pos = m.end()
    return "".join(out) + text[pos:]


def _joined(parts: list[str]) -> list[str]:
    """Rejoin split pieces (text, separator, text, …) wherever a piece does not open a body of its own."""
    out: list[str] = []
    for i in range(0, len(parts), 2):
        piece = parts[i]
        if out and not starts_body(piece):
            out[-1] = f"{out[-1]}{parts[i - 1]}{piece}"
        else:
            out.append(piece)
    return out


def split_agencies(text: str | None) -> list[str]:
    """The bodies a printed list names, in order, each as printed."""
    if not text:
        return []
    text = " ".join(text.split()).strip(" .;:-+")
    text = _expand_enumerations(text)
    out: list[str] = []
    for chunk in re.split(r"\s*;\s*", text):
        for piece in _joined(_AND.split(chunk)):
            out.extend(_joined(re.split(r"(\s*,\s*)", piece)))
    cleaned = [strip_role(n.strip(" .;:-+")) for n in out]
    cleaned = [n for n in cleaned if n and re.search(r"\w", n)]
    return _unit_with_parent(cleaned)


def _unit_with_parent(names: list[str]) -> list[str]:
    """ "Trung tâm Công nghệ Thông tin và Truyền thông, Sở Thông tin và Truyền thông" is one unit and its parent."""
    if len(names) != 2 or not (_matches("subunit", names[0]) and _matches("parent", names[1])):
        return names
    topic = re.sub(r"^(?:so|bo|uy ban nhan dan|ubnd|ban)\s+", "", fold(names[1]))
    return [names[0]] if topic and topic in fold(names[0]) else names


@cache
def _abbreviation_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<![\wĐđ&]){re.escape(abbr)}(?![\wĐđ&])"), full) for abbr, full in abbreviations()
    )


@lru_cache(maxsize=4096)
def expand_abbreviations(name: str) -> str:
    """The name with its abbreviations written out ("UBND tỉnh" → "Ủy ban nhân dân tỉnh")."""
    for pattern, full in _abbreviation_patterns():
        name = pattern.sub(full, name)
    return name


@lru_cache(maxsize=4096)
def agency_key(name: str) -> str:
    """A comparable form: abbreviations expanded, folded, without "các" and "có liên quan"."""
    key = fold(expand_abbreviations(name))
    key = re.sub(r"\b(?:cac|co lien quan|lien quan|tren dia ban tinh|tinh)\b", " ", key)
    return re.sub(r"[^a-z0-9]+", " ", key).strip()


def same_agencies(a: list[str] | tuple[str, ...], b: list[str] | tuple[str, ...]) -> bool:
    """Whether two lists name the same bodies, however each abbreviates or pluralises them."""
    return sorted(agency_key(x) for x in a) == sorted(agency_key(x) for x in b)
