"""A strategy as a flat list of comparable parts: the front matter, the vision and its pillars,
the KGIs, the goals with their directions, measures and indicators, and the governance.

Each part knows its kind, a key unique in its strategy, its printed name, its parent's key and
the chapter it belongs to (its goal, or a section of the front matter), so that two versions can
be matched part by part and their changes grouped the way the strategy itself is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import BasicDirection, Goal, Indicator, IndicatorRef, Measure, Strategy
from ..model.base import Spec
from ..text import norm

FRONT = ("title", "period", "considers", "vision", "kgis")
"""The sections of the front matter, in the order a strategy prints them; then the goals, then governance."""

SECTION_TITLES = {
    "title": ("戦略の名称", "Title"),
    "period": ("計画期間", "Period"),
    "considers": ("勘案する計画等", "What it considers"),
    "vision": ("地域ビジョン", "Regional vision"),
    "kgis": ("重要目標達成指標（KGI）", "Key goal indicators"),
    "governance": ("推進体制・効果検証", "Governance and verification"),
    "lineage": ("前の戦略と指標の見直し", "Predecessor and KPI revisions"),
}

KIND_TITLES = {
    "strategy": ("戦略", "strategy"),
    "period": ("計画期間", "period"),
    "national_strategy": ("国の総合戦略", "national strategy"),
    "prefectural_strategy": ("都道府県の戦略", "prefectural strategy"),
    "population_vision": ("人口ビジョン", "population vision"),
    "comprehensive_plan": ("総合計画との関係", "comprehensive plan"),
    "vision": ("地域ビジョン", "regional vision"),
    "pillar": ("取組の柱", "pillar"),
    "kgi": ("KGI", "KGI"),
    "goal": ("目標", "goal"),
    "numerical_target": ("数値目標", "numerical target"),
    "direction": ("基本的方向", "basic direction"),
    "measure": ("具体的な施策", "measure"),
    "kpi": ("KPI", "KPI"),
    "supplementary": ("補足指標", "supplementary indicator"),
    "governance": ("推進体制", "governance"),
    "predecessor": ("前の戦略", "predecessor"),
}

GOVERNANCE_TITLES = {
    "pdca": ("PDCAサイクル", "PDCA cycle"),
    "verification_body": ("検証機関", "verification body"),
    "publication": ("公表", "publication"),
    "assembly": ("議会", "assembly"),
    "participation": ("策定過程・参画", "drafting and participation"),
    "internal": ("庁内推進体制", "internal structure"),
}

NODE_KINDS = frozenset({"pillar", "goal", "direction", "measure", "kgi", "numerical_target", "kpi", "supplementary"})
"""Parts with an id and a name of their own, which can be renamed or moved."""

INDICATOR_KINDS = frozenset({"kgi", "numerical_target", "kpi", "supplementary"})

_CHILDREN = {"goals", "directions", "measures", "kpis", "numerical_targets", "supplementary_indicators", "kgis", "revisions", "deviations"}
"""Fields compared as parts of their own, not as values of their parent."""
_META = {"id", "note", "source", "format", "documents", "considers", "governance", "vision", "period", "predecessor"}
"""Fields that are not the document's content (notes, sources) or are parts of their own."""


@dataclass
class Part:
    """One comparable part of a strategy."""

    kind: str
    key: str
    """Unique in the strategy: the node id, or a fixed name for the front matter ('period')."""
    name: str | None
    obj: Spec
    parent: str | None = None
    chapter: str = "title"
    """A section of FRONT, 'governance', 'lineage', or the key of the goal it belongs to."""
    order: int = 0
    values: dict = field(default_factory=dict)
    """Field → comparable value (text as printed, lists of names, nested values as plain data)."""

    @property
    def id(self) -> str | None:
        return getattr(self.obj, "id", None)

    @property
    def loc(self) -> tuple[int, int] | None:
        return self.obj.loc

    @property
    def norm_name(self) -> str:
        return norm(self.name or "")


def _plain(value):
    """A field value as comparable plain data: years and spans as printed, models without notes and sources."""
    if isinstance(value, Spec):
        data = value.model_dump(mode="json", exclude_none=True, exclude={"note", "source"})
        return {k: v for k, v in data.items() if v not in ([], {}, None)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(getattr(value, "value"), str):  # enums
        return value.value
    if hasattr(value, "text") and not isinstance(value, str):  # Year, YearRange
        return value.text
    return value


def _values(obj: Spec, skip: set[str] = frozenset()) -> dict:
    out = {}
    for name in type(obj).model_fields:
        if name in _META or name in _CHILDREN or name in skip:
            continue
        value = getattr(obj, name)
        if value is None or value == [] or value is False and name in ("pillar_mark", "no_pillar_measures", "qualitative"):
            continue
        out[name] = _plain(value)
    return out


class _Flattener:
    def __init__(self, strategy: Strategy):
        self.strategy = strategy
        self.parts: list[Part] = []
        self.pillar_names = {p.id: p.name for p in (strategy.vision.pillars if strategy.vision else [])}
        self.indicator_names: dict[str, str] = {}

    def add(self, kind: str, key: str, name: str | None, obj: Spec, parent: str | None, chapter: str, values: dict) -> Part:
        if kind in NODE_KINDS:
            values.pop("name", None)  # a node's name change is a row of its own (renamed)
        part = Part(kind, key, name, obj, parent, chapter, len(self.parts), values)
        self.parts.append(part)
        return part

    def planned_values(self, obj, skip=()) -> dict:
        values = _values(obj, {"pillars", "national_directions", *skip})
        if obj.pillars:
            values["pillars"] = [self.pillar_names.get(p, p) for p in obj.pillars]
        if obj.national_directions:
            values["national_directions"] = list(obj.national_directions)
        relisted = [e for e in obj.kpis if isinstance(e, IndicatorRef)]
        if relisted:
            values["relisted"] = [self.indicator_names.get(e.ref, e.name or e.ref) for e in relisted]
        return values

    def indicators(self, kind: str, items, parent: str, chapter: str) -> None:
        for ind in items:
            if isinstance(ind, Indicator):
                self.add(kind, ind.id, ind.name, ind, parent, chapter, _values(ind))

    def direction(self, d: BasicDirection, parent: str, chapter: str) -> None:
        self.add("direction", d.id, d.name, d, parent, chapter, self.planned_values(d))
        self.indicators("kpi", d.kpis, d.id, chapter)
        self.indicators("supplementary", d.supplementary_indicators, d.id, chapter)
        for m in d.measures:
            self.measure(m, d.id, chapter)
        for sub in d.directions:
            self.direction(sub, d.id, chapter)

    def measure(self, m: Measure, parent: str, chapter: str) -> None:
        self.add("measure", m.id, m.name, m, parent, chapter, self.planned_values(m))
        self.indicators("kpi", m.kpis, m.id, chapter)

    def goal(self, g: Goal) -> None:
        self.add("goal", g.id, g.name, g, None, g.id, self.planned_values(g))
        self.indicators("numerical_target", g.numerical_targets, g.id, g.id)
        self.indicators("kpi", g.kpis, g.id, g.id)
        for d in g.directions:
            self.direction(d, g.id, g.id)

    def run(self) -> list[Part]:
        s = self.strategy
        for ind in _all_indicators(s):
            self.indicator_names[ind.id] = ind.name
        values = {k: _plain(getattr(s, k)) for k in ("title", "short_title") if getattr(s, k) is not None}
        values.update(_values(s, {"title", "short_title", "body", "dates", "status", "deviations"}))
        self.add("strategy", "#strategy", s.title, s, None, "title", values)
        if s.period is not None:
            self.add("period", "#period", None, s.period, None, "period", _values(s.period))
        if s.considers is not None:
            for name in ("national_strategy", "prefectural_strategy", "population_vision", "comprehensive_plan"):
                ref = getattr(s.considers, name)
                if ref is not None:
                    self.add(name, f"#{name}", getattr(ref, "title", None), ref, None, "considers", _values(ref, {"projections"}) | (
                        {"projections": [_plain(p) for p in ref.projections]} if getattr(ref, "projections", None) else {}))
        if s.vision is not None:
            self.add("vision", "#vision", s.vision.name, s.vision, None, "vision", _values(s.vision, {"pillars"}))
            for p in s.vision.pillars:
                self.add("pillar", p.id, p.name, p, "#vision", "vision", _values(p))
        self.indicators("kgi", s.kgis, "#strategy", "kgis")
        for g in s.goals:
            self.goal(g)
        if s.governance is not None:
            for name in type(s.governance).model_fields:
                part = getattr(s.governance, name)
                if part is not None:
                    self.add("governance", f"#governance.{name}", None, part, None, "governance", _values(part))
        if s.predecessor is not None:
            self.add("predecessor", "#predecessor", s.predecessor.title, s.predecessor, None, "lineage", _values(s.predecessor))
        return self.parts


def _all_indicators(s: Strategy):
    yield from s.kgis
    for g in s.goals:
        yield from g.numerical_targets
        yield from (k for k in g.kpis if isinstance(k, Indicator))
        stack = list(g.directions)
        while stack:
            d = stack.pop()
            yield from (k for k in d.kpis if isinstance(k, Indicator))
            yield from d.supplementary_indicators
            for m in d.measures:
                yield from (k for k in m.kpis if isinstance(k, Indicator))
            stack.extend(d.directions)


def flatten(strategy: Strategy) -> list[Part]:
    """The strategy's parts in file order."""
    return _Flattener(strategy).run()
