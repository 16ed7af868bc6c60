"""National directions (手引き 3-7, 5-1): the strategy centres on the national strategy's four directions.

A goal, basic direction or measure is *aligned* with a national direction when
the file declares it (``national_directions: [family]``) or, failing that, when
its words suggest it (the reading of ``checks/_reading.py``: the pack's stems,
direction words and administrative words, docs/directions.md).  Declarations
count for everything above and below the part that makes them (a goal declared
``family`` covers its directions; a direction whose measure declares ``jobs``
serves ``jobs``).  Codes the pack does not know are reported as broken data and
never count.

5-1 asks the strategy as a whole to centre on the four social directions; the
three foundations of 3-7 are the national government's to push (参考).  So a goal
that serves none of the four (running the administration, 行財政) is no finding
by itself: the strategy is judged on the share of its goals that serve them.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Basis, Text
from ..engine.pack import NationalDirection, Reference
from ..engine.registry import Hit, both, check
from ..graph import EdgeType, NodeType, StrategyGraph
from ._reading import Reading, read, reader
from ._signals import planned_text, quote, quote_en, subtree

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
        weak = g.type(node) in (NodeType.goal, NodeType.direction)
        cached = g.memo[key] = reader(reference).read(planned_text(g, node), weak=weak)
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


def subtree_administrative(ctx: Context, node: str) -> list[str]:
    """The administrative words (行財政, 行政経営…) in a goal's or direction's texts and those below it."""
    g = ctx.graph
    return list(dict.fromkeys(w for n in subtree(g, node) for w in node_reading(g, n, ctx.reference).administrative))


def four_served(ctx: Context, node: str) -> tuple[list[str], bool]:
    """The social directions (the four of 3-7) a goal or direction serves, and whether that is declared.

    Declared codes (on the node, above or below it) decide; only where none is declared do the
    words of the node and everything below it count.
    """
    social = {d.code for d in ctx.reference.directions if d.group == "social"}
    declared = _declared(ctx, node)
    codes = declared or list(subtree_suggested(ctx, node))
    return [c for c in codes if c in social], bool(declared)


def _why_none(ctx: Context, node: str) -> Text:
    """Why a goal or direction serves none of the four: foundations only, administration, or no telling words."""
    known = _known(ctx)
    codes = _declared(ctx, node) or list(subtree_suggested(ctx, node))
    if codes:
        names = [known[c] for c in codes]
        return both("基礎条件整備のみ：" + "、".join(f"{d.number}{d.name.ja}" for d in names),
                    "foundations only: " + ", ".join(f"{d.number} {d.name.en}" for d in names))
    admin = subtree_administrative(ctx, node)
    if admin:
        return both(f"行政の運営（{quote(admin, 3)}）", f"running the administration ({quote_en(admin, 3)})")
    return both("方向を示す語句なし", "no words that tell")


@check(NodeType.strategy, provides=["served", "total", "unserved"])
def national_directions_central(ctx: Context, *, min_share: float) -> Iterator[Hit]:
    """The goals serving one of the four national directions (declared, or suggested by their words and those below them) are at least `min_share` of all goals: 5-1 judges the strategy as a whole, so a goal that serves none (running the administration, say) is no finding by itself."""
    g = ctx.graph
    goals = g.nodes(NodeType.goal)
    if not goals:
        return  # the outline rules report it
    status = {goal: four_served(ctx, goal) for goal in goals}
    unserved = [goal for goal in goals if not status[goal][0]]
    served = len(goals) - len(unserved)
    if served >= min_share * len(goals):
        return
    items_ja = "、".join(f"「{g.name(n)}」（{_why_none(ctx, n).ja}）" for n in unserved)
    items_en = "; ".join(f"'{g.name(n)}' ({_why_none(ctx, n).en})" for n in unserved)
    # every goal judged by what it declares: the document itself says its goals serve other things
    basis = Basis.contradicts if all(status[n][1] for n in unserved) else Basis.inferred
    yield Hit(ctx.root, {"served": served, "total": len(goals), "unserved": both(items_ja, items_en)}, basis=basis)


@check(NodeType.goal, NodeType.direction, provides=["name", "goal"])
def serves_national_direction(ctx: Context, *, targets: list[str]) -> Iterator[Hit]:
    """Each goal or basic direction (`targets`) says which national direction it serves: declared, or suggested by its words or those of the directions and measures below it.  Words of running the administration (行財政, 行政経営…) are an answer too: such a part serves none by design."""
    g = ctx.graph
    for node in g.nodes(*_targets(targets)):
        if _declared(ctx, node) or subtree_suggested(ctx, node) or subtree_administrative(ctx, node):
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
    # with declarations in the file, leaving this direction out is the document's silence; with
    # none, the verdict rests on reading every word of the strategy
    basis = Basis.not_stated if declared & set(known) else Basis.inferred
    for code in directions:
        if code in known and code not in declared and code not in words:
            yield Hit(ctx.root, {"direction": _label(known[code]), "code": code}, basis=basis)


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


def read_name(reference: Reference, text: str) -> dict:
    """What a single name or text says about national directions, for people and JSON (`tebiki directions`).

    {"name", "directions": [{"code", "number", "group", "name": {ja, en}, "words"}], "administrative": [...]}
    """
    reading = read(reference, text)
    known = {d.code: d for d in reference.directions}
    return {
        "name": text,
        "directions": [
            {"code": c, "number": known[c].number, "group": known[c].group,
             "name": {"ja": known[c].name.ja, "en": known[c].name.en}, "words": words}
            for c, words in reading.words.items()
        ],
        "administrative": reading.administrative,
    }
