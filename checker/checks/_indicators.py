"""What the KPI-quality checks share: which indicators they judge, group by group, and how values are shown.

Which indicators: the KGIs, the goals' numerical targets (数値目標) and every KPI defined in
the file.  A 【再掲】 re-listing is a link to the KPI defined elsewhere and is judged there.
Supplementary indicators (補足指標) are related figures that the 手引き neither defines nor asks
targets for; no KQ rule applies to them.  An indicator measured for several groups or kinds of
object (`segments`) is judged segment by segment, and the message names the segment.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Text
from ..graph import NodeType, StrategyGraph
from ..model import Baseline, Indicator, Target
from ..years import Year, YearRange

CHECKED = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi)

ROLE = {
    NodeType.kgi: Text("KGI", "KGI"),
    NodeType.numerical_target: Text("数値目標", "numerical target"),
    NodeType.kpi: Text("KPI", "KPI"),
}

Row = tuple[str | None, Baseline | None, Target | None, tuple[int, int] | None]


def rows(ind: Indicator) -> Iterator[Row]:
    """(segment label, baseline, target, location of the segment) for each group or object measured."""
    if ind.segments:
        for seg in ind.segments:
            yield seg.label, seg.baseline, seg.target, seg.loc
    else:
        yield ind.population, ind.baseline, ind.target, None


def label(g: StrategyGraph, node: str, segment: str | None) -> str:
    """The indicator's name, with the segment it is about: 「名称（対象：…）」."""
    return f"{g.name(node)}（対象：{segment}）" if segment else g.name(node)


def checked(g: StrategyGraph) -> Iterator[tuple[str, Indicator]]:
    """The KGIs, numerical targets and KPIs defined in the file, with their parts."""
    for node in g.nodes(*CHECKED):
        part = g.part(node)
        if isinstance(part, Indicator):
            yield node, part


def start_fy(ctx: Context) -> int | None:
    period = ctx.strategy.period
    return period.start.fy if period is not None else None


def when(year: Year | None, span: YearRange | None) -> str:
    if span is not None:
        return span.text
    return year.text if year is not None else ""


def number(value: float) -> str:
    """A number as a person writes it: 1,362.8, 40,000, 1.49."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def shown(v: Baseline | Target) -> str:
    """A value as printed, or as recorded when no printed text is given."""
    if v.text:
        return v.text
    if v.value is not None:
        return f"{v.value:g}" if isinstance(v.value, float) else str(v.value)
    if v.rank is not None:
        return f"{v.rank_scope or ''}{v.rank}位"
    if isinstance(v, Target) and v.relative is not None:
        return v.relative.value
    return ""


def measured(b: Baseline | None) -> bool:
    """The baseline states a measured figure: a value or a rank."""
    return b is not None and (b.value is not None or b.rank is not None)
