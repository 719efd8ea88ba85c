"""PDF → text: the text layer where there is one, tesseract on pages that are only a scan."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from cancu.ingest.errors import UnreadableDocument
from cancu.ingest.scans import ocr_pdf_pages

# A page with fewer letters than this in its text layer, and an image on it, is a scan.
MIN_PAGE_LETTERS = 25


@dataclass(frozen=True)
class PdfText:
    text: str
    ocr_pages: int  # how many pages were read by OCR


def read_pdf(path: Path) -> PdfText:
    """The text of every page, in order; scanned pages are read by OCR."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-file warnings are not the user's business
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(f"{path}: encrypted PDF (it needs a password)")
        pages = [(page.extract_text() or "", _has_image(page)) for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        raise UnreadableDocument(f"{path}: damaged or truncated PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise UnreadableDocument(f"{path}: PDF without pages")
    scanned = [n for n, (text, image) in enumerate(pages, 1) if image and _letters(text) < MIN_PAGE_LETTERS]
    ocr = ocr_pdf_pages(path, scanned) if scanned else {}
    texts = [ocr.get(n) or text for n, (text, _) in enumerate(pages, 1)]
    text = unicodedata.normalize("NFC", "\n".join(t.strip("\n") for t in texts))
    if not text.strip():
        raise UnreadableDocument(f"{path}: no text in this PDF (no text layer, and OCR read nothing)")
    return PdfText(text=text + "\n", ocr_pages=len(scanned))


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _has_image(page) -> bool:  # noqa: ANN001 - pypdf's PageObject
    """Whether the page draws an image (a scan), looking one level into form objects."""
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") or {}
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                return True
            inner = (obj.get("/Resources") or {}).get_object().get("/XObject") or {}
            if any(x.get_object().get("/Subtype") == "/Image" for x in inner.get_object().values()):
                return True
    except Exception:  # a damaged resource dictionary: treat the page as text only
        return False
    return False
