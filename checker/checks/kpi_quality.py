"""KPI quality (手引き 4-1, 4-2, 7-2, 3-2, 5-3): every target can be verified against data.

Progress can be checked (7-2) only if an indicator says where it starts (現状 and
when it was measured), where it should be (a number and the year, or the span for
a sum or an average), in what unit, inside the strategy period.  Which indicators
are judged, and how segments (対象) are, is in `_indicators`; whether a target moves the
right way from its baseline, and whether the two can be compared, is in `targets`; the
re-listed KPIs (【再掲】) are compared in `relisted`.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Text
from ..engine.registry import Hit, check
from ..graph import EdgeType, NodeType, StrategyGraph
from ..model import Aggregate, Baseline, Relative, Status
from ..text import norm
from ._indicators import CHECKED, ROLE, checked, label, measured, rows, shown, start_fy, when
from ._signals import quote, quote_en

_UNITLESS = ("合計特殊出生率", "倍率", "指数", "係数", "偏差値")
"""Indicators that are pure numbers by definition, so print no unit (1.49, 1.2倍 aside)."""

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_NUMERIC_TEXT = re.compile(r"[0-9.,+\-△▲\s]")

# -- private helpers ----------------------------------------------------------------------


def _projection_baseline(g: StrategyGraph, node: str, start_fy: int | None):
    """For a KGI based on a population projection: the projection's current value (現状), if printed."""
    for proj in g.out(node, EdgeType.based_on):
        part = g.part(proj) if g.has_part(proj) else None
        points = getattr(part, "points", None) or []
        current = [p for p in points if p.label and norm(p.label) == "現状"]
        if not current and start_fy is not None:
            current = [p for p in points if p.year.fy <= start_fy]
        if current:
            return max(current, key=lambda p: p.year.fy)
    return None


def _absent(b: Baseline | None) -> bool:
    return b is None or (not measured(b) and not (b.text or "").strip())


def _printed_unit(text: str | None) -> bool:
    """The printed cell shows a unit next to its number ('68.1%', '8,211人', '5年間で7,400人増加')."""
    if not text:
        return False
    body = _BRACKETS.sub("", norm(text))
    return bool(re.search(r"\d", body)) and bool(_NUMERIC_TEXT.sub("", body))


# -- checks ---------------------------------------------------------------------------------


@check(*CHECKED, provides=["name", "role"])
def baseline_stated(ctx: Context) -> Iterator[Hit]:
    """Every KGI, numerical target and KPI (each group of it) states its current value (現状).

    A KGI based on a population projection whose current value is printed has one.
    A baseline written as "none yet" (no value, but a text such as 'R5年度にサービスを構築')
    is a statement, handled by KQ02, not an omission.  A target that is a total over the
    period (累計, 5年間で…: `aggregate: sum`) counts from zero, as the 手引き's own example
    KPI does, and needs no baseline.  Supplementary indicators (補足指標) are related figures
    the 手引き asks nothing of; no KQ rule checks them.
    """
    g = ctx.graph
    start = start_fy(ctx)
    for node, ind in checked(g):
        if g.type(node) is NodeType.kgi and _projection_baseline(g, node, start) is not None:
            continue
        for population, baseline, target, loc in rows(ind):
            if target is not None and target.aggregate is Aggregate.sum:
                continue
            if _absent(baseline):
                yield Hit(node, {"name": label(g, node, population), "role": ROLE[g.type(node)]}, loc=loc)


@check(*CHECKED, provides=["name", "text"])
def baseline_not_yet_measured(ctx: Context) -> Iterator[Hit]:
    """A baseline stated as not existing yet (no value, only a text) is noted, so that the first measured
    value is recorded and progress can be verified from it."""
    g = ctx.graph
    for node, ind in checked(g):
        for population, baseline, _, loc in rows(ind):
            if baseline is not None and not measured(baseline) and (baseline.text or "").strip():
                yield Hit(node, {"name": label(g, node, population), "text": baseline.text}, loc=baseline.loc or loc)


_NO_DATE = Text("時点（年度・日付）がない", "it states no year or date")
_SYSTEMIC = 3
"""From this many baselines, a strategy that dates none of them is told once, not once per baseline."""


@check(NodeType.strategy, *CHECKED, provides=["what", "why"])
def baseline_dated(ctx: Context) -> Iterator[Hit]:
    """A baseline value says when it was measured: `as_of`, or `period` for a sum, an average or a partial year.

    A strategy in which no baseline is dated (at least three) gets one finding naming them, at the first."""
    g = ctx.graph
    hits, dated = [], 0
    for node, ind in checked(g):
        for segment, baseline, _, loc in rows(ind):
            if not measured(baseline):
                continue
            why = _undated(baseline, baseline.as_of, "値", _NO_DATE)
            if why is None:
                dated += 1
                continue
            name = label(g, node, segment)
            what = Text(f"指標「{name}」の現状値「{shown(baseline)}」", f"The baseline '{shown(baseline)}' of '{name}'")
            hits.append((Hit(node, {"what": what, "why": why}, loc=baseline.loc or loc), name, why))
    if len(hits) >= _SYSTEMIC and not dated and all(why is _NO_DATE for _, _, why in hits):
        names = [name for _, name, _ in hits]
        what = Text(f"{len(names)}件の指標の現状値（{quote(names, 8)}）", f"The {len(names)} baselines ({quote_en(names, 8)})")
        why = Text("いずれも時点（年度・日付）が示されていない", "none states its year or date")
        yield Hit(ctx.root, {"what": what, "why": why}, loc=hits[0][0].loc)
        return
    yield from (hit for hit, _, _ in hits)


def _undated(value, point, what: str, no_point: Text) -> Text | None:
    """Why a baseline or target cannot be placed in time (None when it can).

    `point` is its year or date; a sum or an average needs its span instead.
    """
    if value.aggregate is not None and value.period is None:
        return Text(f"合計・平均の{what}なのに対象期間がない", "it is a sum or an average but states no span")
    if point is None and value.period is None:
        return no_point
    return None


@check(*CHECKED, provides=["name", "role"])
def target_stated(ctx: Context) -> Iterator[Hit]:
    """Every KGI, numerical target and KPI (each group of it) states a target (目標値).

    Supplementary indicators (補足指標) are not asked for one.
    """
    g = ctx.graph
    for node, ind in checked(g):
        for population, _, target, loc in rows(ind):
            if target is None:
                yield Hit(node, {"name": label(g, node, population), "role": ROLE[g.type(node)]}, loc=loc)


@check(*CHECKED, provides=["name", "target", "why"])
def target_dated(ctx: Context) -> Iterator[Hit]:
    """A target says by when: `year`, or `period` for a sum (5年間で…, 累計) or an average over years."""
    g = ctx.graph
    for node, ind in checked(g):
        for population, _, target, loc in rows(ind):
            if target is None:
                continue
            why = _undated(target, target.year, "目標", Text("目標年度がない", "it states no target year"))
            if why is not None:
                yield Hit(node, {"name": label(g, node, population), "target": shown(target), "why": why}, loc=target.loc or loc)


@check(*CHECKED, provides=["name"])
def unit_stated(ctx: Context) -> Iterator[Hit]:
    """An indicator with numeric values states its unit, in `unit` or in the printed values.

    Pure numbers by definition (合計特殊出生率, 倍率, 指数, 係数, 偏差値) need none.
    """
    g = ctx.graph
    for node, ind in checked(g):
        if ind.unit or any(w in norm(ind.name) for w in _UNITLESS):
            continue
        values = [v for _, b, t, _ in rows(ind) for v in (b, t) if v is not None and v.value is not None]
        if values and not any(_printed_unit(v.text) for v in values):
            yield Hit(node, {"name": g.name(node)})


@check(*CHECKED, provides=["name", "when", "period"])
def target_within_period(ctx: Context) -> Iterator[Hit]:
    """A target's year (or the span of a sum or average target) lies inside the strategy period."""
    g = ctx.graph
    period = ctx.strategy.period
    if period is None:
        return
    lo, hi = period.start.fy, period.end.fy
    shown = f"{period.start.text}～{period.end.text}"
    for node, ind in checked(g):
        for population, _, target, loc in rows(ind):
            if target is None:
                continue
            spans = []
            if target.year is not None:
                spans.append((target.year.fy, target.year.fy, target.year.text))
            if target.period is not None:
                spans.append((target.period.start.fy, target.period.end.fy, target.period.text))
            for first, last, text in spans:
                if first < lo or last > hi:
                    yield Hit(node, {"name": label(g, node, population), "when": text, "period": shown}, loc=target.loc or loc)
                    break


@check(*CHECKED, provides=["name", "when", "start"])
def baseline_before_period(ctx: Context) -> Iterator[Hit]:
    """A baseline was measured no later than the first year of the strategy period.

    Not reported for a strategy marked `status: revised`: 7-2 expects KPIs to be reviewed
    after verification, and a revision may re-base them.
    """
    g = ctx.graph
    period = ctx.strategy.period
    if period is None or ctx.strategy.status is Status.revised:
        return
    for node, ind in checked(g):
        for population, baseline, _, loc in rows(ind):
            if not measured(baseline):
                continue
            moment = baseline.period.end if baseline.period is not None else baseline.as_of
            if moment is not None and moment.fy > period.start.fy:
                text = when(baseline.as_of, baseline.period)
                yield Hit(node, {"name": label(g, node, population), "when": text, "start": period.start.text}, loc=baseline.loc or loc)


_UNVERIFIABLE = {
    Relative.increase: Text("増加の幅が示されていない", "it gives no amount of increase"),
    Relative.decrease: Text("減少の幅が示されていない", "it gives no amount of decrease"),
    Relative.increase_on_previous_year: Text(
        "毎年の前年値が基準となり、期間の目標水準が定まらない", "each year is measured against the year before, so no level is set for the period"
    ),
    Relative.decrease_on_previous_year: Text(
        "毎年の前年値が基準となり、期間の目標水準が定まらない", "each year is measured against the year before, so no level is set for the period"
    ),
}
_NEEDS_BASELINE = {Relative.maintain, Relative.at_least_current}


@check(*CHECKED, provides=["name", "target", "why"])
def target_is_verifiable(ctx: Context) -> Iterator[Hit]:
    """A target is a level that actual data can be compared with.

    Verifiable: a number; a rank; 維持 or 現状以上 when the baseline value is stated (the
    baseline is then the level); 全国平均・府県平均を上回る/下回る (the published average of
    the target year is the level).  Not verifiable: 増加 or 減少 with no amount, 前年より増加/減少
    (a moving base, no level for the period), 維持/現状以上 without a stated baseline value,
    and a target given only as text.
    """
    g = ctx.graph
    for node, ind in checked(g):
        for population, baseline, target, loc in rows(ind):
            if target is None:
                continue
            why = None
            if target.value is not None or target.rank is not None:
                continue
            if target.relative in _UNVERIFIABLE:
                why = _UNVERIFIABLE[target.relative]
            elif target.relative in _NEEDS_BASELINE and not measured(baseline):
                why = Text("基準となる現状値が示されていない", "no baseline value is stated to hold it to")
            elif target.relative is None and re.search(r"\d", norm(target.text or "")):
                why = Text("印字に数字はあるが、数値として記載されていない（value がない）", "the printed text has digits but no value is given")
            elif target.relative is None:
                why = Text("数値でも相対目標でもない", "it is neither a number nor a relative target")
            if why is not None:
                yield Hit(node, {"name": label(g, node, population), "target": shown(target), "why": why}, loc=target.loc or loc)


@check(NodeType.strategy, provides=["count", "total", "names"])
def data_source_stated(ctx: Context) -> Iterator[Hit]:
    """KGIs, numerical targets and KPIs say where their values come from (`data_source`: 市民意識調査, 国勢調査,
    住民基本台帳 ...); those that do not are listed in one finding for the strategy, at the first of them."""
    g = ctx.graph
    judged = list(checked(g))
    missing = sorted(
        ((node, ind) for node, ind in judged if not (ind.data_source or "").strip()), key=lambda item: item[1].loc or (0, 0)
    )
    if not missing:
        return
    names = [ind.name for _, ind in missing]
    listed = Text(quote(names, 20), quote_en(names, 20))
    yield Hit(ctx.root, {"count": len(missing), "total": len(judged), "names": listed}, loc=missing[0][1].loc)
