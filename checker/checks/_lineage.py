"""Whether a strategy follows an earlier one (手引き 7-1, 3-5, 3-8), shared by the rule on the predecessor's
verification (PG09) and the rule on carrying on earlier efforts (CO12), so that a strategy silent about what
came before is told once."""

from __future__ import annotations

from ..engine.context import Context

FIRST_PERIOD_END = 2019
"""The last fiscal year of the first local strategies (FY2015–FY2019)."""


def follows_earlier(strategy, first_period_end: int = FIRST_PERIOD_END) -> bool:
    """Whether the strategy's period starts after the first strategies ended, so that an earlier strategy precedes it."""
    return strategy.period is not None and strategy.period.start.fy > first_period_end


def told_of_no_predecessor(ctx: Context) -> bool:
    """Whether the pack's rule on the predecessor's verification (PG09) reports this strategy for naming no predecessor."""
    if ctx.strategy.predecessor is not None:
        return False
    for rule in ctx.pack.rules:
        if rule.check == "predecessor_verification_reflected":
            return follows_earlier(ctx.strategy, rule.params.get("first_period_end", FIRST_PERIOD_END))
    return False
