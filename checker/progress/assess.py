"""The assessment of one strategy's progress: every KPI row judged for every fiscal year, and the
roll-ups per measure, basic direction, goal, pillar, national direction and the strategy.

    from checker.progress import assess
    a = assess(graph, data, scheme, decrease_words=pack.reference.decrease_signals, upto=2024)
    a.rows[0].judgements[2024].label.ja     # 'やや遅れ'
    a.rollup("goal-1", 2024).on_track_share

A row is an indicator (KPI, numerical target, KGI; a supplementary indicator when it has
actual values), or one segment of an indicator measured for several groups.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from ..graph import EdgeType, NodeType, StrategyGraph
from ..model import Indicator
from .data import ProgressData, milestones
from .judge import Judgement, _Values, judge
from .plan import Plan, plan_of
from .schemes import Level, Scheme

ROW_TYPES = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator)
_LEVELS = tuple(Level)


@dataclass
class Row:
    """One judged line of the sheet."""

    kpi: str
    segment: str | None
    type: NodeType
    indicator: Indicator
    plan: Plan
    holder: str | None
    """The goal, direction or measure the indicator is set at (None for a KGI)."""
    values: _Values
    judgements: dict[int, Judgement] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.kpi, self.segment)


@dataclass(frozen=True)
class Rollup:
    """Counts of a group's rows by level and by grade in one fiscal year."""

    levels: dict[str, int]
    grades: dict[str, int]
    rows: int

    @property
    def judged(self) -> int:
        return sum(n for level, n in self.levels.items() if Level(level).judged)

    @property
    def on_track(self) -> int:
        return self.levels.get("achieved", 0) + self.levels.get("on_track", 0)

    @property
    def on_track_share(self) -> Fraction | None:
        """Achieved or on track, as a share of the rows that could be judged (None when none could)."""
        return Fraction(self.on_track, self.judged) if self.judged else None


@dataclass
class Assessment:
    """Every row judged for every year of `years`."""

    graph: StrategyGraph
    data: ProgressData | None
    scheme: Scheme
    years: list[int]
    rows: list[Row]
    upto: int | None

    def rows_of(self, kpi: str) -> list[Row]:
        return [r for r in self.rows if r.kpi == kpi]

    def group(self, node: str) -> list[Row]:
        """The rows below a node: a measure's, direction's or goal's own and those below it; a pillar's and a
        national direction's through the parts that serve them; every row for the strategy."""
        g = self.graph
        if node == g.strategy.id:
            return list(self.rows)
        kind = g.type(node) if g.has_part(node) or node in g else None
        if kind in (NodeType.pillar, NodeType.national_direction):
            edge = EdgeType.contributes_to if kind is NodeType.pillar else EdgeType.aligned_with
            holders = set()
            for part in g.into(node, edge):
                holders.add(part)
                holders.update(g.descendants(part))
        else:
            holders = {node, *g.descendants(node)}
        kpis: set[str] = set()
        for h in holders:
            kpis.update(g.kpis(h))
            kpis.update(g.out(h, EdgeType.has_numerical_target))
        return [r for r in self.rows if r.kpi in kpis]

    def rollup(self, node: str, fy: int) -> Rollup:
        return rollup_of(self.group(node), fy)


def rollup_of(rows: list[Row], fy: int) -> Rollup:
    levels: Counter[str] = Counter()
    grades: Counter[str] = Counter()
    for row in rows:
        j = row.judgements.get(fy)
        if j is None:
            continue
        levels[j.level.value] += 1
        grades[j.key] += 1
    return Rollup({lv.value: levels.get(lv.value, 0) for lv in _LEVELS}, dict(grades), len(rows))


def _holder(g: StrategyGraph, kpi: str, type_: NodeType) -> str | None:
    if type_ is NodeType.numerical_target:
        found = g.into(kpi, EdgeType.has_numerical_target)
        return found[0] if found else None
    if type_ is NodeType.indicator:
        found = g.into(kpi, EdgeType.has_supplementary)
        return found[0] if found else None
    for holder, attrs in ((u, d) for u in g.into(kpi, EdgeType.measured_by) for v, d in g.edges(u, EdgeType.measured_by) if v == kpi):
        if not attrs.get("relisted"):
            return holder
    found = g.into(kpi, EdgeType.measured_by)
    return found[0] if found else None


def _period(g: StrategyGraph) -> tuple[int, int] | None:
    p = g.strategy.period
    return (p.start.fy, p.end.fy) if p is not None else None


def judged_years(g: StrategyGraph, data: ProgressData | None, upto: int | None) -> list[int]:
    """The fiscal years judged: from the period's start (or the first record) up to `upto` (default: the latest record)."""
    recorded = {fy for series in data.actuals.values() for fy in series} | set(data.years) if data else set()
    last = upto if upto is not None else max(recorded, default=None)
    if last is None:
        return []
    period = _period(g)
    first = period[0] if period is not None else min(recorded, default=last)
    return list(range(first, last + 1)) if first <= last else [last]


def assess(graph: StrategyGraph, data: ProgressData | None, scheme: Scheme, *, decrease_words=(), upto: int | None = None) -> Assessment:
    """Judge every row of the strategy for every judged year."""
    years = judged_years(graph, data, upto)
    period = _period(graph)
    rows: list[Row] = []
    for node in graph.nodes(*ROW_TYPES):
        type_ = graph.type(node)
        indicator: Indicator = graph.part(node)
        if type_ is NodeType.indicator and not (data and any(k == node for k, _ in data.actuals)):
            continue
        holder = _holder(graph, node, type_)
        for population, baseline, target in indicator.measurements():
            segment = population if indicator.segments else None
            key = (node, segment)
            marks = milestones(data, key) if data is not None else {}
            plan = plan_of(indicator, baseline, target, period, marks, decrease_words)
            row = Row(node, segment, type_, indicator, plan, holder, _Values(data, node, segment))
            row.judgements = {fy: judge(plan, row.values, fy, scheme) for fy in years}
            rows.append(row)
    return Assessment(graph, data, scheme, years, rows, years[-1] if years else upto)


def assessed(graph: StrategyGraph, data: ProgressData, decrease_words=()) -> Assessment:
    """The assessment of a strategy's progress up to its latest recorded year, computed once per graph and
    records (the progress rules and the audit's summary share it)."""
    key = ("progress-assessment", id(data))
    kept = graph.memo.get(key)
    if kept is None or kept[0] is not data:
        from .schemes import get_scheme

        a = assess(graph, data, data.scheme or get_scheme(), decrease_words=decrease_words)
        # The graph keeps what was judged, not the Assessment (which points back at the graph): no reference
        # cycle, so a strategy's graph, records and judgements are freed when it is done with, without waiting
        # for a full garbage collection (an audit's workers grew by the strategies they had checked).
        graph.memo[key] = (data, a.scheme, a.years, a.rows, a.upto)
        return a
    return Assessment(graph, *kept)
