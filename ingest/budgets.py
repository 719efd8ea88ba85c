"""Budgets: amounts of money as plans print them ("200.000.000 đ", "1,5 tỷ", "Hai trăm triệu đồng").

Vietnamese groups thousands with dots and marks decimals with a comma; scale
words (nghìn, triệu, tỷ) multiply what comes before them.  An amount that
cannot be read is None, never zero.
"""

from __future__ import annotations

import re

from cancu.ingest.identity import fold
from cancu.ingest.sections import fold_chars

_SCALES = {"nghin": 10**3, "ngan": 10**3, "trieu": 10**6, "ty": 10**9, "ti": 10**9}
_DIGITS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?:\s*(?P<scale>nghin|ngan|trieu|ty|ti)\b)?"
)
_UNIT = re.compile(
    r"(?:don vi tinh|dvt)\s*:?\s*(?P<unit>(?:1\.000|1\.000\.000|nghin|ngan|trieu|ty)?)\s*(?:dong|d\b)"
)


def _to_number(num: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?", num):
        whole, _, frac = num.partition(",")
        return float(re.sub(r"[.\s]", "", whole) + ("." + frac if frac else ""))
    return float(num.replace(",", "."))


def parse_amount(text: str | None, unit: int = 1) -> int | None:
    """The amount in đồng printed in `text`; `unit` multiplies bare numbers (a table in triệu đồng)."""
    if not text:
        return None
    folded = re.sub(r"(\d)([a-z])", r"\1 \2", " ".join(fold_chars(text).split()))
    matches = list(_NUMBER.finditer(folded))
    if not matches:
        return parse_amount_words(folded)
    total = 0.0
    scaled = False
    for m in matches:
        value = _to_number(m.group("num"))
        if m.group("scale"):
            total += value * _SCALES[m.group("scale")]
            scaled = True
        elif scaled:
            break  # "2 tỷ 500 triệu" is read; a later bare number is something else
        else:
            total = value * unit
            break
    return round(total) if round(total) > 0 else None  # "0,1" đồng is no amount


def parse_amount_words(text: str) -> int | None:
    """An amount written in words ("Hai trăm triệu đồng"); None when no number word is found."""
    words = re.findall(r"[a-z]+", fold_chars(text))
    total = 0
    group = 0
    digit: int | None = None
    last_scale = 0
    counted = False  # a number word since the last scale word
    previous = ""
    for w in words:
        if w in _DIGITS and not (w == "tu" and not counted):
            digit = _DIGITS[w]
            counted = True
        elif w in ("muoi", "chuc") and (counted or w == "muoi"):
            group += (digit if digit is not None else 1) * 10
            digit, counted = None, True
        elif w == "tram" and counted:
            group += (digit if digit is not None else 1) * 100
            digit = None
        elif w in _SCALES and (counted or previous in _SCALES):
            scale = _SCALES[w]
            chunk = group + (digit or 0)
            if not counted:
                total *= scale  # "một nghìn tỷ"
            elif last_scale and scale > last_scale:
                total = (total + chunk) * scale
            else:
                total += chunk * scale
            last_scale = scale
            group, digit, counted = 0, None, False
        elif w in ("linh", "le"):
            continue
        elif total or counted:
            break
        previous = w
    total += group + (digit or 0)
    return total if total > 0 else None


def table_unit(text: str) -> int:
    """The multiplier a table's "Đơn vị tính" line gives its bare numbers (1 when none is printed)."""
    m = _UNIT.search(fold(text))
    if not m:
        return 1
    return {
        "1.000": 10**3,
        "1.000.000": 10**6,
        "nghin": 10**3,
        "ngan": 10**3,
        "trieu": 10**6,
        "ty": 10**9,
    }.get(m.group("unit"), 1)


def check_total(total: int | None, rows: list[int | None], where: str) -> list[str]:
    """A warning when a printed total differs from the sum of the row amounts."""
    amounts = [r for r in rows if r is not None]
    if total is None or not amounts or sum(amounts) == total:
        return []
    return [f"{where}: printed total {total:,} đồng differs from the sum of the rows {sum(amounts):,} đồng"]
