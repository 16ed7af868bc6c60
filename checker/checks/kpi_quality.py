"""KPI quality (手引き 4-1, 4-2, 7-2, 3-2, 5-3): every target can be verified against data.

Progress can be checked (7-2) only if an indicator says where it starts (現状 and
when it was measured), where it should be (a number and the year, or the span for
a sum or an average), in what unit, inside the strategy period; and if the same
KPI printed twice says the same thing both times.

Which indicators: the KGIs, the goals' numerical targets (数値目標) and every KPI
defined in the file.  A 【再掲】 re-listing is a link to the KPI defined elsewhere:
it is checked once, where it is defined, and its printed values are compared with
the original's (KQ11).  Supplementary indicators (補足指標) are related figures
that the 手引き neither defines nor asks targets for; no KQ rule applies to them.

An indicator measured for several groups (`segments`, 対象) is checked group by
group; the message names the group.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Basis, Text
from ..engine.registry import Hit, check
from ..graph import EdgeType, NodeType, StrategyGraph
from ..model import Aggregate, Baseline, Better, Bound, Indicator, Relative, Status, Target
from ..text import norm
from ..years import Year, YearRange


_CHECKED = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi)

_UNITLESS = ("合計特殊出生率", "倍率", "指数", "係数", "偏差値")
"""Indicators that are pure numbers by definition, so print no unit (1.49, 1.2倍 aside)."""

_DIRECTION_AMBIGUOUS = ("削減", "減少", "低減", "増減", "抑制")
"""Words that make the better direction unclear from the name alone: '排出量の削減率' and
'人口減少数' both contain a word of decrease, but one should go up and the other down."""

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_NUMERIC_TEXT = re.compile(r"[0-9.,+\-△▲\s]")

_ROLE = {
    NodeType.kgi: Text("KGI", "KGI"),
    NodeType.numerical_target: Text("数値目標", "numerical target"),
    NodeType.kpi: Text("KPI", "KPI"),
}

_UP = {Relative.increase, Relative.increase_on_previous_year, Relative.at_least_current,
       Relative.above_national_average, Relative.above_prefectural_average}
_DOWN = {Relative.decrease, Relative.decrease_on_previous_year, Relative.below_national_average}
_AT_LEAST = {Bound.at_least, Bound.more_than}
_BOUND_WORDS = {Bound.at_least: "以上", Bound.at_most: "以下", Bound.more_than: "超", Bound.less_than: "未満"}


# -- private helpers ----------------------------------------------------------------------


def _rows(ind: Indicator) -> Iterator[tuple[str | None, Baseline | None, Target | None, tuple[int, int] | None]]:
    """(population, baseline, target, location of the group) for each group measured."""
    if ind.segments:
        for seg in ind.segments:
            yield seg.population, seg.baseline, seg.target, seg.loc
    else:
        yield ind.population, ind.baseline, ind.target, None


def _label(g: StrategyGraph, node: str, population: str | None) -> str:
    return f"{g.name(node)}（対象：{population}）" if population else g.name(node)


def _checked(g: StrategyGraph) -> Iterator[tuple[str, Indicator]]:
    for node in g.nodes(*_CHECKED):
        part = g.part(node)
        if isinstance(part, Indicator):
            yield node, part


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


def _start_fy(ctx: Context) -> int | None:
    period = ctx.strategy.period
    return period.start.fy if period is not None else None


def _absent(b: Baseline | None) -> bool:
    return b is None or (b.value is None and not (b.text or "").strip())


def _when(year: Year | None, span: YearRange | None) -> str:
    if span is not None:
        return span.text
    return year.text if year is not None else ""


def _shown(v: Baseline | Target) -> str:
    if v.text:
        return v.text
    if v.value is not None:
        return f"{v.value:g}" if isinstance(v.value, float) else str(v.value)
    if isinstance(v, Target) and v.relative is not None:
        return v.relative.value
    return ""


def _direction(ind: Indicator, target: Target | None, reference) -> tuple[Better | None, bool, Text]:
    """(better direction, whether it was only assumed, the basis) for one indicator."""
    if ind.better is not None:
        return ind.better, False, Text(f"better: {ind.better.value} と宣言", f"declared better: {ind.better.value}")
    text = norm(ind.name)
    unclear = [w for w in _DIRECTION_AMBIGUOUS if w in text]
    if unclear:
        return None, False, Text("", "")
    down = [w for w in reference.decrease_signals if norm(w) in text]
    if down:
        return Better.lower, False, Text(f"「{down[0]}」は少ないほど良い指標", f"'{down[0]}' is better when lower")
    if target is not None and target.bound is not None:
        return (Better.higher if target.bound in _AT_LEAST else Better.lower), False, Text("", "")
    if target is not None and target.relative in _DOWN:
        return Better.lower, False, Text("", "")
    return (
        Better.higher,
        True,
        Text("名称に減少を良しとする語がないため、高いほど良い指標とみなした", "taken as better when higher, as the name has no word of decrease"),
    )


def _comparable(b: Baseline, t: Target) -> bool:
    """Baseline and target are the same kind of figure (both single years, or sums/averages over equal spans)."""
    if b.value is None or t.value is None or t.bound is not None or t.relative is not None:
        return False
    if b.aggregate != t.aggregate:
        return False
    if b.aggregate is None:
        return b.period is None or (b.period.fiscal_years == 1 and b.period.start.month is None)
    if b.aggregate is Aggregate.sum and b.period is not None and t.period is not None:
        return b.period.fiscal_years == t.period.fiscal_years
    return True


def _printed_unit(text: str | None) -> bool:
    """The printed cell shows a unit next to its number ('68.1%', '8,211人', '5年間で7,400人増加')."""
    if not text:
        return False
    body = _BRACKETS.sub("", norm(text))
    return bool(re.search(r"\d", body)) and bool(_NUMERIC_TEXT.sub("", body))


# -- checks ---------------------------------------------------------------------------------


@check(*_CHECKED, provides=["name", "role"])
def baseline_stated(ctx: Context) -> Iterator[Hit]:
    """Every KGI, numerical target and KPI (each group of it) states its current value (現状).

    A KGI based on a population projection whose current value is printed has one.
    A baseline written as "none yet" (no value, but a text such as 'R5年度にサービスを構築')
    is a statement, handled by KQ02, not an omission.  Supplementary indicators (補足指標)
    are related figures the 手引き asks nothing of; no KQ rule checks them.
    """
    g = ctx.graph
    start = _start_fy(ctx)
    for node, ind in _checked(g):
        if g.type(node) is NodeType.kgi and _projection_baseline(g, node, start) is not None:
            continue
        for population, baseline, _, loc in _rows(ind):
            if _absent(baseline):
                yield Hit(node, {"name": _label(g, node, population), "role": _ROLE[g.type(node)]}, loc=loc)


@check(*_CHECKED, provides=["name", "text"])
def baseline_not_yet_measured(ctx: Context) -> Iterator[Hit]:
    """A baseline stated as not existing yet (no value, only a text) is noted, so that the first measured
    value is recorded and progress can be verified from it."""
    g = ctx.graph
    for node, ind in _checked(g):
        for population, baseline, _, loc in _rows(ind):
            if baseline is not None and baseline.value is None and (baseline.text or "").strip():
                yield Hit(node, {"name": _label(g, node, population), "text": baseline.text}, loc=baseline.loc or loc)


@check(*_CHECKED, provides=["name", "value", "why"])
def baseline_dated(ctx: Context) -> Iterator[Hit]:
    """A baseline value says when it was measured: `as_of`, or `period` for a sum, an average or a partial year."""
    g = ctx.graph
    for node, ind in _checked(g):
        for population, baseline, _, loc in _rows(ind):
            if baseline is None or baseline.value is None:
                continue
            why = _undated(baseline, baseline.as_of, "値", Text("時点（年度・日付）がない", "it states no year or date"))
            if why is not None:
                yield Hit(node, {"name": _label(g, node, population), "value": _shown(baseline), "why": why}, loc=baseline.loc or loc)


def _undated(value, point, what: str, no_point: Text) -> Text | None:
    """Why a baseline or target cannot be placed in time (None when it can).

    `point` is its year or date; a sum or an average needs its span instead.
    """
    if value.aggregate is not None and value.period is None:
        return Text(f"合計・平均の{what}なのに対象期間がない", "it is a sum or an average but states no span")
    if point is None and value.period is None:
        return no_point
    return None


@check(*_CHECKED, provides=["name", "role"])
def target_stated(ctx: Context) -> Iterator[Hit]:
    """Every KGI, numerical target and KPI (each group of it) states a target (目標値).

    Supplementary indicators (補足指標) are not asked for one.
    """
    g = ctx.graph
    for node, ind in _checked(g):
        for population, _, target, loc in _rows(ind):
            if target is None:
                yield Hit(node, {"name": _label(g, node, population), "role": _ROLE[g.type(node)]}, loc=loc)


@check(*_CHECKED, provides=["name", "target", "why"])
def target_dated(ctx: Context) -> Iterator[Hit]:
    """A target says by when: `year`, or `period` for a sum (5年間で…, 累計) or an average over years."""
    g = ctx.graph
    for node, ind in _checked(g):
        for population, _, target, loc in _rows(ind):
            if target is None:
                continue
            why = _undated(target, target.year, "目標", Text("目標年度がない", "it states no target year"))
            if why is not None:
                yield Hit(node, {"name": _label(g, node, population), "target": _shown(target), "why": why}, loc=target.loc or loc)


@check(*_CHECKED, provides=["name"])
def unit_stated(ctx: Context) -> Iterator[Hit]:
    """An indicator with numeric values states its unit, in `unit` or in the printed values.

    Pure numbers by definition (合計特殊出生率, 倍率, 指数, 係数, 偏差値) need none.
    """
    g = ctx.graph
    for node, ind in _checked(g):
        if ind.unit or any(w in norm(ind.name) for w in _UNITLESS):
            continue
        values = [v for _, b, t, _ in _rows(ind) for v in (b, t) if v is not None and v.value is not None]
        if values and not any(_printed_unit(v.text) for v in values):
            yield Hit(node, {"name": g.name(node)})


@check(*_CHECKED, provides=["name", "when", "period"])
def target_within_period(ctx: Context) -> Iterator[Hit]:
    """A target's year (or the span of a sum or average target) lies inside the strategy period."""
    g = ctx.graph
    period = ctx.strategy.period
    if period is None:
        return
    lo, hi = period.start.fy, period.end.fy
    shown = f"{period.start.text}～{period.end.text}"
    for node, ind in _checked(g):
        for population, _, target, loc in _rows(ind):
            if target is None:
                continue
            spans = []
            if target.year is not None:
                spans.append((target.year.fy, target.year.fy, target.year.text))
            if target.period is not None:
                spans.append((target.period.start.fy, target.period.end.fy, target.period.text))
            for first, last, text in spans:
                if first < lo or last > hi:
                    yield Hit(node, {"name": _label(g, node, population), "when": text, "period": shown}, loc=target.loc or loc)
                    break


@check(*_CHECKED, provides=["name", "when", "start"])
def baseline_before_period(ctx: Context) -> Iterator[Hit]:
    """A baseline was measured no later than the first year of the strategy period.

    Not reported for a strategy marked `status: revised`: 7-2 expects KPIs to be reviewed
    after verification, and a revision may re-base them.
    """
    g = ctx.graph
    period = ctx.strategy.period
    if period is None or ctx.strategy.status is Status.revised:
        return
    for node, ind in _checked(g):
        for population, baseline, _, loc in _rows(ind):
            if baseline is None or baseline.value is None:
                continue
            when = baseline.period.end if baseline.period is not None else baseline.as_of
            if when is not None and when.fy > period.start.fy:
                text = _when(baseline.as_of, baseline.period)
                yield Hit(node, {"name": _label(g, node, population), "when": text, "start": period.start.text}, loc=baseline.loc or loc)


@check(*_CHECKED, provides=["name", "baseline", "target", "why"])
def target_direction(ctx: Context) -> Iterator[Hit]:
    """A target moves from the baseline the way the indicator improves.

    Which way is better comes from `better`; else from the pack's decrease_signals
    (lower is better, e.g. 排出量, 待機児童); else from the target itself when it is a
    bound or a relative target; else it is taken as higher.  Names with a word of
    reduction (削減, 減少 ...) are left alone unless `better` is declared.  Numbers are
    compared only when they are the same kind of figure (single years, or sums or
    averages over spans of equal length); a bound below the baseline (「40万人以上」 against
    a projected decline) sets a floor, not a movement, and is not compared.  A bound or a
    relative target that points the other way than the declared direction or a decrease
    word is reported.
    """
    g = ctx.graph
    ref = ctx.reference
    for node, ind in _checked(g):
        for population, baseline, target, loc in _rows(ind):
            if target is None:
                continue
            better, assumed, basis = _direction(ind, target, ref)
            if better is None:
                continue
            wrong = False
            if baseline is not None and _comparable(baseline, target):
                b, t = baseline.value, target.value
                wrong = (better is Better.higher and t < b) or (better is Better.lower and t > b)
            elif target.bound is not None:
                wrong = (target.bound in _AT_LEAST) != (better is Better.higher)
            elif target.relative in _UP or target.relative in _DOWN:
                wrong = (target.relative in _UP) != (better is Better.higher)
            if wrong:
                yield Hit(
                    node,
                    {
                        "name": _label(g, node, population),
                        "baseline": _shown(baseline) if baseline is not None else "—",
                        "target": _shown(target),
                        "why": basis,
                    },
                    loc=target.loc or loc,
                    basis=Basis.inferred if assumed else None,
                )


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


@check(*_CHECKED, provides=["name", "target", "why"])
def target_is_verifiable(ctx: Context) -> Iterator[Hit]:
    """A target is a level that actual data can be compared with.

    Verifiable: a number; a rank; 維持 or 現状以上 when the baseline value is stated (the
    baseline is then the level); 全国平均・府県平均を上回る/下回る (the published average of
    the target year is the level).  Not verifiable: 増加 or 減少 with no amount, 前年より増加/減少
    (a moving base, no level for the period), 維持/現状以上 without a stated baseline value,
    and a target given only as text.
    """
    g = ctx.graph
    for node, ind in _checked(g):
        for population, baseline, target, loc in _rows(ind):
            if target is None:
                continue
            why = None
            if target.value is not None or target.rank is not None:
                continue
            if target.relative in _UNVERIFIABLE:
                why = _UNVERIFIABLE[target.relative]
            elif target.relative in _NEEDS_BASELINE and (baseline is None or baseline.value is None):
                why = Text("基準となる現状値が示されていない", "no baseline value is stated to hold it to")
            elif target.relative is None and re.search(r"\d", norm(target.text or "")):
                why = Text("印字に数字はあるが、数値として記載されていない（value がない）", "the printed text has digits but no value is given")
            elif target.relative is None:
                why = Text("数値でも相対目標でもない", "it is neither a number nor a relative target")
            if why is not None:
                yield Hit(node, {"name": _label(g, node, population), "target": _shown(target), "why": why}, loc=target.loc or loc)


def _year_key(y: Year | None):
    return None if y is None else (y.fy, y.month, y.day)


def _span_key(s: YearRange | None):
    return None if s is None else (_year_key(s.start), _year_key(s.end))


def _baseline_key(b: Baseline | None):
    return None if b is None else (b.value, _year_key(b.as_of), _span_key(b.period), b.aggregate)


def _target_key(t: Target | None):
    if t is None:
        return None
    return (t.value, _year_key(t.year), _span_key(t.period), t.aggregate, t.bound, t.relative, t.rank)


def _brief(v: Baseline | Target | None) -> str:
    """A value and its time, for comparing two printings: '84.8（令和3年度）', '維持（令和9年度）'."""
    if v is None:
        return "—"
    if v.value is not None:
        what = f"{v.value:g}" if isinstance(v.value, float) else str(v.value)
    elif isinstance(v, Target) and v.rank is not None:
        what = f"{v.rank}位"
    else:
        what = v.text or (v.relative.value if isinstance(v, Target) and v.relative else "—")
    if isinstance(v, Target) and v.bound is not None:
        what += _BOUND_WORDS[v.bound]
    if v.aggregate is not None:
        what = ("合計" if v.aggregate is Aggregate.sum else "平均") + what
    when = [w for w in (_when(None, v.period), _when(getattr(v, "as_of", None) or getattr(v, "year", None), None)) if w]
    return f"{what}（{'、'.join(dict.fromkeys(when))}）" if when else what


def _differences(printed, original) -> list[Text]:
    """What the re-listing prints differently from the KPI it refers to (only what it prints)."""
    diffs: list[Text] = []

    def row(population, b, t, ob, ot, where: str):
        if b is not None and _baseline_key(b) != _baseline_key(ob):
            diffs.append(Text(f"{where}現状「{_brief(b)}」≠「{_brief(ob)}」", f"{where}baseline '{_brief(b)}' ≠ '{_brief(ob)}'"))
        if t is not None and _target_key(t) != _target_key(ot):
            diffs.append(Text(f"{where}目標「{_brief(t)}」≠「{_brief(ot)}」", f"{where}target '{_brief(t)}' ≠ '{_brief(ot)}'"))

    if printed.segments:
        originals = {norm(s.population): s for s in original.segments}
        for seg in printed.segments:
            match = originals.get(norm(seg.population))
            if match is None:
                diffs.append(Text(f"対象「{seg.population}」は元のKPIにない", f"group '{seg.population}' is not in the original"))
                continue
            row(seg.population, seg.baseline, seg.target, match.baseline, match.target, f"[{seg.population}] ")
        return diffs
    if printed.population and norm(printed.population) != norm(original.population or ""):
        diffs.append(
            Text(f"対象「{printed.population}」≠「{original.population or '—'}」", f"group '{printed.population}' ≠ '{original.population or '—'}'")
        )
    if original.segments and (printed.baseline is not None or printed.target is not None):
        diffs.append(Text("元のKPIは対象別に値を示している", "the original gives values per group"))
        return diffs
    row(printed.population, printed.baseline, printed.target, original.baseline, original.target, "")
    return diffs


@check(NodeType.kpi, provides=["name", "holder", "diffs"])
def relisted_values_match(ctx: Context) -> Iterator[Hit]:
    """A KPI printed again (【再掲】) shows the same group, baseline and target as where it is defined.

    Only what the re-listing prints is compared (a re-listing that prints no values
    has nothing to contradict); years are compared as fiscal years, numbers as numbers.
    """
    g = ctx.graph
    for holder, kpi, data in g.iter_relistings():
        printed = data.get("ref")
        original = g.part(kpi) if g.has_part(kpi) else None
        if printed is None or not isinstance(original, Indicator):
            continue
        diffs = _differences(printed, original)
        if diffs:
            yield Hit(kpi, {"name": g.name(kpi), "holder": g.name(holder), "diffs": diffs}, loc=printed.loc)


@check(*_CHECKED, provides=["name", "role"])
def data_source_stated(ctx: Context) -> Iterator[Hit]:
    """A KGI, numerical target or KPI says where its values come from (`data_source`: 市民意識調査, 国勢調査, 住民基本台帳 ...)."""
    g = ctx.graph
    for node, ind in _checked(g):
        if not (ind.data_source or "").strip():
            yield Hit(node, {"name": g.name(node), "role": _ROLE[g.type(node)]})
