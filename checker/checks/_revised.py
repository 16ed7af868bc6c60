"""One fact, one finding: KPI and target revisions seen by both the revision rules and the progress rules.

A change to an indicator can show in three places: the comparison with the version the strategy
revises (`predecessor.file`), the strategy's own `revisions:`, and the `revisions` of a year's
progress record.  The revision rules (RV01–RV03) report what the revised strategy shows; the
progress rules on revisions (PG07, PG08) report what only the years' records show.  A reason
written in either place explains the change for both.

The fact a finding is about is the indicator and the class of change: ``lowered`` (its target),
``dropped`` (removed or replaced) or ``redefined`` (definition or unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..engine.context import Context
from ..model import KpiRevision, RevisionChange

CLASSES = {
    RevisionChange.target: "lowered",
    RevisionChange.removed: "dropped",
    RevisionChange.replaced: "dropped",
    RevisionChange.definition: "redefined",
    RevisionChange.unit: "redefined",
}
"""The class of change a revision record is about (other changes have none)."""


@dataclass(frozen=True)
class Unexplained:
    """A change the revised strategy shows with no recorded reason: what the revision rules report."""

    what: str
    """lowered, dropped or redefined."""
    ids: frozenset[str]
    """The indicator ids it concerns (old and new)."""
    change: object | None = None
    """The comparison's `IndicatorChange`, when the change was found by comparing versions."""
    record: KpiRevision | None = None
    """The strategy's revision record without a reason, when it was found from the records."""


def _given(text: str | None) -> bool:
    return bool((text or "").strip())


def explained_in_progress(ctx: Context) -> set[tuple[str, str]]:
    """(indicator id, class) of the changes a year's progress record gives a reason for."""
    data = ctx.progress
    if data is None:
        return set()
    return {(r.item.kpi, CLASSES[r.item.change]) for r in data.revisions
            if r.item.change in CLASSES and _given(r.item.reason)}


def _raised(ctx: Context, record: KpiRevision) -> bool:
    """Whether a target record shows the target made harder to reach (so it lowers nothing)."""
    from ..diff.judge import better
    from ..model import Better
    from ..progress.facts import first_number

    if record.kpi not in ctx.graph or not ctx.graph.has_part(record.kpi):
        return False
    old, new = first_number(record.old), first_number(record.new)
    if old is None or new is None:
        return False
    up = better(ctx.graph.part(record.kpi), ctx.reference.decrease_signals) is Better.higher
    return (new > old) if up else (new < old)


def unexplained(ctx: Context) -> list[Unexplained]:
    """The changes the revised strategy shows with no reason recorded anywhere, each once (computed once per graph).

    From the comparison with the predecessor first; then the strategy's records without a reason that
    no comparison already reports.  A change a progress record explains is left out."""
    key = ("unexplained_revisions", id(ctx.predecessor), id(ctx.progress), id(ctx.reference))
    found = ctx.graph.memo.get(key)
    if found is not None:
        return found
    explained = explained_in_progress(ctx)
    found = []
    if ctx.predecessor is not None:
        from ..diff.compare import compare  # only for a strategy whose predecessor is known: `check` stays lean
        from ..diff.judge import indicator_changes

        for c in indicator_changes(compare(ctx.predecessor, ctx.strategy), ctx.reference.decrease_signals):
            ids = frozenset(i.id for i in (c.old, c.new) if i is not None)
            if c.recorded is None and not any((i, c.what) in explained for i in ids):
                found.append(Unexplained(c.what, ids, change=c))
    reported = {(i, u.what) for u in found for i in u.ids}
    if ctx.strategy.revisions:
        from ..diff.judge import unexplained_records

        for record in unexplained_records(ctx.strategy):
            what = CLASSES[record.change]
            if (record.kpi, what) in reported or (record.kpi, what) in explained:
                continue
            if what == "lowered" and _raised(ctx, record):
                continue
            reported.add((record.kpi, what))
            found.append(Unexplained(what, frozenset({record.kpi}), record=record))
    ctx.graph.memo[key] = found
    return found


def reported_by_revision_rules(ctx: Context) -> set[tuple[str, str]]:
    """(indicator id, class) of every change the revision rules report: the progress rules leave these to them."""
    return {(i, u.what) for u in unexplained(ctx) for i in u.ids}


def of_kind(ctx: Context, what: str) -> Iterator[Unexplained]:
    return (u for u in unexplained(ctx) if u.what == what)
