"""Revisions of KPIs and targets (手引き 7-1, 7-2, 7-3): a revision reflects the verification.

When the version a strategy revises is known (`predecessor.file`, or `tebiki diff OLD NEW`), its
indicators are matched with the new version's (by id, then by name and place): a target made less
ambitious, an indicator dropped, or an indicator kept under the same name while what it measures
changed, needs a revision record with the reason (`revisions:`, 手引き 7-2: KPIs are revised on the
results of the verification).  Without the old version, the revision records themselves are
checked: a record of a lowered target, a dropped KPI or a redefinition gives its reason.  A reason
in a year's progress record counts too, and each change is reported once (see `_revised`).
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.registry import Hit, both, check
from ..graph import NodeType
from ._revised import of_kind

_INDICATORS = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator)


def _record_hit(ctx: Context, record) -> Hit:
    """A hit at a revision record of the strategy that gives no reason."""
    known = record.kpi in ctx.graph
    change = f"{record.old or '—'} → {record.new or '—'}"
    return Hit(known and record.kpi or ctx.root, {"name": ctx.graph.name(record.kpi) if known else record.kpi,
                                                  "change": both(change, change)}, loc=record.loc)


@check(NodeType.strategy, *_INDICATORS, provides=["name", "change"])
def target_lowered_with_reason(ctx: Context) -> Iterator[Hit]:
    """A target made less ambitious than in the predecessor (a worse number, a rise that became a hold, the same
    number later), or a target revision recorded in `revisions` that does not raise it, gives its reason (in the
    strategy's `revisions` or a year's progress record); each indicator's change is reported once."""
    for u in of_kind(ctx, "lowered"):
        if u.change is not None:
            yield Hit(u.change.new.id, {"name": u.change.new.name, "change": both(u.change.detail, u.change.detail)})
        else:
            yield _record_hit(ctx, u.record)


@check(NodeType.strategy, provides=["name", "change"])
def indicator_dropped_with_reason(ctx: Context) -> Iterator[Hit]:
    """An indicator of the predecessor that the revision no longer has, or a removal recorded in `revisions`, gives
    its reason (a removed or replaced record with a reason, here or in a year's progress record); once per indicator."""
    loc = ctx.strategy.loc
    for u in of_kind(ctx, "dropped"):
        if u.change is None:
            yield _record_hit(ctx, u.record)
            continue
        old = u.change.old
        target = old.target.text or old.target.value if old.target is not None else None
        shown = both(f"目標「{target}」" if target is not None else "目標なし", f"target '{target}'" if target is not None else "no target")
        yield Hit(ctx.root, {"name": old.name, "change": shown}, loc=loc)


@check(NodeType.strategy, *_INDICATORS, provides=["name", "change"])
def indicator_redefined_under_same_name(ctx: Context) -> Iterator[Hit]:
    """An indicator kept under the same name measures the same thing (unit, group, data source, single year or
    total), or a revision record (here or in a year's progress record) says what changed and why; once per indicator."""
    for u in of_kind(ctx, "redefined"):
        if u.change is not None:
            yield Hit(u.change.new.id, {"name": u.change.new.name, "change": both(u.change.detail, u.change.detail)})
        else:
            yield _record_hit(ctx, u.record)
