"""Ingest: read documents into records (clean → find → resolve → record)."""

from cancu.ingest.clean import Cleaned, clean
from cancu.ingest.extract import extract_file, extract_text
from cancu.ingest.record import Record

__all__ = ["Cleaned", "Record", "clean", "extract_file", "extract_text"]
