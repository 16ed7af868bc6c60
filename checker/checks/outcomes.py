"""Outcome KPIs (手引き 4-1, 4-2): numerical targets and KPIs should measure outcomes, not outputs.

An indicator's kind is the `kind` the strategy declares; otherwise it is read from
its name (`checker.kinds`: what is counted and who acts decides, not the counter).

What the 手引き says, and how the rules follow it:

- 4-1: a policy area's numerical targets (数値目標) should measure the benefit to
  residents (アウトカム) rather than the administration's activity; it is worded
  望まれる and, unlike 4-2, names no case where an output will do.  OC01 (warning)
  reports a goal none of whose numerical targets measures an outcome, naming the
  output ones; OC05 (info) notes an output target beside outcome ones and names
  them, since 4-2 allows an output indicator next to outcome indicators.
- 4-2: KPIs should in principle measure the measure's outcome (望まれる), and an
  output KPI is acceptable where no outcome indicator can be set.  OC02 (info)
  reports an output KPI only when no KPI covering the same measure — its own, or
  one set for a direction or goal above it (4-2 図①②③) — measures an outcome.
- 4-1 suggests (考えられる) not relying only on counts of events held or of their
  participants: OC03 (info) reports such a count under the same condition as OC02.
- OC04 (info) asks for a second look at a declared kind that the name clearly contradicts.

Where the rules look (graph queries kept private to this module):

- numerical targets: a goal's `numerical_targets`, or, for a goal that sets none,
  the KPIs set at the goal itself (strategies such as Toyonaka's set KPIs per goal
  and use them as the goal's numerical targets; OL06 accepts them as such); the
  KGIs are the strategy's numerical targets, judged together;
- KPIs (4-2): every other KPI, judged together with the KPIs covering its holder;
- supplementary indicators (補足指標) are neither targets nor KPIs in the sense of
  4-1/4-2 and get no outcome finding, except OC04.

A name in which no activity of the administration (nor taking part in one of its
offers) is found reads as an outcome by default (`checker.kinds.read`); a name whose
readings genuinely compete is *undecided*.  An undecided indicator is never reported and
does not silence the rules: it is not an outcome until declared one, and the finding
names it so that the author can declare `kind: outcome` if it is one.

Each finding's basis says what it rests on: *inferred* when the output kind was read
from the name, *contradicts* when the strategy itself declares the indicator an
output.  OC04 questions a declaration by the name's reading, so it stays *inferred*.
The 手引き's own example KPIs (4-2 想定されるKPIの例: 母子手帳アプリ登録者数,
キャッシュレス対応事業者数 …) are never reported: a strategy that follows the
手引き's examples does not contradict it.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Basis, Text
from ..engine.registry import Hit, check, prepare
from ..graph import EdgeType, NodeType, StrategyGraph
from ..kinds import Verdict, classify
from ..kinds.read import index_lexicon, kind_label
from ..model import IndicatorKind
from ..text import norm
from ._signals import quote, quote_en

O, P = IndicatorKind.outcome, IndicatorKind.output


@prepare
def index_kind_lexicon(reference) -> None:
    """Index the pack's outcome/output lexicon when it loads, not while checking the first strategy."""
    if reference.kinds is not None:
        index_lexicon(reference.kinds)


# -- private graph helpers --------------------------------------------------------------


def _verdict(ctx: Context, node: str) -> Verdict:
    return classify(ctx.graph.part(node), ctx.reference)


def _is_tebiki_example(ctx: Context, node: str) -> bool:
    """One of the 手引き's own example KPIs (4-2), which a strategy may follow without a finding."""
    return norm(ctx.graph.name(node)).replace(" ", "") in ctx.reference.kpi_examples


def _kpi_entries(g: StrategyGraph, holder: str) -> Iterator[tuple[str, tuple[int, int] | None]]:
    """(KPI, location) set at a holder: its own KPIs at their place, re-listed ones at the 【再掲】 line."""
    for kpi, data in g.edges(holder, EdgeType.measured_by):
        ref = data.get("ref")
        yield kpi, (ref.loc if data.get("relisted") and ref is not None else None)


def _goal_targets_are_kpis(g: StrategyGraph, goal: str) -> bool:
    """A goal without numerical targets whose own KPIs serve as them (手引き 4-1 read with OL06)."""
    return not g.out(goal, EdgeType.has_numerical_target) and bool(g.kpis(goal))


def _names(g: StrategyGraph, nodes: list[str]) -> Text:
    names = [g.name(n) for n in nodes]
    return Text(quote(names), quote_en(names))


def _basis(v: Verdict) -> Basis | None:
    """A declared output contradicts 4-1/4-2 by the document's own words; an output read from the name is the
    rule's own basis (inferred)."""
    return Basis.contradicts if v.declared else None


def _undecided_note(g: StrategyGraph, nodes: list[str]) -> Text:
    """A sentence naming the co-indicators whose kind cannot be read (empty when there are none)."""
    if not nodes:
        return Text("", "")
    names = _names(g, nodes)
    return Text(
        f"なお、{names.ja}は名称から種類を判定できません。アウトカムを測る指標であれば kind: outcome を宣言してください。",
        f" The kind of {names.en} cannot be read from the name: declare kind: outcome if it measures an outcome.",
    )


def _target_sets(g: StrategyGraph) -> Iterator[tuple[Text, list[tuple[str, tuple[int, int] | None]]]]:
    """(role, [(target, location)]) per set of numerical targets judged together: the KGIs, then each goal's."""
    kgis = g.nodes(NodeType.kgi)
    if kgis:
        yield Text("重要目標達成指標(KGI)", "KGI"), [(k, None) for k in kgis]
    for goal in g.nodes(NodeType.goal):
        targets = [(t, None) for t in g.out(goal, EdgeType.has_numerical_target)]
        if targets:
            yield Text(f"目標「{g.name(goal)}」の数値目標", f"numerical target of goal '{g.name(goal)}'"), targets
        elif _goal_targets_are_kpis(g, goal):
            role = Text(f"数値目標を兼ねる目標「{g.name(goal)}」のKPI", f"KPI of goal '{g.name(goal)}', serving as its numerical target")
            yield role, list(_kpi_entries(g, goal))


def _targets(ctx: Context, *, beside_outcomes: bool) -> Iterator[Hit]:
    g = ctx.graph
    for role, entries in _target_sets(g):
        verdicts = {node: _verdict(ctx, node) for node, _ in entries}
        outcomes = [n for n, v in verdicts.items() if v.kind is O]
        if bool(outcomes) is not beside_outcomes:
            continue
        undecided = [n for n, v in verdicts.items() if v.kind is None]
        for node, loc in entries:
            v = verdicts[node]
            if v.kind is not P or _is_tebiki_example(ctx, node):
                continue
            params = {"name": g.name(node), "role": role, "why": v.why()}
            if beside_outcomes:
                params["outcomes"] = _names(g, outcomes)
            else:
                params["undecided"] = _undecided_note(g, [n for n in undecided if n != node])
            yield Hit(node, params, loc=loc, basis=_basis(v))


# -- checks ---------------------------------------------------------------------------------


@check(NodeType.kgi, NodeType.numerical_target, NodeType.kpi, provides=["name", "role", "why", "undecided"])
def numerical_target_is_outcome(ctx: Context) -> Iterator[Hit]:
    """A goal (or the strategy's KGIs) with no numerical target that measures an outcome: each output target (4-1).

    The targets judged together are a goal's `numerical_targets`, or the KPIs set at a goal
    that has none (they serve as its numerical targets), and the KGIs.  A target whose kind
    cannot be read does not count as an outcome; the finding names it.
    """
    yield from _targets(ctx, beside_outcomes=False)


@check(NodeType.kgi, NodeType.numerical_target, NodeType.kpi, provides=["name", "role", "why", "outcomes"])
def output_target_beside_outcomes(ctx: Context) -> Iterator[Hit]:
    """An output numerical target of a goal (or among the KGIs) whose other targets include outcomes: noted, naming them (4-1, 4-2)."""
    yield from _targets(ctx, beside_outcomes=True)


def _kpis_without_outcome(ctx: Context, *, activity: bool) -> Iterator[Hit]:
    g = ctx.graph
    holders = [h for h in g.planned() if not (g.type(h) is NodeType.goal and _goal_targets_are_kpis(g, h))]
    for holder in holders:
        own = [kpi for kpi, loc in _kpi_entries(g, holder) if loc is None]  # re-listed KPIs are judged where defined
        if not own:
            continue
        covering = {k: _verdict(ctx, k) for k in g.covering_kpis(holder)}
        if any(v.kind is O for v in covering.values()):
            continue  # an outcome covers it (4-2 allows output KPIs beside it)
        undecided = [k for k, v in covering.items() if v.kind is None]
        for kpi in own:
            v = covering[kpi]
            if v.kind is P and v.activity is activity and not _is_tebiki_example(ctx, kpi):
                note = _undecided_note(g, [k for k in undecided if k != kpi])
                yield Hit(kpi, {"name": g.name(kpi), "holder": g.name(holder), "why": v.why(), "undecided": note}, basis=_basis(v))


@check(NodeType.kpi, provides=["name", "holder", "why", "undecided"])
def kpi_is_outcome(ctx: Context) -> Iterator[Hit]:
    """A KPI that measures an output (other than a count of events or participants) is reported when
    no KPI covering the same goal, direction or measure (its own, or one set above it) measures an outcome (4-2).

    A covering KPI whose kind cannot be read is not an outcome; the finding names it.  KPIs of a
    goal that serve as its numerical targets are left to OC01/OC05; counts of events or
    participants to OC03.  Supplementary indicators (補足指標) are neither numerical targets nor
    KPIs and are not judged.
    """
    yield from _kpis_without_outcome(ctx, activity=False)


@check(NodeType.kpi, provides=["name", "holder", "why", "undecided"])
def activity_counts_not_alone(ctx: Context) -> Iterator[Hit]:
    """A KPI that counts events held or their participants is reported when no KPI covering the same
    goal, direction or measure measures an outcome (4-1).

    KPIs of a goal that serve as its numerical targets are left to OC01/OC05.
    """
    yield from _kpis_without_outcome(ctx, activity=True)


@check(NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator, provides=["name", "declared", "words", "wording"])
def declared_kind_matches_wording(ctx: Context) -> Iterator[Hit]:
    """A declared `kind` agrees with the wording, unless the wording is ambiguous.

    Reported only when the name's head word itself reads as the other kind (not a fallback
    reading such as a bare count or a use of nothing named), so that a deliberate declaration
    on a name the wording decides only weakly is left alone.
    """
    g = ctx.graph
    for node in g.indicators():
        v = _verdict(ctx, node)
        if not v.declared or v.wording is None or v.wording is v.kind or not v.strong:
            continue
        yield Hit(
            node,
            {
                "name": g.name(node),
                "declared": v.kind.value,
                "wording": Text(kind_label(v.wording, "ja"), v.wording.value),
                "words": Text("、".join(f"「{w}」" for w in v.others), ", ".join(v.others)),
            },
        )
