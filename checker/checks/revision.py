"""Revisions of KPIs and targets (手引き 7-1, 7-2, 7-3): a revision reflects the verification.

When the version a strategy revises is known (`predecessor.file`, or `tebiki diff OLD NEW`), its
indicators are matched with the new version's (by id, then by name and place): a target made less
ambitious, an indicator dropped, or an indicator kept under the same name while what it measures
changed, needs a revision record with the reason (`revisions:`, 手引き 7-2: KPIs are revised on the
results of the verification).  Without the old version, the revision records themselves are
checked: a record of a lowered target, a dropped KPI or a redefinition gives its reason.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.registry import Hit, both, check
from ..graph import NodeType
from ..model import RevisionChange

_INDICATORS = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator)
_WHAT = {
    "lowered": {RevisionChange.target},
    "dropped": {RevisionChange.removed, RevisionChange.replaced},
    "redefined": {RevisionChange.definition, RevisionChange.unit},
}


def _changes(ctx: Context, what: str):
    """The indicator changes of one kind since the predecessor (one comparison per graph)."""
    if ctx.predecessor is None:
        return []
    from ..diff.compare import compare  # only for a strategy whose predecessor is known: `check` stays lean
    from ..diff.judge import indicator_changes

    key = ("revision_changes", id(ctx.predecessor), id(ctx.reference))
    found = ctx.graph.memo.get(key)
    if found is None:
        found = ctx.graph.memo[key] = indicator_changes(compare(ctx.predecessor, ctx.strategy), ctx.reference.decrease_signals)
    return [c for c in found if c.what == what and c.recorded is None]


def _unexplained(ctx: Context, what: str) -> Iterator[Hit]:
    """Revision records of this kind that give no reason, at the record."""
    if not ctx.strategy.revisions:
        return
    from ..diff.judge import unexplained_records

    for record in unexplained_records(ctx.strategy):
        if record.change in _WHAT[what]:
            known = record.kpi in ctx.graph
            change = f"{record.old or '—'} → {record.new or '—'}"
            yield Hit(known and record.kpi or ctx.root, {"name": ctx.graph.name(record.kpi) if known else record.kpi, "change": both(change, change)}, loc=record.loc)


@check(NodeType.strategy, *_INDICATORS, provides=["name", "change"])
def target_lowered_with_reason(ctx: Context) -> Iterator[Hit]:
    """A target made less ambitious than in the predecessor (a worse number, a rise that became a hold, the same number later) is covered by a revision record with its reason."""
    for c in _changes(ctx, "lowered"):
        yield Hit(c.new.id, {"name": c.new.name, "change": both(c.detail, c.detail)})
    yield from _unexplained(ctx, "lowered")


@check(NodeType.strategy, provides=["name", "change"])
def indicator_dropped_with_reason(ctx: Context) -> Iterator[Hit]:
    """An indicator of the predecessor that the revision no longer has is covered by a revision record (removed or replaced) with its reason."""
    loc = ctx.strategy.loc
    for c in _changes(ctx, "dropped"):
        target = c.old.target.text or c.old.target.value if c.old.target is not None else None
        shown = both(f"目標「{target}」" if target is not None else "目標なし", f"target '{target}'" if target is not None else "no target")
        yield Hit(ctx.root, {"name": c.old.name, "change": shown}, loc=loc)
    yield from _unexplained(ctx, "dropped")


@check(NodeType.strategy, *_INDICATORS, provides=["name", "change"])
def indicator_redefined_under_same_name(ctx: Context) -> Iterator[Hit]:
    """An indicator kept under the same name measures the same thing (unit, group, data source, single year or total), or a revision record says what changed and why."""
    for c in _changes(ctx, "redefined"):
        yield Hit(c.new.id, {"name": c.new.name, "change": both(c.detail, c.detail)})
    yield from _unexplained(ctx, "redefined")
