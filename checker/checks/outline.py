"""Outline (手引き 3-3, 3-7, 3-8, 4-1, 4-2; 法第9条・第10条): goals, directions, measures, targets, KPIs exist."""

from __future__ import annotations

import re
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


@check(NodeType.goal, provides=["name"])
def goal_has_directions(ctx: Context) -> Iterator[Hit]:
    """Every goal has at least one basic direction (基本的方向)."""
    g = ctx.graph
    for goal in g.nodes(NodeType.goal):
        if not g.out(goal, EdgeType.has_direction):
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


@check(NodeType.goal, provides=["name"])
def goal_has_numerical_target(ctx: Context) -> Iterator[Hit]:
    """Every goal has a numerical target (数値目標), or at least goal-level KPIs that serve as one."""
    g = ctx.graph
    for goal in g.nodes(NodeType.goal):
        if not g.out(goal, EdgeType.has_numerical_target) and not g.kpis(goal):
            yield Hit(goal, {"name": g.name(goal)})


@check(NodeType.measure, provides=["name", "goal"])
def measure_covered_by_kpi(ctx: Context) -> Iterator[Hit]:
    """Every measure is covered by a KPI set for it, for a direction above it, or for its goal (4-2 ①②③)."""
    g = ctx.graph
    for measure in g.nodes(NodeType.measure):
        if not g.covering_kpis(measure):
            yield Hit(measure, {"name": g.name(measure), "goal": g.goal_name(measure)})


_PLACEHOLDER = re.compile(r"[○〇◯]{2,}|[×✕]{2,}")
"""「○○」, 「〇〇」 and 「××」: what a template (`tebiki init`) or a draft leaves to be filled in."""
_TEXT_FIELDS = ("label", "name", "text", "unit", "data_source", "population")
_PLACEHOLDER_TYPES = (NodeType.vision, NodeType.pillar, NodeType.kgi, NodeType.goal, NodeType.direction,
                      NodeType.measure, NodeType.numerical_target, NodeType.kpi, NodeType.indicator)


def _placeholders(part) -> list[tuple[str, str]]:
    """(field, text) of the part's own texts that still hold a placeholder."""
    found = []
    for key in (*_TEXT_FIELDS, "projects"):
        value = getattr(part, key, None)
        for text in (value if isinstance(value, list) else [value]):
            if isinstance(text, str) and _PLACEHOLDER.search(text):
                found.append((key, text))
    for value in (getattr(part, "baseline", None), getattr(part, "target", None)):
        text = getattr(value, "text", None)
        if isinstance(text, str) and _PLACEHOLDER.search(text):
            found.append(("baseline" if value is part.baseline else "target", text))
    return found


@check(*_PLACEHOLDER_TYPES, provides=["kind", "fields", "text"])
def placeholder_left(ctx: Context) -> Iterator[Hit]:
    """No placeholder (○○, 〇〇, ××) is left in the strategy's content: the vision, goals, basic
    directions, measures and their projects, and the indicators.  The body's name and the titles
    of documents are not read: 「○○市」 is the usual way to write an anonymised example."""
    g = ctx.graph
    for node in g.nodes(*_PLACEHOLDER_TYPES):
        found = _placeholders(g.part(node))
        if found:
            fields = ", ".join(dict.fromkeys(key for key, _ in found))
            text = found[0][1] if len(found[0][1]) <= 40 else found[0][1][:39] + "…"
            yield Hit(node, {"kind": _KIND_NAMES[g.type(node)], "fields": fields, "text": text})


_KIND_NAMES = {
    NodeType.vision: Text("地域ビジョン", "the regional vision"), NodeType.pillar: Text("取組の柱", "a pillar"),
    NodeType.kgi: Text("KGI", "a KGI"), NodeType.goal: Text("目標", "a goal"),
    NodeType.direction: Text("基本的方向", "a basic direction"), NodeType.measure: Text("具体的な施策", "a measure"),
    NodeType.numerical_target: Text("数値目標", "a numerical target"), NodeType.kpi: Text("KPI", "a KPI"),
    NodeType.indicator: Text("補足指標", "a supplementary indicator"),
}
