"""The verification sheet as JSON (every number and how it was judged) and as CSV (one row per KPI
row, UTF-8 with a BOM for Excel, cells neutralised against formula injection)."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

from .. import __version__
from ..report.fmt_json import finding_dict
from ..safetext import cell
from .assess import Rollup
from .judge import Judgement
from .sheet import Block, Line, Sheet
from .words import STATUS_WORDS, decision_label, pick, year_short

JSON_VERSION = 1


def number(value) -> int | float | None:
    """A number for JSON: an int when whole, else a float rounded to 6 places."""
    if value is None:
        return None
    if isinstance(value, float) and value == float("inf"):
        return None
    value = Fraction(value) if not isinstance(value, float) else Fraction(repr(value))
    return value.numerator if value.denominator == 1 else round(float(value), 6)


def _judgement(j: Judgement, lang: str) -> dict:
    return {
        "level": j.level.value, "grade": j.grade.id if j.grade else None, "label": j.label.get(lang),
        "how": j.how.get(lang), "value": number(j.actual), "expected": number(j.expected), "met": j.met,
        "progress": number(j.progress), "attainment": number(j.attainment),
    }


def _rollup(r: Rollup) -> dict:
    return {"levels": r.levels, "grades": r.grades, "rows": r.rows, "judged": r.judged,
            "on_track_share": number(r.on_track_share)}


def _line(line: Line, lang: str) -> dict:
    plan = line.row.plan
    return {
        "id": line.id, "segment": line.segment, "name": line.name, "type": line.row.type.value, "unit": line.unit,
        "holder": line.row.holder, "baseline": line.baseline, "target": line.target,
        "plan": {"kind": plan.kind, "direction": "lower" if plan.direction < 0 else "higher",
                 "direction_basis": plan.direction_basis.get(lang), "bound": plan.bound.value if plan.bound else None,
                 "relative": plan.relative.value if plan.relative else None, "yearly_targets": plan.milestones},
        "values": {str(y): {"value": a.value, "text": a.text, "status": a.status.value if a.status else None,
                            "as_of": a.as_of.text if a.as_of else None, "source": a.source, "note": a.note,
                            "benchmark": a.benchmark, "cumulative": a.cumulative}
                   for y, a in line.values.items()},
        "expected": {str(y): number(v) for y, v in line.expected.items()},
        "judgement": _judgement(line.judgement, lang),
        "history": {str(y): _judgement(j, lang) for y, j in line.history.items()},
    }


def _block(sheet: Sheet, block: Block, lang: str) -> dict:
    e = block.evaluation
    return {
        "node": block.node, "type": block.type, "label": block.label, "name": block.name,
        "rollup": _rollup(block.rollup), "lines": [_line(x, lang) for x in block.lines],
        "evaluation": None if e is None else {
            "grade": e.grade, "analysis": e.analysis, "decision": e.decision.value if e.decision else None,
            "decision_label": decision_label(sheet, e.decision, lang) if e.decision else None,
            "reason": e.reason, "merged_into": e.merged_into, "file": block.evaluation_file,
        },
    }


def render_json(sheet: Sheet, lang: str = "ja") -> str:
    s = sheet.strategy
    v = sheet.verification
    doc = {
        "version": JSON_VERSION,
        "tool": {"name": "tebiki-checker", "version": __version__},
        "strategy": {"id": s.id, "title": s.title, "body": s.body.name, "code": s.body.code, "file": s.file},
        "year": sheet.year,
        "years": sheet.years,
        "files": sheet.files,
        "scheme": {"id": sheet.scheme.id, "name": sheet.scheme.name.get(lang), "against": sheet.scheme.against,
                   "grades": [{"id": g.id, "label": g.label.get(lang), "level": g.level.value} for g in sheet.scheme.grades]},
        "overall": _rollup(sheet.overall),
        "kgis": [_line(x, lang) for x in sheet.kgis],
        "goals": [{**_block(sheet, sec.goal, lang), "total": _rollup(sec.rollup),
                   "blocks": [_block(sheet, b, lang) for b in sec.blocks]} for sec in sheet.sections],
        "pillars": [{"id": p, "name": name, "rollup": _rollup(r)} for p, name, r in sheet.pillars],
        "national_directions": [{"code": c, "name": name.get(lang), "rollup": _rollup(r)} for c, name, r in sheet.directions],
        "verification": None if v is None else json.loads(v.model_dump_json(exclude_none=True, exclude_defaults=True)),
        "revisions": [{**json.loads(rev.model_dump_json(exclude_none=True)), "fiscal_year": rec.record_fy, "file": rec.file}
                      for rev, rec in sheet.revisions],
        "findings": [finding_dict(f, lang) for f in sheet.findings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("goal", "holder", "id", "segment", "type", "name", "unit", "baseline", "target")


def render_csv(sheet: Sheet, lang: str = "ja") -> bytes:
    """One row per KPI row: where it is, its baseline and target, each year's value and grade, then the sheet year's judgement."""
    years = sheet.years
    head = list(CSV_COLUMNS)
    for y in years:
        head += [f"value_{y}", f"status_{y}", f"expected_{y}", f"grade_{y}"]
    head += ["level", "grade", "progress", "attainment", "how"]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(head)
    goal_of = {}
    for section in sheet.sections:
        for block in [section.goal, *section.blocks]:
            for line in block.lines:
                goal_of[id(line)] = section.goal.name
    for line in sheet.lines():
        j = line.judgement
        row = [goal_of.get(id(line), ""), line.row.holder or "", line.id, line.segment or "", line.row.type.value, line.name,
               line.unit, line.baseline, line.target]
        for y in years:
            a = line.values.get(y)
            h = line.history.get(y)
            row += [_plain(a.value) if a is not None else "",
                    pick(STATUS_WORDS[a.status.value], lang) if a is not None and a.status else "",
                    _plain(line.expected.get(y)),
                    h.label.get(lang) if h else ""]
        row += [j.level.value, j.label.get(lang), _share(j.progress), _share(j.attainment), j.how.get(lang)]
        writer.writerow([cell(c) for c in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _plain(value) -> str:
    """A number as plain digits for a spreadsheet (no thousands separators), '' for none."""
    n = number(value)
    return "" if n is None else str(n)


def _share(value) -> str:
    n = number(value)
    return "" if n is None else f"{n:.4f}".rstrip("0").rstrip(".")


__all__ = ["render_csv", "render_json", "year_short"]
