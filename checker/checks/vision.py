"""Regional vision (手引き 3-6): the vision is stated, and its pillars (取組の柱) are carried by goals, measures and KPIs.

How parts reach a pillar (取組の柱):

- a goal reaches it when the goal, or any direction or measure below it, contributes to it;
- a measure reaches it when it contributes itself (declared ``pillars:`` or the ● ``pillar_mark``,
  which the graph turns into links to its goal's pillars), or a basic direction or goal above it
  declares the pillar.  A goal whose measures carry the source's marks (● ``pillar_mark``, or the
  「－」 ``no_pillar_measures`` of a direction) says itself which measures serve its pillars, so
  its pillars are then not handed down;
- a KPI reaches it when it covers a measure that reaches it, or is set on a goal or direction
  that contributes to it.
"""

from __future__ import annotations

import re
from typing import Iterator, Literal

from ..engine.context import Context
from ..engine.registry import Hit, check
from ..graph import NodeType, StrategyGraph
from ..text import norm
from ..engine.finding import Text
from ._signals import quote, quote_en, subtree

_QUOTES = str.maketrans("", "", "「」『』\"'“”")
_WORDLIKE = re.compile(r"^[\u30A0-\u30FFA-Za-z0-9]{6,}$")


def _pillars(g: StrategyGraph) -> list[str]:
    return g.nodes(NodeType.pillar)


def _marks_measures(g: StrategyGraph, goal: str) -> bool:
    """The goal's measures carry the source's ● marks (or a direction's 「－」): the marks say which serve its pillars."""
    key = ("marks_measures", goal)
    marked = g.memo.get(key)
    if marked is None:
        marked = g.memo[key] = any(
            getattr(g.part(n), "pillar_mark", False) or getattr(g.part(n), "no_pillar_measures", False)
            for n in g.descendants(goal, NodeType.measure, NodeType.direction)
        )
    return marked


def measure_pillars(g: StrategyGraph, measure: str) -> set[str]:
    """Pillars a measure serves: its own links, or those declared on a basic direction above it, or on its goal
    unless the goal's measures carry ● marks (cached per graph)."""
    key = ("measure_pillars", measure)
    found = g.memo.get(key)
    if found is None:
        found = set(g.pillars(measure))
        for up in g.ancestors(measure):
            kind = g.type(up)
            if kind is NodeType.direction or (kind is NodeType.goal and not _marks_measures(g, up)):
                found.update(g.pillars(up))
        g.memo[key] = found
    return set(found)


def goal_pillars(g: StrategyGraph, goal: str) -> set[str]:
    """Pillars a goal reaches: its own or those of any direction or measure below it."""
    return {p for n in subtree(g, goal) for p in g.pillars(n)}


def _reached_by_goal(g: StrategyGraph) -> set[str]:
    return {p for goal in g.nodes(NodeType.goal) for p in goal_pillars(g, goal)}


def _reached_by_measure(g: StrategyGraph) -> set[str]:
    return {p for m in g.nodes(NodeType.measure) for p in measure_pillars(g, m)}


def _reached_by_kpi(g: StrategyGraph) -> set[str]:
    reached: set[str] = set()
    for m in g.nodes(NodeType.measure):
        if g.covering_kpis(m):
            reached |= measure_pillars(g, m)
    for node in g.nodes(NodeType.goal, NodeType.direction):
        if g.kpis(node):
            reached.update(g.pillars(node))
    return reached


def _reached(g: StrategyGraph, how) -> set[str]:
    """`how(g)`, computed once per graph (the three pillar_reached rules ask for the same sets)."""
    key = ("pillars_reached", how.__name__)
    if key not in g.memo:
        g.memo[key] = how(g)
    return g.memo[key]


@check(NodeType.strategy, NodeType.vision)
def vision_stated(ctx: Context) -> Iterator[Hit]:
    """The strategy states its regional vision (地域ビジョン): a `vision` with a name or a text."""
    vision = ctx.strategy.vision
    if vision is None:
        yield Hit(ctx.root)
    elif not ((vision.name or "").strip() or (vision.text or "").strip()):
        yield Hit(vision.id)


@check(NodeType.pillar, provides=["name"])
def pillar_reached(ctx: Context, *, by: Literal["goal", "measure", "kpi"]) -> Iterator[Hit]:
    """Every pillar of the vision is reached by a goal, a measure or a KPI (`by`); each pillar is reported for its first missing link only (no goal, else no measure, else no KPI)."""
    g = ctx.graph
    pillars = _pillars(g)
    if not pillars:
        return
    goals = _reached(g, _reached_by_goal)
    measures = _reached(g, _reached_by_measure)
    kpis = _reached(g, _reached_by_kpi) if by == "kpi" else set()
    for pillar in pillars:
        if by == "goal":
            missing = pillar not in goals
        elif by == "measure":
            missing = pillar in goals and pillar not in measures
        else:
            missing = pillar in goals and pillar in measures and pillar not in kpis
        if missing:
            yield Hit(pillar, {"name": g.name(pillar)})


@check(NodeType.strategy, NodeType.measure, provides=["count", "total", "names"])
def measure_serves_pillar(ctx: Context) -> Iterator[Hit]:
    """When the vision has pillars, every measure serves one (declared `pillars:`, the ● mark, or a direction or goal
    above it that declares one); those that do not are listed in one finding for the strategy, at the first of them."""
    g = ctx.graph
    if not _pillars(g):
        return
    measures = g.nodes(NodeType.measure)
    outside = [m for m in measures if not measure_pillars(g, m)]
    if outside:
        names = [g.name(m) for m in outside]
        listed = Text(quote(names, 10), quote_en(names, 10))
        yield Hit(ctx.root, {"count": len(outside), "total": len(measures), "names": listed}, loc=(g.info(outside[0]).line, g.info(outside[0]).col))


@check(NodeType.goal, provides=["name"])
def goal_tied_to_vision(ctx: Context) -> Iterator[Hit]:
    """When the vision has pillars, every goal reaches at least one (itself, or a direction or measure below it)."""
    g = ctx.graph
    if not _pillars(g):
        return
    for goal in g.nodes(NodeType.goal):
        if not goal_pillars(g, goal):
            yield Hit(goal, {"name": g.name(goal)})


def _key(text: str) -> str:
    return norm(text).translate(_QUOTES).replace("・", "")


def _mentions(text: str, name: str) -> bool:
    """A national model or policy area is named in a text: the whole name, or a long katakana/Latin part of it (スマートシティ)."""
    if _key(name) in text:
        return True
    parts = [p for p in norm(name).translate(_QUOTES).split("・") if _WORDLIKE.match(p)]
    return len(parts) > 1 and any(p in text for p in parts)


@check(NodeType.vision, provides=["name", "models", "areas"])
def vision_refers_to_national_models(ctx: Context) -> Iterator[Hit]:
    """The vision names the national model visions or key policy areas it draws on (`model_visions`, `policy_areas`, or by name in its text or pillars)."""
    vision = ctx.strategy.vision
    if vision is None or not ((vision.name or "").strip() or (vision.text or "").strip()):
        return  # vision_stated reports it
    if vision.model_visions or vision.policy_areas:
        return
    ref = ctx.reference
    pieces = [vision.name or "", vision.text or ""] + [f"{p.name}{p.text or ''}" for p in vision.pillars]
    text = _key(" ".join(pieces))
    named = [n.name for n in (*ref.model_visions, *ref.policy_areas)]
    if any(_mentions(text, n) for n in named):
        return
    yield Hit(
        vision.id,
        {
            "name": ctx.graph.name(vision.id),
            "models": [m.name for m in ref.model_visions],
            "areas": [a.name for a in ref.policy_areas],
        },
    )
