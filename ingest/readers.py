"""Read a source file into text, whatever its format, refusing what is not a document with a clear reason.

Text and Markdown in any encoding cancu detects, Word (.docx), PDF (text layer or
scan), images of scans, and saved web pages.  The format is told by the file's
first bytes, not only its suffix: archives are full of misnamed files.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from cancu.ingest.encodings import ENCODING_NAMES, EncodingError, decode
from cancu.ingest.errors import UnreadableDocument
from cancu.ingest.pdf import read_pdf
from cancu.ingest.scans import IMAGE_SUFFIXES, ocr_image
from cancu.ingest.webpage import HTML_SUFFIXES, html_to_text
from cancu.ingest.word import read_docx

TEXT_SUFFIXES = {".txt", ".md", ".text"}
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | IMAGE_SUFFIXES | {".docx", ".pdf"}
# Documents in formats cancu does not read: listed in a folder so the build names them.
REFUSED_SUFFIXES = {
    ".doc": "Word 97-2003 document (.doc) is not read; save it as .docx",
    ".rtf": "RTF document is not read; save it as .docx",
    ".odt": "OpenDocument text (.odt) is not read; save it as .docx",
}
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_BYTES_ENV = "CANCU_MAX_BYTES"

_LIMIT: ContextVar[int | None] = ContextVar("cancu_max_bytes", default=None)
_MAGIC_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


@dataclass(frozen=True)
class Source:
    """A document's text and how it was read."""

    path: Path
    text: str
    format: str  # text | docx | pdf | html | image
    encoding: str | None = None  # for text and HTML: the encoding detected
    ocr: bool = False  # some or all of the text was read by OCR
    truncated: bool = False  # the file ended mid-character


def max_bytes() -> int:
    """The size limit in force: `size_limit(...)`, else $CANCU_MAX_BYTES, else 64 MiB."""
    limit = _LIMIT.get()
    if limit is not None:
        return limit
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(raw)
    except ValueError as exc:
        raise UnreadableDocument(f"${MAX_BYTES_ENV}={raw!r}: {exc}") from exc


@contextmanager
def size_limit(limit: int | None) -> Iterator[None]:
    """Read files under this size limit (None: the default) within the block."""
    token = _LIMIT.set(limit)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def parse_size(text: str) -> int:
    """A byte count as written by a user: 5000000, 20MB, 64MiB, 1.5G."""
    units = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3, "ki": 1024, "mi": 1024**2, "gi": 1024**3}
    raw = text.strip().lower().removesuffix("bytes").removesuffix("b")
    number = raw.rstrip("kmgi")
    unit = raw[len(number) :]
    number = number.strip()
    try:
        value = float(number) * units[unit]
    except (ValueError, KeyError) as exc:
        raise ValueError("expected a size such as 5000000, 20MB or 64MiB") from exc
    if value <= 0:
        raise ValueError("the size limit must be positive")
    return int(value)


def check_size(path: Path, limit: int | None = None) -> int:
    """The file's size; refuse it when it is over the limit."""
    limit = max_bytes() if limit is None else limit
    size = path.stat().st_size
    if size > limit:
        raise UnreadableDocument(
            f"{path}: {_human(size)} is over the {_human(limit)} size limit "
            f"(raise it with --max-bytes or ${MAX_BYTES_ENV})"
        )
    return size


def read_document(path: str | Path, limit: int | None = None) -> Source:
    """Read any supported file into text; raise UnreadableDocument naming the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise UnreadableDocument(f"{path}: no such file")
    if path.is_dir():
        raise UnreadableDocument(f"{path}: is a directory, not a document")
    try:
        if check_size(path, limit) == 0:
            raise UnreadableDocument(f"{path}: empty file")
        source = _read(path)
    except OSError as exc:
        raise UnreadableDocument(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not source.text.strip():
        raise UnreadableDocument(f"{path}: empty file (no text in it)")
    return source


def read_text(path: str | Path, limit: int | None = None) -> str:
    """The text of a document file of any supported format."""
    return read_document(path, limit).text


def document_files(folder: Path) -> list[Path]:
    """The document files under a folder, sorted; hidden files and folders and Office lock files skipped."""
    suffixes = DOCUMENT_SUFFIXES | REFUSED_SUFFIXES.keys()
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in suffixes
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and not p.name.startswith("~$")
        and p.is_file()
    )


def _read(path: Path) -> Source:
    suffix = path.suffix.lower()
    with path.open("rb") as f:
        head = f.read(2048)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument(f"{path}: Word 97-2003 or password-protected Office file; save it as .docx")
    if suffix in REFUSED_SUFFIXES:
        raise UnreadableDocument(f"{path}: {REFUSED_SUFFIXES[suffix]}")
    if head.lstrip().startswith(b"{\\rtf"):
        raise UnreadableDocument(f"{path}: {REFUSED_SUFFIXES['.rtf']}")
    pdf = b"%PDF-" in head[:1024]
    docx = head.startswith(b"PK\x03\x04")
    image = head.startswith(_MAGIC_IMAGES) or head[8:12] == b"WEBP"
    html = _looks_html(head)
    if not (pdf or docx or image or html):  # no telling signature: trust the suffix
        pdf, docx, image = suffix == ".pdf", suffix == ".docx", suffix in IMAGE_SUFFIXES
        html = suffix in HTML_SUFFIXES
    if pdf:
        text = read_pdf(path)
        return Source(path, text.text, "pdf", ocr=text.ocr_pages > 0)
    if docx:
        return Source(path, _read_zip(path), "docx")
    if image:
        return Source(path, ocr_image(path), "image", ocr=True)
    data = path.read_bytes()
    if html:
        try:
            return Source(path, html_to_text(data), "html")
        except (AssertionError, ValueError) as exc:  # html.parser on markup it cannot follow
            raise UnreadableDocument(f"{path}: damaged HTML page ({exc})") from exc
    try:
        decoded = decode(data)
    except EncodingError as exc:
        raise UnreadableDocument(f"{path}: {exc}") from exc
    return Source(
        path,
        decoded.text,
        "text",
        encoding=ENCODING_NAMES.get(decoded.encoding, decoded.encoding.upper()),
        truncated=decoded.truncated,
    )


def _read_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(f"{path}: damaged or truncated .docx ({exc})") from exc
    if "word/document.xml" in names:
        return read_docx(path)
    if "content.xml" in names:
        raise UnreadableDocument(f"{path}: {REFUSED_SUFFIXES['.odt']}")
    raise UnreadableDocument(f"{path}: a zip archive, not a Word document")


def _looks_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or (
        start.startswith(b"<?xml") and b"<html" in start
    )


def _human(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size} bytes"
