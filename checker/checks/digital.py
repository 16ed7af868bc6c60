"""Digital means (手引き 3-7, 3-8, 4-2): measures use the power of digital, and KPIs follow them.

A measure *uses digital means* when it says so (``digital: true``) or, unless it says
``digital: false``, when the pack's digital signal words occur in its name, description,
main examples or projects.  A basic direction uses digital means when its name, description
or main examples (主な取組み例, concrete work printed for the direction) contain those words.
A KPI *tracks digital means* when it says so (``digital: true``) or, unless it says
``digital: false``, when its name contains those words.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.pack import Reference
from ..engine.registry import Hit, both, check
from ..engine.finding import Text
from ..graph import NodeType, StrategyGraph
from ..text import norm
from ._signals import found, pieces, planned_text, quote, quote_en, subtree

_KINDS = {
    NodeType.measure: both("具体的な施策", "Measure"),
    NodeType.direction: both("基本的方向", "Basic direction"),
}
_TYPES = {"measure": NodeType.measure, "direction": NodeType.direction}


def _declared_or_worded(g: StrategyGraph, node: str, reference: Reference, words_of) -> bool:
    """The node's `digital:` when it says, else whether a digital word occurs in `words_of(g, node)` (cached per graph)."""
    key = ("digital", node, id(reference), words_of)
    hit = g.memo.get(key)
    if hit is None:
        part = g.part(node)
        declared = part.__dict__.get("digital") if part is not None else None  # not getattr: pydantic's slow path
        hit = g.memo[key] = declared if declared is not None else bool(found(words_of(g, node), reference.digital_signals))
    return hit


def _own_words(g: StrategyGraph, node: str) -> str:
    return planned_text(g, node, indicators=False)  # its pieces are kept apart, so no word spans two


def _name_words(g: StrategyGraph, node: str) -> str:
    return norm(g.name(node))


def uses_digital(g: StrategyGraph, node: str, reference: Reference) -> bool:
    """A measure or basic direction uses digital means: declared, or a digital word in one of its own texts."""
    return _declared_or_worded(g, node, reference, _own_words)


def digital_evidence(g: StrategyGraph, node: str, reference: Reference) -> Text | None:
    """Why a measure or basic direction counts as using digital means (None if it does not), for messages."""
    if not uses_digital(g, node, reference):
        return None
    fields = g.part(node).__dict__
    if fields.get("digital") is True:
        return both("digital: true と宣言", "declared digital: true")
    matched = [(p, found(norm(p), reference.digital_signals)) for p in pieces(g, node)]
    matched = [(p, w) for p, w in matched if w]
    texts = [p for p, _ in matched]
    words = list(dict.fromkeys(w for _, ws in matched for w in ws))
    return both(f"{quote(texts, 3)}（語：{'、'.join(words)}）", f"{quote_en(texts, 3)} (words: {', '.join(words)})")


def tracks_digital(g: StrategyGraph, kpi: str, reference: Reference) -> bool:
    """A KPI tracks digital means: declared, or a digital word in its name."""
    return _declared_or_worded(g, kpi, reference, _name_words)


def _digital_nodes(g: StrategyGraph, reference: Reference, nodes: list[str]) -> list[str]:
    """The measures and directions among `nodes` that use digital means (cached per graph: every DG rule asks)."""
    key = ("digital_nodes", id(reference), tuple(nodes))
    found_nodes = g.memo.get(key)
    if found_nodes is None:
        found_nodes = g.memo[key] = [n for n in nodes if g.type(n) in _KINDS and uses_digital(g, n, reference)]
    return found_nodes


def _digital_kpis(g: StrategyGraph, reference: Reference, nodes: list[str]) -> list[str]:
    """The KPIs set at `nodes` that track digital means (cached like `_digital_nodes`)."""
    key = ("digital_kpis", id(reference), tuple(nodes))
    kpis = g.memo.get(key)
    if kpis is None:
        kpis = g.memo[key] = [k for k in dict.fromkeys(k for n in nodes for k in g.kpis(n)) if tracks_digital(g, k, reference)]
    return kpis



@check(NodeType.strategy)
def strategy_has_digital_measures(ctx: Context) -> Iterator[Hit]:
    """Some measure or basic direction uses digital means, or some KPI tracks them (evidence that a measure does)."""
    g = ctx.graph
    planned = g.planned()
    if not g.nodes(NodeType.measure):
        return  # no measures at all: the outline rules report it
    if _digital_nodes(g, ctx.reference, planned) or _digital_kpis(g, ctx.reference, planned):
        return
    yield Hit(ctx.root)


@check(NodeType.goal, provides=["name"])
def goal_has_digital_measures(ctx: Context) -> Iterator[Hit]:
    """Within every goal, some measure or direction uses digital means, or some KPI set there tracks them."""
    g, ref = ctx.graph, ctx.reference
    if not (_digital_nodes(g, ref, g.planned()) or _digital_kpis(g, ref, g.planned())):
        return  # strategy_has_digital_measures reports the whole strategy once
    for goal in g.nodes(NodeType.goal):
        nodes = subtree(g, goal)
        if not g.descendants(goal, NodeType.measure, NodeType.direction):
            continue  # an empty goal: the outline rules report it
        if not (_digital_nodes(g, ref, nodes) or _digital_kpis(g, ref, nodes)):
            yield Hit(goal, {"name": g.name(goal)})


@check(NodeType.strategy, provides=["count"])
def strategy_has_digital_kpis(ctx: Context) -> Iterator[Hit]:
    """When measures use digital means, at least one KPI tracks digital means (declared `digital: true` or so worded)."""
    g, ref = ctx.graph, ctx.reference
    digital = _digital_nodes(g, ref, g.planned())
    if digital and not _digital_kpis(g, ref, g.planned()):
        yield Hit(ctx.root, {"count": len(digital)})


@check(NodeType.measure, NodeType.direction, provides=["name", "goal", "kind", "evidence"])
def digital_measure_tracked(ctx: Context, *, targets: list[str]) -> Iterator[Hit]:
    """A measure or direction (`targets`) that uses digital means is covered by at least one KPI that tracks digital means (its own, one above it, or one below it)."""
    g, ref = ctx.graph, ctx.reference
    if not _digital_kpis(g, ref, g.planned()):
        return  # strategy_has_digital_kpis reports the whole strategy once
    for node in g.nodes(*(_TYPES[t] for t in targets if t in _TYPES)):
        if not uses_digital(g, node, ref):
            continue
        kpis = dict.fromkeys([*g.covering_kpis(node), *(k for d in g.descendants(node) for k in g.kpis(d))])
        if not any(tracks_digital(g, k, ref) for k in kpis):
            evidence = digital_evidence(g, node, ref)
            yield Hit(node, {"name": g.name(node), "goal": g.goal_name(node), "kind": _KINDS[g.type(node)], "evidence": evidence})
