"""What the strategy considers (手引き 3-4, 3-7, 6-1; 法第9条・第10条 第1項).

The national strategy (of the pack's edition), for a municipality the
prefecture's strategy, the population vision (and KGIs consistent with its
projections), and the comprehensive plan (relation stated; a merged strategy
keeps numerical targets and KPIs).  The national strategy's title and edition
come from the pack (`ctx.reference.national_strategy`).
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.edition import year_month
from ..engine.finding import Basis, Text
from ..engine.registry import Hit, both, check
from ..graph import EdgeType, NodeType
from ..model import Bound, PlanRelation
from ..text import norm


def _considered(ctx: Context, field: str):
    considers = ctx.strategy.considers
    return getattr(considers, field) if considers is not None else None


def _considers_loc(ctx: Context) -> tuple[int, int] | None:
    considers = ctx.strategy.considers
    return considers.loc if considers is not None else None


# -- national and prefectural strategies ------------------------------------------------


@check(NodeType.strategy, provides=["national"])
def national_strategy_considered(ctx: Context) -> Iterator[Hit]:
    """The strategy states that it considers the national strategy (considers.national_strategy)."""
    if _considered(ctx, "national_strategy") is None:
        yield Hit(ctx.root, {"national": ctx.reference.national_strategy.title}, loc=_considers_loc(ctx))


@check(NodeType.national_strategy, provides=["stated", "national", "edition"])
def national_strategy_edition(ctx: Context) -> Iterator[Hit]:
    """The national strategy considered is the pack's or a later one: its edition is the pack's or later
    (a revised or new national strategy), or (no edition given) its title or text names the pack's."""
    ref = _considered(ctx, "national_strategy")
    if ref is None:
        return
    national = ctx.reference.national_strategy
    if ref.edition:
        if year_month(ref.edition) >= year_month(national.edition):
            return
        stated = both(f"{ref.title or '国の総合戦略'}（{ref.edition}）", f"{ref.title or 'national strategy'} ({ref.edition})")
    else:
        if norm(national.title) in ctx.graph.text("#national-strategy"):
            return
        stated = both(f"{ref.title}（版の記載なし）", f"{ref.title} (edition not stated)") if ref.title else both(
            "名称・版の記載なし", "neither title nor edition stated"
        )
    basis = Basis.contradicts if ref.edition or ref.title else Basis.not_stated
    yield Hit("#national-strategy", {"stated": stated, "national": national.title, "edition": national.edition}, basis=basis)


@check(NodeType.strategy, provides=["prefecture"])
def prefectural_strategy_considered(ctx: Context) -> Iterator[Hit]:
    """A municipality's strategy states that it considers its prefecture's strategy (considers.prefectural_strategy)."""
    if not ctx.is_municipality or _considered(ctx, "prefectural_strategy") is not None:
        return
    prefecture = ctx.strategy.body.prefecture
    yield Hit(ctx.root, {"prefecture": both(prefecture or "都道府県", prefecture or "the prefecture")}, loc=_considers_loc(ctx))


@check(NodeType.prefectural_strategy, provides=["stated_code", "expected_code", "prefecture"])
def prefectural_strategy_of_own_prefecture(ctx: Context) -> Iterator[Hit]:
    """The prefectural strategy a municipality considers is its own prefecture's (its body_code matches the municipality's prefecture code)."""
    ref = _considered(ctx, "prefectural_strategy")
    body = ctx.strategy.body
    if not ctx.is_municipality or ref is None or not ref.body_code or not body.prefecture_code:
        return
    if ref.body_code != body.prefecture_code:
        yield Hit(
            "#prefectural-strategy",
            {"stated_code": ref.body_code, "expected_code": body.prefecture_code, "prefecture": body.prefecture or body.prefecture_code},
        )


# -- population vision and KGIs ---------------------------------------------------------


@check(NodeType.strategy)
def population_vision_considered(ctx: Context) -> Iterator[Hit]:
    """The strategy states the population vision (地方人口ビジョン) its goals are based on (considers.population_vision)."""
    if _considered(ctx, "population_vision") is None:
        yield Hit(ctx.root, loc=_considers_loc(ctx))


def _value_at(projection, fy: int) -> tuple[float, bool] | None:
    """The projection's value for a fiscal year: exact, or linearly interpolated between its points (flag True)."""
    points = sorted(((p.year.fy, p.value) for p in projection.points), key=lambda p: p[0])
    for year, value in points:
        if year == fy:
            return float(value), False
    for (y0, v0), (y1, v1) in zip(points, points[1:]):
        if y0 < fy < y1:
            return v0 + (v1 - v0) * (fy - y0) / (y1 - y0), True
    return None


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _unit(text: str | None) -> str:
    return norm(text or "")


def _comparison(indicator, projection):
    """(target value, fy, projected value, interpolated) or a reason (Text) why they cannot be compared."""
    target = indicator.target
    if indicator.segments or target is None or target.value is None:
        return both("目標値が数値でないため、想定値と比較できません", "has no numeric target to compare with the projection")
    if target.year is None:
        return both("目標年度の記載がないため、想定値と比較できません", "has no target year to compare with the projection")
    if indicator.unit and projection.unit and _unit(indicator.unit) != _unit(projection.unit):
        return Text(
            f"単位（{indicator.unit}）が想定「{projection.name}」の単位（{projection.unit}）と異なるため、比較できません",
            f"uses a unit ({indicator.unit}) other than the projection '{projection.name}' ({projection.unit}), so they cannot be compared",
        )
    at = _value_at(projection, target.year.fy)
    if at is None:
        return Text(
            f"目標年度（{target.year.text}）の値が想定「{projection.name}」になく、比較できません",
            f"targets {target.year.text}, for which the projection '{projection.name}' has no value",
        )
    return float(target.value), target.year, at[0], at[1]


_KINDS = {
    NodeType.kgi: both("KGI", "KGI"),
    NodeType.numerical_target: both("数値目標", "Numerical target"),
    NodeType.kpi: both("KPI", "KPI"),
    NodeType.indicator: both("補足指標", "Supplementary indicator"),
}


def _linked(ctx: Context, node: str):
    """The projection part an indicator is based on (the graph's based_on edge, or its `projection:` id), if any."""
    g = ctx.graph
    targets = g.out(node, EdgeType.based_on)
    if targets:
        return g.part(targets[0])
    ref = getattr(g.part(node), "projection", None)
    if ref and ref in g and g.type(ref) is NodeType.projection:
        return g.part(ref)
    return None


@check(*_KINDS, provides=["kind", "name", "target", "year", "projection", "projected", "difference", "tolerance"])
def kgi_consistent_with_projection(ctx: Context, *, tolerance: float = 0.05) -> Iterator[Hit]:
    """A KGI (or any indicator) based on a projection of the population vision does not contradict it: the
    projected value for the target year (exact or interpolated) differs from the target by no more than
    `tolerance` (relative) in the direction that matters (以上: the target exceeds the projection; 以下: it falls
    below it; plain: either way)."""
    g = ctx.graph
    for kgi in g.nodes(*_KINDS):
        projection = _linked(ctx, kgi)
        if projection is None:
            continue
        indicator = g.part(kgi)
        found = _comparison(indicator, projection)
        if isinstance(found, Text):
            continue  # kgi_linked_to_projection reports it
        target, year, projected, interpolated = found
        if projected == 0:
            continue
        diff = (target - projected) / abs(projected)
        bound = indicator.target.bound
        if bound in (Bound.at_least, Bound.more_than):
            contradicts = diff > tolerance
        elif bound in (Bound.at_most, Bound.less_than):
            contradicts = diff < -tolerance
        else:
            contradicts = abs(diff) > tolerance
        if not contradicts:
            continue
        unit = indicator.unit or projection.unit or ""
        shown = f"{_fmt(projected)}{unit}"
        yield Hit(
            kgi,
            {
                "kind": _KINDS[g.type(kgi)],
                "name": g.name(kgi),
                "target": indicator.target.text or f"{_fmt(target)}{unit}",
                "year": year.text,
                "projection": projection.name,
                "projected": both(f"{shown}（補間値）", f"{shown} (interpolated)") if interpolated else shown,
                "difference": f"{diff:+.1%}",
                "tolerance": f"{tolerance:.0%}" if round(tolerance * 100, 6).is_integer() else f"{tolerance:.1%}",
            },
            loc=indicator.target.loc,
        )


@check(NodeType.kgi, provides=["name", "reason"])
def kgi_linked_to_projection(ctx: Context) -> Iterator[Hit]:
    """Where the population vision has projections, every KGI is linked to one (`projection:`) and can be compared with it."""
    vision = _considered(ctx, "population_vision")
    if vision is None or not vision.projections:
        return
    g = ctx.graph
    for kgi in g.nodes(NodeType.kgi):
        projection = _linked(ctx, kgi)
        if projection is None:
            reason = both("人口ビジョンのどの想定（projection）にも結び付けられていません", "is not linked to any projection of the population vision")
        else:
            found = _comparison(g.part(kgi), projection)
            if not isinstance(found, Text):
                continue
            reason = found
        yield Hit(kgi, {"name": g.name(kgi), "reason": reason})


# -- comprehensive plan -----------------------------------------------------------------


@check(NodeType.comprehensive_plan, provides=["plan"])
def plan_relation_stated(ctx: Context) -> Iterator[Hit]:
    """When the strategy names a comprehensive plan (総合計画), it states how it relates to it (separate, merged or extracted)."""
    plan = _considered(ctx, "comprehensive_plan")
    if plan is not None and plan.relation is None:
        yield Hit("#comprehensive-plan", {"plan": plan.title or both("総合計画等", "the comprehensive plan")})


@check(NodeType.comprehensive_plan, provides=["plan", "lacking"])
def merged_plan_has_targets_and_kpis(ctx: Context) -> Iterator[Hit]:
    """A strategy made one with the comprehensive plan (relation: merged) still has goals, each with a numerical target and KPIs."""
    plan = _considered(ctx, "comprehensive_plan")
    if plan is None or plan.relation is not PlanRelation.merged:
        return
    g = ctx.graph
    goals = g.nodes(NodeType.goal)
    lacking: list[Text] = []
    if not goals:
        lacking.append(both("目標が定められていません", "no goals are set"))
    no_target = [g.name(x) for x in goals if not g.out(x, EdgeType.has_numerical_target) and not g.kpis(x)]
    no_kpi = [g.name(x) for x in goals if not g.kpis(x) and not any(g.kpis(d) for d in g.descendants(x))]
    if no_target:
        ja, en = "」「".join(no_target), "', '".join(no_target)
        lacking.append(Text(f"目標「{ja}」に数値目標がありません", f"goal(s) '{en}' have no numerical target"))
    if no_kpi:
        ja, en = "」「".join(no_kpi), "', '".join(no_kpi)
        lacking.append(Text(f"目標「{ja}」にKPIがありません", f"goal(s) '{en}' have no KPI"))
    if lacking:
        yield Hit(
            "#comprehensive-plan",
            {
                "plan": plan.title or both("総合計画等", "the comprehensive plan"),
                "lacking": Text("。".join(t.ja for t in lacking), "; ".join(t.en for t in lacking)),
            },
        )
