"""A strategy's progress in a few numbers, for a prefecture following all its municipalities (the audit):
the latest fiscal year recorded, the share of KPIs on track, the actual values missing, whether the
year was published, and the share on track per goal (the rows of the audit's heat map).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from fractions import Fraction

from ..graph import NodeType, StrategyGraph
from .assess import assessed
from .data import ProgressData
from .facts import missing_actuals, verification_state


@dataclass(frozen=True)
class GoalShare:
    goal: str
    label: str
    name: str
    judged: int
    on_track: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.on_track, self.judged) if self.judged else None


@dataclass(frozen=True)
class ProgressSummary:
    """What the audit shows of one strategy's progress."""

    year: int | None
    """The latest fiscal year recorded (None: no progress recorded)."""
    rows: int = 0
    judged: int = 0
    on_track: int = 0
    missing: int = 0
    """Actual values missing for due years (indicator rows × years, a year with no record counting every row)."""
    published: str = "none"
    """yes, no (recorded as not published), not-recorded, or none (no progress)."""
    experts: str = "none"
    goals: tuple[GoalShare, ...] = field(default=())

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.on_track, self.judged) if self.judged else None


def _state(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "not-recorded"}[value]


def summarise(graph: StrategyGraph, data: ProgressData | None, *, reference=None, today: _dt.date | None = None,
              due_months: int = 6) -> ProgressSummary:
    """The summary of `data` (a strategy's merged progress, or None) as of its latest recorded year."""
    if data is None or data.latest_year is None:
        return ProgressSummary(None)
    from ..clock import today as clock_today

    year = data.latest_year
    decrease = reference.decrease_signals if reference is not None else ()
    a = assessed(graph, data, decrease)
    judged = [r.judgements[year] for r in a.rows if year in r.judgements and r.judgements[year].level.judged]
    on_track = sum(1 for j in judged if not j.level.lagging)
    unrecorded, missing = missing_actuals(a, clock_today(today), due_months, {"kpi", "numerical_target", "kgi"})
    gaps = sum(len(m.years) * max(1, len(m.segments)) for m in missing)
    gaps += len(unrecorded) * sum(1 for r in a.rows if r.type is not NodeType.indicator)
    state = verification_state(data.years.get(year))
    goals = []
    for goal in graph.nodes(NodeType.goal):
        rows = [r.judgements[year] for r in a.group(goal) if year in r.judgements and r.judgements[year].level.judged]
        goals.append(GoalShare(goal, getattr(graph.part(goal), "label", None) or "", graph.name(goal), len(rows),
                               sum(1 for j in rows if not j.level.lagging)))
    return ProgressSummary(year, len(a.rows), len(judged), on_track, gaps, _state(state.published), _state(state.experts),
                           tuple(goals))


def row_fields(summary: ProgressSummary | None) -> dict:
    """The audit row's progress values (None where nothing is recorded) and the goals' shares (for the heat map)."""
    if summary is None or summary.year is None:
        empty = ("progress_year", "progress_judged", "progress_on_track", "progress_on_track_share", "progress_missing")
        return {**{c: None for c in empty}, "progress_published": "none" if summary else None,
                "progress_experts": "none" if summary else None, "progress_goals": []}
    share = summary.share
    return {
        "progress_year": summary.year, "progress_judged": summary.judged, "progress_on_track": summary.on_track,
        "progress_on_track_share": round(float(share), 3) if share is not None else None, "progress_missing": summary.missing,
        "progress_published": summary.published, "progress_experts": summary.experts,
        "progress_goals": [{"goal": g.goal, "label": g.label, "name": g.name, "judged": g.judged, "on_track": g.on_track,
                            "share": round(float(g.share), 3) if g.share is not None else None} for g in summary.goals],
    }


def goal_rows(rows: list[dict]):
    """One row per strategy and goal with the share of the goal's KPIs on track (audit-progress.csv, the workbook)."""
    for row in rows:
        for i, g in enumerate(row.get("progress_goals") or [], 1):
            yield {"file": row.get("file"), "name": row.get("name"), "code": row.get("code"), "progress_year": row.get("progress_year"),
                   "goal_index": i, "goal": g["goal"], "goal_label": g["label"], "goal_name": g["name"],
                   "judged": g["judged"], "on_track": g["on_track"], "share": g["share"]}


HEAT_LABELS = {
    "body": ("団体", "body"), "year": ("年度", "FY"), "share": ("順調以上", "on track"), "missing": ("実績値の欠け", "missing values"),
    "published": ("公表", "published"), "experts": ("外部有識者", "external experts"), "goal_n": ("目標{n}", "goal {n}"),
    "none": ("進捗の記録なし", "no progress recorded"), "yes": ("あり", "yes"), "no": ("なし", "no"), "not-recorded": ("記録なし", "not recorded"),
    "legend": ("色は各目標のKPIのうち順調以上（達成・順調）の割合。空欄はその目標がないか、判定できるKPIがないもの。",
               "Colour: the share of each goal's KPIs on track or achieved. Empty: no such goal, or nothing could be judged."),
    "intro": ("最新の記録年度の判定（評価方式は設定による）。欠けは終了した年度で実績値のない指標×年度の数。",
              "Grades of the latest recorded year (the grading scheme is configurable). Missing: indicator-years without a value among completed years."),
}
