"""What a revision did to indicators (手引き 7-1, 7-2): targets lowered, indicators dropped, and
indicators kept under the same name whose definition changed — and whether the revision records
why (`Strategy.revisions`, a `KpiRevision` with a reason).

Used by the revision rules (checker/checks/revision.py) and by `tebiki diff`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Aggregate, Better, Indicator, KpiRevision, Relative, RevisionChange, Strategy, Target
from ..text import norm
from .compare import Comparison, printed
from .parts import INDICATOR_KINDS

_UP = {Relative.increase, Relative.increase_on_previous_year, Relative.above_national_average, Relative.above_prefectural_average}
_STEADY = {Relative.maintain, Relative.at_least_current}
_DOWN = {Relative.decrease, Relative.decrease_on_previous_year, Relative.below_national_average}

DEFINITION_FIELDS = ("unit", "population", "data_source")
"""What an indicator measures besides its name: a change keeps the name but not the series."""


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator of the old version and what became of it in the new one."""

    old: Indicator
    new: Indicator | None
    """None when it was dropped."""
    what: str
    """lowered, dropped or redefined."""
    detail: str = ""
    """For lowered and redefined: what changed, as printed (e.g. '73% → 70%', 'unit: 人 → 世帯')."""
    recorded: KpiRevision | None = None
    """The revision record that covers it, with a reason."""


def better(ind: Indicator, decrease_words: list[str]) -> Better:
    """Which way the indicator should move: as declared, else lower when its name has a word of decrease."""
    if ind.better is not None:
        return ind.better
    name = norm(ind.name)
    return Better.lower if any(norm(w) in name for w in decrease_words) else Better.higher


def _target_value(t: Target) -> float | None:
    return float(t.value) if t.value is not None and t.bound is None else None


def _same_basis(a: Target, b: Target) -> bool:
    if a.aggregate != b.aggregate:
        return False
    if a.aggregate is Aggregate.sum and a.period is not None and b.period is not None:
        return a.period.fiscal_years == b.period.fiscal_years
    return True


def lowered(old: Indicator, new: Indicator, decrease_words: list[str]) -> str | None:
    """How the new target is less ambitious than the old one ('73% → 70%'), or None.

    Numbers on the same basis compare by the indicator's better direction; a relative target that
    asks for a rise becomes one that asks only to hold or to fall; the same number is put off to a
    later year.
    """
    a, b = old.target, new.target
    if a is None or b is None or old.segments or new.segments:
        return None
    shown = f"{printed(a.text or a.value)} → {printed(b.text or b.value)}"
    up = better(new, decrease_words) is Better.higher
    va, vb = _target_value(a), _target_value(b)
    if va is not None and vb is not None and _same_basis(a, b) and (old.unit or "") == (new.unit or ""):
        if (up and vb < va) or (not up and vb > va):
            return shown
        if va == vb and a.year is not None and b.year is not None and b.year.fy > a.year.fy:
            return f"{shown} ({a.year.text} → {b.year.text})"
        return None
    if a.relative is not None and b.relative is not None:
        rising = _UP if up else _DOWN
        if a.relative in rising and (b.relative in _STEADY or b.relative not in rising):
            return shown
    return None


def redefined(old: Indicator, new: Indicator) -> str | None:
    """What changed in what a same-named indicator measures ('unit: 人 → 世帯'), or None."""
    if norm(old.name) != norm(new.name):
        return None
    diffs = [f"{f}: {getattr(old, f) or '—'} → {getattr(new, f) or '—'}" for f in DEFINITION_FIELDS
             if norm(getattr(old, f) or "") != norm(getattr(new, f) or "")]
    ta, tb = old.target, new.target
    if ta is not None and tb is not None and ta.aggregate != tb.aggregate and ta.value is not None and tb.value is not None:
        diffs.append(f"aggregate: {ta.aggregate.value if ta.aggregate else 'single year'} → {tb.aggregate.value if tb.aggregate else 'single year'}")
    if [s.population for s in old.segments] != [s.population for s in new.segments] and (old.segments or new.segments):
        diffs.append("segments: " + "、".join(s.population for s in old.segments) + " → " + "、".join(s.population for s in new.segments))
    return "; ".join(diffs) or None


_COVERS = {
    "lowered": {RevisionChange.target},
    "dropped": {RevisionChange.removed, RevisionChange.replaced},
    "redefined": {RevisionChange.definition, RevisionChange.unit},
}


def record_for(strategy: Strategy, what: str, ids: set[str]) -> KpiRevision | None:
    """The revision record of the strategy that covers a change of one of these indicator ids, with a reason."""
    for record in strategy.revisions:
        if record.kpi in ids and record.change in _COVERS[what] and (record.reason or "").strip():
            return record
    return None


def indicator_changes(comparison: Comparison, decrease_words: list[str]) -> list[IndicatorChange]:
    """Targets lowered, indicators dropped and same-named indicators redefined, in the old version's order."""
    out = []
    for key, part in comparison.old_parts.items():
        if part.kind not in INDICATOR_KINDS:
            continue
        old = part.obj
        new_key = comparison.pairs.get(key)
        if new_key is None:
            out.append(IndicatorChange(old, None, "dropped", recorded=record_for(comparison.new, "dropped", {old.id})))
            continue
        new = comparison.new_parts[new_key].obj
        ids = {old.id, new.id}
        how = lowered(old, new, decrease_words)
        if how:
            out.append(IndicatorChange(old, new, "lowered", how, record_for(comparison.new, "lowered", ids)))
        how = redefined(old, new)
        if how:
            out.append(IndicatorChange(old, new, "redefined", how, record_for(comparison.new, "redefined", ids)))
    return out


def unexplained_records(strategy: Strategy) -> list[KpiRevision]:
    """Revision records of a lowered target, a dropped or replaced KPI, or a redefinition, that give no reason."""
    covered = set().union(*_COVERS.values())
    return [r for r in strategy.revisions if r.change in covered and not (r.reason or "").strip()]
