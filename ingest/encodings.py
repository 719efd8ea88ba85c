"""Bytes → text for Vietnamese files: UTF-8, UTF-16/32, Windows-1258, and the legacy TCVN3 and VNI fonts.

Old Vietnamese files are typed in 8-bit font encodings that carry no label, so
the legacy encodings are told apart by decoding with each and counting how many
words come out as well-formed Vietnamese syllables.  The TCVN3 and VNI tables are
data (data/encoding_tcvn3.csv, data/encoding_vni.csv).
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

LEGACY = ("windows-1258", "tcvn3", "vni")
ENCODING_NAMES = {"windows-1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}

# A legacy decoding must read at least this share of accented words as Vietnamese.
MIN_SCORE = 0.6
# Below this share of control characters a text is a text, above it a binary file.
MAX_CONTROL_SHARE = 0.005

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"[^\W\d_]+")
_INITIALS = sorted(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q qu r s t th tr v x".split(), key=len, reverse=True
)
_FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")
# Vowel groups that may close with a consonant, and those that end the syllable themselves.
_CLOSABLE = set("a ă â e ê i o ô ơ u ư y iê yê uô ươ oa oă oe uâ uê uy uyê oo".split())
_OPEN = set(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oai oay oao oeo uây uôi ươi ươu "
    "uya uyu uê ue".split()
)


class EncodingError(ValueError):
    """Bytes that are not text in any encoding cancu reads; the message says what they look like."""


@dataclass(frozen=True)
class Decoded:
    """Text in NFC, the encoding it was read from, and whether the bytes ended mid-character."""

    text: str
    encoding: str
    truncated: bool = False


def decode(data: bytes) -> Decoded:
    """Decode a text file's bytes, detecting the encoding; raise EncodingError when none fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_unicode(data[len(bom) :], name))
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _checked(_decode_unicode(data, utf16))
        except EncodingError as exc:
            raise EncodingError(f"binary file (NUL bytes, and not {utf16.upper()} text)") from exc
    if b"\x00" in data:
        raise EncodingError("binary file (NUL bytes), not a text document")
    try:
        return _checked(_decode_unicode(data, "utf-8"))
    except EncodingError:
        pass
    return _checked(_decode_legacy_best(data))


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode bytes known to be in one legacy encoding ("windows-1258", "tcvn3" or "vni")."""
    if encoding == "windows-1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    table = _table(encoding)
    out: list[str] = []
    i = 0
    while i < len(data):
        pair = data[i : i + 2]
        if len(pair) == 2 and pair in table:
            out.append(table[pair])
            i += 2
            continue
        out.append(table.get(data[i : i + 1]) or _FALLBACK[data[i]])
        i += 1
    text = unicodedata.normalize("NFC", "".join(out))
    return _restore_capitals(text) if encoding == "tcvn3" else text


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode text the way a legacy Vietnamese editor saved it (the inverse of `decode_legacy`).

    TCVN3 has codes for only seven capitals; the others are typed with the small
    letter's code in the capital font, as its users did.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "windows-1258":
        return b"".join(_cp1258_char(ch) for ch in text)
    reverse = {ch: code for code, ch in _table(encoding).items()}
    out = []
    for ch in text:
        code = reverse.get(ch) or reverse.get(ch.lower())
        out.append(code if code is not None else ch.encode("cp1252"))
    return b"".join(out)


def vietnamese_score(text: str) -> float:
    """The share of words with a non-ASCII letter that are well-formed Vietnamese syllables."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 0.0
    return sum(map(is_syllable, words)) / len(words)


def is_syllable(word: str) -> bool:
    """Whether a word is one well-formed Vietnamese syllable (initial, vowels, final, one tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    for initial in (*_INITIALS, ""):
        if not base.startswith(initial):
            continue
        rest = base[len(initial) :]
        for final in _FINALS:
            if rest.endswith(final) and rest[: -len(final)] in _CLOSABLE:
                return True
        if rest in _CLOSABLE or rest in _OPEN:
            return True
    return False


def _decode_unicode(data: bytes, name: str) -> Decoded:
    try:
        return Decoded(unicodedata.normalize("NFC", data.decode(name)), name)
    except UnicodeDecodeError as exc:
        # A file cut short ends mid-character: keep what came before the cut.
        if exc.reason in ("unexpected end of data", "truncated data") and exc.end == len(data):
            text = data[: exc.start].decode(name)
            return Decoded(unicodedata.normalize("NFC", text), name, truncated=True)
        raise EncodingError(f"not valid {name.upper()} (byte {exc.start}: {exc.reason})") from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark shows as NUL bytes in every other position."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    if odd >= 0.2 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.2 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _decode_legacy_best(data: bytes) -> Decoded:
    scored = sorted(((vietnamese_score(decode_legacy(data, e)), e) for e in LEGACY), reverse=True)
    score, best = scored[0]
    if score < MIN_SCORE:
        raise EncodingError(
            "not UTF-8 or UTF-16, and no Vietnamese 8-bit encoding fits "
            f"(the best, {ENCODING_NAMES[best]}, reads only {score:.0%} of the accented words)"
        )
    return Decoded(decode_legacy(data, best), best)


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if text and (controls / len(text) > MAX_CONTROL_SHARE or "\x00" in text):
        raise EncodingError(f"binary file ({controls} control characters), not a text document")
    return decoded


def _cp1258_char(ch: str) -> bytes:
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        # Windows-1258 stores the tone as a combining mark after a precomposed vowel.
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        tones = "".join(c for c in parts if c in _TONES)
        return (base + tones).encode("cp1258")


@cache
def _table(encoding: str) -> dict[bytes, str]:
    """The data file's codes: bytes → character."""
    if encoding not in ("tcvn3", "vni"):
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {', '.join(LEGACY)}")
    with resources.files("cancu.data").joinpath(f"encoding_{encoding}.csv").open(encoding="utf-8") as f:
        return {bytes.fromhex(row["bytes"]): row["char"] for row in csv.DictReader(f)}


# Bytes outside a font's Vietnamese codes print as the Windows Western glyphs they sit on.
_FALLBACK = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]


def _restore_capitals(text: str) -> str:
    """Capitalise words typed in a TCVN3 capital font, where small-letter codes sit among capitals.

    "Kế HOạCH" becomes "KẾ HOẠCH": a run of words with no small ASCII letter, one of which
    mixes capitals with a small accented letter, was typed in capitals.  Runs end at a
    small ASCII letter, a tab or a wider gap.
    """
    return _CAPITAL_RUN.sub(
        lambda m: m.group(0).upper() if _typed_in_capitals(m.group(0)) else m.group(0), text
    )


# Words without a small ASCII letter, joined by single spaces.
_CAPITAL_RUN = re.compile(r"[^\sa-z]+(?: [^\sa-z]+)*")


def _typed_in_capitals(run: str) -> bool:
    """A word mixing capitals with small accented letters in a way no typist writes ("HOạCH", "ủY")."""
    for word in _WORD.findall(run):
        small = [i for i, c in enumerate(word) if c.islower()]
        capitals = [i for i, c in enumerate(word) if c.isupper()]
        if small and (len(capitals) >= 2 or (capitals and small[0] < capitals[-1])):
            return True
    return False
