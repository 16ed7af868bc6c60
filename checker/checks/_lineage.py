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


EARLIER_WORDS = ("第1期", "第2期", "第3期", "第一期", "第二期", "第三期", "前期", "前戦略", "前計画", "これまでの総合戦略",
                 "これまでの戦略", "現行戦略", "現行の総合戦略")
"""Words by which a strategy's texts name the strategy before it."""
VERIFICATION_WORDS = ("総括", "検証結果", "効果検証の結果", "検証の結果", "評価結果", "成果と課題", "達成状況")
"""Words by which they speak of what its verification found."""


def speaks_of_verification(text: str, earlier=EARLIER_WORDS, verification=VERIFICATION_WORDS) -> bool:
    """Whether the strategy's own (normalised) words name the earlier strategy and what its verification
    found: a strategy that says so in its chapters but has no `predecessor` record is not silent about it."""
    return any(w in text for w in earlier) and any(w in text for w in verification)


def told_of_no_predecessor(ctx: Context) -> bool:
    """Whether the pack's rule on the predecessor's verification (PG09) reports this strategy for naming no predecessor."""
    if ctx.strategy.predecessor is not None:
        return False
    from .cooperation import document_text

    for rule in ctx.pack.rules:
        if rule.check == "predecessor_verification_reflected":
            return follows_earlier(ctx.strategy, rule.params.get("first_period_end", FIRST_PERIOD_END)) and not (
                speaks_of_verification(document_text(ctx))
            )
    return False
