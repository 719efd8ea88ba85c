"""OCR damage: detect it, match cue words through it, and repair codes without inventing.

An English-trained OCR drops or scrambles Vietnamese diacritics and swaps letters
(ố→6, Đ→P/D/b, ư→w/u/tr, ă→i, ê→€/¢).  Matching is done on a *folded* copy of the
text that has exactly one character per character of the cleaned text, so a match's
offsets are valid in both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_EXTRA = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ø": "o", "Ø": "o"}


def _fold_char(ch: str) -> str:
    if ch in _EXTRA:
        return _EXTRA[ch]
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch


_FOLDED = (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))


def fold_table(extra: dict[str, str] | None = None) -> list[str]:
    """A `str.translate` table (a list indexed by code point: faster than a dict) folding Latin letters.

    `extra` maps further characters (folded output included) to one character each.
    """
    top = max([0x1F00, *(ord(c) + 1 for c in extra or {})])
    table = [chr(cp) for cp in range(top)]
    for cp in _FOLDED:
        table[cp] = _fold_char(chr(cp))
    for old, new in (extra or {}).items():
        for cp, ch in enumerate(table):
            if ch == old:
                table[cp] = new
        table[ord(old)] = new
    return table


_FOLD_TABLE = fold_table()


def fold_text(text: str) -> str:
    """Lower-case, accent-free copy of `text`, one character for each character (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


# What each Vietnamese letter may come out as after OCR, on the folded text.
_HORN_U = "ưứừửữự"
_HAT_O = "ôốồổỗộơớờởỡợ"
_TONE_O = "óòỏõọ"
_BREVE_HAT_A = "ăắằẳẵặâấầẩẫậ"
_TONE_A = "áàảãạ"
_HAT_E = "êếềểễệ"
_TONE_E = "éèẻẽẹ"
_TONE_U = "úùủũụ"
_I = "iíìỉĩị"


def _char_pattern(ch: str) -> str:
    low = ch.lower()
    if low in _HORN_U:
        return "(?:ud|ir|tr|yu|u|w|y|i)"
    if low in _HAT_O:
        return "[o06ebd]"
    if low in _TONE_O or low == "o":
        return "[o06]"
    if low in _BREVE_HAT_A:
        return "[a4i]"
    if low in _TONE_A:
        return "[a4id]"
    if low == "a":
        return "[a4]"
    if low in _HAT_E:
        return "[e€¢c&]"
    if low in _TONE_E or low == "e":
        return "[e€]"
    if low in _TONE_U:
        return "(?:ii|u|y|w|i|a)"
    if low == "u":
        return "[uyw]"
    if low in _I:
        return "[i1l]"
    if low == "l":
        return "[l1i]"
    if low in "đ":
        return "[dpb]"
    if low == "d":
        return "d"
    if ch.isspace():
        return r"\s+"
    return re.escape(fold_text(low))


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", unicodedata.normalize("NFC", phrase.strip())) if w]


@cache
def tolerant_core(phrase: str) -> str:
    """The body of `tolerant`, without its word boundaries (for building alternations)."""
    return r"[\s,]+".join("".join(_char_pattern(c) for c in w) for w in _words(phrase))


@cache
def exact_core(phrase: str) -> str:
    """The body of `exact`, without its word boundaries (for building alternations)."""
    return r"[\s,]+".join(re.escape(fold_text(w)) for w in _words(phrase))


@cache
def tolerant(phrase: str) -> str:
    """A regex (for folded text) that matches `phrase` as printed, without accents or through OCR swaps."""
    return r"(?<![0-9a-z])" + tolerant_core(phrase) + r"(?![a-z])"


@cache
def exact(phrase: str) -> str:
    """A regex (for folded text) that matches `phrase` without accents but otherwise as spelt."""
    return r"(?<![0-9a-z])" + exact_core(phrase) + r"(?![a-z])"


def alternation(phrases: list[str] | tuple[str, ...], ocr: bool) -> str:
    """One regex for many phrases, longest first, that rejects most positions at their first character."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    words = [_words(p) for p in ordered]
    firsts = sorted({_char_pattern(w[0][0]) if ocr else re.escape(fold_text(w[0][0])) for w in words if w})
    cores = [tolerant_core(p) if ocr else exact_core(p) for p in ordered]
    return r"(?<![0-9a-z])(?=" + "|".join(firsts) + ")(?:" + "|".join(cores) + r")(?![a-z])"


# Common words whose correct spelling carries diacritics: in clean text they keep them.
_MARKERS = {
    "cua": "của",
    "cac": "các",
    "nam": "năm",
    "duoc": "được",
    "nhung": "những",
    "thuc": "thực",
    "hien": "hiện",
    "cong": "công",
    "tac": "tác",
    "thong": "thông",
    "doi": "đối",
    "ngoai": "ngoại",
    "tinh": "tỉnh",
    "nuoc": "nước",
    "ve": "về",
    "tren": "trên",
    "voi": "với",
    "dang": "Đảng",
    "ngay": "ngày",
    "thang": "tháng",
    "so": "số",
    "va": "và",
}
_MARKER_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_MARKERS, key=len, reverse=True)) + r")\b")
_DIGIT_WORDS = re.compile(r"\b[a-z]{1,4}\d[a-z0-9]{0,3}\b")
_SAMPLE = 5000  # characters: enough words to judge a page
_DIGIT_AS_LETTER = str.maketrans("6014", "oola")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ỹĐđ]")


def ocr_score(text: str, folded: str | None = None) -> tuple[float, int]:
    """Share of marker words spelt without their diacritics, and how many marker words were seen."""
    sample = text[:_SAMPLE]
    return _score(sample, folded[:_SAMPLE] if folded is not None else fold_text(sample))


@lru_cache(maxsize=16)
def _score(sample: str, folded: str) -> tuple[float, int]:
    """`ocr_score` of one sample (cached: cleaning and the language check read the same page)."""
    seen = wrong = 0
    for m in _MARKER_WORDS.finditer(folded):
        seen += 1
        if sample[m.start() : m.end()].lower() != _MARKERS[m.group(0)].lower():
            wrong += 1
    for m in _DIGIT_WORDS.finditer(folded):
        if m.group(0).translate(_DIGIT_AS_LETTER) in _MARKERS:
            seen += 1
            wrong += 1
    return (wrong / seen if seen else 0.0), seen


def looks_ocr(text: str, folded: str | None = None) -> bool:
    """True when the text reads like OCR output: common words have lost or scrambled their accents."""
    share, seen = ocr_score(text, folded)
    return seen >= 5 and share >= 0.4


def looks_vietnamese(text: str) -> bool:
    """True when enough common Vietnamese words occur (with or without their accents)."""
    _share, seen = ocr_score(text)
    if seen >= 3 or seen == 0:
        return seen >= 3
    return len(_LATIN_LETTER.findall(text[:_SAMPLE])) < 40  # a snippet too short to hold three marker words


# Letters OCR confuses inside codes: the printed letter (upper-cased) → the code letters it may stand for.
_CODE_SWAPS = {"D": "DĐ", "P": "PĐ", "B": "BĐ", "0": "OĐ", "O": "OĐ", "1": "IL", "I": "IL", "L": "LI"}


def _code_matches(printed: str, code: str) -> bool:
    if len(printed) != len(code):
        return False
    for p, c in zip(printed.upper(), code.upper(), strict=True):
        if p == c:
            continue
        if c not in _CODE_SWAPS.get(p, ""):
            return False
    return True


@lru_cache(maxsize=4096)
def repair_code(printed: str, known: tuple[str, ...], ocr: bool) -> str | None:
    """The one known code a printed code stands for, or None when none (or several) fit.

    Exact codes are kept.  Case is repaired (TTG → TTg); D stands for Đ (QD → QĐ) in any text;
    the OCR swaps (P/b for Đ, VV for W) are tried only on OCR text.
    """
    if printed in known:
        return printed
    candidates = [printed] if not ocr else _ocr_variants(printed)
    for cand in candidates:
        hits = {k for k in known if k.upper() == cand.upper()}
        if not hits:
            hits = {k for k in known if _code_matches(cand, k) and (ocr or _plain_d_only(cand, k))}
        if len(hits) == 1:
            return hits.pop()
    return None


def _ocr_variants(printed: str) -> list[str]:
    """The printed code, then with W read as VV and Đ read as DT undone (each place, then all places)."""
    out = [printed]
    for wrong, right in (("VV", "W"), ("DT", "Đ")):
        upper = printed.upper()
        starts = [i for i in range(len(upper)) if upper.startswith(wrong, i)]
        out.extend(printed[:i] + right + printed[i + len(wrong) :] for i in starts)
        if len(starts) > 1:
            out.append(re.sub(wrong, right, printed, flags=re.I))
    return out


def _plain_d_only(printed: str, code: str) -> bool:
    """Outside OCR text the only repair besides case is a D typed for Đ."""
    return all(
        p.upper() == c.upper() or (p.upper() == "D" and c == "Đ") for p, c in zip(printed, code, strict=True)
    )


__all__ = [
    "alternation",
    "exact",
    "exact_core",
    "tolerant_core",
    "fold_table",
    "fold_text",
    "looks_ocr",
    "looks_vietnamese",
    "ocr_score",
    "repair_code",
    "tolerant",
]
