"""The province gazetteer and the standard provincial bodies, read once from data/*.csv.

Documents print places carelessly ("TP.HCM", "Thừa Thiên - Huế", OCR's "Kién Giang"),
and name bodies without their place ("Sở Ngoại vụ" means the issuing province's).
These lookups turn such printed forms into one canonical province and one full body name.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from cancu.ingest.identity import fold

MERGER_DATE = dt.date(2025, 7, 1)
"""The 34 provincial units of Nghị quyết 202/2025/QH15 operate from this day."""

_UNIT_WORDS = ("tinh", "thanh pho", "tp", "t p")
# OCR of Vietnamese with an English model: ố→6, ê→€/¢, ư→w, Đ→P (never before h in a name).
_OCR_CHARS = str.maketrans({"6": "o", "€": "e", "¢": "e", "w": "u", "0": "o"})
_OCR_PAIRS = frozenset({("b", "d"), ("i", "a"), ("e", "c"), ("l", "i"), ("1", "l")})


@dataclass(frozen=True)
class Province:
    """A provincial-level unit: one of the 63 before the 2025 merger, or one of the 34 after."""

    name: str
    type: str  # "tỉnh" | "thành phố" (centrally-run city)
    ascii: str
    standalone: str = ""  # how the name is printed with no "tỉnh"/"thành phố" before it, where that differs
    code: str = ""  # statistical code (Quyết định 124/2004/QĐ-TTg); pre-2025 units only
    variants: tuple[str, ...] = ()
    merged_into: str = ""  # the post-2025 unit covering it; pre-2025 units only
    members: tuple[str, ...] = ()  # the pre-2025 units it was formed from; post-2025 units only

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}"

    @property
    def place(self) -> str:
        """The name as printed after "Tỉnh ủy", "Báo", "Đài …": "Thành phố Hồ Chí Minh", "Kiên Giang"."""
        return self.standalone or self.name

    @property
    def short(self) -> str:
        """The first half of the party committee's name: Tỉnh (ủy) or Thành (ủy)."""
        return "Tỉnh" if self.type == "tỉnh" else "Thành"

    @property
    def unchanged(self) -> bool:
        """True when the 2025 reform kept this pre-2025 unit as it was."""
        return bool(self.merged_into) and len(_post_by_name()[self.merged_into].members) == 1


@dataclass(frozen=True)
class BodyTemplate:
    """A standard provincial body, with its name as a template over the province (data/provincial_bodies.csv)."""

    key: str
    name: str
    template: str
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    symbol_code: str
    level: str
    branch: str
    parent: str
    name_en: str
    example: tuple[str, str, str]  # printed form, province, expected full name


@dataclass(frozen=True)
class ProvincialBody:
    """One body of one province: the template instantiated."""

    key: str
    name: str
    level: str
    branch: str
    province: Province
    parent: str | None
    symbol_code: str


def _rows(filename: str) -> list[dict[str, str]]:
    text = files("cancu.data").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def normalise(text: str | None) -> str:
    """Folded, punctuation-free form ("TP. Hồ Chí Minh" → "tp ho chi minh"); "&" reads as "và"."""
    text = fold(text).replace("&", " va ")
    return re.sub(r"[\W_]+", " ", text).strip()


def _ocr_repair(text: str | None) -> str:
    """The normalised form of a name as an English-trained OCR damaged it (Ki€n → kien, Pà Nẵng → da nang).

    "ir" never occurs in a Vietnamese syllable: it is OCR's ư ("Thira" → "thua").
    """
    key = _strip_unit(normalise(fold(text).translate(_OCR_CHARS)))
    return re.sub(r"\bp(?!h)", "d", key).replace("ir", "u")


def _strip_unit(key: str) -> str:
    for word in _UNIT_WORDS:
        if key.startswith(word + " "):
            return key[len(word) + 1 :]
    return key


@cache
def provinces() -> tuple[Province, ...]:
    """The 63 provinces and centrally-run cities in force before 1 July 2025."""
    return tuple(
        Province(
            name=r["name"],
            type=r["type"],
            ascii=r["ascii"],
            standalone=r["standalone"],
            code=r["code"],
            variants=_split(r["variants"]),
            merged_into=r["merged_into"],
        )
        for r in _rows("provinces.csv")
    )


@cache
def provinces_2025() -> tuple[Province, ...]:
    """The 34 provincial units formed by Nghị quyết 202/2025/QH15, in force from 1 July 2025."""
    return tuple(
        Province(
            name=r["name"],
            type=r["type"],
            ascii=r["ascii"],
            standalone=r["standalone"],
            members=_split(r["members"]),
        )
        for r in _rows("provinces_2025.csv")
    )


@cache
def _post_by_name() -> dict[str, Province]:
    return {p.name: p for p in provinces_2025()}


@cache
def _province_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in provinces():
        for form in filter(None, (p.name, p.ascii, p.standalone, *p.variants)):
            index[_strip_unit(normalise(form))] = p
    return index


def _confusable(printed: str, known: str) -> bool:
    if len(printed) != len(known):
        return False
    pairs = {(a, b) for a, b in zip(printed, known, strict=True) if a != b}
    return all((a, b) in _OCR_PAIRS or (b, a) in _OCR_PAIRS for a, b in pairs)


_VOWELS = frozenset("aeiouy")


def _ocr_cost(printed: str, known: str) -> float:
    """Edit cost from an OCR reading to a known name: vowel edits (what OCR damages) cost half a consonant's."""
    prev = [0.0]
    for ch in known:
        prev.append(prev[-1] + (0.5 if ch in _VOWELS else 1.0))
    for a in printed:
        cost_a = 0.5 if a in _VOWELS else 1.0
        row = [prev[0] + cost_a]
        for j, b in enumerate(known, 1):
            swap = 0.0 if a == b else 0.5 if (a in _VOWELS or b in _VOWELS) else 1.0
            row.append(min(prev[j - 1] + swap, prev[j] + cost_a, row[j - 1] + (0.5 if b in _VOWELS else 1.0)))
        prev = row
    return prev[-1]


def _same_shape(printed: str, known: str) -> bool:
    """As many words, each opening with the same letter: OCR damages vowels, not a word's first consonant."""
    a, b = printed.split(), known.split()
    return len(a) == len(b) and all(x[0] == y[0] for x, y in zip(a, b, strict=True))


def _near_province(repaired: str) -> Province | None:
    """The one province an OCR-damaged name is within a vowel or two of, and clearly nearer than any other."""
    if len(repaired) < 5:
        return None
    limit = 1.0 if len(repaired) >= 8 else 0.5
    costs: dict[Province, float] = {}
    for known, p in _province_index().items():
        if len(known) > 4 and abs(len(known) - len(repaired)) <= 2 and _same_shape(repaired, known):
            cost = 0.0 if _confusable(repaired, known) else _ocr_cost(repaired, known)
            costs[p] = min(cost, costs.get(p, cost))
    ranked = sorted(costs.items(), key=lambda kv: kv[1])
    if not ranked or ranked[0][1] > limit or (len(ranked) > 1 and ranked[1][1] - ranked[0][1] < 0.5):
        return None
    return ranked[0][0]


@lru_cache(maxsize=4096)
def find_province(text: str | None) -> Province | None:
    """The pre-2025 province a printed name denotes ("tỉnh Kiên Giang", "TP.HCM", "Kién Giang", "Binh Phudc")."""
    key = _strip_unit(normalise(text))
    if not key:
        return None
    index = _province_index()
    repaired = _ocr_repair(text)
    for candidate in (key, repaired):
        if candidate in index:
            return index[candidate]
    return _near_province(repaired) if _ocr_name(text or "") else None


def _ocr_name(text: str) -> bool:
    """A proper name as an English-trained OCR prints it: capitalised words, no letter only Vietnamese has.

    Correctly accented text ("Hội đồng", "lao động") is never read loosely: it says what it means.
    """
    words = [w for w in re.split(r"[\s\-–.,]+", _strip_unit_printed(text)) if w]
    return (
        bool(words)
        and all(w[0].isupper() or not w[0].isalpha() for w in words)
        and all(ord(c) < 0x250 and c not in "ĐđĂăƠơƯư" or c in "€¢" for c in text)
    )


def _strip_unit_printed(text: str) -> str:
    return re.sub(r"^\s*(?:t[iỉ]nh|th[aà]nh\s+ph[oố]|tp\.?)\s+", "", text, flags=re.I)


def province_in(text: str | None) -> Province | None:
    """The province a longer name mentions last ("Sở Ngoại vụ tỉnh Kiên Giang" → Kiên Giang)."""
    words = normalise(text).split()
    index = _province_index()
    best: tuple[int, int, Province] | None = None
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + 5) + 1):
            key = " ".join(words[start:end])
            if len(key) > 3 and key in index and (best is None or (end, end - start) > best[:2]):
                best = (end, end - start, index[key])
    return best[2] if best else None


def merged_into(province: Province | str, as_of: dt.date | str | None = None) -> Province | None:
    """The unit that governed this province's territory on `as_of` (default: today).

    Before 1 July 2025 that is the province itself; from then on, the unit of Nghị quyết
    202/2025/QH15 it was merged into (itself again for the 11 units left unchanged).
    """
    p = province if isinstance(province, Province) else find_province(province)
    if p is None:
        return None
    if p.members:  # already a post-2025 unit
        return p
    day = dt.date.fromisoformat(as_of[:10]) if isinstance(as_of, str) else (as_of or dt.date.today())
    if day < MERGER_DATE:
        return p
    return _post_by_name()[p.merged_into]


@cache
def body_templates() -> tuple[BodyTemplate, ...]:
    """The standard provincial bodies (data/provincial_bodies.csv)."""
    return tuple(
        BodyTemplate(
            key=r["key"],
            name=r["name"],
            template=r["template"],
            aliases=_split(r["aliases"]),
            abbreviations=_split(r["abbreviations"]),
            symbol_code=r["symbol_code"],
            level=r["level"],
            branch=r["branch"],
            parent=r["parent"],
            name_en=r["name_en"],
            example=(r["example_printed"], r["example_province"], r["example_full"]),
        )
        for r in _rows("provincial_bodies.csv")
    )


def _fill(
    template: str, province: Province, topic: str = "", name: str | None = None, short: str | None = None
) -> str:
    text = template.format(
        unit=province.type,
        short=province.short if short is None else short,
        name=province.name if name is None else name,
        place=province.place if name is None else name,
        topic=topic,
    )
    return re.sub(r"\s+", " ", text).strip()


@cache
def _body_index(province: Province) -> dict[str, BodyTemplate]:
    index: dict[str, BodyTemplate] = {}
    for body in body_templates():
        if "{topic}" in body.template:
            continue  # a steering committee is known by its subject: see _topic
        for form in (body.template, *body.aliases, *body.abbreviations):
            # "Tỉnh ủy" is printed for a city's committee too; "Thành ủy" of a tỉnh is a district's.
            for filled in (_fill(form, province, name=""), _fill(form, province, name="", short="Tỉnh")):
                index.setdefault(_strip_place(normalise(filled), province), body)
    return index


def _strip_place(key: str, province: Province) -> str:
    """Drop a trailing place ("… tỉnh Kiên Giang", "… tỉnh", "… Kiên Giang") from a normalised name."""
    for place in _place_keys(province):
        if key.endswith(" " + place):
            key = key[: -len(place) - 1]
            break
    for word in _UNIT_WORDS:
        if key.endswith(" " + word):
            return key[: -len(word) - 1]
    return key


@cache
def _place_keys(province: Province) -> tuple[str, ...]:
    """The normalised names a province is printed under, longest first."""
    return tuple(sorted({k for k, p in _province_index().items() if p == province}, key=len, reverse=True))


_STEERING = re.compile(r"^\s*Ban\s+Ch[iỉ]\s+đạo\b\s*(?P<topic>.*)$", re.IGNORECASE)


def _topic(printed: str, province: Province) -> str:
    """What a "Ban Chỉ đạo …" is about, as printed, without the place at its end."""
    match = _STEERING.match(printed)
    if not match:
        return ""
    words = match["topic"].split()
    target = _strip_place("x " + normalise(match["topic"]), province)[2:]
    while words and normalise(" ".join(words)) != target:
        words.pop()
    return " ".join(words)


def provincial_body(
    name_or_abbrev: str | None, province: Province | str | None = None
) -> ProvincialBody | None:
    """The full body a printed name denotes, in the province it names or else in `province`.

    `provincial_body("Sở Ngoại vụ", "Kiên Giang").name == "Sở Ngoại vụ tỉnh Kiên Giang"`.
    """
    if not name_or_abbrev:
        return None
    place = province_in(name_or_abbrev)
    if place is None:
        place = province if isinstance(province, Province) else find_province(province)
    if place is None:
        return None
    key = _strip_place(normalise(name_or_abbrev), place)
    index = _body_index(place)
    body = index.get(key)
    topic = ""
    if body is None and _STEERING.match(name_or_abbrev):
        body = next(b for b in body_templates() if b.key == "BCD")
        topic = _topic(name_or_abbrev, place)
        if not topic:
            return None
    if body is None:
        return None
    parent = next((b for b in body_templates() if b.key == body.parent), None)
    return ProvincialBody(
        key=body.key,
        name=_fill(body.template, place, topic),
        level=body.level,
        branch=body.branch,
        province=place,
        parent=_fill(parent.template, place) if parent else None,
        symbol_code=body.symbol_code,
    )


@dataclass(frozen=True)
class CentralBody:
    """A central body of data/issuer_codes.csv (Bộ Chính trị, Chính phủ, the ministries …)."""

    code: str
    name: str
    level: str
    branch: str


@cache
def central_bodies() -> tuple[CentralBody, ...]:
    """The central bodies and their symbol codes (data/issuer_codes.csv, rows of central scope)."""
    return tuple(
        CentralBody(code=r["code"], name=r["name"], level=r["level"], branch=r["branch"])
        for r in _rows("issuer_codes.csv")
        if r["scope"] == "central"
    )


@cache
def _central_index() -> tuple[dict[str, CentralBody], dict[str, CentralBody]]:
    by_name: dict[str, CentralBody] = {}
    by_code: dict[str, CentralBody] = {}
    for r in _rows("issuer_codes.csv"):
        if r["scope"] != "central":
            continue
        body = CentralBody(code=r["code"], name=r["name"], level=r["level"], branch=r["branch"])
        for form in (r["name"], *_split(r["aliases"])):
            by_name.setdefault(normalise(form), body)
        if r["in_symbols"] == "yes":
            by_code.setdefault(r["code"], body)
    return by_name, by_code


def central_body(name_or_code: str | None) -> CentralBody | None:
    """The central body a printed name, alias or symbol code denotes ("Ban Tuyên giáo TW", "TTg")."""
    if not name_or_code:
        return None
    by_name, by_code = _central_index()
    text = name_or_code.strip()
    return by_name.get(normalise(text)) or by_code.get(text)
