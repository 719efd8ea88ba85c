"""Scanned pages → text with tesseract's Vietnamese model, run as a program (no Python binding).

Scanned PDFs are rendered page by page with poppler's pdftoppm first.  A missing
program or language model is a refusal that says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

from cancu.ingest.errors import UnreadableDocument

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
LANGUAGE = "vie"
# Seconds one page may take before tesseract is stopped (a hostile or giant image).
PAGE_TIMEOUT = int(os.environ.get("CANCU_OCR_TIMEOUT", "300"))
# Scanned pages are rendered with their long side at this many pixels (300 dpi on A4).
RENDER_PIXELS = 3500
# An image larger than this would take tesseract gigabytes: a pixel bomb, not a scan.
MAX_PIXELS = 120_000_000
_INSTALL = "Debian: apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"


def ocr_image(path: Path) -> str:
    """The text tesseract reads on an image file (every page of a multi-page TIFF)."""
    _require_tesseract(path)
    with path.open("rb") as f:
        size = image_size(f.read(65536))
    if size and size[0] * size[1] > MAX_PIXELS:
        raise UnreadableDocument(f"{path}: image of {size[0]}x{size[1]} pixels is too large to read")
    return _tesseract(path, path)


def image_size(head: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG or JPEG header, without decoding the image."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if head.startswith(b"\xff\xd8"):
        at = 2
        while at + 9 < len(head) and head[at] == 0xFF:
            marker, length = head[at + 1], int.from_bytes(head[at + 2 : at + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                return int.from_bytes(head[at + 7 : at + 9], "big"), int.from_bytes(
                    head[at + 5 : at + 7], "big"
                )
            at += 2 + length
    return None


def ocr_pdf_pages(path: Path, pages: list[int]) -> dict[int, str]:
    """The text of the given PDF pages (numbered from 1), rendered and read by tesseract."""
    _require_tesseract(path)
    if shutil.which("pdftoppm") is None:
        raise UnreadableDocument(f"{path}: scanned PDF pages need pdftoppm to be read ({_INSTALL})")
    out: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="cancu-ocr-") as tmp:
        for page in pages:
            prefix = Path(tmp) / f"page{page}"
            command = [
                "pdftoppm",
                "-scale-to",
                str(RENDER_PIXELS),
                "-gray",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
            ]
            _run([*command, str(path), str(prefix)], path, f"rendering page {page}")
            for image in sorted(Path(tmp).glob(f"page{page}*.png")):
                out[page] = _tesseract(image, path)
                image.unlink()
    return out


def _tesseract(image: Path, source: Path) -> str:
    result = _run(["tesseract", str(image), "stdout", "-l", LANGUAGE], source, "OCR")
    return unicodedata.normalize("NFC", result.stdout.decode("utf-8", errors="replace"))


def _run(command: list[str], source: Path, what: str) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(command, capture_output=True, timeout=PAGE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise UnreadableDocument(f"{source}: {what} took longer than {PAGE_TIMEOUT} s; refused") from exc
    except OSError as exc:
        raise UnreadableDocument(f"{source}: {what} failed to start ({exc})") from exc
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        problem = next(
            (ln for ln in lines if "rror" in ln), lines[-1] if lines else f"exit {result.returncode}"
        )
        raise UnreadableDocument(f"{source}: {what} failed; damaged or unsupported image ({problem.strip()})")
    return result


def _require_tesseract(source: Path) -> None:
    if LANGUAGE not in _languages():
        raise UnreadableDocument(
            f"{source}: a scanned document needs tesseract with its Vietnamese model ({_INSTALL})"
        )


@cache
def _languages() -> frozenset[str]:
    if shutil.which("tesseract") is None:
        return frozenset()
    try:
        result = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    text = (result.stdout + result.stderr).decode("utf-8", errors="replace")
    return frozenset(line.strip() for line in text.splitlines()[1:] if line.strip())
