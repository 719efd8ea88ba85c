"""Build: documents → records → RDF → the embedded store, one named graph per file.

A file whose bytes (and the cancu version that read them) have not changed is
skipped, so building twice leaves the store as it was.  Each file's graph is
replaced in one transaction, so a build stopped at any point (Ctrl-C, a kill,
a power cut) leaves whole files only, and the next build finishes the rest.
A file that cannot be read is reported with its reason and the rest still lands.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef

from cancu import __version__
from cancu.ingest.extract import extract_file
from cancu.ingest.readers import UnreadableDocument, check_size, document_files, size_limit
from cancu.ontology.mapping import CC, REFERENCE_GRAPH, graph_iri, record_to_graph, reference_graph
from cancu.queries.link import IDENTITY_GRAPH, link
from cancu.queries.store import GraphStore, StoreError

# What reads a document into triples: a change here changes the graph of an unchanged file.
_CODE_FOLDERS = ("ingest", "ontology", "data")
_CODE_SUFFIXES = {".py", ".csv", ".json", ".ttl", ".nt"}


@dataclass(frozen=True)
class BuildReport:
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (path, reason naming the path)
    triples: int = 0
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM; every finished file is stored


@dataclass
class _Tally:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def build_key(path: Path) -> str:
    """What decides whether a file must be read again: its bytes, and the code and data that read them."""
    return f"sha256:{hashlib.sha256(path.read_bytes()).hexdigest()};cancu:{__version__}+{code_digest()}"


@cache
def code_digest() -> str:
    """A digest of cancu's own code and data files, so a changed reader re-reads unchanged files."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in _CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in _CODE_SUFFIXES and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build(
    sources: list[Path],
    store: GraphStore,
    strict: bool = False,
    on_file: Callable[[Path], None] | None = None,
    root: Path | None = None,
    max_bytes: int | None = None,
) -> BuildReport:
    """Ingest each source file into its own named graph; return what happened to each.

    Files are named by their path under `root` (so two folders' `kehoach.txt` stay
    apart); `max_bytes` overrides the size limit; `strict` stops at the first failure.
    """
    tally = _Tally()
    names = source_names(sources, root)
    owners: dict[str, Path] = {}
    interrupted = False
    try:
        with size_limit(max_bytes):
            for path in sources:
                if on_file:
                    on_file(path)
                name = names[path]
                graph = str(graph_iri(name))
                try:
                    if graph in owners:
                        raise UnreadableDocument(
                            f"{path}: its name reads the same as {owners[graph]} once accents and "
                            "punctuation are folded, so both would share one graph; rename one"
                        )
                    owners[graph] = path
                    _build_one(path, name, graph, store, tally)
                except (UnreadableDocument, StoreError, OSError) as exc:
                    tally.failed.append((str(path), _reason(path, exc)))
                except Exception as exc:  # a bug in extraction must not cost the rest of the batch
                    tally.failed.append(
                        (str(path), f"{path}: internal error while reading it ({type(exc).__name__}: {exc})")
                    )
                if strict and tally.failed:
                    break
    except KeyboardInterrupt:
        interrupted = True
    if not interrupted:
        refresh_derived_graphs(store, changed=bool(tally.added or tally.replaced))
    store.flush()
    return BuildReport(
        added=tuple(tally.added),
        replaced=tuple(tally.replaced),
        skipped=tuple(tally.skipped),
        failed=tuple(tally.failed),
        triples=len(store),
        interrupted=interrupted,
    )


DERIVED_GRAPHS = frozenset({str(REFERENCE_GRAPH), IDENTITY_GRAPH})
"""Graphs computed from the whole corpus rather than read from one source file."""


def refresh_derived_graphs(store: GraphStore, changed: bool) -> None:
    """Keep the graphs derived from the whole corpus current: the province reference data and identity links.

    Both are recomputed from scratch, so a build that changed nothing leaves them, and
    the triple count, exactly as they were.
    """
    reference = str(REFERENCE_GRAPH)
    key = f"reference;cancu:{__version__}+{code_digest()}"
    if store.build_key(reference) != key:
        triples = reference_graph()
        triples.add((URIRef(reference), CC.buildKey, Literal(key)))
        store.replace_graph(reference, triples)
    if changed or IDENTITY_GRAPH not in store.graphs():
        link(store)


def _build_one(path: Path, name: str, graph: str, store: GraphStore, tally: _Tally) -> None:
    check_size(path)
    key = build_key(path)
    previous = store.build_key(graph)
    if previous == key:
        tally.skipped.append(name)
        return
    record = extract_file(path)
    record = replace(record, source=name)
    triples = record_to_graph(record, source_path=path)
    triples.add((URIRef(graph), CC.buildKey, Literal(key)))
    store.replace_graph(graph, triples)
    (tally.replaced if previous else tally.added).append(name)


def _reason(path: Path, exc: Exception) -> str:
    message = str(exc) if not isinstance(exc, OSError) else f"cannot be read ({exc.strerror or exc})"
    return message if str(path) in message else f"{path}: {message}"


def source_names(sources: list[Path], root: Path | None) -> dict[Path, str]:
    """Each file's name in the store: its path under `root`, or its file name."""
    names = {}
    for path in sources:
        try:
            names[path] = path.relative_to(root).as_posix() if root else path.name
        except ValueError:
            names[path] = path.name
    return names


def sources_in(path: Path) -> list[Path]:
    """The files a build reads: the file itself, or the documents in a folder."""
    return document_files(path) if path.is_dir() else [path]
