"""Re-listed KPIs (【再掲】, 手引き 4-2, 7-2): a KPI printed again shows the same values as where it is defined.

A re-listing is a link to the KPI defined elsewhere, not a copy; what it prints with it is compared
with the original, so that two chapters cannot give the same KPI different baselines or targets.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Text
from ..engine.registry import Hit, check
from ..graph import NodeType
from ..model import Aggregate, Baseline, Bound, Indicator, Target
from ..text import norm
from ..years import Year, YearRange
from ._indicators import when

_BOUND_WORDS = {Bound.at_least: "以上", Bound.at_most: "以下", Bound.more_than: "超", Bound.less_than: "未満"}


def _year_key(y: Year | None):
    return None if y is None else (y.fy, y.month, y.day)


def _span_key(s: YearRange | None):
    return None if s is None else (_year_key(s.start), _year_key(s.end))


def _unit_key(unit: str | None) -> str | None:
    return norm(unit) if unit else None


def _baseline_key(b: Baseline | None):
    return None if b is None else (b.value, _year_key(b.as_of), _span_key(b.period), b.aggregate, b.rank, _unit_key(b.unit))


def _target_key(t: Target | None):
    if t is None:
        return None
    return (t.value, _year_key(t.year), _span_key(t.period), t.aggregate, t.bound, t.relative, t.rank, _unit_key(t.unit))


def _brief(v: Baseline | Target | None) -> str:
    """A value and its time, for comparing two printings: '84.8（令和3年度）', '維持（令和9年度）'."""
    if v is None:
        return "—"
    if v.value is not None:
        what = (f"{v.value:g}" if isinstance(v.value, float) else str(v.value)) + (v.unit or "")
    elif v.rank is not None:
        what = f"{v.rank}位"
    else:
        what = v.text or (v.relative.value if isinstance(v, Target) and v.relative else "—")
    if isinstance(v, Target) and v.bound is not None:
        what += _BOUND_WORDS[v.bound]
    if v.aggregate is not None:
        what = ("合計" if v.aggregate is Aggregate.sum else "平均") + what
    times = [w for w in (when(None, v.period), when(getattr(v, "as_of", None) or getattr(v, "year", None), None)) if w]
    return f"{what}（{'、'.join(dict.fromkeys(times))}）" if times else what


def _differences(printed, original) -> list[Text]:
    """What the re-listing prints differently from the KPI it refers to (only what it prints)."""
    diffs: list[Text] = []

    def row(population, b, t, ob, ot, where: str):
        if b is not None and _baseline_key(b) != _baseline_key(ob):
            diffs.append(Text(f"{where}現状「{_brief(b)}」≠「{_brief(ob)}」", f"{where}baseline '{_brief(b)}' ≠ '{_brief(ob)}'"))
        if t is not None and _target_key(t) != _target_key(ot):
            diffs.append(Text(f"{where}目標「{_brief(t)}」≠「{_brief(ot)}」", f"{where}target '{_brief(t)}' ≠ '{_brief(ot)}'"))

    if printed.segments:
        originals = {norm(s.label): s for s in original.segments}
        for seg in printed.segments:
            match = originals.get(norm(seg.label))
            if match is None:
                diffs.append(Text(f"対象「{seg.label}」は元のKPIにない", f"group '{seg.label}' is not in the original"))
                continue
            row(seg.label, seg.baseline, seg.target, match.baseline, match.target, f"[{seg.label}] ")
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
    """A KPI printed again (marked 【再掲】 or not) shows the same group, baseline, target and units as where it is defined.

    Only what the re-listing prints is compared (a re-listing that prints no values
    has nothing to contradict); years are compared as fiscal years, numbers as numbers.
    """
    g = ctx.graph
    for holder, kpi, data in g.iter_references():
        printed = data.get("ref")
        original = g.part(kpi) if g.has_part(kpi) else None
        if printed is None or not isinstance(original, Indicator):
            continue
        diffs = _differences(printed, original)
        if diffs:
            yield Hit(kpi, {"name": g.name(kpi), "holder": g.name(holder), "diffs": diffs}, loc=printed.loc)
