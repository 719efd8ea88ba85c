"""The document record: what the ingester understood of one text, before it becomes triples.

Frozen dataclasses, so a record can be hashed, compared and passed around without
anyone mutating it half-way through the pipeline.  `Record.to_json()` gives the
stable JSON shape documented in the README (the shape ../shared/eval/RECORD.md
describes); unknown values are None or empty, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """The document's own header: who issued what, when."""

    symbol: str | None = None
    type: str | None = None
    issuer: str | None = None
    level: str | None = None  # central | province | department | district | commune
    branch: str | None = None  # party | state | front
    province: str | None = None
    date: str | None = None  # ISO 8601, "YYYY-MM" when only the month is printed
    place: str | None = None
    title: str | None = None
    iri: str | None = None
    symbol_printed: str | None = None  # the number as printed, before repair
    parent_issuer: str | None = None  # the first line of a two-line header


@dataclass(frozen=True)
class Citation:
    """One numbered document that this text names (once per symbol)."""

    symbol: str
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    level: str | None = None
    clause: str = "body"  # Căn cứ | Thực hiện | Triển khai | Quán triệt | Theo | Xét | body
    in_preamble: bool = False
    span: Span | None = None
    printed: str | None = None  # the symbol as printed
    repaired: bool = False  # True when OCR damage in the symbol was repaired
    iri: str | None = None


@dataclass(frozen=True)
class Reference:
    """A document named without a number ("Luật Tổ chức chính quyền địa phương ngày 19/6/2015")."""

    text: str
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    clause: str = "body"
    in_preamble: bool = False
    span: Span | None = None


@dataclass(frozen=True)
class Relation:
    """What the text reports about two *other* documents: subject, relation, object."""

    subject: str
    relation: str  # implements | basedOn | guides | amends | replaces | refersTo
    object: str
    span: Span | None = None


@dataclass(frozen=True)
class Deadline:
    """A deadline as printed, and the interval it denotes (None when it names no time)."""

    text: str
    start: str | None = None
    end: str | None = None
    ongoing: bool = False  # "thường xuyên"
    recurring: bool = False  # "hằng năm"


@dataclass(frozen=True)
class Subtask:
    label: str
    text: str


@dataclass(frozen=True)
class Task:
    """One numbered task of the plan, with who leads it, by when and with how much."""

    label: str
    text: str
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    deadline: Deadline | None = None
    budget_vnd: int | None = None
    cites: tuple[str, ...] = ()
    subtasks: tuple[Subtask, ...] = ()
    span: Span | None = None
    conflicts: tuple[str, ...] = ()  # where the body and an appendix table disagree


@dataclass(frozen=True)
class Assignment:
    """A body named in "Tổ chức thực hiện" and the duties it is given."""

    agency: str
    duties: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    span: Span | None = None


@dataclass(frozen=True)
class Signer:
    name: str | None = None
    title: str | None = None
    authority: str | None = None  # KT. | TM. | TL. | Q.


@dataclass(frozen=True)
class Record:
    """Everything extracted from one source text."""

    source: str
    document: Document = field(default_factory=Document)
    citations: tuple[Citation, ...] = ()
    references: tuple[Reference, ...] = ()
    reported_relations: tuple[Relation, ...] = ()
    tasks: tuple[Task, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    recipients: tuple[str, ...] = ()
    signer: Signer | None = None
    ocr: bool = False
    budget_total_vnd: int | None = None
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (tuples become lists)."""
        return _plain(self)


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def from_json(data: dict[str, Any]) -> Record:
    """Rebuild a Record from `Record.to_json()` output (used by caches and tests)."""

    def span(v: Any) -> Span | None:
        return tuple(v) if v else None  # type: ignore[return-value]

    def deadline(d: dict | None) -> Deadline | None:
        return Deadline(**d) if d else None

    doc = Document(**data.get("document") or {})
    return Record(
        source=data["source"],
        document=doc,
        citations=tuple(Citation(**{**c, "span": span(c.get("span"))}) for c in data.get("citations", [])),
        references=tuple(Reference(**{**r, "span": span(r.get("span"))}) for r in data.get("references", [])),
        reported_relations=tuple(
            Relation(**{**r, "span": span(r.get("span"))}) for r in data.get("reported_relations", [])
        ),
        tasks=tuple(
            Task(
                **{
                    **t,
                    "lead": tuple(t.get("lead", ())),
                    "support": tuple(t.get("support", ())),
                    "deadline": deadline(t.get("deadline")),
                    "cites": tuple(t.get("cites", ())),
                    "subtasks": tuple(Subtask(**s) for s in t.get("subtasks", ())),
                    "span": span(t.get("span")),
                    "conflicts": tuple(t.get("conflicts", ())),
                }
            )
            for t in data.get("tasks", [])
        ),
        assignments=tuple(
            Assignment(
                **{
                    **a,
                    "duties": tuple(a.get("duties", ())),
                    "cites": tuple(a.get("cites", ())),
                    "span": span(a.get("span")),
                }
            )
            for a in data.get("assignments", [])
        ),
        recipients=tuple(data.get("recipients", ())),
        signer=Signer(**data["signer"]) if data.get("signer") else None,
        ocr=bool(data.get("ocr")),
        budget_total_vnd=data.get("budget_total_vnd"),
        warnings=tuple(data.get("warnings", ())),
    )


__all__ = [
    "Assignment",
    "Citation",
    "Deadline",
    "Document",
    "Record",
    "Reference",
    "Relation",
    "Signer",
    "Span",
    "Subtask",
    "Task",
    "from_json",
]
