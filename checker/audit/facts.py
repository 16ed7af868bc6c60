"""What the audit needs to know about one strategy, read off its graph: small, picklable facts.

The audit keeps these (not the models or graphs) for every file, so its memory grows with
the number of files only by a few kilobytes each.

Two readings are borrowed from the rule areas, never re-implemented here:

- the classification of an indicator as outcome/output: `checker.checks.outcomes.classify`
  (the declared `kind`, else the kind its wording gives), and
- the national directions a goal, direction or measure suggests by its own wording:
  `checker.checks.national_directions.suggested_directions`.

`classifiers()` says which are in use; were those functions gone, the audit would fall back to
what the file declares (`kind:`, `national_directions:`), and its outputs say which basis was
used (``outcome_basis``, ``directions_basis``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable

from ..bodycode import prefecture_of
from ..engine.finding import Finding
from ..engine.pack import Pack
from ..graph import NodeType, StrategyGraph
from ..model import IndicatorKind, Level, Strategy

Loc = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Place:
    """A node a finding can point at: where it is and what it is."""

    node_id: str
    node_type: str
    node_name: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class PrefRef:
    """`considers.prefectural_strategy` as written by a municipality."""

    place: Place
    title: str | None
    body_code: str | None
    strategy_id: str | None

    @property
    def named(self) -> bool:
        return bool(self.title or self.body_code or self.strategy_id)


@dataclass(frozen=True, slots=True)
class GoalFact:
    """A goal and the national directions it and everything below it take up."""

    place: Place
    directions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """The audit's view of one loaded strategy."""

    file: str
    id: str
    title: str
    name: str
    code: str | None
    level: str
    prefecture_code: str | None
    root: Place
    body: Place
    period: tuple[int, int] | None
    """(first, last) fiscal year."""
    period_text: str | None
    period_place: Place | None
    kpis: int
    kpis_outcome: int
    kpis_output: int
    outcome_basis: str
    """'declared' (the file's `kind:`) or 'classified' (the outcome rules' classification)."""
    declared: tuple[str, ...]
    """National direction codes declared anywhere in the strategy, in the pack's order."""
    suggested: tuple[str, ...]
    """Codes suggested by wording and not declared (empty when no suggester exists)."""
    directions_basis: str
    direction_places: dict[str, Place] = field(default_factory=dict)
    """For each covered direction: the first node that takes it up."""
    verification_body: bool = False
    pref_ref: PrefRef | None = None
    considers: Place | None = None
    goals: tuple[GoalFact, ...] = ()

    @property
    def directions(self) -> tuple[str, ...]:
        return self.declared + self.suggested

    @property
    def is_prefecture(self) -> bool:
        return self.level == Level.prefecture.value

    @property
    def kpis_unclassified(self) -> int:
        return self.kpis - self.kpis_outcome - self.kpis_output


# -- borrowed readings ---------------------------------------------------------------------


def _borrow(module: str, name: str) -> Callable | None:
    """A public function of a rule-area module, if that module and function exist."""
    try:
        mod = importlib.import_module(f"checker.checks.{module}")
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


def _kind_classifier() -> Callable | None:
    """`classify(indicator, reference) -> Verdict` (with `.kind`) from checker/checks/outcomes.py."""
    return _borrow("outcomes", "classify")


def _direction_suggester() -> Callable | None:
    """`suggested_directions(graph, node, reference) -> list of codes` from checker/checks/national_directions.py."""
    return _borrow("national_directions", "suggested_directions")


def classifiers() -> dict[str, str]:
    """Which borrowed readings the audit uses: {'outcome_basis': ..., 'directions_basis': ...}."""
    return {
        "outcome_basis": "classified" if _kind_classifier() else "declared",
        "directions_basis": "declared+suggested" if _direction_suggester() else "declared",
    }


# -- extraction ----------------------------------------------------------------------------


def _place(g: StrategyGraph, node: str) -> Place:
    info = g.info(node)
    return Place(info.id, info.type.value, info.name, info.line, info.col)


def _kind(part, classify, reference) -> str | None:
    """outcome/output: the declared kind, else (with the outcome rules) the kind the wording gives."""
    if classify is not None:
        kind = getattr(classify(part, reference), "kind", None)
    else:
        kind = getattr(part, "kind", None)
    return kind.value if isinstance(kind, IndicatorKind) else None


def extract(strategy: Strategy, graph: StrategyGraph, pack: Pack) -> Facts:
    """Read the audit's facts off a loaded strategy and its graph."""
    g = graph
    reference = pack.reference
    order = [d.code for d in reference.directions]
    classify = _kind_classifier()
    suggest = _direction_suggester()

    kpis = g.nodes(NodeType.kpi)
    kinds = [_kind(g.part(k), classify, reference) for k in kpis]

    # A node is aligned with what is declared on it, above it or below it; failing that, with
    # what its own words suggest (the reading of checker/checks/national_directions.py).
    own = {node: list(g.national_directions(node)) for node in g.planned()}
    declared_at: dict[str, Place] = {}
    suggested_at: dict[str, Place] = {}
    aligned: dict[str, set[str]] = {}
    for node in g.planned():
        for code in own[node]:
            declared_at.setdefault(code, _place(g, node))
    for node in g.planned():
        context = {c for n in (node, *g.ancestors(node), *g.descendants(node)) for c in own.get(n, ())}
        if context or suggest is None:
            aligned[node] = context
            continue
        codes = set(suggest(g, node, reference))
        for code in sorted(codes, key=lambda c: (order.index(c) if c in order else len(order), c)):
            suggested_at.setdefault(code, _place(g, node))
        aligned[node] = codes

    def ordered(codes) -> tuple[str, ...]:
        return tuple(sorted(codes, key=lambda c: (order.index(c) if c in order else len(order), c)))

    declared = ordered(declared_at)
    suggested = ordered(set(suggested_at) - set(declared_at))
    places = {**{c: suggested_at[c] for c in suggested}, **declared_at}

    goals = []
    for goal in g.nodes(NodeType.goal):
        codes = set(aligned.get(goal, ()))
        for node in g.descendants(goal):
            codes |= aligned.get(node, set())
        goals.append(GoalFact(_place(g, goal), ordered(codes)))

    body = strategy.body
    code = body.code
    pref_code = body.prefecture_code if body.level is Level.municipality else code
    if pref_code is None and code is not None:
        pref_code = prefecture_of(code)

    period = strategy.period
    pref_ref = considers = None
    if strategy.considers is not None:
        if "#prefectural-strategy" in g:
            part = strategy.considers.prefectural_strategy
            pref_ref = PrefRef(_place(g, "#prefectural-strategy"), part.title, part.body_code, part.strategy_id)
        loc = strategy.considers.loc or (1, 1)
        root = g.info(strategy.id)
        considers = Place(root.id, root.type.value, root.name, *loc)
    gov = strategy.governance
    return Facts(
        file=strategy.file,
        id=strategy.id,
        title=strategy.title,
        name=body.name,
        code=code,
        level=body.level.value,
        prefecture_code=pref_code,
        root=_place(g, strategy.id),
        body=_place(g, "#body"),
        period=(period.start.fy, period.end.fy) if period is not None else None,
        period_text=(f"{period.start.text}～{period.end.text}" if period is not None else None),
        period_place=(Place(strategy.id, NodeType.strategy.value, strategy.title, *(period.loc or (1, 1))) if period is not None else None),
        kpis=len(kpis),
        kpis_outcome=kinds.count("outcome"),
        kpis_output=kinds.count("output"),
        outcome_basis="classified" if classify else "declared",
        declared=declared,
        suggested=suggested,
        directions_basis="declared+suggested" if suggest else "declared",
        direction_places=places,
        verification_body=gov is not None and gov.verification_body is not None,
        pref_ref=pref_ref,
        considers=considers,
        goals=tuple(goals),
    )


def justified(findings: list[Finding]) -> int:
    """How many findings a deviation record justifies."""
    return sum(1 for f in findings if f.justified)
