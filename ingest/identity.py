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

BASE = "https://w3id.org/cancu/id/"


def fold(text: str | None) -> str:
    """Accent-, case- and space-insensitive form of a Vietnamese string."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text).strip().casefold()


def slug(text: str | None) -> str:
    """A readable IRI path segment: folded, with runs of other characters as one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "_"


def normalise_symbol(symbol: str) -> str:
    """The comparable form of a symbol: no spaces, one hyphen for every dash."""
    s = unicodedata.normalize("NFC", symbol)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return re.sub(r"\s+", "", s)


def symbol_key(symbol: str) -> str:
    """Symbol part of a key: case is meaningful in codes (TTg, SNgV) but Đ/D damage is not."""
    return slug(normalise_symbol(symbol).replace("/", " ").replace("-", " "))


def document_key(symbol: str | None, issuer: str | None, year: int | str | None, fallback: str = "") -> str:
    """The identity key of a document; without a symbol, the fallback (e.g. its source file) decides."""
    if symbol:
        return f"{slug(issuer)}/{year or '_'}/{symbol_key(symbol)}"
    digest = hashlib.sha1(fallback.encode("utf-8")).hexdigest()[:12]
    return f"{slug(issuer)}/{year or '_'}/unnumbered-{digest}"


def document_iri(key: str) -> str:
    return f"{BASE}doc/{key}"


def year_of(date: str | None) -> int | None:
    """The year of an ISO date or month, or None."""
    if date and re.match(r"\d{4}", date):
        return int(date[:4])
    return None
