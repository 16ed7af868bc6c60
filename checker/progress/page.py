"""The verification sheet as one self-contained HTML page: per KPI a small chart of its actual values
against the expected trajectory and the target line, grouped by goal and measure, with the
evaluations and decisions, the roll-ups, how the year was verified and the points for the committee.

The charts' geometry is computed here (plain numbers); the template draws them as inline SVG, so
text never becomes markup (Jinja2 autoescapes) and the page loads nothing (the shell's CSP).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .assess import Rollup
from .judge import fmt, show
from .sheet import LEVEL_LABELS, Block, Line, Sheet, fy_label
from .words import WORDS, change_label, decision_label, form_label, heading, rollup_text, sectors_label, year_short

W, H, PAD = 200, 48, 5
LEVELS = ("achieved", "on_track", "slightly_behind", "behind", "not_measured", "undeterminable")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    level: str
    title: str


@dataclass(frozen=True)
class Chart:
    """A sparkline: the expected trajectory, the actual values, the target line."""

    expected: str
    """SVG polyline points of the expected values (empty when there is no trajectory)."""
    actual: str
    points: tuple[Point, ...]
    target: float | None
    """The y of the target line."""
    label: str
    years: tuple[tuple[float, str], ...]
    """(x, label) of the first and last fiscal year, for the axis."""


def _chart(line: Line, sheet: Sheet, lang: str) -> Chart | None:
    plan = line.row.plan
    years = sheet.years
    running = plan.kind in ("sum", "average")
    series = {y: j.actual for y, j in line.history.items() if j.actual is not None}
    if not running:
        series = {y: Fraction(repr(a.value)) if isinstance(a.value, float) else Fraction(a.value)
                  for y, a in line.values.items() if a.value is not None}
    first = min([y for y in (plan.base_fy, *years) if y is not None])
    last = max([y for y in (plan.target_fy, plan.end, *years) if y is not None])
    expected = {y: plan.expected(y) for y in range(first, last + 1)}
    expected = {y: v for y, v in expected.items() if v is not None}
    if plan.base is not None and plan.base_fy is not None and not running:
        expected.setdefault(plan.base_fy, plan.base)
    values = [*series.values(), *expected.values()] + ([plan.target] if plan.target is not None else [])
    if plan.kind == "relative" and plan.base is not None:
        values.append(plan.base)
    if not values:
        return None
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    flip = plan.kind == "rank"  # a rank is better when smaller: draw the first place at the top

    def x(year: int) -> float:
        return round(PAD + (W - 2 * PAD) * (year - first) / max(1, last - first), 1)

    def y(value) -> float:
        share = (Fraction(value) - lo) / (hi - lo)
        return round(PAD + (H - 2 * PAD) * (float(share) if flip else 1 - float(share)), 1)

    points = tuple(
        Point(x(fy), y(v), line.history[fy].level.value if fy in line.history else "not_measured",
              f"{year_short(fy, lang)}: {fmt(v)}{line.unit} — {line.history[fy].label.get(lang) if fy in line.history else ''}")
        for fy, v in sorted(series.items())
    )
    target = plan.target if plan.kind != "relative" else plan.base
    return Chart(
        expected=" ".join(f"{x(fy)},{y(v)}" for fy, v in sorted(expected.items())),
        actual=" ".join(f"{p.x},{p.y}" for p in points),
        points=points,
        target=y(target) if target is not None else None,
        label=_label(line, lang),
        years=((x(first), str(first)), (x(last), str(last))),
    )


def _label(line: Line, lang: str) -> str:
    values = "、".join(f"{year_short(y, lang)} {show(a.value)}" for y, a in line.values.items() if a.value is not None)
    if lang == "en":
        return f"{line.name}: {values or 'no values'}; target {line.target}"
    return f"{line.name}：{values or '実績値なし'}、目標値 {line.target}"


def _bar(r: Rollup) -> list[tuple[str, float, float, int]]:
    """(level, x, width, count) of a stacked bar of 100 units."""
    total = sum(r.levels.values())
    out, x = [], 0.0
    for level in LEVELS:
        n = r.levels.get(level, 0)
        if n:
            width = round(100 * n / total, 2)
            out.append((level, round(x, 2), width, n))
            x += width
    return out


LABELS = {
    **{k: v for k, v in WORDS.items()},
    **{f"lv_{k}": (v.ja, v.en) for k, v in LEVEL_LABELS.items()},
    "chart": ("推移", "trend"),
    "legend": ("グラフ：点線は期待値（基準値から目標値へ）、横線は目標値、点は実績値（色は判定）。",
               "Charts: the dotted line is the expected path (baseline to target), the flat line the target, the dots the actual values (coloured by grade)."),
    "share": ("順調以上の割合", "on track or better"),
    "id": ("ID", "ID"),
    "indicator": ("指標", "indicator"),
    "contents": ("目次", "Contents"),
    "by_group": ("まとまりごとの状況", "By pillar and national direction"),
    "group": ("まとまり", "group"),
    "where": ("位置", "where"),
    "preliminary": ("速報", "prelim."),
}


def progress_page(sheet: Sheet, lang: str = "ja") -> str:
    """The whole page as one string."""
    from ..html.templating import RunRecord, render_page

    charts = {(line.id, line.segment): _chart(line, sheet, lang) for line in sheet.lines()}
    record = RunRecord.now(inputs=[sheet.strategy.file, *sheet.files], extra=(
        (LABELS["scheme"][1 if lang == "en" else 0], sheet.scheme.name.get(lang)),
        (LABELS["year"][1 if lang == "en" else 0], fy_label(sheet.year, lang)),
    ))
    return render_page(
        "progress.html", package="checker.progress", lang=lang, title=heading(sheet, lang), record=record,
        styles=("progress.css",), paper="landscape", labels=LABELS,
        sheet=sheet, charts=charts, bar=_bar, rollup_text=rollup_text, decision_label=decision_label,
        year_short=year_short, show=show, levels=LEVELS, W=W, H=H, blocks=_blocks(sheet),
        change_label=change_label, sectors_label=sectors_label, form_label=form_label,
    )


def _blocks(sheet: Sheet) -> list[tuple[object, list[Block]]]:
    return [(section, [section.goal, *section.blocks]) for section in sheet.sections]
