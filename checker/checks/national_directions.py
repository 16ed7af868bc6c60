"""National directions (手引き 3-7, 5-1): goals and basic directions serve the national strategy's four directions.

A goal, basic direction or measure is *aligned* with a national direction when
the file declares it (``national_directions: [family]``) or, failing that, when
its words suggest it: the direction's signal words in ``pack.yaml`` occur in
its name, description, main examples, projects or the names of the indicators
set on it.  Declarations count for everything above and below the part that
makes them (a goal declared ``family`` covers its directions; a direction whose
measure declares ``jobs`` serves ``jobs``).  Codes the pack does not know are
reported as broken data and never count.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.pack import NationalDirection, Reference
from ..engine.registry import Hit, both, check
from ..graph import EdgeType, NodeType, StrategyGraph
from ._reading import Reading, reader
from ._signals import planned_text, quote, quote_en

_TYPES = {"goal": NodeType.goal, "direction": NodeType.direction}
_CHILDREN = (EdgeType.has_direction, EdgeType.has_measure)


def _known(ctx: Context) -> dict[str, NationalDirection]:
    return {d.code: d for d in ctx.reference.directions}


def _declared(ctx: Context, node: str) -> list[str]:
    """Known codes declared on a goal or direction above the node, on the node, or on anything below it.

    Computed for every goal, direction and measure in one pass per graph: what is declared in
    each subtree bottom-up (its own codes, then its children's in file order), then the
    ancestors' codes in front.
    """
    g = ctx.graph
    key = ("declared", id(ctx.reference))
    table = g.memo.get(key)
    if table is None:
        known, below, table = _known(ctx), {}, {}
        planned = g.planned()
        for n in reversed(planned):  # children are added after their parent, so they come first here
            codes = g.national_directions(n)
            for child in g.out(n, *_CHILDREN):
                codes.extend(below[child])
            below[n] = list(dict.fromkeys(codes))
        for n in planned:
            codes = [c for up in reversed(g.ancestors(n)) for c in g.national_directions(up)] + below[n]
            table[n] = [c for c in dict.fromkeys(codes) if c in known]
        g.memo[key] = table
    return table[node]


def node_reading(g: StrategyGraph, node: str, reference: Reference) -> Reading:
    """What one node's own words say about national directions (cached per graph)."""
    key = ("node_reading", node, id(reference))
    cached = g.memo.get(key)
    if cached is None:
        cached = g.memo[key] = reader(reference).read(planned_text(g, node))
    return cached


def _node_signals(g: StrategyGraph, node: str, reference: Reference) -> dict[str, list[str]]:
    """National direction code → the deciding words in one node's text."""
    return node_reading(g, node, reference).words


def signal_words(g: StrategyGraph, nodes: list[str], reference: Reference) -> dict[str, list[str]]:
    """National direction code → the signal words found in the nodes' texts, in the pack's order."""
    per_node = [_node_signals(g, n, reference) for n in nodes]
    result: dict[str, list[str]] = {}
    for direction in reference.directions:
        words = list(dict.fromkeys(w for signals in per_node for w in signals.get(direction.code, ())))
        if words:
            result[direction.code] = words
    return result


def subtree_suggested(ctx: Context, node: str) -> dict[str, list[str]]:
    """`signal_words` of a goal or direction and everything below it, computed for all nodes in one pass.

    A node's result is its own words followed by its children's results, in
    order: the same as matching its subtree in file order, without redoing the
    merge for every level above.
    """
    g, reference = ctx.graph, ctx.reference
    key = ("subtree_suggested", id(reference))
    table = g.memo.get(key)
    if table is None:
        table = {}
        codes = [d.code for d in reference.directions]
        for n in reversed(g.planned()):  # children are added after their parent, so they come first here
            parts = [p for p in [_node_signals(g, n, reference)] + [table[c] for c in g.out(n, *_CHILDREN)] if p]
            if len(parts) <= 1:
                table[n] = parts[0] if parts else {}
                continue
            merged = {}
            for code in codes:  # the pack's order
                lists = [p[code] for p in parts if code in p]
                if lists:
                    merged[code] = lists[0] if len(lists) == 1 else list(dict.fromkeys(w for ws in lists for w in ws))
            table[n] = merged
        g.memo[key] = table
    return table[node]


def suggested_directions(g: StrategyGraph, node: str, reference: Reference) -> list[str]:
    """The national direction codes that one node's own words suggest (public: the audit reuses it)."""
    return list(signal_words(g, [node], reference))


def suggested(ctx: Context, nodes: list[str]) -> dict[str, list[str]]:
    """`signal_words` for a check's context (cached per graph: several rules ask about the same subtrees)."""
    key = ("suggested", tuple(nodes), id(ctx.reference))
    cached = ctx.graph.memo.get(key)
    if cached is None:
        cached = ctx.graph.memo[key] = signal_words(ctx.graph, nodes, ctx.reference)
    return cached


def _label(direction: NationalDirection, words: list[str] | None = None):
    ja, en = f"{direction.number}{direction.name.ja}", f"{direction.number} {direction.name.en}"
    if words:
        ja, en = f"{ja}（{quote(words)}）", f"{en} ({quote_en(words)})"
    return both(ja, en)



def _targets(targets: list[str]) -> tuple[NodeType, ...]:
    return tuple(_TYPES[t] for t in targets if t in _TYPES)


@check(NodeType.goal, NodeType.direction, provides=["name", "goal"])
def serves_national_direction(ctx: Context, *, targets: list[str]) -> Iterator[Hit]:
    """Each goal or basic direction (`targets`) is aligned with a national direction: declared, or suggested by its words or those of the directions and measures below it."""
    g = ctx.graph
    for node in g.nodes(*_targets(targets)):
        if _declared(ctx, node) or subtree_suggested(ctx, node):
            continue
        yield Hit(node, {"name": g.name(node), "goal": g.goal_name(node)})


@check(NodeType.strategy, provides=["direction", "code"])
def national_direction_covered(ctx: Context, *, directions: list[str]) -> Iterator[Hit]:
    """Each of the national directions named in `directions` is served somewhere: declared by, or suggested by the words of, some goal, direction or measure."""
    g, known = ctx.graph, _known(ctx)
    planned = g.planned()
    if not planned:
        return  # no goals: the outline rules report it
    declared = {c for n in planned for c in g.national_directions(n)}
    words = suggested(ctx, planned)
    for code in directions:
        if code in known and code not in declared and code not in words:
            yield Hit(ctx.root, {"direction": _label(known[code]), "code": code})


@check(NodeType.goal, NodeType.direction, NodeType.measure, provides=["name", "code", "known"])
def national_direction_code_known(ctx: Context) -> Iterator[Hit]:
    """Every declared national direction code is one the edition's pack knows."""
    g, known = ctx.graph, _known(ctx)
    for node in g.planned():
        for code in g.national_directions(node):
            if code not in known:
                yield Hit(node, {"name": g.name(node), "code": code, "known": ", ".join(known)})


@check(NodeType.goal, NodeType.direction, provides=["name", "goal", "suggested", "codes"])
def national_directions_suggested(ctx: Context, *, targets: list[str]) -> Iterator[Hit]:
    """A goal or direction (`targets`) with no national direction declared in or around it is told which ones its words (and those below it) suggest, and why."""
    g, known = ctx.graph, _known(ctx)
    for node in g.nodes(*_targets(targets)):
        if _declared(ctx, node):
            continue
        words = subtree_suggested(ctx, node)
        if not words:
            continue  # serves_national_direction reports it
        yield Hit(
            node,
            {
                "name": g.name(node),
                "goal": g.goal_name(node),
                "suggested": [_label(known[c], w) for c, w in words.items()],
                "codes": ", ".join(words),
            },
        )
