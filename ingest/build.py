"""Build: documents → records → RDF → the embedded store, one named graph per file.

A file whose bytes (and the cancu version that read them) have not changed is
skipped, so building twice leaves the store as it was.  A file that cannot be
read is reported and the rest of the batch still lands.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from cancu import __version__
from cancu.ingest.extract import extract_file
from cancu.ingest.readers import UnreadableDocument, document_files
from cancu.ontology.mapping import CC, graph_iri, record_to_graph
from cancu.queries.store import GraphStore


@dataclass(frozen=True)
class BuildReport:
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    triples: int = 0


@dataclass
class _Tally:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def build_key(path: Path) -> str:
    """What decides whether a file must be read again: its bytes and the reader's version."""
    return f"sha256:{hashlib.sha256(path.read_bytes()).hexdigest()};cancu:{__version__}"


def build(
    sources: list[Path],
    store: GraphStore,
    strict: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Ingest each source file into its own named graph; return what happened to each."""
    tally = _Tally()
    for path in sources:
        if on_file:
            on_file(path)
        graph = str(graph_iri(path.name))
        try:
            key = build_key(path)
            previous = store.build_key(graph)
            if previous == key:
                tally.skipped.append(path.name)
                continue
            record = extract_file(path)
            triples = record_to_graph(record, source_path=path)
            triples.add((URIRef(graph), CC.buildKey, Literal(key)))
            store.replace_graph(graph, triples)
            (tally.replaced if previous else tally.added).append(path.name)
        except (UnreadableDocument, OSError) as exc:
            tally.failed.append((str(path), str(exc)))
            if strict:
                break
    store.flush()
    return BuildReport(
        added=tuple(tally.added),
        replaced=tuple(tally.replaced),
        skipped=tuple(tally.skipped),
        failed=tuple(tally.failed),
        triples=len(store),
    )


def sources_in(path: Path) -> list[Path]:
    """The files a build reads: the file itself, or the documents in a folder."""
    return document_files(path) if path.is_dir() else [path]
