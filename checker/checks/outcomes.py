"""Outcome KPIs (手引き 4-1, 4-2): numerical targets and KPIs should measure outcomes, not outputs.

The 手引き separates what the administration did (アウトプット: events held,
facilities built, grants paid, people who took part in or signed up for its
offers) from the benefit residents and the region get from it (アウトカム:
population, births, migration, employment, income, emissions, how residents
feel, how widely something has spread among residents or local businesses).

An indicator's kind is the `kind` the strategy declares; otherwise `classify`
reads it from the wording with the pack's word lists (`outcome_signals`,
`output_signals`, `activity_signals`).  Japanese indicator names put the thing
counted last ("…の割合", "…参加者数", "…の開催回数"), so the word that decides
is the signal that ends last in the name (after bracketed remarks such as
"（1990年度比）" are set aside); when two signals end at the same place the
longer one wins ("参加事業所数" over "事業所数", "テレワーク実施率" over "実施率").
A name with no signal, or whose deciding word is in both lists, is left
undetermined and no outcome rule reports it.

Where the rules look (graph queries kept private to this module):

- numerical targets (数値目標, 4-1): a goal's `numerical_targets`, the KGIs, and,
  for a goal that sets no numerical target, the KPIs set at the goal itself
  (strategies such as Toyonaka's set KPIs per goal and use them as the goal's
  numerical targets; OL06 accepts them as such);
- KPIs (4-2): every other KPI, judged together with the KPIs that cover the same
  goal, direction or measure (its own and those above it, 4-2 図①②③);
- supplementary indicators (補足指標) are not targets or KPIs in the sense of
  4-1/4-2 and get no outcome finding, except for a declared `kind` that
  contradicts the wording (OC04).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Text
from ..engine.pack import Reference
from ..engine.registry import Hit, check
from ..graph import EdgeType, NodeType, StrategyGraph
from ..model import Indicator, IndicatorKind
from ..text import norm
from ._signals import index

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
"""Bracketed remarks (after NFKC, full-width parentheses are ASCII): '（1990年度比）', '（1日平均）'."""

_ACTIVITY_UNITS = ("回",)
"""Units that count occurrences of an activity ('回' = times held)."""

_KIND_JA = {IndicatorKind.outcome: "アウトカム", IndicatorKind.output: "アウトプット"}


@dataclass(frozen=True)
class Verdict:
    """What `classify` found: the kind, and why."""

    kind: IndicatorKind | None
    """outcome, output, or None when neither the strategy nor the wording decides."""
    reasons: tuple[str, ...]
    """The words (as matched, NFKC) that decided it; ('kind',) when declared."""
    declared: bool = False
    """The kind is the one the strategy declares."""
    wording: IndicatorKind | None = None
    """What the wording alone says (also computed when a kind is declared)."""
    strong: bool = False
    """The wording is unambiguous: a deciding word and no word of the other kind anywhere in the name."""
    activity: bool = False
    """The deciding word counts events or participants (activity_signals, 手引き 4-1)."""
    others: tuple[str, ...] = ()
    """Signal words of the other kind found in the name but not deciding."""

    def why(self) -> Text:
        """The reason, for messages: the deciding word(s) or the declaration."""
        if self.declared:
            return Text(f"kind: {self.kind.value} と宣言", f"declared kind: {self.kind.value}")
        if self.kind is None:
            return Text("判定できる語がない", "no deciding word")
        word = "、".join(f"「{w}」" for w in self.reasons)
        if self.activity:
            return Text(f"{word}（取組の開催・参加の数を示す語）", f"{', '.join(self.reasons)} (a count of events or participants)")
        return Text(f"{word}（{_KIND_JA[self.kind]}を示す語）", f"{', '.join(self.reasons)} (an {self.kind.value} word)")


def _matches(text: str, present: list[str]) -> list[tuple[int, int, str]]:
    """(end, length, word) of every occurrence of every word of `present` (words of a list that occur in the text)."""
    found = []
    for word in dict.fromkeys(norm(w) for w in present):  # in the list's order
        start = text.find(word)
        while start >= 0:
            found.append((start + len(word), len(word), word))
            start = text.find(word, start + 1)
    return found


_WORDING_CACHE: dict[tuple[str, str | None, int], tuple[Reference, Verdict]] = {}


def _wording(name: str, unit: str | None, reference: Reference) -> Verdict:
    """What the wording says; cached, since every outcome rule (and the audit) asks about the same names."""
    key = (name, unit, id(reference))
    hit = _WORDING_CACHE.get(key)
    if hit is not None and hit[0] is reference:
        return hit[1]
    if len(_WORDING_CACHE) > 50_000:
        _WORDING_CACHE.clear()
    verdict = _read_wording(name, unit, reference)
    _WORDING_CACHE[key] = (reference, verdict)
    return verdict


def _read_wording(name: str, unit: str | None, reference: Reference) -> Verdict:
    text = _BRACKETS.sub("", norm(name)) or norm(name)
    outcome, activity, output = (_matches(text, words) for words in index(reference.kind_signals).find(text))
    output += activity
    if not outcome and not output:
        if unit and norm(unit) in _ACTIVITY_UNITS:
            return Verdict(IndicatorKind.output, (f"単位:{unit}",), wording=IndicatorKind.output, activity=True)
        return Verdict(None, ())
    best = max(outcome + output, key=lambda m: (m[0], m[1]))
    key = best[:2]
    in_outcome = any(m[:2] == key for m in outcome)
    in_output = any(m[:2] == key for m in output)
    if in_outcome and in_output:
        return Verdict(None, (best[2],))
    kind = IndicatorKind.outcome if in_outcome else IndicatorKind.output
    opposite = output if in_outcome else outcome
    inside = lambda m: m[0] <= best[0] and m[0] - m[1] >= best[0] - best[1]  # noqa: E731 - part of the deciding word
    others = tuple(dict.fromkeys(m[2] for m in opposite if not inside(m)))
    is_activity = kind is IndicatorKind.output and any(m[:2] == key for m in activity)
    return Verdict(kind, (best[2],), wording=kind, strong=not others, activity=is_activity, others=others)


def classify(indicator: Indicator | str, reference: Reference) -> Verdict:
    """Classify an indicator as outcome or output.

    The declared `kind` wins; the wording is still read (`wording`, `strong`) so
    that a declaration the wording contradicts can be reported.  A plain string
    is classified as a name.
    """
    if isinstance(indicator, str):
        return _wording(indicator, None, reference)
    verdict = _wording(indicator.name, indicator.unit, reference)
    if indicator.kind is None:
        return verdict
    return Verdict(
        indicator.kind,
        ("kind",),
        declared=True,
        wording=verdict.kind,
        strong=verdict.strong,
        activity=indicator.kind is IndicatorKind.output and verdict.activity,
        others=verdict.reasons,
    )


# -- private graph helpers --------------------------------------------------------------


def _verdict(ctx: Context, node: str) -> Verdict:
    return classify(ctx.graph.part(node), ctx.reference)


def _kpi_entries(g: StrategyGraph, holder: str) -> Iterator[tuple[str, tuple[int, int] | None]]:
    """(KPI, location) set at a holder: its own KPIs at their place, re-listed ones at the 【再掲】 line."""
    for kpi, data in g.edges(holder, EdgeType.measured_by):
        ref = data.get("ref")
        yield kpi, (ref.loc if data.get("relisted") and ref is not None else None)


def _goal_targets_are_kpis(g: StrategyGraph, goal: str) -> bool:
    """A goal without numerical targets whose own KPIs serve as them (手引き 4-1 read with OL06)."""
    return not g.out(goal, EdgeType.has_numerical_target) and bool(g.kpis(goal))


# -- checks ---------------------------------------------------------------------------------


@check(NodeType.kgi, NodeType.numerical_target, NodeType.kpi, provides=["name", "role", "why"])
def numerical_target_is_outcome(ctx: Context) -> Iterator[Hit]:
    """Every numerical target measures an outcome (4-1).

    Numerical targets are a goal's `numerical_targets` and the KGIs, each judged on
    its own.  A goal that sets no numerical target but KPIs of its own uses those
    KPIs as its numerical targets; they are reported only when none of them
    measures an outcome, since an output KPI beside outcome ones is allowed by 4-2.
    Indicators whose kind cannot be told from the wording are not reported, and a goal
    with such a KPI among its own is given the benefit of the doubt.
    """
    g = ctx.graph
    for kgi in g.nodes(NodeType.kgi):
        v = _verdict(ctx, kgi)
        if v.kind is IndicatorKind.output:
            yield Hit(kgi, {"name": g.name(kgi), "role": Text("重要目標達成指標(KGI)", "KGI"), "why": v.why()})
    for goal in g.nodes(NodeType.goal):
        role = Text(f"目標「{g.name(goal)}」の数値目標", f"numerical target of goal '{g.name(goal)}'")
        for target in g.out(goal, EdgeType.has_numerical_target):
            v = _verdict(ctx, target)
            if v.kind is IndicatorKind.output:
                yield Hit(target, {"name": g.name(target), "role": role, "why": v.why()})
        if not _goal_targets_are_kpis(g, goal):
            continue
        entries = list(_kpi_entries(g, goal))
        verdicts = {kpi: _verdict(ctx, kpi) for kpi, _ in entries}
        if any(v.kind is not IndicatorKind.output for v in verdicts.values()):
            continue  # an outcome among them, or one the wording cannot decide (it may be one)
        role = Text(
            f"数値目標を兼ねる目標「{g.name(goal)}」のKPI", f"KPI of goal '{g.name(goal)}', serving as its numerical target"
        )
        for kpi, loc in entries:
            v = verdicts[kpi]
            if v.kind is IndicatorKind.output:
                yield Hit(kpi, {"name": g.name(kpi), "role": role, "why": v.why()}, loc=loc)


def _kpis_without_outcome(ctx: Context, *, activity: bool) -> Iterator[Hit]:
    g = ctx.graph
    holders = [h for h in g.planned() if not (g.type(h) is NodeType.goal and _goal_targets_are_kpis(g, h))]
    for holder in holders:
        own = [(kpi, loc) for kpi, loc in _kpi_entries(g, holder) if loc is None]  # re-listed KPIs are judged where defined
        if not own:
            continue
        covering = g.covering_kpis(holder)
        if any(_verdict(ctx, k).kind is not IndicatorKind.output for k in covering):
            continue  # an outcome covers it, or a KPI the wording cannot decide (it may be one)
        for kpi, _ in own:
            v = _verdict(ctx, kpi)
            if v.kind is IndicatorKind.output and v.activity is activity:
                yield Hit(kpi, {"name": g.name(kpi), "holder": g.name(holder), "why": v.why()})


@check(NodeType.kpi, provides=["name", "holder", "why"])
def kpi_is_outcome(ctx: Context) -> Iterator[Hit]:
    """A KPI that measures an output (other than a count of events or participants) is reported when
    every KPI covering the same goal, direction or measure (its own, or one set above it) measures an output (4-2).

    A covering KPI whose kind the wording cannot decide may be an outcome, so it prevents the report.

    KPIs of a goal that serve as its numerical targets are left to OC01; counts of
    events or participants to OC03.  Supplementary indicators (補足指標) are neither
    numerical targets nor KPIs and are not judged.
    """
    yield from _kpis_without_outcome(ctx, activity=False)


@check(NodeType.kpi, provides=["name", "holder", "why"])
def activity_counts_not_alone(ctx: Context) -> Iterator[Hit]:
    """A KPI that counts events held or their participants (activity_signals, or the unit 回) is reported when
    every KPI covering the same goal, direction or measure measures an output (4-1).

    KPIs of a goal that serve as its numerical targets are left to OC01.
    """
    yield from _kpis_without_outcome(ctx, activity=True)


@check(NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator, provides=["name", "declared", "words", "wording"])
def declared_kind_matches_wording(ctx: Context) -> Iterator[Hit]:
    """A declared `kind` agrees with the wording, unless the wording is ambiguous.

    Reported only when the name has a deciding word of the other kind and no word of
    the declared kind at all, so that an unusual but deliberate declaration on a
    mixed name is left alone.
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
                "wording": Text(_KIND_JA[v.wording], v.wording.value),
                "words": Text("、".join(f"「{w}」" for w in v.others), ", ".join(v.others)),
            },
        )
