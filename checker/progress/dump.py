"""A progress record as canonical YAML: the form `tebiki progress read` writes.

Keys in the order of the format (strategy and fiscal year first), nothing that is empty or the
default, years as written, whole numbers without '.0', statuses, decisions and report forms in the
Japanese words offices use (確定, 継続, 報告).  Two records with the same content give the same text,
whether they were written by hand or read from a workbook.
"""

from __future__ import annotations

import datetime as _dt
from enum import Enum

import yaml
from pydantic import BaseModel

from ..model import ProgressFile
from ..model.progress import DECISION_LABELS, ActualStatus, AssemblyForm, Decision
from ..model.governance import Sector
from ..years import Year, YearRange
from .columns import FORM_LABELS, SECTOR_OF, STATUS_LABELS

_FIRST = ("format", "strategy", "fiscal_year")


def _value(value: object) -> object:
    if isinstance(value, Year):
        return int(value.text) if value.text.isdigit() else value.text
    if isinstance(value, YearRange):
        return value.text
    if isinstance(value, ActualStatus):
        return STATUS_LABELS[value.value]
    if isinstance(value, Decision):
        return DECISION_LABELS[value.value][0]
    if isinstance(value, AssemblyForm):
        return FORM_LABELS[value.value]
    if isinstance(value, Sector):
        return SECTOR_OF[value.value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, BaseModel):
        return plain(value)
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def plain(part: BaseModel, fiscal_year: int | None = None) -> dict:
    """A part as plain data: its fields in order, without empty or default values (nor a `year` equal to the
    record's `fiscal_year`, which is what an omitted year means)."""
    names = list(type(part).model_fields)
    if isinstance(part, ProgressFile):
        names = [*_FIRST, *(n for n in names if n not in _FIRST)]
    out = {}
    for name in names:
        value = getattr(part, name)
        field = type(part).model_fields[name]
        if value is None or value == [] or value == "" or (not field.is_required() and value == field.default and name != "format"):
            continue
        if name == "year" and fiscal_year is not None and isinstance(value, Year) and value.fy == fiscal_year:
            continue
        if isinstance(part, ProgressFile) and name in ("actuals", "evaluations"):
            items = [plain(item, part.fiscal_year.fy) for item in value]
            keys = {"kpi", "segment", "year", "measure"}
            items = [item for item in items if set(item) - keys]  # a record of nothing but its keys says nothing
            if items:
                out[name] = items
            continue
        converted = _value(value)
        if converted in ({}, []):
            continue
        out[name] = converted
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, text: str):
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _str)


def order_of(graph) -> tuple[dict, dict]:
    """The strategy's order of indicator rows ((id, segment) → place) and of goals, directions and measures."""
    from ..graph import NodeType

    rows: dict = {}
    for node in graph.nodes(NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator):
        part = graph.part(node)
        for segment in ([s.population for s in part.segments] or [None]):
            rows[(node, segment)] = len(rows)
    return rows, {node: i for i, node in enumerate(graph.planned())}


def canonical(record: ProgressFile, graph) -> ProgressFile:
    """The record with its actual values, yearly targets and evaluations in the strategy's order (then by year);
    revisions and meetings keep the order they were written in."""
    rows, planned = order_of(graph)
    fy = record.fiscal_year.fy

    def year(item) -> int:
        return item.year.fy if item.year is not None else fy

    end = len(rows) + len(planned)
    return record.model_copy(update={
        "actuals": sorted(record.actuals, key=lambda a: (rows.get((a.kpi, a.segment), end), year(a))),
        "milestones": sorted(record.milestones, key=lambda m: (rows.get((m.kpi, m.segment), end), year(m))),
        "evaluations": sorted(record.evaluations, key=lambda e: (planned.get(e.measure, end), year(e))),
    })


def dump_progress(record: ProgressFile) -> str:
    """The record as canonical YAML text (put it in the strategy's order with `canonical` first)."""
    return yaml.dump(plain(record), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000,
                     default_flow_style=False)
