"""The query library and its one runner, for the embedded store and any SPARQL 1.1 endpoint.

Queries are `.rq` files in this folder with a `#+` YAML header (summary, params,
returns).  Parameters are bound, never spliced: both runners open the query's outermost
WHERE group with a VALUES block built from validated RDF terms (IRIs checked by
Oxigraph, literals escaped by construction).  One binding path for both means
the embedded store and a remote endpoint answer the same query the same way;
Oxigraph's own substitutions would demand that every parameter be projected.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol
from urllib.error import URLError

import pyoxigraph as ox
import yaml

from cancu.queries.store import GraphStore

XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM_TYPES = ("iri", "string", "int", "date")


class QueryError(ValueError):
    """A query or a parameter the user gave cannot be used; the message says why."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    description: str = ""
    required: bool = True
    default: str | None = None
    example: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    text: str


def _parse(name: str, source: str) -> NamedQuery:
    header = "\n".join(
        line[3:] if line.startswith("#+ ") else line[2:]
        for line in source.splitlines()
        if line.startswith("#+")
    )
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{name}.rq: the #+ header is not valid YAML ({one_line(exc)})") from exc
    params = tuple(
        Param(
            name=p["name"],
            type=p.get("type", "string"),
            description=p.get("description", ""),
            required=p.get("required", "default" not in p),
            default=None if p.get("default") is None else str(p["default"]),
            example=None if p.get("example") is None else str(p["example"]),
        )
        for p in meta.get("params") or []
    )
    for p in params:
        if p.type not in _PARAM_TYPES:
            raise QueryError(f"{name}.rq: parameter {p.name} has unknown type {p.type!r}")
    returns = tuple(meta.get("returns") or ())
    return NamedQuery(name=name, summary=meta.get("summary", ""), params=params, returns=returns, text=source)


def library() -> dict[str, NamedQuery]:
    """Every query shipped in cancu.queries, by name."""
    return dict(_library())


@cache
def _library() -> dict[str, NamedQuery]:
    """The parsed library, once per process: the .rq files ship with the package and do not change."""
    folder = resources.files("cancu.queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def load(name: str) -> NamedQuery:
    queries = _library()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


def term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """An RDF term for a parameter value; IRIs are validated, literals escaped by construction."""
    try:
        if param.type == "iri":
            return ox.NamedNode(value)
        if param.type == "int":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        if param.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError("expected YYYY-MM-DD")
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
        return ox.Literal(value)
    except ValueError as exc:
        raise QueryError(f"parameter {param.name}={value!r} is not a valid {param.type} ({exc})") from exc


def bind(query: NamedQuery, args: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Check the given arguments against the query's declared params and turn them into terms."""
    declared = {p.name: p for p in query.params}
    unknown = set(args) - set(declared)
    if unknown:
        raise QueryError(
            f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
            f"declared: {', '.join(declared) or 'none'}"
        )
    bound = {}
    for p in query.params:
        value = args.get(p.name, p.default)
        if value is None:
            if p.required:
                raise QueryError(f"{query.name}: missing parameter {p.name} ({p.description})")
            continue
        bound[p.name] = term(p, value)
    return bound


_LITERAL = ox.Literal
_CONVERT = {
    XSD + "integer": int,
    XSD + "int": int,
    XSD + "long": int,
    XSD + "decimal": float,
    XSD + "double": float,
    XSD + "float": float,
    XSD + "boolean": lambda v: v == "true",
}

_TERM_CONVERT = {ox.NamedNode(k): v for k, v in _CONVERT.items()}


def python_value(t: Any) -> Any:
    """A plain Python value for a result term (IRIs and strings as str, numbers as numbers)."""
    if t is None:
        return None
    if type(t) is _LITERAL:
        convert = _CONVERT.get(t.datatype.value)
        return convert(t.value) if convert else t.value
    return t.value


class Endpoint(Protocol):
    def select(self, query: NamedQuery, args: dict[str, str]) -> Iterator[dict[str, Any]]: ...


class EmbeddedEndpoint:
    """The embedded Oxigraph store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def select(self, query: NamedQuery, args: dict[str, str]) -> Iterator[dict[str, Any]]:
        result = self.store.query(with_values(query.text, bind(query, args)))
        names = [v.value for v in result.variables]
        converters = _TERM_CONVERT
        literal = _LITERAL
        for solution in result:
            row = {}
            for n, t in zip(names, solution, strict=True):
                if t is None:
                    row[n] = None
                elif type(t) is literal:
                    convert = converters.get(t.datatype)
                    row[n] = convert(t.value) if convert else t.value
                else:
                    row[n] = t.value
            yield row


class RemoteEndpoint:
    """Any SPARQL 1.1 endpoint, through SPARQLWrapper."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url
        self.timeout = timeout

    def select(self, query: NamedQuery, args: dict[str, str]) -> Iterator[dict[str, Any]]:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        text = with_values(query.text, bind(query, args))
        # Whole-line comments go: SPARQLWrapper guesses the query form from words, comments included.
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        client = SPARQLWrapper(self.url)
        client.setQuery(text)
        client.setReturnFormat(JSON)
        client.setMethod(POST)
        client.setTimeout(int(self.timeout))
        try:
            data = client.queryAndConvert()
        except (URLError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise QueryError(f"cannot reach SPARQL endpoint {self.url} ({one_line(reason)})") from exc
        except Exception as exc:  # SPARQLWrapper raises its own exception family for HTTP errors
            raise QueryError(f"SPARQL endpoint {self.url} refused the query: {one_line(exc)}") from exc
        if isinstance(data, bytes):
            data = json.loads(data)
        names = data["head"]["vars"]
        for b in data["results"]["bindings"]:
            yield {n: _json_value(b.get(n)) for n in names}


def one_line(exc: BaseException | str) -> str:
    """The first non-empty line of an exception's message, for errors printed to users."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _json_value(cell: dict | None) -> Any:
    if cell is None:
        return None
    convert = _CONVERT.get(cell.get("datatype", ""))
    return convert(cell["value"]) if convert else cell["value"]


BIND_MARKER = re.compile(r"(?m)^[ \t]*# bind[ \t]*$")


def with_values(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES block for the bindings.

    The block replaces every line reading `# bind` when the query has them (so each
    subquery or union branch that needs the parameters gets them where the engine can
    use them), else it opens the outermost WHERE group.
    """
    if not bindings:
        return text
    names = " ".join(f"?{k}" for k in bindings)
    row = " ".join(str(v) for v in bindings.values())
    block = f"\n  VALUES ({names}) {{ ({row}) }}\n"
    if BIND_MARKER.search(text):
        return BIND_MARKER.sub(lambda _: block, text)
    uncommented = re.sub(r"(?m)(?:^|(?<=\s))#.*$", lambda c: " " * len(c.group(0)), text)
    m = re.search(r"\bWHERE\s*\{", uncommented, re.I)
    if not m:
        raise QueryError("query has no WHERE clause to bind parameters in")
    return text[: m.end()] + block + text[m.end() :]
