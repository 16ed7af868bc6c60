"""Model → StrategyGraph.  Reads only the public model; adds nodes in file order."""

from __future__ import annotations

from ..model import BasicDirection, Goal, Indicator, IndicatorRef, Measure, Strategy
from ..model.strategy import _Planned
from .strategy_graph import ND_PREFIX, StrategyGraph
from .types import EdgeType as E
from .types import NodeType as N

_CONSIDERED = (
    ("national_strategy", N.national_strategy, "#national-strategy", "国の総合戦略"),
    ("prefectural_strategy", N.prefectural_strategy, "#prefectural-strategy", "都道府県の総合戦略"),
    ("population_vision", N.population_vision, "#population-vision", "地方人口ビジョン"),
    ("comprehensive_plan", N.comprehensive_plan, "#comprehensive-plan", "総合計画"),
)
_GOVERNANCE = (
    ("pdca", "PDCAサイクル"),
    ("verification_body", "検証機関"),
    ("drafting_body", "策定の推進組織"),
    ("publication", "検証結果の公表"),
    ("assembly", "議会の関与"),
    ("participation", "策定への参画"),
    ("internal", "庁内推進体制"),
)
"""Governance parts and the name a node gets when the part has no name of its own."""


def build_graph(strategy: Strategy) -> StrategyGraph:
    """Build the typed graph of a loaded strategy."""
    g = StrategyGraph(strategy)
    root = g.add(strategy.id, N.strategy, strategy, strategy.title)
    g.link(root, g.add("#body", N.body, strategy.body, strategy.body.name), E.issued_by)
    _considers(g, root, strategy)
    if strategy.vision is not None:
        vision = strategy.vision
        vid = g.add(vision.id, N.vision, vision, vision.name or vision.text or "地域ビジョン")
        g.link(root, vid, E.has_vision)
        for pillar in vision.pillars:
            g.link(vid, g.add(pillar.id, N.pillar, pillar, pillar.name), E.has_pillar)
    for kgi in strategy.kgis:
        g.link(root, g.add(kgi.id, N.kgi, kgi, kgi.name), E.has_kgi)
        if kgi.projection:
            g.link(kgi.id, kgi.projection, E.based_on)
    refs: list[tuple[str, IndicatorRef]] = []
    for goal in strategy.goals:
        g.link(root, _planned(g, goal, N.goal, None, refs), E.has_goal)
    for holder, ref in refs:  # after all KPIs exist, wherever they are defined
        g.link(holder, ref.ref, E.measured_by, relisted=ref.relisted, ref=ref)
    if strategy.governance is not None:
        gov = g.add("#governance", N.governance, strategy.governance, "推進体制")
        g.link(root, gov, E.has_governance)
        for field, label in _GOVERNANCE:
            part = getattr(strategy.governance, field)
            if part is not None:
                name = getattr(part, "name", None) or label
                g.link(gov, g.add(f"#{field.replace('_', '-')}", N(field), part, name), E.has_governance)
    return g


def _considers(g: StrategyGraph, root: str, strategy: Strategy) -> None:
    if strategy.considers is None:
        return
    for field, type_, node_id, label in _CONSIDERED:
        part = getattr(strategy.considers, field)
        if part is None:
            continue
        g.link(root, g.add(node_id, type_, part, getattr(part, "title", None) or label), E.considers)
        for projection in getattr(part, "projections", ()):
            g.link(node_id, g.add(projection.id, N.projection, projection, projection.name), E.has_projection)


def _planned(g: StrategyGraph, part: _Planned, type_: N, goal: Goal | None, refs: list) -> str:
    node = g.add(part.id, type_, part, part.name)
    goal = part if isinstance(part, Goal) else goal
    for pillar in part.pillars:
        g.link(node, pillar, E.contributes_to, via="declared")
    if isinstance(part, Measure) and part.pillar_mark and not part.pillars and goal is not None:
        for pillar in goal.pillars:
            g.link(node, pillar, E.contributes_to, via="mark")
    for code in part.national_directions:
        nd = ND_PREFIX + code
        if nd not in g:
            g.add(nd, N.national_direction, None, code, loc=part.loc)
        g.link(node, nd, E.aligned_with)
    for entry in part.kpis:
        if isinstance(entry, IndicatorRef):
            refs.append((node, entry))
        else:
            g.link(node, _indicator(g, entry, N.kpi), E.measured_by, relisted=False)
    if isinstance(part, Goal):
        for target in part.numerical_targets:
            g.link(node, _indicator(g, target, N.numerical_target), E.has_numerical_target)
    if isinstance(part, (Goal, BasicDirection)):
        for sub in part.directions:
            g.link(node, _planned(g, sub, N.direction, goal, refs), E.has_direction)
    if isinstance(part, BasicDirection):
        for measure in part.measures:
            g.link(node, _planned(g, measure, N.measure, goal, refs), E.has_measure)
        for indicator in part.supplementary_indicators:
            g.link(node, _indicator(g, indicator, N.indicator), E.has_supplementary)
    return node


def _indicator(g: StrategyGraph, indicator: Indicator, type_: N) -> str:
    return g.add(indicator.id, type_, indicator, indicator.name)
