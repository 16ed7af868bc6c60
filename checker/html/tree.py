"""The strategy's tree as the report shows it: vision → goals → basic directions → measures, with
the indicators (KGIs, numerical targets, KPIs, supplementary indicators) where they are set, and
each finding at the node it concerns.

Built once from the graph (`build`), then read by the template (a section with a heading per
node, headings following the depth) and by the diagram (`diagrams`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.finding import Finding
from ..graph import EdgeType, NodeType, StrategyGraph
from ..model import Indicator
from .charts import Diagram, diagram, kpi_bar
from .findings import KEYS, level, tally

INDICATOR_TYPES = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator)


@dataclass
class Measurement:
    """One (population, baseline, target) of an indicator, as printed, with its bar when both are numbers."""

    population: str | None
    baseline: str | None
    target: str | None
    bar: object | None


@dataclass
class TNode:
    id: str
    anchor: str
    type: str
    label: str | None
    name: str
    line: int
    heading: int
    """The heading level of a planned node (2 for a goal in a page whose title is h1), 0 for an indicator."""
    findings: list[Finding] = field(default_factory=list)
    children: list["TNode"] = field(default_factory=list)
    indicators: list["TNode"] = field(default_factory=list)
    relisted: bool = False
    kind: str | None = None
    """For indicators: 'outcome', 'output' or None (undecided)."""
    kind_declared: bool = False
    kind_reason: object | None = None
    """Why (a `Text`): the declaration, or the words the name was read by (`checker.kinds`)."""
    unit: str | None = None
    measurements: list[Measurement] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return tally(self.findings)

    @property
    def level(self) -> str:
        return level(self.counts)

    def subtree_counts(self) -> dict[str, int]:
        total = self.counts
        for child in self.children + self.indicators:
            for k, v in child.subtree_counts().items():
                total[k] += v
        return total

    @property
    def has_findings(self) -> bool:
        return any(self.subtree_counts().values())


def _shown(value) -> str | None:
    if value is None:
        return None
    if value.text:
        return value.text
    if getattr(value, "value", None) is not None:
        return str(value.value)
    relative = getattr(value, "relative", None)
    return relative.value if relative is not None else None


def _bar(part: Indicator, baseline, target):
    if baseline is None or target is None or baseline.value is None or target.value is None:
        return None
    if target.aggregate is not None and target.aggregate != baseline.aggregate:
        return None  # a sum over the period is not comparable with one year's value
    return kpi_bar(float(baseline.value), float(target.value), part.unit)


class _Builder:
    def __init__(self, g: StrategyGraph, by_node: dict[str, list[Finding]], anchor_prefix: str, kinds, top: int):
        self.g, self.by_node, self.prefix, self.kinds, self.top = g, by_node, anchor_prefix, kinds, top
        self.shown: set[str] = set()

    def node(self, node: str, depth: int, relisted: bool = False) -> TNode:
        g = self.g
        self.shown.add(node)
        part = g.part(node)
        type_ = g.type(node)
        heading = 0 if type_ in INDICATOR_TYPES else min(6, self.top + depth)
        anchor = f"{self.prefix}{node}" + ("-relisted" if relisted else "")
        out = TNode(node, anchor, type_.value, getattr(part, "label", None), g.name(node), g.loc(node)[0], heading,
                    findings=[] if relisted else list(self.by_node.get(node, [])), relisted=relisted)
        if isinstance(part, Indicator):
            out.unit = part.unit
            record = self.kinds.get(node)
            if record is not None:
                out.kind, out.kind_declared, out.kind_reason = record.kind, record.basis == "declared", record.reason
            elif part.kind is not None:
                out.kind, out.kind_declared = part.kind.value, True
            out.measurements = [
                Measurement(population, _shown(b), _shown(t), _bar(part, b, t)) for population, b, t in part.measurements()
            ]
        return out

    def planned(self, node: str, depth: int) -> TNode:
        g = self.g
        out = self.node(node, depth)
        for target in g.out(node, EdgeType.has_numerical_target):
            out.indicators.append(self.node(target, depth + 1))
        for kpi, data in g.edges(node, EdgeType.measured_by):
            out.indicators.append(self.node(kpi, depth + 1, relisted=bool(data.get("relisted"))))
        for sup in g.out(node, EdgeType.has_supplementary):
            out.indicators.append(self.node(sup, depth + 1))
        for sub in g.out(node, EdgeType.has_direction, EdgeType.has_measure):
            out.children.append(self.planned(sub, depth + 1))
        return out

    def roots(self) -> list[TNode]:
        g = self.g
        root = g.strategy.id
        out = []
        for vision in g.out(root, EdgeType.has_vision):
            v = self.node(vision, 0)
            v.children = [self.node(p, 1) for p in g.out(vision, EdgeType.has_pillar)]
            for p in v.children:
                p.heading = 0  # pillars are listed under the vision, not headed
            for kgi in g.out(root, EdgeType.has_kgi):
                v.indicators.append(self.node(kgi, 1))
            out.append(v)
        if not g.out(root, EdgeType.has_vision):
            kgis = [self.node(kgi, 1) for kgi in g.out(root, EdgeType.has_kgi)]
            if kgis:
                holder = TNode(root, f"{self.prefix}{root}-kgi", NodeType.kgi.value, None, "", 0, self.top)
                holder.indicators = kgis
                out.append(holder)
        for goal in g.out(root, EdgeType.has_goal):
            out.append(self.planned(goal, 0))
        return out


def build(g: StrategyGraph, findings: list[Finding], anchor_prefix: str, kinds, top: int = 2) -> tuple[list[TNode], set[str]]:
    """The tree's top nodes (the vision, then the goals) and the ids of every node shown.

    `kinds` maps an indicator's id to its kind record (`checker.kinds`); `top` is the heading level of a goal.
    """
    by_node: dict[str, list[Finding]] = {}
    for f in findings:
        by_node.setdefault(f.node_id, []).append(f)
    builder = _Builder(g, by_node, anchor_prefix, kinds, top)
    return builder.roots(), builder.shown


# -- the diagram ----------------------------------------------------------------------------


@dataclass
class _DNode:
    kind: str
    name: str
    href: str
    level: str
    badge: str
    children: list["_DNode"]
    tag: str = ""


def _badge(counts: dict[str, int]) -> str:
    from .page import SEVERITY_SYMBOL

    parts = [f"{SEVERITY_SYMBOL[k]}{counts[k]}" for k in KEYS[:3] if counts[k]]
    return " ".join(parts) if parts else "✓"


def _dnode(n: TNode, labels, subtree: bool = False) -> _DNode:
    counts = n.subtree_counts() if subtree else n.counts
    kids = [] if subtree else [
        _dnode(i, labels) for i in n.indicators if i.type in ("kpi", "numerical_target") and not i.relisted
    ] + [_dnode(c, labels) for c in n.children]
    indicator = n.type in ("kpi", "numerical_target")
    name = f"{n.label} {n.name}" if n.label and not indicator else n.name
    tag = ("[" + labels(n.type) + "]") if indicator else ""
    return _DNode(n.type, name, f"#{n.anchor}", level(counts), _badge(counts), kids, tag)


def diagrams(roots: list[TNode], title: str, goal_title, uid: str, labels) -> tuple[Diagram | None, dict[str, Diagram]]:
    """An overview (the vision and the goals, each with the counts of everything under it), and for
    each goal (by node id) a diagram of its basic directions, measures, numerical targets and KPIs,
    each with its own findings' badge."""
    widths = {"vision": 170, "goal": 190, "direction": 180, "measure": 220, "kpi": 190, "numerical_target": 190}
    columns = {k: labels(k) for k in widths}
    vision = next((r for r in roots if r.type == "vision"), None)
    goals = [r for r in roots if r.type == "goal"]
    overview = None
    if goals:
        top = _DNode("vision", vision.name if vision else title, f"#{vision.anchor}" if vision else "#",
                     vision.level if vision else "none", _badge(vision.counts) if vision else "", [])
        top.children = [_dnode(g, labels, subtree=True) for g in goals]
        overview = diagram(title, top, f"{uid}-d0", columns, widths)
    per_goal = {g.id: diagram(goal_title(g), _dnode(g, labels), f"{uid}-d{i}", columns, widths) for i, g in enumerate(goals, 1)}
    return overview, per_goal
