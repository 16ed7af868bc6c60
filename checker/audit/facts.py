"""What the audit needs to know about one strategy, read off its graph: small, picklable facts.

The audit keeps these (not the models or graphs) for every file, so its memory grows with
the number of files only by a few kilobytes each.

Two readings come from the rule areas, never re-implemented here:

- the classification of an indicator as outcome/output: `checker.kinds.classify`
  (the declared `kind`, else the kind its wording gives), and
- the national directions a goal, direction or measure suggests by its own wording:
  `checker.checks.national_directions.suggested_directions`.

The outputs name these readings (``outcome_basis``, ``directions_basis``) so that a reader of
the CSV knows the shares are not only what the files declare.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..bodycode import prefecture_of
from ..checks.national_directions import suggested_directions
from ..kinds import classify
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


# -- the readings the outputs name ---------------------------------------------------------

OUTCOME_BASIS = "classified"
"""Indicator kinds: the declared `kind`, else the outcome rules' reading of the wording."""
DIRECTIONS_BASIS = "declared+suggested"
"""National directions: declared, else suggested by the wording as the national-directions rules read it."""


def classifiers() -> dict[str, str]:
    """The readings the audit uses: {'outcome_basis': ..., 'directions_basis': ...}."""
    return {"outcome_basis": OUTCOME_BASIS, "directions_basis": DIRECTIONS_BASIS}


# -- extraction ----------------------------------------------------------------------------


def _place(g: StrategyGraph, node: str) -> Place:
    info = g.info(node)
    return Place(info.id, info.type.value, info.name, info.line, info.col)


def _kind(part, reference) -> str | None:
    """outcome/output: the declared kind, else the kind the wording gives (as the outcome rules read it)."""
    kind = classify(part, reference).kind
    return kind.value if isinstance(kind, IndicatorKind) else None


def extract(strategy: Strategy, graph: StrategyGraph, pack: Pack) -> Facts:
    """Read the audit's facts off a loaded strategy and its graph."""
    g = graph
    reference = pack.reference
    order = [d.code for d in reference.directions]
    kpis = g.nodes(NodeType.kpi)
    kinds = [_kind(g.part(k), reference) for k in kpis]

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
        if context:
            aligned[node] = context
            continue
        codes = set(suggested_directions(g, node, reference))
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
        outcome_basis=OUTCOME_BASIS,
        declared=declared,
        suggested=suggested,
        directions_basis=DIRECTIONS_BASIS,
        direction_places=places,
        verification_body=gov is not None and gov.verification_body is not None,
        pref_ref=pref_ref,
        considers=considers,
        goals=tuple(goals),
    )


def justified(findings: list[Finding]) -> int:
    """How many findings a deviation record justifies."""
    return sum(1 for f in findings if f.justified)
