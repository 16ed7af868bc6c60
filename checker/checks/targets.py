"""Targets against their baselines (手引き 4-1, 4-2, 5-3, 7-2): the right way, on the same basis, from a recent start.

A baseline and a target are compared per fiscal year.  A single year's value is its own level;
an average over years is already one; a sum over a span is divided by the span's fiscal years
(「5年間で7,400人」 is 1,480 a year), so a sum is compared with a single year, and sums over
spans of different length with each other.  Where no per-year level can be formed — a value for
part of a year (R4.7～12), a figure over several years that says neither sum nor average, a rank
against a number, two different units — the two cannot be compared, and KQ13 says so instead of
the direction check passing in silence.  A sum whose span is not stated is left to KQ03/KQ05.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Basis, Text
from ..engine.registry import Hit, check
from ..model import Aggregate, Baseline, Better, Bound, Indicator, Relative, Target
from ..text import norm
from ._indicators import CHECKED, checked, label, measured, number, rows, shown, when

_DIRECTION_AMBIGUOUS = ("削減", "減少", "低減", "増減", "抑制")
"""Words that make the better direction unclear from the name alone: '排出量の削減率' and
'人口減少数' both contain a word of decrease, but one should go up and the other down."""

_UP = {Relative.increase, Relative.increase_on_previous_year, Relative.at_least_current,
       Relative.above_national_average, Relative.above_prefectural_average}
_DOWN = {Relative.decrease, Relative.decrease_on_previous_year, Relative.below_national_average}
_AT_LEAST = {Bound.at_least, Bound.more_than}
_NOTHING = Text("", "")


def _direction(ind: Indicator, target: Target | None, reference) -> tuple[Better | None, bool, Text]:
    """(better direction, whether it was only assumed, the reason) for one indicator."""
    if ind.better is not None:
        return ind.better, False, Text(f"better: {ind.better.value} と宣言", f"declared better: {ind.better.value}")
    text = norm(ind.name)
    if any(w in text for w in _DIRECTION_AMBIGUOUS):
        return None, False, _NOTHING
    down = [w for w in reference.decrease_signals if norm(w) in text]
    if down:
        return Better.lower, False, Text(f"「{down[0]}」は少ないほど良い指標", f"'{down[0]}' is better when lower")
    if target is not None and target.bound is not None:
        return (Better.higher if target.bound in _AT_LEAST else Better.lower), False, _NOTHING
    if target is not None and target.relative in _DOWN:
        return Better.lower, False, _NOTHING
    return (
        Better.higher,
        True,
        Text("名称に減少を良しとする語がないため、高いほど良い指標とみなした", "taken as better when higher, as the name has no word of decrease"),
    )


@dataclass(frozen=True)
class _Level:
    """A value per fiscal year, and how it was formed when it is not the printed figure itself."""

    value: float
    how: Text | None = None


def _partial(v: Baseline | Target) -> bool:
    return v.period is not None and (v.period.start.month is not None or v.period.end.month is not None)


def _level(v: Baseline | Target) -> _Level | Text | None:
    """The value per fiscal year; a reason (Text) why there is none; or None when there is nothing to compare."""
    if v.value is None:
        return None
    span = v.period
    if v.aggregate is Aggregate.sum:
        if span is None:
            return None  # a sum without its span: KQ03/KQ05 report it
        if _partial(v):
            return Text(f"「{span.text}」の月単位の合計で、年度あたりに直せない", f"a total over the months of '{span.text}', not over fiscal years")
        n = span.fiscal_years
        if n == 1:
            return _Level(float(v.value))
        return _Level(
            v.value / n,
            Text(f"{span.text}の{n}年度の合計 {number(v.value)} を{n}で割った値", f"the {n}-year total {number(v.value)} over {span.text} divided by {n}"),
        )
    if v.aggregate is Aggregate.average or span is None:
        return _Level(float(v.value))
    if _partial(v):
        return Text(f"「{span.text}」の値で、1年度分ではない", f"a value for '{span.text}', not for a whole fiscal year")
    if span.fiscal_years == 1:
        return _Level(float(v.value))
    return Text(
        f"「{span.text}」にわたる値で、合計か平均か（aggregate）が示されていない",
        f"a value over '{span.text}' that says neither sum nor average (aggregate)",
    )


def _unit(ind: Indicator, v: Baseline | Target) -> str:
    return norm(v.unit or ind.unit or "")


def _compare(ind: Indicator, b: Baseline, t: Target) -> tuple[float, float, Text] | Text | None:
    """(baseline, target, how they were put on one basis) per year or as ranks; a reason they cannot be compared; or None."""
    if t.bound is not None or t.relative is not None or not measured(b) or (t.value is None and t.rank is None):
        return None
    if b.rank is not None and t.rank is not None:  # a smaller rank is better, whatever the indicator: compare its negation
        return float(-b.rank), float(-t.rank), _NOTHING
    if (b.rank is None) != (t.rank is None) and (b.value is None or t.value is None):
        return Text("一方は順位、もう一方は数値で示されている", "one is a rank and the other a number")
    if (b.unit or t.unit) and _unit(ind, b) != _unit(ind, t):
        return Text(f"単位が異なる（現状：{b.unit or ind.unit}、目標：{t.unit or ind.unit}）", f"the units differ ({b.unit or ind.unit} against {t.unit or ind.unit})")
    lb, lt = _level(b), _level(t)
    for side, found in ((Text("現状値", "the baseline"), lb), (Text("目標", "the target"), lt)):
        if isinstance(found, Text):
            return Text(f"{side.ja}が{found.ja}", f"{side.en} is {found.en}")
    if lb is None or lt is None:
        return None
    if lb.how is None and lt.how is None:
        return lb.value, lt.value, _NOTHING
    hows = [(side, level.how) for side, level in ((Text("現状値", "the baseline"), lb), (Text("目標", "the target"), lt)) if level.how]
    return lb.value, lt.value, Text(
        f"。年度あたりに直すと、現状値 {number(lb.value)} に対して目標 {number(lt.value)} です（"
        + "、".join(f"{side.ja}は{how.ja}" for side, how in hows) + "）",
        f"; per fiscal year the baseline is {number(lb.value)} and the target {number(lt.value)} ("
        + "; ".join(f"{side.en} is {how.en}" for side, how in hows) + ")",
    )


@check(*CHECKED, provides=["name", "baseline", "target", "why", "compared"])
def target_direction(ctx: Context) -> Iterator[Hit]:
    """A target moves from the baseline the way the indicator improves.

    Which way is better comes from `better`; else from the pack's decrease_signals
    (lower is better, e.g. 排出量, 待機児童); else from the target itself when it is a
    bound or a relative target; else it is taken as higher (then the finding is an inference).
    Names with a word of reduction (削減, 減少 ...) are left alone unless `better` is declared.
    Numbers are compared per fiscal year (a sum divided by its span's years, an average as it
    is), ranks as ranks; figures that cannot be put on one basis are left to KQ13.  A bound
    below the baseline (「40万人以上」 against a projected decline) sets a floor, not a movement,
    and is not compared; a bound or a relative target that points the other way than the
    declared direction or a decrease word is reported.
    """
    g = ctx.graph
    ref = ctx.reference
    for node, ind in checked(g):
        for segment, baseline, target, loc in rows(ind):
            if target is None:
                continue
            better, assumed, why = _direction(ind, target, ref)
            if better is None:
                continue
            wrong, compared = False, _NOTHING
            found = _compare(ind, baseline, target) if baseline is not None else None
            if isinstance(found, tuple):
                b, t, compared = found
                if baseline.rank is not None and target.rank is not None:  # ranks were negated: the larger is the better place
                    better, assumed, why = Better.higher, False, Text("順位は小さいほど良い", "a smaller rank is better")
                wrong = (better is Better.higher and t < b) or (better is Better.lower and t > b)
            elif target.bound is not None:
                wrong = (target.bound in _AT_LEAST) != (better is Better.higher)
            elif target.relative in _UP or target.relative in _DOWN:
                wrong = (target.relative in _UP) != (better is Better.higher)
            if wrong:
                yield Hit(
                    node,
                    {
                        "name": label(g, node, segment),
                        "baseline": shown(baseline) if baseline is not None else "—",
                        "target": shown(target),
                        "why": Text(f"（{why.ja}）", f" ({why.en})") if why.ja else _NOTHING,
                        "compared": compared,
                    },
                    loc=target.loc or loc,
                    basis=Basis.inferred if assumed else None,
                )


@check(*CHECKED, provides=["name", "baseline", "target", "why"])
def bases_comparable(ctx: Context) -> Iterator[Hit]:
    """A numeric (or ranked) baseline and target can be put on one basis: per fiscal year, in one unit, both
    numbers or both ranks.  Targets written as a bound or relative to something are not compared."""
    g = ctx.graph
    for node, ind in checked(g):
        for segment, baseline, target, loc in rows(ind):
            if baseline is None or target is None:
                continue
            found = _compare(ind, baseline, target)
            if isinstance(found, Text):
                yield Hit(
                    node,
                    {"name": label(g, node, segment), "baseline": shown(baseline), "target": shown(target), "why": found},
                    loc=target.loc or loc,
                )


def _survey_interval(ind: Indicator, intervals: dict[str, int]) -> tuple[str, int] | None:
    """The periodic survey the values come from (国勢調査: every 5 years ...), by data source or name."""
    text = norm(f"{ind.data_source or ''} {ind.name}")
    found = [(name, years) for name, years in intervals.items() if norm(name) in text]
    return max(found, key=lambda f: f[1]) if found else None


@check(*CHECKED, provides=["name", "when", "start", "age", "limit"])
def baseline_recent(ctx: Context, *, max_age: int = 3, survey_intervals: dict[str, int] | None = None) -> Iterator[Hit]:
    """A baseline was measured at most `max_age` fiscal years before the strategy period starts, or within the
    interval of the periodic survey it comes from (`survey_intervals`: 国勢調査 5 ...), whichever is longer."""
    g = ctx.graph
    period = ctx.strategy.period
    if period is None:
        return
    for node, ind in checked(g):
        survey = _survey_interval(ind, survey_intervals or {})
        allowed = max(max_age, survey[1] if survey else 0)
        for segment, baseline, _, loc in rows(ind):
            if not measured(baseline):
                continue
            moment = baseline.period.end if baseline.period is not None else baseline.as_of
            if moment is None:
                continue  # undated: KQ03 reports it
            age = period.start.fy - moment.fy
            if age > allowed:
                limit = Text(f"{max_age}年度", f"{max_age} fiscal years")
                if survey and survey[1] > max_age:
                    limit = Text(f"{survey[1]}年度（{survey[0]}の周期）", f"{survey[1]} fiscal years (the cycle of the {survey[0]})")
                yield Hit(
                    node,
                    {
                        "name": label(g, node, segment),
                        "when": when(baseline.as_of, baseline.period),
                        "start": period.start.text,
                        "age": age,
                        "limit": limit,
                    },
                    loc=baseline.loc or loc,
                )
