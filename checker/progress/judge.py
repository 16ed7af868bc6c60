"""Judging progress: each KPI's grade for a fiscal year, with how it was computed.

For one indicator (or one segment of it) and one fiscal year the judge computes what the
scheme's conditions test (see `checker.progress.schemes`): whether the final target is met, the
actual against the year's expected value, the share of the planned progress, the share of the
target, the change from the baseline.  A target summed over the period is judged on the running
total, an average on the running mean, a rank with smaller as better, a relative target
(維持, 前年より増加, 全国平均を上回る …) as met or not.  The grade says how it was reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from ..engine.finding import Text
from ..model import Relative
from .data import ProgressData
from .plan import LOWER, Plan
from .schemes import Condition, Grade, Level, Scheme

INFINITY = float("inf")


@dataclass(frozen=True)
class Judgement:
    """One KPI row's grade for one fiscal year."""

    year: int
    level: Level
    grade: Grade | None
    label: Text
    explanation: "Text | Callable[[], Text]"
    """How the grade was computed, or a function that writes it (most judgements are never shown)."""
    actual: Fraction | None = None
    """The value judged: the year's actual, or the running total or mean."""
    expected: Fraction | None = None
    met: bool | None = None
    progress: Fraction | float | None = None
    attainment: Fraction | float | None = None

    @property
    def key(self) -> str:
        return self.grade.id if self.grade is not None else self.level.value

    @property
    def how(self) -> Text:
        """How the grade was computed, in a sentence (in Japanese and English)."""
        found = self.explanation
        return found if isinstance(found, Text) else found()


def fmt(value: Fraction | float | int | None) -> str:
    """A number as a plain decimal: exact when it has a short decimal form, else to two places."""
    if value is None:
        return "—"
    if value.__class__ is int:
        return f"{value:,}"
    if isinstance(value, float):
        return "∞" if value == INFINITY else f"{value:g}"
    value = Fraction(value)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    for places in range(1, 5):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return f"{float(value):,.{places}f}"
    return f"{float(value):,.2f}"


def show(value) -> str:
    """A recorded number as written: a float keeps its decimals (18.0), thousands are separated."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,}"
    return fmt(value)


def pct(value: Fraction | float | None) -> str:
    """A share as a percentage, to one decimal place where needed."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return "∞" if value == INFINITY else f"{value * 100:.1f}%"
    return fmt(round(Fraction(value) * 100, 1)) + "%"


def _sign(x: Fraction, y: Fraction) -> int:
    """-1, 0 or 1 as `x` is below, at or above `y`, exactly (cross-multiplied, without building fractions)."""
    diff = x.numerator * y.denominator - y.numerator * x.denominator
    return (diff > 0) - (diff < 0)


def _reach(x: Fraction, r: Fraction, direction: int, strict: bool) -> bool:
    """Whether `x` is at (or, strict, beyond) `r` the better way (`direction` +1 higher, -1 lower)."""
    gap = _sign(x, r) * direction
    return gap > 0 if strict else gap >= 0


_UNSET = object()
_ZERO = Fraction(0)


class _Values:
    """The actual values of one series, as exact numbers."""

    def __init__(self, data: ProgressData | None, kpi: str, segment: str | None):
        records = data.actuals.get((kpi, segment), {}) if data is not None else {}
        self.records = {fy: rec.item for fy, rec in records.items()}
        self._exact: dict[int, Fraction | None] = {}

    def get(self, fy: int):
        return self.records.get(fy)

    def value(self, fy: int) -> Fraction | None:
        found = self._exact.get(fy, _UNSET)
        if found is _UNSET:
            from .plan import exact

            actual = self.records.get(fy)
            found = self._exact[fy] = exact(actual.value) if actual is not None else None
        return found

    def latest_before(self, fy: int) -> int | None:
        years = [y for y, a in self.records.items() if y < fy and a.value is not None]
        return max(years) if years else None


def judge(plan: Plan, values: _Values, fy: int, scheme: Scheme) -> Judgement:
    """The grade of one series in fiscal year `fy`."""
    if plan.kind == "none":
        return _undeterminable(fy, scheme, plan.reason)
    actual = values.get(fy)
    if actual is None or actual.value is None:
        latest = values.latest_before(fy)
        ja = f"{fy}年度の実績値がない" + (f"（最新は{latest}年度）" if latest else "")
        en = f"no actual value for FY{fy}" + (f" (latest: FY{latest})" if latest else "")
        if actual is not None and actual.note:
            ja, en = ja + f"：{actual.note}", en + f": {actual.note}"
        return Judgement(fy, Level.not_measured, None, Text(scheme.not_measured.ja, scheme.not_measured.en), Text(ja, en))
    if plan.kind == "relative":
        return _relative(plan, values, fy, scheme)
    if plan.kind in ("sum", "average"):
        running = _running(plan, values, fy)
        if isinstance(running, Text):
            return _undeterminable(fy, scheme, running)
        a = running
    else:
        a = values.value(fy)
    return _numeric(plan, a, fy, scheme)


def _undeterminable(fy: int, scheme: Scheme, reason: Text) -> Judgement:
    return Judgement(fy, Level.undeterminable, None, Text(scheme.undeterminable.ja, scheme.undeterminable.en), reason)


def _running(plan: Plan, values: _Values, fy: int) -> Fraction | Text:
    """The running total (sum) or mean (average) over the span up to `fy`."""
    actual = values.get(fy)
    if plan.kind == "sum" and actual.cumulative:
        return values.value(fy)
    if fy < plan.start:
        return Text(f"{fy}年度は合計・平均の対象期間（{plan.start}～{plan.end}年度）より前", f"FY{fy} is before the span ({plan.start}-{plan.end})")
    years = range(plan.start, min(fy, plan.end) + 1)
    missing = [y for y in years if values.value(y) is None]
    if missing:
        shown = "、".join(f"{y}年度" for y in missing)
        return Text(f"累計・平均に必要な{shown}の実績値がない", f"the running total lacks FY{', FY'.join(str(y) for y in missing)}")
    total = sum((values.value(y) for y in years), Fraction(0))
    return total if plan.kind == "sum" else total / len(years)


def _measures(plan: Plan, a: Fraction, fy: int, scheme: Scheme) -> dict:
    d = plan.direction
    e = plan.expected(fy)
    t = plan.target
    base = _ZERO if plan.kind == "sum" else plan.base
    final_year = plan.end if plan.kind in ("sum", "average") else plan.target_fy
    if plan.kind == "sum" and d > 0:
        met = _reach(a, t, d, plan.strict)
    elif plan.kind in ("sum", "average"):
        met = fy >= plan.end and _reach(a, t, d, plan.strict)
    elif base is not None and _sign(t, base) * d < 0 and fy < plan.target_fy:
        met = False  # a target planned below the baseline (a decline slowed) is judged in its year, not on the way down
    else:
        met = _reach(a, t, d, plan.strict)
    reference = t if scheme.against == "final" else e
    reached = beyond = attainment = None
    if reference is not None:
        at_final = scheme.against == "final" or final_year is None or fy >= final_year
        strict = plan.strict and reference == t and at_final
        reached = _reach(a, reference, d, strict)
        beyond = _reach(a, reference, d, True)
        if reference.numerator > 0:
            if d > 0:
                attainment = a / reference
            else:
                attainment = INFINITY if a.numerator <= 0 else reference / a
    improved = None if base is None else _sign(a, base) * d > 0
    progress = None
    if e is not None and base is not None:
        if e == base:
            progress = Fraction(1) if _sign(a, e) * d >= 0 else Fraction(0)
        else:  # 1 + d (a - e) / |e - base|, from the integers: one fraction built instead of five
            an, ad, en, ed, bn, bd = a.numerator, a.denominator, e.numerator, e.denominator, base.numerator, base.denominator
            span = abs(en * bd - bn * ed)
            progress = Fraction(ad * span + d * (an * ed - en * ad) * bd, ad * span)
    return {"met": met, "reached": reached, "beyond": beyond, "improved": improved, "progress": progress,
            "attainment": attainment, "expected": e, "reference": reference}


_WHY_MISSING = {
    "progress": Text("計画進捗の割合（基準値と期待値が必要）", "the share of the planned progress (needs a baseline and an expected value)"),
    "attainment": Text("目標に対する達成率（正の目標値が必要）", "the share of the target (needs a target above zero)"),
    "reached": Text("その年度の目標（期待値）", "the year's target (expected value)"),
    "beyond": Text("その年度の目標（期待値）", "the year's target (expected value)"),
    "improved": Text("基準値との比較（基準値が必要）", "the change from the baseline (needs a baseline)"),
    "met": Text("目標の達成", "whether the target is met"),
}


_TESTS: dict[int, tuple[Condition, list[tuple[str, object]]]] = {}
"""A condition's tests (name, wanted value), by the condition's id (schemes are few and live long)."""


def _match(condition: Condition | None, m: dict) -> bool | str:
    """True / False, or the name of a measure the condition needs that cannot be computed."""
    if condition is None:
        return True
    tests = _TESTS.get(id(condition))
    if tests is None or tests[0] is not condition:
        tests = _TESTS[id(condition)] = (condition, [(name, getattr(condition, name)) for name in condition.needs()])
    for name, want in tests[1]:
        have = m.get(name)
        if have is None:
            return name
        if isinstance(want, bool):
            if have != want:
                return False
        elif not want.holds(have):
            return False
    return True


def _grade(scheme: Scheme, m: dict, fy: int) -> tuple[Grade | None, Text | None]:
    for grade in scheme.grades:
        found = _match(grade.when, m)
        if found is True:
            return grade, None
        if isinstance(found, str):
            why = _WHY_MISSING[found]
            return None, Text(f"評価区分「{grade.label.ja}」の判定に{why.ja}が求められるが計算できない",
                              f"grade '{grade.label.en}' needs {why.en}, which cannot be computed")
    return scheme.grades[-1], None


def _numeric(plan: Plan, a: Fraction, fy: int, scheme: Scheme) -> Judgement:
    m = _measures(plan, a, fy, scheme)
    grade, why = _grade(scheme, m, fy)
    common = dict(actual=a, expected=m["expected"], met=m["met"], progress=m["progress"], attainment=m["attainment"])
    if grade is None:
        return Judgement(fy, Level.undeterminable, None, Text(scheme.undeterminable.ja, scheme.undeterminable.en), why, **common)
    level = Level.achieved if m["met"] else grade.level
    return Judgement(fy, level, grade, Text(grade.label.ja, grade.label.en), lambda: _explain(plan, a, fy, m, grade, scheme), **common)


def _explain(plan: Plan, a: Fraction, fy: int, m: dict, grade: Grade, scheme: Scheme) -> Text:
    what = {"sum": ("累計", "running total"), "average": ("平均", "running mean")}.get(plan.kind, ("実績値", "actual"))
    ja = [f"{what[0]} {fmt(a)}"]
    en = [f"{what[1]} {fmt(a)}"]
    t = plan.target
    if plan.kind == "rank":
        ja[0], en[0] = f"順位 {fmt(a)}位", f"rank {fmt(a)}"
    if m["expected"] is not None and plan.kind != "average":
        line = ("年次目標を結んだ線" if plan.milestones else "基準値から目標値への直線", "through the yearly targets" if plan.milestones else "straight line from the baseline to the target")
        if plan.kind == "sum":
            line = ("各年度の目標量の累計", "running total of the yearly amounts")
        ja.append(f"期待値 {fmt(m['expected'])}（{line[0]}）")
        en.append(f"expected {fmt(m['expected'])} ({line[1]})")
    ja.append(f"目標値 {fmt(t)}")
    en.append(f"target {fmt(t)}")
    if m["met"]:
        ja.append("目標値に到達")
        en.append("target reached")
    shown = grade.when.needs() if grade.when is not None else []
    for name in ("progress", "attainment"):
        if m[name] is not None and (name in shown or not shown and any(
                g.when is not None and getattr(g.when, name) is not None for g in scheme.grades)):
            label = ("計画進捗", "share of planned progress") if name == "progress" else ("達成率", "share of the target")
            ja.append(f"{label[0]} {pct(m[name])}")
            en.append(f"{label[1]} {pct(m[name])}")
    if plan.direction == LOWER:
        ja.append(f"少ないほど良い（{plan.direction_basis.ja}）")
        en.append(f"lower is better ({plan.direction_basis.en})")
    rule = _rule_text(grade)
    return Text("、".join(ja) + f" → {grade.label.ja}{rule[0]}", "; ".join(en) + f" → {grade.label.en}{rule[1]}")


def _rule_text(grade: Grade) -> tuple[str, str]:
    if grade.when is None:
        return "（他の区分に当たらない）", " (no other grade applies)"
    parts_ja, parts_en = [], []
    words = {
        "met": ("目標値に到達", "target reached"), "reached": ("その年度の目標以上", "at the year's target"),
        "beyond": ("その年度の目標を上回る", "beyond the year's target"), "improved": ("基準値より改善", "better than the baseline"),
    }
    for name in grade.when.needs():
        want = getattr(grade.when, name)
        if isinstance(want, bool):
            ja, en = words[name]
            parts_ja.append(ja if want else f"{ja}でない")
            parts_en.append(en if want else f"not {en}")
        else:
            label = ("計画進捗", "planned progress") if name == "progress" else ("達成率", "share of the target")
            parts_ja.append(f"{label[0]}{want.text('ja')}")
            parts_en.append(f"{label[1]} {want.text('en')}")
    return f"（{'、'.join(parts_ja)}）", f" ({', '.join(parts_en)})"


_RELATIVE = {
    Relative.maintain: ("基準値を維持", "keep the baseline"),
    Relative.increase: ("基準値より増加", "increase on the baseline"),
    Relative.decrease: ("基準値より減少", "decrease on the baseline"),
    Relative.at_least_current: ("現状以上", "at least the baseline"),
    Relative.increase_on_previous_year: ("前年度より増加", "increase on the previous year"),
    Relative.decrease_on_previous_year: ("前年度より減少", "decrease on the previous year"),
    Relative.above_national_average: ("全国平均を上回る", "above the national average"),
    Relative.below_national_average: ("全国平均を下回る", "below the national average"),
    Relative.above_prefectural_average: ("都道府県平均を上回る", "above the prefectural average"),
}


def _relative(plan: Plan, values: _Values, fy: int, scheme: Scheme) -> Judgement:
    a = values.value(fy)
    rel = plan.relative
    words = _RELATIVE.get(rel, (rel.value, rel.value))
    d = plan.direction
    if rel in (Relative.increase_on_previous_year, Relative.decrease_on_previous_year):
        other = values.value(fy - 1)
        if other is None and plan.base_fy == fy - 1:
            other = plan.base
        if other is None:
            return _undeterminable(fy, scheme, Text(f"前年度（{fy - 1}年度）の値がない", f"no value for the previous year (FY{fy - 1})"))
        met = a > other if rel is Relative.increase_on_previous_year else a < other
        compared = (f"前年度 {fmt(other)}", f"previous year {fmt(other)}")
    elif rel in (Relative.above_national_average, Relative.below_national_average, Relative.above_prefectural_average):
        from .plan import exact

        other = exact(values.get(fy).benchmark)
        if other is None:
            return _undeterminable(fy, scheme, Text(f"比較する平均値（{fy}年度）が実績の benchmark に記録されていない",
                                                    f"the average to compare with (FY{fy}) is not recorded as the actual's benchmark"))
        met = a < other if rel is Relative.below_national_average else a > other
        compared = (f"平均 {fmt(other)}", f"average {fmt(other)}")
    else:
        other = plan.base
        if other is None:
            return _undeterminable(fy, scheme, Text("基準値がない", "no baseline"))
        if rel is Relative.increase:
            met = a > other
        elif rel is Relative.decrease:
            met = a < other
        else:
            met = (a - other) * d >= 0
        compared = (f"基準値 {fmt(other)}", f"baseline {fmt(other)}")
    grade = scheme.binary_grades[0 if met else 1]
    level = Level.achieved if met else grade.level
    how = Text(f"実績値 {fmt(a)}、{compared[0]}、目標「{words[0]}」を{'満たす' if met else '満たさない'} → {grade.label.ja}",
               f"actual {fmt(a)}; {compared[1]}; target '{words[1]}' {'met' if met else 'not met'} → {grade.label.en}")
    return Judgement(fy, level, grade, Text(grade.label.ja, grade.label.en), how, actual=a, met=met)
