"""Period (手引き 3-2, 3-8, 4-1): the strategy period is stated, five fiscal years, and set with the national one in mind.

3-2 lets a local government choose another period for local circumstances.  The
strategy records that choice in `period.reason`; a stated (non-blank) reason
satisfies the length and alignment rules, so they report nothing.  The tool
does not judge the reason itself: it is printed in the strategy for a reviewer
to read.  A deviation record (``deviations:``) is the other way to justify the
finding; it keeps the finding visible as a justified deviation.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..engine.context import Context
from ..engine.registry import Hit, check
from ..graph import NodeType
from ..text import norm

# "5年間", "5か年", "5ヵ年", "５ヶ年" ... in the printed sentence (NFKC, no spaces).
_YEARS_IN_TEXT = re.compile(r"(\d+)(?:[かカヵヶケ箇]年|年間)")


def _reason_stated(period) -> bool:
    return bool((period.reason or "").strip())


@check(NodeType.strategy)
def period_stated(ctx: Context) -> Iterator[Hit]:
    """The strategy states its period (first and last fiscal year)."""
    if ctx.strategy.period is None:
        yield Hit(ctx.root)


@check(NodeType.strategy, provides=["start", "end", "years", "expected", "national_start", "national_end"])
def period_length(ctx: Context) -> Iterator[Hit]:
    """The period spans as many fiscal years as the national strategy of the pack (five), or a reason for another length is stated.

    A period of another length is also out of step with the national period; it is reported
    here once, with the national period, and not again by period_aligned_with_national.
    """
    period = ctx.strategy.period
    if period is None or _reason_stated(period):
        return
    national = ctx.reference.national_strategy
    expected_years = national.end - national.start + 1
    if period.fiscal_years != expected_years:
        yield Hit(
            ctx.root,
            {
                "start": period.start.text,
                "end": period.end.text,
                "years": period.fiscal_years,
                "expected": expected_years,
                "national_start": national.start,
                "national_end": national.end,
            },
            loc=period.loc,
        )


@check(NodeType.strategy, provides=["start", "end", "national", "national_start", "national_end"])
def period_aligned_with_national(ctx: Context) -> Iterator[Hit]:
    """A period as long as the national strategy's starts and ends with it, or a reason for another period is stated
    (a period of another length is reported once, by period_length)."""
    period = ctx.strategy.period
    if period is None or _reason_stated(period):
        return
    national = ctx.reference.national_strategy
    if period.fiscal_years != national.end - national.start + 1:
        return  # period_length reports the period once
    if period.start.fy != national.start or period.end.fy != national.end:
        yield Hit(
            ctx.root,
            {
                "start": period.start.text,
                "end": period.end.text,
                "national": national.title,
                "national_start": national.start,
                "national_end": national.end,
            },
            loc=period.loc,
        )


@check(NodeType.strategy, provides=["start", "end", "years", "printed"])
def period_text_matches_years(ctx: Context) -> Iterator[Hit]:
    """A length printed in the period's sentence (e.g. 「5年間」, 「5か年」) agrees with its first and last fiscal year."""
    period = ctx.strategy.period
    if period is None or not period.text:
        return
    printed = _YEARS_IN_TEXT.findall(norm(period.text))
    if printed and str(period.fiscal_years) not in printed:
        match = _YEARS_IN_TEXT.search(norm(period.text))
        yield Hit(
            ctx.root,
            {"start": period.start.text, "end": period.end.text, "years": period.fiscal_years, "printed": match[0]},
            loc=period.loc,
        )
