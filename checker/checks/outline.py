"""Outline (手引き 3-3, 3-7, 3-8, 4-1, 4-2; 法第9条・第10条): goals, directions, measures, targets, KPIs exist."""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Text
from ..engine.registry import Hit, check
from ..graph import EdgeType, NodeType


@check(NodeType.strategy)
def strategy_has_goals(ctx: Context) -> Iterator[Hit]:
    """The strategy sets at least one goal (目標)."""
    if not ctx.graph.nodes(NodeType.goal):
        yield Hit(ctx.root)


@check(NodeType.strategy)
def strategy_has_directions(ctx: Context) -> Iterator[Hit]:
    """A strategy with goals states basic directions (基本的方向) for at least one of them."""
    g = ctx.graph
    goals = g.nodes(NodeType.goal)
    if goals and not any(g.out(goal, EdgeType.has_direction) for goal in goals):
        yield Hit(ctx.root)


@check(NodeType.goal, provides=["name"])
def goal_has_directions(ctx: Context) -> Iterator[Hit]:
    """Every goal has at least one basic direction (基本的方向); when no goal has one, the whole strategy is reported once instead."""
    g = ctx.graph
    goals = g.nodes(NodeType.goal)
    without = [goal for goal in goals if not g.out(goal, EdgeType.has_direction)]
    if len(without) == len(goals):
        return  # strategy_has_directions reports the whole strategy once
    for goal in without:
        yield Hit(goal, {"name": g.name(goal)})


@check(NodeType.strategy)
def strategy_has_measures(ctx: Context) -> Iterator[Hit]:
    """The strategy lists at least one specific measure (具体的な施策)."""
    g = ctx.graph
    if g.nodes(NodeType.goal) and not g.nodes(NodeType.measure):
        yield Hit(ctx.root)


@check(NodeType.goal, provides=["name"])
def goal_has_measures(ctx: Context) -> Iterator[Hit]:
    """Every goal (policy area) has at least one specific measure somewhere below it."""
    g = ctx.graph
    if not g.nodes(NodeType.measure):
        return  # strategy_has_measures reports the whole strategy once
    for goal in g.nodes(NodeType.goal):
        if g.out(goal, EdgeType.has_direction) and not g.descendants(goal, NodeType.measure):
            yield Hit(goal, {"name": g.name(goal)})


_DASH_NOTE = Text("（原文では「－」：取組の柱に該当する施策なし）", " (marked '－' in the source: no measure under a vision pillar)")
_NO_NOTE = Text("", "")


@check(NodeType.direction, provides=["name", "goal", "note"])
def direction_has_measures(ctx: Context) -> Iterator[Hit]:
    """A basic direction with no sub-directions lists measures; a '－' mark is noted, not excused."""
    g = ctx.graph
    for direction in g.nodes(NodeType.direction):
        if g.out(direction, EdgeType.has_direction, EdgeType.has_measure):
            continue
        note = _DASH_NOTE if g.part(direction).no_pillar_measures else _NO_NOTE
        yield Hit(direction, {"name": g.name(direction), "goal": g.goal_name(direction), "note": note})


def _qualitative(g, goal: str) -> bool:
    return bool(getattr(g.part(goal), "qualitative", False))


@check(NodeType.goal, provides=["name"])
def goal_has_numerical_target(ctx: Context) -> Iterator[Hit]:
    """Every goal has a numerical target (数値目標), or at least goal-level KPIs that serve as one.

    A goal the strategy declares qualitative (`qualitative: true`, 4-1) is left to OL09."""
    g = ctx.graph
    for goal in g.nodes(NodeType.goal):
        if _qualitative(g, goal):
            continue
        if not g.out(goal, EdgeType.has_numerical_target) and not g.kpis(goal):
            yield Hit(goal, {"name": g.name(goal)})


@check(NodeType.goal, provides=["name"])
def qualitative_goal_verifiable(ctx: Context) -> Iterator[Hit]:
    """A goal declared qualitative (`qualitative: true`) can be verified: by an objective indicator (a numerical
    target or a KPI of its own, 4-1) or through the KPIs of the directions and measures below it (7-2)."""
    g = ctx.graph
    for goal in g.nodes(NodeType.goal):
        if not _qualitative(g, goal) or g.out(goal, EdgeType.has_numerical_target) or g.kpis(goal):
            continue
        if not any(g.kpis(node) for node in g.descendants(goal)):
            yield Hit(goal, {"name": g.name(goal)})


@check(NodeType.measure, provides=["name", "goal"])
def measure_covered_by_kpi(ctx: Context) -> Iterator[Hit]:
    """Every measure is covered by a KPI set for it, for a direction above it, or for its goal (4-2 ①②③)."""
    g = ctx.graph
    for measure in g.nodes(NodeType.measure):
        if not g.covering_kpis(measure):
            yield Hit(measure, {"name": g.name(measure), "goal": g.goal_name(measure)})
