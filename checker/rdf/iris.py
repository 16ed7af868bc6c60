"""Stable IRIs for every part of a strategy, and the reference periods of indicator values.

Nodes (parts with an ``id``) are named by the body code, the strategy id and their own id, so
an IRI survives edits that reorder the file: ``https://w3id.org/tebiki/id/272035/toyonaka-digital-2023/kpi-1-1``.
Parts without an id hang below the nearest part that has an IRI, by field name:
``.../kpi-1-3/segments-2/target``; parts of the strategy itself start with ``_`` (``.../_period``),
which an id can never do, so they never collide with a node.
"""

from __future__ import annotations

import calendar
import datetime as _dt

from rdflib import URIRef

from ..years import Year, YearRange
from .namespaces import PERIOD


def segment(field: str, index: int | None = None, *, top: bool = False) -> str:
    """The path segment of a part without an id: the field name in kebab-case, 1-based index for list items."""
    name = field.replace("_", "-")
    if index is not None:
        name = f"{name}-{index}"
    return f"_{name}" if top else name


def child(parent: URIRef, seg: str) -> URIRef:
    return URIRef(f"{parent}/{seg}")


# -- reference periods ---------------------------------------------------------------------------


def _year_key(y: Year) -> tuple[str, _dt.date, _dt.date, str, str]:
    """(key, first day, last day, Japanese label, English label) of one year or date."""
    if y.month is None:
        if y.fiscal:
            return f"FY{y.year}", _dt.date(y.year, 4, 1), _dt.date(y.year + 1, 3, 31), f"{y.year}年度", f"FY{y.year}"
        return f"{y.year}", _dt.date(y.year, 1, 1), _dt.date(y.year, 12, 31), f"{y.year}年", f"{y.year}"
    if y.day is None:
        last = calendar.monthrange(y.year, y.month)[1]
        return (
            f"{y.year}-{y.month:02d}", _dt.date(y.year, y.month, 1), _dt.date(y.year, y.month, last),
            f"{y.year}年{y.month}月", f"{y.year}-{y.month:02d}",
        )
    day = _dt.date(y.year, y.month, y.day)
    return day.isoformat(), day, day, f"{y.year}年{y.month}月{y.day}日", day.isoformat()


def reference_period(value: Year | YearRange) -> tuple[URIRef, _dt.date, _dt.date, str, str]:
    """The IRI, first day, last day and ja/en labels of the period a year or span stands for.

    The IRI depends only on the period, never on how it was written: 令和9年度, R9 and 2027
    all give https://w3id.org/tebiki/period/FY2027 (April 2027 – March 2028).
    """
    if isinstance(value, YearRange):
        k1, start, _, ja1, en1 = _year_key(value.start)
        k2, _, end, ja2, en2 = _year_key(value.end)
        if k1 == k2:
            return URIRef(f"{PERIOD}{k1}"), start, end, ja1, en1
        return URIRef(f"{PERIOD}{k1}_{k2}"), start, end, f"{ja1}～{ja2}", f"{en1} to {en2}"
    key, start, end, ja, en = _year_key(value)
    return URIRef(f"{PERIOD}{key}"), start, end, ja, en
