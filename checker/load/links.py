"""Ids are unique in the file and every link points at an existing node of the right kind."""

from __future__ import annotations

import difflib

from ..model import Deviation, Document, Indicator, IndicatorRef, Pillar, Projection, SourceRef, Strategy
from ..model.base import Node
from ..model.strategy import _Planned
from ..model.walk import iter_parts
from .errors import InputError, Problem


def _missing(kind: str, ref: str, known: dict[str, Node]) -> str:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"{kind} '{ref}' does not exist{hint}"


def check_links(strategy: Strategy, file: str, parts: list | None = None) -> None:
    """Raise InputError for duplicate ids and links to missing or wrongly typed nodes.

    `parts`: every part of the strategy in file order, if the caller has them already.
    """
    problems: list[Problem] = []
    ids: dict[str, Node] = {}
    documents: dict[str, Document] = {}

    def add(line_col, message: str) -> None:
        line, col = line_col or (1, 1)
        problems.append(Problem(file, line, col, message))

    if parts is None:
        parts = [part for _, part in iter_parts(strategy)]
    for part in parts:
        if isinstance(part, Document):
            target = documents
        elif isinstance(part, Node):
            target = ids
        else:
            continue
        if part.id in target:
            first = target[part.id].loc
            add(part.loc, f"duplicate id '{part.id}' (first used at line {first[0] if first else '?'})")
        else:
            target[part.id] = part

    def expect(part, ref: str, cls: type, kind: str) -> None:
        node = ids.get(ref)
        if node is None:
            add(part.loc, _missing(kind, ref, {k: v for k, v in ids.items() if isinstance(v, cls)}))
        elif not isinstance(node, cls):
            add(part.loc, f"'{ref}' is a {type(node).__name__.lower()}, not a {kind}")

    for part in parts:
        if isinstance(part, _Planned):
            for ref in part.pillars:
                expect(part, ref, Pillar, "pillar")
        if isinstance(part, IndicatorRef):
            expect(part, part.ref, Indicator, "KPI")
        elif isinstance(part, Indicator) and part.projection:
            expect(part, part.projection, Projection, "population projection")
        elif isinstance(part, SourceRef) and part.document and part.document not in documents:
            add(part.loc, _missing("document", part.document, documents))
        elif isinstance(part, Deviation) and part.node and part.node not in ids:
            add(part.loc, _missing("node", part.node, ids))
    if problems:
        raise InputError(problems)
