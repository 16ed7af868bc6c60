"""What a KPI plans: its kind of target, which way is better, and the expected trajectory.

`plan_of` reads an indicator (or one of its segments) once: a point target (a value by a year),
a rank, a sum or an average over the period, or a relative target (維持, 前年より増加, 全国平均を
上回る …), and which way is better, saying how that was decided.  `Plan.expected(fy)` is the
value expected in a fiscal year: a straight line from the baseline to the target, through the
yearly targets where the strategy sets them (for a sum, the running total of the yearly amounts).
All arithmetic is exact (fractions), so a value exactly on the trajectory is exactly on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..engine.finding import Text
from ..model import Aggregate, Baseline, Bound, Indicator, Relative, Target
from ..text import norm

HIGHER, LOWER = 1, -1

_UP_RELATIVE = {Relative.increase, Relative.increase_on_previous_year, Relative.at_least_current,
                Relative.above_national_average, Relative.above_prefectural_average, Relative.maintain}
_DOWN_RELATIVE = {Relative.decrease, Relative.decrease_on_previous_year, Relative.below_national_average}
_BOUND_WORDS = (("未満", Bound.less_than), ("以下", Bound.at_most), ("以上", Bound.at_least), ("超", Bound.more_than))


def exact(value: object) -> Fraction | None:
    """A number as an exact fraction (a float by its shortest decimal text: 0.1 is 1/10)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(float(value)))


def bound_of(target: Target | None) -> Bound | None:
    """The target's bound: as declared, else read from its printed text (93%超, 80%以上, 5件以下, 10人未満)."""
    if target is None:
        return None
    if target.bound is not None:
        return target.bound
    text = norm(target.text or "")
    if "超過" in text:
        return None
    for word, bound in _BOUND_WORDS:
        if word in text:
            return bound
    return None


@dataclass
class Plan:
    """The plan of one indicator or segment."""

    kind: str
    """point, rank, sum, average, relative, or none (nothing can be judged)."""
    direction: int = HIGHER
    direction_basis: Text = field(default_factory=lambda: Text("", ""))
    base: Fraction | None = None
    base_fy: int | None = None
    target: Fraction | None = None
    target_fy: int | None = None
    start: int | None = None
    """First fiscal year of the span a sum or average covers (or of the strategy period)."""
    end: int | None = None
    bound: Bound | None = None
    relative: Relative | None = None
    points: list[tuple[int, Fraction]] = field(default_factory=list)
    """(fiscal year, value) the trajectory goes through, in order (point and rank targets)."""
    amounts: dict[int, Fraction] = field(default_factory=dict)
    """For a sum: the amount expected in each fiscal year of the span."""
    reason: Text = field(default_factory=lambda: Text("", ""))
    """For kind none: why nothing can be judged."""
    milestones: bool = False
    """The trajectory goes through yearly targets the strategy set."""

    @property
    def strict(self) -> bool:
        return self.bound in (Bound.more_than, Bound.less_than)

    def expected(self, fy: int) -> Fraction | None:
        """The value expected in fiscal year `fy` (for a sum: the running total), or None."""
        cache = self.__dict__.setdefault("_expected_cache", {})
        if fy not in cache:
            cache[fy] = self._expected(fy)
        return cache[fy]

    def _expected(self, fy: int) -> Fraction | None:
        if self.kind == "sum":
            if self.start is None or fy < self.start:
                return None
            return sum((v for y, v in self.amounts.items() if y <= fy), Fraction(0))
        if self.kind == "average":
            return self.target
        if self.kind not in ("point", "rank") or not self.points:
            return None
        first_fy, first = self.points[0]
        if fy <= first_fy:
            return first if fy == first_fy or self.base is not None else None
        for (y0, v0), (y1, v1) in zip(self.points, self.points[1:]):
            if fy <= y1:  # v0 + (v1 - v0) (fy - y0) / (y1 - y0), built as one fraction from the integers
                a, b, c, d = v0.numerator, v0.denominator, v1.numerator, v1.denominator
                return Fraction(a * d * (y1 - y0) + (c * b - a * d) * (fy - y0), b * d * (y1 - y0))
        return self.points[-1][1]


def _direction(indicator: Indicator, target: Target | None, base: Fraction | None, decrease_words) -> tuple[int, Text]:
    if indicator.better is not None:
        return (HIGHER if indicator.better.value == "higher" else LOWER), Text("指標の better の指定による", "as the indicator's `better` says")
    if target is not None and target.rank is not None:
        return LOWER, Text("順位は小さいほど良い", "a rank is better when smaller")
    bound = bound_of(target)
    if bound is not None:
        up = bound in (Bound.at_least, Bound.more_than)
        return (HIGHER if up else LOWER), Text("目標の「以上・超／以下・未満」による", "from the target's bound")
    if target is not None and target.relative is not None and target.value is None:
        if target.relative in _DOWN_RELATIVE:
            return LOWER, Text("目標が減少を求めるため", "the target asks for a decrease")
        if target.relative is not Relative.maintain:
            return HIGHER, Text("目標が増加を求めるため", "the target asks for an increase")
    value = exact(target.value) if target is not None else None
    if value is not None and base is not None and value != base and (target.aggregate is None):
        if value < base:
            return LOWER, Text("目標値が基準値より小さいため", "the target is below the baseline")
        return HIGHER, Text("目標値が基準値より大きいため", "the target is above the baseline")
    name = norm(indicator.name)
    word = next((w for w in decrease_words if norm(w) in name), None)
    if word is not None:
        return LOWER, Text(f"名称の「{word}」は少ないほど良い", f"'{word}' in the name is better when lower")
    return HIGHER, Text("高いほど良い指標とみなした", "taken as better when higher")


def _span(target: Target, period: tuple[int, int] | None) -> tuple[int, int] | None:
    if target.period is not None:
        return target.period.start.fy, target.period.end.fy
    if period is not None:
        return period
    if target.year is not None:
        return target.year.fy, target.year.fy
    return None


def plan_of(
    indicator: Indicator,
    baseline: Baseline | None,
    target: Target | None,
    period: tuple[int, int] | None,
    milestones: dict[int, object],
    decrease_words=(),
) -> Plan:
    """The plan of `indicator` (or one of its segments, given its baseline and target).

    `period`: the strategy's (first, last) fiscal year; `milestones`: yearly targets by fiscal year.
    """
    base = exact(baseline.value) if baseline is not None else None
    base_fy = None
    if baseline is not None:
        if baseline.as_of is not None:
            base_fy = baseline.as_of.fy
        elif baseline.period is not None:
            base_fy = baseline.period.end.fy
    if base_fy is None and base is not None and period is not None:
        base_fy = period[0] - 1
    direction, basis = _direction(indicator, target, base, decrease_words)
    plan = Plan("none", direction, basis, base, base_fy, bound=bound_of(target))
    if target is None:
        plan.reason = Text("目標値が記載されていない", "the target is not stated")
        return plan
    marks = {fy: exact(getattr(m, "value", m)) for fy, m in milestones.items()}
    plan.milestones = bool(marks)
    value = exact(target.value) if target.value is not None else None
    if target.rank is not None:
        plan.kind, plan.target = "rank", Fraction(target.rank)
    elif value is None and target.relative is not None:
        plan.kind, plan.relative = "relative", target.relative
        plan.start, plan.end = period or (None, None)
        return plan
    elif value is None:
        plan.reason = Text(f"目標が文章のみ（{target.text}）", f"the target is text only ('{target.text}')")
        return plan
    else:
        plan.target = value
        plan.kind = {Aggregate.sum: "sum", Aggregate.average: "average"}.get(target.aggregate, "point")
    if plan.kind in ("sum", "average"):
        span = _span(target, period)
        if span is None:
            plan.kind = "none"
            plan.reason = Text("合計・平均の対象期間が分からない", "the span of the sum or average is not known")
            return plan
        plan.start, plan.end = span
        if plan.kind == "sum":
            plan.amounts = _amounts(plan.target, span, marks)
        return plan
    target_fy = target.year.fy if target.year is not None else (period[1] if period else None)
    if target_fy is None:
        plan.kind = "none"
        plan.reason = Text("目標年度が分からない", "the target year is not known")
        return plan
    plan.target_fy = target_fy
    plan.start, plan.end = period or (None, target_fy)
    points = {}
    if base is not None and base_fy is not None and base_fy < target_fy:
        points[base_fy] = base
    points.update({fy: v for fy, v in marks.items() if v is not None and (base_fy is None or fy > base_fy) and fy < target_fy})
    points[target_fy] = plan.target
    plan.points = sorted(points.items())
    return plan


def _amounts(total: Fraction, span: tuple[int, int], marks: dict[int, Fraction | None]) -> dict[int, Fraction]:
    """Each year's expected amount of a sum: the yearly targets where set, the rest shared equally."""
    years = list(range(span[0], span[1] + 1))
    given = {y: v for y, v in marks.items() if y in years and v is not None}
    rest = [y for y in years if y not in given]
    share = (total - sum(given.values(), Fraction(0))) / len(rest) if rest else Fraction(0)
    return {y: given.get(y, share) for y in years}
