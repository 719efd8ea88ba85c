"""Document identity: a document is its normalised symbol + its issuing body + its year.

Every UBND issues its own `873/KH-UBND` and numbers restart each year, so the
symbol alone never identifies a document.  The key is built from folded
(accent- and case-free) parts so that the same document cited in different
forms meets at one node.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache

from cancu.ingest.ocr import fold_text

BASE = "https://w3id.org/cancu/id/"


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Accent-, case- and space-insensitive form of a Vietnamese string."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    folded = fold_text(text)
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFD", folded) if unicodedata.category(c) != "Mn")
    return " ".join(folded.split()).casefold()


def slug(text: str | None) -> str:
    """A readable IRI path segment: folded, with runs of other characters as one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "_"


def normalise_symbol(symbol: str) -> str:
    """The comparable form of a symbol: no spaces, one hyphen for every dash."""
    s = unicodedata.normalize("NFC", symbol)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return re.sub(r"\s+", "", s)


def symbol_key(symbol: str) -> str:
    """Symbol part of a key: party and state punctuation, leading zeros and Đ/D damage do not count.

    `21-CT/TTg` and `21/CT-TTg` are one document printed two ways; so are `06-KH/BCĐ` and `6-KH/BCD`.
    """
    s = normalise_symbol(symbol)
    s = re.sub(r"^0+(?=\d)", "", s)
    return slug(s.replace("/", " ").replace("-", " "))


_SYMBOL_PARTS = re.compile(
    r"^(?P<num>\d+[a-zđ]?)(?:-(?P<ptype>[^/]+)/(?P<piss>[^-]+)|/(?:(?P<year>\d{4})/)?(?P<codes>.+))"
)


def symbol_parts(symbol: str) -> tuple[str | None, str | None]:
    """The issuer code and the year a symbol carries (72/2015/NĐ-CP → CP, 2015)."""
    from cancu.ingest.patterns import type_by_code

    m = _SYMBOL_PARTS.match(normalise_symbol(symbol))
    if not m:
        return None, None
    if m.group("piss"):
        return m.group("piss"), None
    codes = m.group("codes").split("-")
    if len(codes) >= 2 and fold(codes[0]) in {fold(t) for t in type_by_code()}:
        return codes[1], m.group("year")
    return codes[0], m.group("year")


@lru_cache(maxsize=8192)
def authority(symbol: str | None, issuer: str | None) -> str:
    """Who numbers the document: a central code alone (TTg, TW), a local code with its place (TU Lạng Sơn).

    Every UBND and every Tỉnh ủy issues its own `873/KH-UBND`, so local codes carry the
    province (or the district, when the issuer names one); central codes are unique.
    """
    code = symbol_parts(symbol)[0] if symbol else None
    row = _issuers_by_folded_code().get(fold(re.sub(r"\d+$", "", code or "")))
    if row and row.scope == "central":
        return slug(code)
    if code and issuer:
        folded = fold(issuer)
        if re.search(r"\b(?:huyen|quan|thi xa|xa|phuong|thi tran)\b", folded):
            return f"{slug(code)}-{slug(issuer)}"
        from cancu.ontology.gazetteer import province_in

        province = province_in(issuer)
        return f"{slug(code)}-{slug(province.name if province else issuer)}"
    if code:
        return f"{slug(code)}-_"
    return slug(issuer)


@cache
def _issuers_by_folded_code() -> dict:
    from cancu.ingest.patterns import issuer_by_code

    return {fold(c): r for c, r in issuer_by_code().items()}


def document_key(symbol: str | None, issuer: str | None, year: int | str | None, fallback: str = "") -> str:
    """The identity key of a document: who numbers it, the year, the symbol; without a symbol, the fallback."""
    if symbol:
        year = year or symbol_parts(symbol)[1]
        return f"{authority(symbol, issuer)}/{year or '_'}/{symbol_key(symbol)}"
    digest = hashlib.sha1(fallback.encode("utf-8")).hexdigest()[:12]
    return f"{slug(issuer)}/{year or '_'}/unnumbered-{digest}"


def resolve_yearless(key: str, known: set[str] | frozenset[str]) -> str:
    """A year-less key ("tu-lang-son/_/89-kh-tu") becomes the one known key that fits, else stays as it is."""
    parts = key.split("/")
    if len(parts) != 3 or parts[1] != "_":
        return key
    fits = [k for k in known if (s := k.split("/")) and len(s) == 3 and s[0] == parts[0] and s[2] == parts[2]]
    return fits[0] if len(fits) == 1 else key


def document_iri(key: str) -> str:
    return f"{BASE}doc/{key}"


def year_of(date: str | None) -> int | None:
    """The year of an ISO date or month, or None."""
    if date and re.match(r"\d{4}", date):
        return int(date[:4])
    return None
