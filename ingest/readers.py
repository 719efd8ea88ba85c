"""Read a source file into text, refusing what is not a document with a clear reason."""

from __future__ import annotations

from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".text"}


class UnreadableDocument(ValueError):
    """A file that cannot be read as a document; the message names the file and the problem."""


def read_text(path: Path) -> str:
    """The text of a UTF-8 text or Markdown file."""
    if not path.exists():
        raise UnreadableDocument(f"{path}: no such file")
    if path.is_dir():
        raise UnreadableDocument(f"{path}: is a directory, not a document")
    data = path.read_bytes()
    if not data.strip():
        raise UnreadableDocument(f"{path}: empty file")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(f"{path}: binary file, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def document_files(folder: Path) -> list[Path]:
    """The document files in a folder, sorted, hidden files skipped."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
    )
