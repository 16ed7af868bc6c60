"""Deviation records themselves: a justification is required, records expire, and each must match a finding."""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context, DeviationStatus
from ..engine.registry import Hit, check
from ..graph import NodeType

_ALL_TYPES = tuple(NodeType)


def _hit(ctx: Context, status: DeviationStatus, **params) -> Hit:
    record = status.record
    node = record.node if record.node and record.node in ctx.graph else ctx.root
    return Hit(node, {"rule": record.rule, "target": record.node or ctx.root, **params}, loc=record.loc)


@check(*_ALL_TYPES, provides=["rule", "target"], after_findings=True)
def deviation_has_justification(ctx: Context) -> Iterator[Hit]:
    """A deviation record without a written justification is not applied."""
    for status in ctx.deviations:
        if not (status.record.justification or "").strip():
            yield _hit(ctx, status)


@check(*_ALL_TYPES, provides=["rule", "target", "expires"], after_findings=True)
def deviation_not_expired(ctx: Context) -> Iterator[Hit]:
    """A deviation record past its expiry date is not applied."""
    for status in ctx.deviations:
        expires = status.record.expires
        if expires is not None and expires < ctx.today:
            yield _hit(ctx, status, expires=expires.isoformat())


@check(*_ALL_TYPES, provides=["rule", "target"], after_findings=True)
def deviation_matches_finding(ctx: Context) -> Iterator[Hit]:
    """A deviation record that names an unknown rule or matches no finding is stale."""
    for status in ctx.deviations:
        if status.rule is None or (status.rule.deviable and status.applied == 0):
            yield _hit(ctx, status)


@check(*_ALL_TYPES, provides=["rule", "target"], after_findings=True)
def deviation_rule_deviable(ctx: Context) -> Iterator[Hit]:
    """Some rules concern broken data, not local judgement; a deviation cannot justify them."""
    for status in ctx.deviations:
        if status.rule is not None and not status.rule.deviable:
            yield _hit(ctx, status)
