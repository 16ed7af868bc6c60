"""Facts about a strategy's progress that the rules, the sheet and the audit share: which fiscal
years are due, which actual values are missing, which measures are behind, how each year was
verified.

A fiscal year runs from April to March; its actual values are due `due_months` after it ends
(statistics and surveys take time), and its verification (the meeting, the assembly, the
publication) during the following fiscal year.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..model import Decision, KpiRevision, Strategy
from ..model.lineage import RevisionChange
from ..text import norm
from .assess import Assessment, Row
from .data import ProgressData
from .load import YearSource

ENDED = (Decision.abolish, Decision.merge, Decision.complete)


def due_date(fy: int, months: int) -> _dt.date:
    """The day from which fiscal year `fy`'s figures are expected: `months` after the year ends (31 March)."""
    month = 4 + months
    return _dt.date(fy + 1 + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def is_due(fy: int, today: _dt.date, months: int) -> bool:
    return today >= due_date(fy, months)


def period(strategy: Strategy) -> tuple[int, int] | None:
    p = strategy.period
    return (p.start.fy, p.end.fy) if p is not None else None


def recorded_years(data: ProgressData) -> set[int]:
    """Fiscal years with a record or at least one actual value."""
    return set(data.years) | {fy for series in data.actuals.values() for fy in series}


def due_years(strategy: Strategy, data: ProgressData, today: _dt.date, months: int) -> list[int]:
    """The fiscal years of the period whose actual values are due by `today`."""
    span = period(strategy)
    if span is None:
        return sorted(fy for fy in recorded_years(data) if is_due(fy, today, months))
    return [fy for fy in range(span[0], span[1] + 1) if is_due(fy, today, months)]


def ended_measures(data: ProgressData) -> dict[str, int]:
    """Measures (or other parts) stopped, merged or completed, with the fiscal year of that decision."""
    ended: dict[str, int] = {}
    for (node, fy), rec in data.evaluations.items():
        if rec.item.decision in ENDED:
            ended[node] = min(fy, ended.get(node, fy))
    return ended


def revision_year(revision: KpiRevision, fallback: int) -> int:
    return revision.date.fy if revision.date is not None else fallback


def required_span(data: ProgressData, kpi: str) -> tuple[int | None, int | None]:
    """(first, last) fiscal year an indicator's actual values are required, from its recorded revisions:
    not before it was added, not from the year it was removed or replaced."""
    first = last = None
    for rec in data.revisions:
        revision: KpiRevision = rec.item
        if revision.kpi != kpi:
            continue
        fy = revision_year(revision, rec.record_fy)
        if revision.change is RevisionChange.added:
            first = fy if first is None else max(first, fy)
        elif revision.change in (RevisionChange.removed, RevisionChange.replaced):
            last = fy - 1 if last is None else min(last, fy - 1)
    return first, last


def required(a: Assessment, row: Row, fy: int, ended: dict[str, int]) -> bool:
    """Whether `row` needs an actual value for fiscal year `fy`."""
    if a.data is None:
        return False
    first, last = required_span(a.data, row.kpi)
    if (first is not None and fy < first) or (last is not None and fy > last):
        return False
    g = a.graph
    holders = [row.holder, *g.ancestors(row.holder)] if row.holder and g.has_part(row.holder) else []
    return not any(h in ended and fy > ended[h] for h in holders)


@dataclass(frozen=True)
class MissingActual:
    """An indicator without actual values for due years (one per indicator, listing years and segments)."""

    kpi: str
    years: tuple[int, ...]
    segments: tuple[str, ...]
    empty: bool
    """At least one year has a record without a value and without a note saying why."""


def missing_actuals(a: Assessment, today: _dt.date, months: int, types=None) -> tuple[list[int], list[MissingActual]]:
    """(fiscal years with no record at all, indicators missing values in the other due years)."""
    data = a.data
    if data is None:
        return [], []
    years = due_years(data.strategy, data, today, months)
    recorded = recorded_years(data)
    unrecorded = [fy for fy in years if fy not in recorded]
    ended = ended_measures(data)
    found: dict[str, dict] = {}
    for row in a.rows:
        if types is not None and row.type.value not in types:
            continue
        for fy in years:
            if fy in unrecorded or not required(a, row, fy, ended):
                continue
            actual = row.values.get(fy)
            if actual is not None and (actual.value is not None or (actual.note or "").strip()):
                continue
            entry = found.setdefault(row.kpi, {"years": set(), "segments": set(), "empty": False})
            entry["years"].add(fy)
            if row.segment:
                entry["segments"].add(row.segment)
            entry["empty"] |= actual is not None
    missing = [MissingActual(k, tuple(sorted(v["years"])), tuple(sorted(v["segments"])), v["empty"]) for k, v in found.items()]
    return unrecorded, missing


def lagging_by_holder(a: Assessment, fy: int) -> dict[str, list[Row]]:
    """The rows behind their trajectory in `fy`, grouped by the goal, direction or measure they are set at."""
    groups: dict[str, list[Row]] = {}
    for row in a.rows:
        j = row.judgements.get(fy)
        if j is not None and j.level.lagging and row.holder is not None and a.graph.has_part(row.holder):
            groups.setdefault(row.holder, []).append(row)
    return groups


@dataclass(frozen=True)
class VerificationState:
    """How one fiscal year's verification is recorded: True (done), False (recorded as not done), None (not recorded)."""

    experts: bool | None
    assembly: bool | None
    published: bool | None
    recorded: bool


def verification_state(source: YearSource | None) -> VerificationState:
    v = source.record.verification if source is not None else None
    if v is None:
        return VerificationState(None, None, None, False)
    flags = [m.external_experts for m in v.meetings]
    experts = True if any(flags) else (False if flags and all(f is False for f in flags) else None)
    assembly = True if v.assembly is not None and (v.assembly.date or v.assembly.form or v.assembly.committee) else None
    pub = v.publication
    if pub is None:
        published = None
    elif pub.published is not None:
        published = pub.published
    else:
        published = True if (pub.url or pub.date) else None
    return VerificationState(experts, assembly, published, True)


_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def first_number(text: str | None) -> float | None:
    """The first number in a printed value ('95%（令和9年度）' → 95.0), or None."""
    if not text:
        return None
    m = _NUMBER.search(norm(text).replace("△", "-").replace("▲", "-"))
    return float(m.group().replace(",", "")) if m else None


def lowered(revision: KpiRevision, direction: int) -> bool | None:
    """Whether a target revision makes the target easier (lower for higher-is-better), or None if it cannot be told."""
    if revision.change is not RevisionChange.target:
        return None
    old, new = first_number(revision.old), first_number(revision.new)
    if old is None or new is None:
        return None
    return (new - old) * direction < 0
