"""The one error every reader raises for a file it cannot read as a document."""

from __future__ import annotations


class UnreadableDocument(ValueError):
    """A file that cannot be read as a document; the message names the file and the problem."""
