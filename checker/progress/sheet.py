"""The verification sheet (効果検証シート) of one strategy for one fiscal year, as plain data that the
text, JSON, Markdown, CSV and HTML outputs render.

Lines (one per KPI row) are grouped by goal, then by the goal's own numerical targets and KPIs and
by each basic direction and measure that sets KPIs, in file order; each group carries the
evaluation recorded for it that year and the roll-up of its rows.  The sheet also has the
strategy's roll-ups per pillar and national direction, the year's verification record, the
revisions recorded so far and the findings of the progress rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..engine.finding import Finding, Text
from ..graph import EdgeType, NodeType
from ..model import Actual, Evaluation, Indicator, KpiRevision, Verification
from ..years import Year
from .assess import Assessment, Rollup, Row, rollup_of
from .data import Recorded
from .judge import Judgement, show

ENDED_DECISIONS = ("abolish", "merge", "complete")

TYPE_LABELS = {
    NodeType.kgi: Text("KGI", "KGI"), NodeType.numerical_target: Text("数値目標", "numerical target"),
    NodeType.kpi: Text("KPI", "KPI"), NodeType.indicator: Text("補足指標", "supplementary indicator"),
}
LEVEL_LABELS = {
    "achieved": Text("達成", "achieved"), "on_track": Text("順調", "on track"),
    "slightly_behind": Text("やや遅れ", "slightly behind"), "behind": Text("遅れ", "behind"),
    "not_measured": Text("未測定", "not measured"), "undeterminable": Text("判定不能", "cannot be judged"),
}
"""The levels' words, the same in every scheme (the scheme's own grades are shown beside them)."""


def year_text(y: Year | None) -> str:
    return y.text if y is not None else ""


def fy_label(fy: int, lang: str) -> str:
    """'令和6年度（2024年度）' / 'FY2024'."""
    if lang == "en":
        return f"FY{fy}"
    era, n = ("令和", fy - 2018) if fy >= 2019 else ("平成", fy - 1988)
    return f"{era}{'元' if n == 1 else n}年度（{fy}年度）"


def _value_text(value, unit: str | None, text: str | None) -> str:
    if text:
        return text
    if value is None:
        return "—"
    return f"{show(value)}{unit or ''}"


def baseline_text(ind: Indicator, baseline) -> str:
    if baseline is None:
        return "—"
    when = year_text(baseline.as_of) or (baseline.period.text if baseline.period else "")
    shown = _value_text(baseline.value, ind.unit, baseline.text)
    return f"{shown}（{when}）" if when else shown


def target_text(ind: Indicator, target) -> str:
    if target is None:
        return "—"
    if target.text:
        shown = target.text
    elif target.rank is not None:
        shown = f"{target.rank}位"
    else:
        shown = _value_text(target.value, ind.unit, None)
    when = year_text(target.year) or (target.period.text if target.period else "")
    return f"{shown}（{when}）" if when and when not in shown else shown


@dataclass
class Line:
    """One KPI row of the sheet."""

    row: Row
    name: str
    unit: str
    type: Text
    baseline: str
    target: str
    judgement: Judgement
    history: dict[int, Judgement]
    values: dict[int, Actual]
    expected: dict[int, Fraction | None]

    @property
    def id(self) -> str:
        return self.row.kpi

    @property
    def segment(self) -> str | None:
        return self.row.segment


@dataclass
class Block:
    """A goal, basic direction or measure with the lines set at it and its evaluation for the year."""

    node: str
    type: str
    label: str
    name: str
    lines: list[Line]
    rollup: Rollup
    evaluation: Evaluation | None = None
    evaluation_file: str | None = None
    depth: int = 0
    ended: tuple[int, object] | None = None
    """(fiscal year, decision) when the part was stopped, merged or completed in an earlier year."""


@dataclass
class Section:
    """A goal: its own block, the blocks below it, and the roll-up of everything under it."""

    goal: Block
    blocks: list[Block]
    rollup: Rollup


@dataclass
class Sheet:
    """Everything the verification sheet shows."""

    assessment: Assessment
    year: int
    kgis: list[Line]
    sections: list[Section]
    overall: Rollup
    pillars: list[tuple[str, str, Rollup]]
    directions: list[tuple[str, Text, Rollup]]
    verification: Verification | None
    verification_file: str | None
    revisions: list[tuple[KpiRevision, Recorded]]
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def strategy(self):
        return self.assessment.graph.strategy

    @property
    def scheme(self):
        return self.assessment.scheme

    @property
    def years(self) -> list[int]:
        return [y for y in self.assessment.years if y <= self.year]

    def lines(self) -> list[Line]:
        """Every line, in sheet order."""
        out = list(self.kgis)
        for section in self.sections:
            for block in [section.goal, *section.blocks]:
                out.extend(block.lines)
        return out


def _line(a: Assessment, row: Row, year: int) -> Line:
    ind = row.indicator
    baseline, target = ind.baseline, ind.target
    if row.segment is not None:
        seg = next(s for s in ind.segments if s.population == row.segment)
        baseline, target = seg.baseline, seg.target
    years = [y for y in a.years if y <= year]
    return Line(
        row=row, name=ind.name, unit=ind.unit or "", type=TYPE_LABELS[row.type],
        baseline=baseline_text(ind, baseline), target=target_text(ind, target),
        judgement=row.judgements[year], history={y: row.judgements[y] for y in years},
        values={y: row.values.get(y) for y in years if row.values.get(y) is not None},
        expected={y: row.plan.expected(y) for y in years},
    )


def _block(a: Assessment, node: str, year: int, depth: int, own: list[Row]) -> Block:
    g = a.graph
    part = g.part(node)
    recorded = a.data.evaluations.get((node, year)) if a.data is not None else None
    ended = None
    if a.data is not None:
        earlier = sorted((fy, r.item.decision) for (n, fy), r in a.data.evaluations.items()
                         if n == node and fy < year and r.item.decision is not None and r.item.decision.value in ENDED_DECISIONS)
        ended = earlier[0] if earlier else None
    return Block(
        node=node, type=g.type(node).value, label=getattr(part, "label", None) or "", name=g.name(node),
        lines=[_line(a, r, year) for r in own], rollup=rollup_of(a.group(node), year),
        evaluation=recorded.item if recorded else None, evaluation_file=recorded.file if recorded else None, depth=depth,
        ended=ended,
    )


def build_sheet(a: Assessment, year: int, findings: list[Finding] = (), reference=None, lang: str = "ja") -> Sheet:
    """The sheet of `a` for fiscal year `year` (one of `a.years`)."""
    g = a.graph
    rows_at: dict[str, list[Row]] = {}
    for row in a.rows:
        rows_at.setdefault(row.holder or "", []).append(row)
    sections = []
    for goal in g.nodes(NodeType.goal):
        blocks = []
        for node in g.descendants(goal):  # every basic direction (its roll-up), and the measures with KPIs or an evaluation
            if g.type(node) is NodeType.direction or rows_at.get(node) or (a.data is not None and (node, year) in a.data.evaluations):
                blocks.append(_block(a, node, year, len(g.ancestors(node)), rows_at.get(node, [])))
        sections.append(Section(_block(a, goal, year, 0, rows_at.get(goal, [])), blocks, rollup_of(a.group(goal), year)))
    kgis = [_line(a, r, year) for r in a.rows if r.type is NodeType.kgi]
    pillars = [(p, g.name(p), a.rollup(p, year)) for p in g.nodes(NodeType.pillar)]
    names = {d.code: Text(d.name.ja, d.name.en) for d in (reference.directions if reference is not None else [])}
    directions = []
    for node in g.nodes(NodeType.national_direction):
        code = g.name(node)
        if g.into(node, EdgeType.aligned_with):
            directions.append((code, names.get(code, Text(code, code)), a.rollup(node, year)))
    source = a.data.years.get(year) if a.data is not None else None
    revisions = []
    if a.data is not None:
        revisions = [(r.item, r) for r in sorted(a.data.revisions, key=lambda r: (r.record_fy, r.file, r.loc)) if r.record_fy <= year]
    return Sheet(
        assessment=a, year=year, kgis=kgis, sections=sections, overall=rollup_of(a.rows, year), pillars=pillars,
        directions=directions, verification=source.record.verification if source else None,
        verification_file=source.file if source else None, revisions=revisions, findings=list(findings),
        files=a.data.files if a.data is not None else [],
    )
