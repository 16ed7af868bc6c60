"""RDF → strategy model: the inverse of the export, and safe parsing of untrusted RDF.

`from_graph` reads only the triples the mapping table (checker/rdf/mapping.py) writes, so
``to_data(from_graph(to_graph(s))) == to_data(s)``; derived triples are ignored.

`parse_rdf` never touches the network or local files: only Turtle, N-Triples and JSON-LD are
accepted (no RDF/XML, so no XML entities), and a JSON-LD document whose ``@context`` (anywhere,
including scoped contexts) is a reference rather than an inline object, or that uses
``@import``, is refused before rdflib sees it.  rdflib would otherwise open such a reference with
urllib — an ``http:`` URL, a ``file:`` URL or a plain local path alike.  As a second guard the
context loader rdflib uses is replaced, while parsing, by one that refuses everything.
"""

from __future__ import annotations

import contextlib
import json
import threading
import types
import typing
import warnings
from pathlib import Path
from typing import Annotated, Union

from pydantic import BaseModel, ValidationError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from .. import model as m
from .mapping import CLASSES, ENTRY_REF_PROP, POSITION, Field
from .namespaces import CONCEPT, GUIDE, TBK

PARSE_FORMATS = {
    "turtle": "turtle", "ttl": "turtle",
    "jsonld": "json-ld", "json-ld": "json-ld", "json": "json-ld",
    "ntriples": "nt", "nt": "nt",
}
"""Accepted input formats (name or file suffix) → rdflib parser."""

IMPORT_BASE = "https://w3id.org/tebiki/import/"
"""Base IRI for relative IRIs in imported documents (never dereferenced)."""


class RdfImportError(ValueError):
    """The RDF cannot be read as a strategy; `problems` are one line each."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


# -- safe parsing -----------------------------------------------------------------------------


def _refuse_references(value, path: str = "$") -> None:
    """Raise if a JSON-LD document refers to a context by IRI/path or uses @import, anywhere."""
    stack = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                if key == "@import":
                    raise RdfImportError(f"{where}: JSON-LD @import is not allowed (inline the context)")
                if key == "@context":
                    for ctx in item if isinstance(item, list) else [item]:
                        if isinstance(ctx, str):
                            raise RdfImportError(
                                f"{where}: a JSON-LD @context given by reference ('{ctx[:80]}') is not loaded; inline the context"
                            )
                stack.append((item, f"{where}.{key}"))
        elif isinstance(node, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(node))


_PATCH_LOCK = threading.Lock()


@contextlib.contextmanager
def _no_context_loading():
    """While parsing, rdflib's JSON-LD context loader refuses every reference (second guard)."""
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    def refuse(source, *args, **kwargs):
        raise RdfImportError(f"JSON-LD context reference '{str(source)[:80]}' refused: nothing is fetched or read")

    with _PATCH_LOCK:
        original = jsonld_context.source_to_json
        jsonld_context.source_to_json = refuse
        try:
            yield
        finally:
            jsonld_context.source_to_json = original


def parse_rdf(data: str | bytes, fmt: str) -> Graph:
    """Parse untrusted RDF text (turtle, ntriples or jsonld) into a graph, touching nothing outside."""
    parser = PARSE_FORMATS.get(fmt.lower().lstrip("."))
    if parser is None:
        raise RdfImportError(f"unsupported RDF format '{fmt}' (use turtle, jsonld or ntriples)")
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    g = Graph(bind_namespaces="none")
    try:
        if parser == "json-ld":
            try:
                doc = json.loads(text)
            except (ValueError, RecursionError) as exc:
                raise RdfImportError(f"not JSON: {exc}") from None
            _refuse_references(doc)
            with _no_context_loading(), warnings.catch_warnings(), _quiet_literals():
                warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own use of ConjunctiveGraph
                g.parse(data=text, format="json-ld", publicID=IMPORT_BASE)
        else:
            with _quiet_literals():
                g.parse(data=text, format=parser, publicID=IMPORT_BASE)
    except RdfImportError:
        raise
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise RdfImportError(f"cannot parse as {parser}: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}") from None
    for o in g.objects():
        if isinstance(o, Literal) and getattr(o, "ill_typed", False):
            datatype = g.namespace_manager.normalizeUri(o.datatype) if o.datatype else "its datatype"
            raise RdfImportError(f"the literal '{str(o)[:80]}' is not a valid {datatype}")
    return g


@contextlib.contextmanager
def _quiet_literals():
    """rdflib logs a traceback for each literal it cannot convert (a bad xsd:date); they are
    reported once, in one line, after parsing instead."""
    import logging

    logger = logging.getLogger("rdflib.term")
    disabled = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = disabled


def format_of(path: str | Path) -> str:
    """The input format from a file name's suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in PARSE_FORMATS:
        return suffix
    raise RdfImportError(f"{path}: cannot tell the RDF format from the suffix (use .ttl, .jsonld or .nt, or give --from)")


MAX_PROBLEMS = 20
"""Problems listed for one file (then a count of the rest)."""
MAX_RDF_BYTES = 10 * 1024 * 1024
"""The same limit as for a strategy file: an exported strategy is a few hundred kilobytes."""


def read_strategy(path: str | Path, fmt: str | None = None, strategy: str | None = None) -> m.Strategy:
    """Read an exported file back into a strategy model (a file over MAX_RDF_BYTES is refused)."""
    from ..fileio import open_input

    with open_input(path) as fh:
        data = fh.read(MAX_RDF_BYTES + 1)
    if len(data) > MAX_RDF_BYTES:
        raise RdfImportError(f"{path}:1:1: the file is over {MAX_RDF_BYTES // 1048576} MB; exported strategies are far smaller")
    g = parse_rdf(data, fmt or format_of(path))
    return from_graph(g, strategy, file=str(path))


# -- graph → model ----------------------------------------------------------------------------


def _unwrap(tp):
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        elif origin is list:
            tp = typing.get_args(tp)[0]
        else:
            return tp


def nested_class(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The model class of a nested part or list item (field annotation without Optional/list)."""
    tp = _unwrap(model.model_fields[name].annotation)
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        raise TypeError(f"{model.__name__}.{name} is not a nested part")  # pragma: no cover
    return tp


def _short(term) -> str:
    return f"<{term}>" if isinstance(term, URIRef) else str(term)


class Reader:
    """Reads the resources of one strategy back into plain data, then validates it."""

    def __init__(self, g: Graph, root: URIRef):
        self.g = g
        self.root = root
        self.problems: list[str] = []
        self._active: set = set()
        self._read: set = set()
        self.shared = 0
        """Resources already read as a part: in an exported strategy each part has one place, so
        a resource met again (a shared sub-structure) is reported, not read again (which would
        expand a small graph into an exponentially large tree)."""

    def fail(self, subject, message: str) -> None:
        self.problems.append(f"{_short(subject)}: {message}")

    def objects(self, s, p) -> list:
        return sorted(self.g.objects(s, p), key=lambda o: (type(o).__name__, str(o)))

    def one(self, s, p):
        values = self.objects(s, p)
        if len(values) > 1:
            self.fail(s, f"{self.g.qname(p) if p else p} has {len(values)} values, expected one")
        return values[0] if values else None

    def read(self, cls: type[BaseModel], iri) -> dict:
        if iri in self._active:
            self.fail(iri, "contains itself")
            return {}
        if iri in self._read:
            self.shared += 1
            if self.shared == 1:
                self.fail(iri, "is a part of more than one resource; each part of a strategy has one place")
            return {}
        self._read.add(iri)
        self._active.add(iri)
        try:
            data: dict = {}
            for f in CLASSES[cls].fields:
                value = self.field(cls, iri, f)
                if value is not None:
                    data[f.name] = value
            return data
        finally:
            self._active.discard(iri)

    def field(self, cls: type[BaseModel], iri, f: Field):
        kind = f.kind
        if kind == "part":
            obj = self.one(iri, f.prop)
            if obj is None:
                return None
            if isinstance(obj, Literal):
                self.fail(iri, f"{f.name}: expected a resource, found the literal {obj!r}")
                return None
            return self.read(nested_class(cls, f.name), obj)
        if kind == "parts":
            item_cls = nested_class(cls, f.name)
            return [self.read(item_cls, o) for o in self.ordered(iri, [f.prop])] or None
        if kind == "entries":
            refs = set(self.g.objects(iri, ENTRY_REF_PROP))
            items = []
            for o in self.ordered(iri, [f.prop, ENTRY_REF_PROP]):
                items.append(self.read(m.IndicatorRef if o in refs else m.Indicator, o))
            return items or None
        if kind in ("enums", "texts", "directions", "refs"):
            head = self.one(iri, f.prop)
            if head is None:
                return None
            return [self.scalar(iri, f, item) for item in self.rdf_list(iri, head)]
        obj = self.one(iri, f.prop)
        return None if obj is None else self.scalar(iri, f, obj)

    def ordered(self, iri, props: list) -> list:
        found = []
        for p in props:
            for o in self.g.objects(iri, p):
                if isinstance(o, Literal):
                    self.fail(iri, f"{self.g.qname(p)}: expected a resource, found the literal {o!r}")
                    continue
                pos = self.one(o, POSITION)
                rank = int(pos) if isinstance(pos, Literal) and isinstance(pos.toPython(), int) else 1 << 30
                found.append((rank, str(o), o))
        return [o for _, _, o in sorted(set(found))]

    def rdf_list(self, subject, head) -> list:
        items, seen, node = [], set(), head
        while node != RDF.nil:
            if node in seen or isinstance(node, Literal):
                self.fail(subject, "malformed rdf:List")
                break
            seen.add(node)
            first = self.one(node, RDF.first)
            if first is not None:
                items.append(first)
            node = self.one(node, RDF.rest)
            if node is None:
                self.fail(subject, "rdf:List without rdf:nil at its end")
                break
        return items

    def scalar(self, subject, f: Field, obj):
        kind = f.kind
        if kind in ("enum", "enums"):
            prefix = f"{CONCEPT}{f.scheme}/"
            if isinstance(obj, URIRef) and str(obj).startswith(prefix):
                return str(obj)[len(prefix):]
            self.fail(subject, f"{f.name}: {_short(obj)} is not a concept of {prefix}")
            return None
        if kind == "directions":
            text = str(obj)
            if isinstance(obj, URIRef) and text.startswith(str(GUIDE)) and "/direction/" in text:
                return text.rsplit("/direction/", 1)[1]
            self.fail(subject, f"{f.name}: {_short(obj)} is not a national direction (…/guide/<edition>/direction/<code>)")
            return None
        if kind in ("ref", "refs", "document"):
            if not isinstance(obj, (URIRef, BNode)):
                self.fail(subject, f"{f.name}: expected a resource, found {obj!r}")
                return None
            ident = self.one(obj, DCTERMS.identifier)
            if ident is not None:
                return str(ident)
            prefix = f"{self.root}/"
            if str(obj).startswith(prefix) and kind != "document":
                return str(obj)[len(prefix):]
            self.fail(subject, f"{f.name}: {_short(obj)} has no dcterms:identifier")
            return None
        if not isinstance(obj, Literal):
            self.fail(subject, f"{f.name}: expected a literal, found {_short(obj)}")
            return None
        value = obj.toPython()
        dt = obj.datatype
        if kind == "bool":
            if isinstance(value, bool):
                return value
            self.fail(subject, f"{f.name}: {obj!r} is not a boolean")
            return None
        if kind == "int":
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.fail(subject, f"{f.name}: {obj!r} is not an integer")
            return None
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) and dt not in (XSD.decimal,):
                self.fail(subject, f"{f.name}: {obj!r} is not a number")
                return None
            if dt in (XSD.decimal, XSD.double, XSD.float):
                try:
                    return float(value)
                except (TypeError, ValueError):
                    self.fail(subject, f"{f.name}: {obj!r} is not a number")
                    return None
            return value
        if kind == "page":
            return value if isinstance(value, int) and not isinstance(value, bool) else str(obj)
        if kind == "date":
            import datetime as _dt

            if isinstance(value, _dt.date):
                return value
            self.fail(subject, f"{f.name}: {obj!r} is not an xsd:date")
            return None
        return str(obj)


def strategies_in(g: Graph) -> list[URIRef]:
    """The strategies a graph describes, by IRI."""
    return sorted(s for s in g.subjects(RDF.type, TBK.Strategy) if isinstance(s, URIRef))


def from_graph(g: Graph, strategy: str | None = None, *, file: str = "<rdf>") -> m.Strategy:
    """Read one strategy back from a graph (the only one, or the one whose IRI or id is `strategy`)."""
    from ..load.errors import InputError
    from ..load.links import check_links

    found = strategies_in(g)
    if strategy is not None:
        chosen = [s for s in found if str(s) == strategy or str(s).rsplit("/", 1)[-1] == strategy]
    else:
        chosen = found
    if len(chosen) != 1:
        listed = ", ".join(f"<{s}>" for s in found) or "none"
        what = f"no strategy '{strategy}'" if strategy and not chosen else (
            "no tbk:Strategy in the graph" if not chosen else "several strategies: name one"
        )
        raise RdfImportError(f"{file}: {what} (found: {listed})")
    root = chosen[0]
    reader = Reader(g, root)
    data = reader.read(m.Strategy, root)
    if reader.shared > 1:
        reader.problems.append(f"{reader.shared - 1} more resource(s) are shared the same way")
    if reader.problems:
        shown = reader.problems[:MAX_PROBLEMS]
        if len(reader.problems) > MAX_PROBLEMS:
            shown.append(f"... and {len(reader.problems) - MAX_PROBLEMS} more problem(s)")
        raise RdfImportError([f"{file}: {p}" for p in shown])
    try:
        result = m.Strategy.model_validate(data)
    except ValidationError as exc:
        raise RdfImportError(
            [f"{file}: <{root}> {'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:20]]
        ) from None
    try:
        check_links(result, file)
    except InputError as exc:
        raise RdfImportError([p.message and f"{file}: {p.message}" for p in exc.problems]) from None
    result._file = file
    return result
