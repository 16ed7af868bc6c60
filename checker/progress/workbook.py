"""`tebiki progress template`: an Excel workbook to fill in one fiscal year's progress.

One row per KPI (and segment) with what the strategy says about it and empty cells for the year's
actual value, status, as-of date, source and note; a row per measure for its evaluation; sheets for
the yearly targets, revisions, the verification meetings and the other facts of the verification.
Cells with a fixed set of answers (status, decision, grade, yes/no, change, report form) have a
data-validation list.  When the year already has a record, the workbook is filled with it, so that
reading it back gives the same record.  openpyxl is imported only here and in the reader.
"""

from __future__ import annotations

import io
from fractions import Fraction

from ..graph import NodeType
from ..model import ProgressYear
from ..safetext import xlsx_cell
from .assess import Assessment
from .columns import (
    ACTUALS, BOOL_WORDS, CHANGE_LABELS, EVALUATIONS, FACTS, FACTS_SHEET, FIRST_ROW, FORMAT, FORM_LABELS, HEADER_ROW,
    KEY_ROW, MEETINGS, META, MILESTONES, NO, REVISIONS, SECTOR_OF, STATUS_LABELS, TABLES, YES, Col, Table,
)
from .dump import plain
from .judge import show
from .sheet import baseline_text, fy_label, target_text

INSTRUCTIONS_SHEET = "説明"


def _cell_value(col: Col, value: object) -> object:
    """A YAML value as the cell shows it."""
    if value is None:
        return None
    if col.kind == "bool":
        return YES if value else NO
    if col.kind == "status":
        return STATUS_LABELS.get(value, value) if isinstance(value, str) and value in STATUS_LABELS else value
    if col.kind == "form":
        return FORM_LABELS.get(value, value)
    if col.kind == "change":
        return CHANGE_LABELS.get(value, value)
    if col.kind in ("lines",):
        return "\n".join(value)
    if col.kind == "sectors":
        return "・".join(value)
    return value


def _get(data: dict, dotted: str):
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _fill(ws, table: Table, rows: list[dict], validations: dict[str, list[str]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    grey = PatternFill("solid", fgColor="EEEEEE")
    key_font = Font(color="888888", size=8)
    for i, col in enumerate(table.columns, 1):
        xlsx_cell(ws.cell(HEADER_ROW, i), col.ja)
        ws.cell(HEADER_ROW, i).font = Font(bold=True)
        xlsx_cell(ws.cell(KEY_ROW, i), col.key)
        ws.cell(KEY_ROW, i).font = key_font
        ws.column_dimensions[get_column_letter(i)].width = col.width
    for r, row in enumerate(rows, FIRST_ROW):
        for i, col in enumerate(table.columns, 1):
            c = ws.cell(r, i)
            xlsx_cell(c, _cell_value(col, _get(row, col.key)))
            if not col.editable:
                c.fill = grey
            if col.kind in ("text", "lines"):
                c.alignment = Alignment(wrap_text=True, vertical="top")
    last = max(len(rows) + FIRST_ROW + 200, 500)
    for i, col in enumerate(table.columns, 1):
        choices = validations.get(col.kind)
        if choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle=col.ja, error="一覧から選んでください / choose from the list")
            ws.add_data_validation(dv)
            letter = get_column_letter(i)
            dv.add(f"{letter}{FIRST_ROW}:{letter}{last}")
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)


def _fy(item, record: ProgressYear | None, year: int) -> int:
    return item.year.fy if getattr(item, "year", None) is not None else (record.fiscal_year.fy if record is not None else year)


def row_info(a: Assessment, row, holders: dict | None = None) -> dict:
    """The grey columns of an indicator row that come from the strategy alone (the reader compares them).
    `holders`: a dict to keep each holder's goal and name in, when called for every row."""
    g = a.graph
    ind = row.indicator
    baseline, target = ind.baseline, ind.target
    if row.segment is not None:
        seg = next(s for s in ind.segments if s.population == row.segment)
        baseline, target = seg.baseline, seg.target
    names = holders.get(row.holder) if holders is not None else None
    if names is None:
        names = (g.goal_name(row.holder), g.name(row.holder)) if row.holder else ("", "KGI")
        if holders is not None:
            holders[row.holder] = names
    return {
        "kpi": row.kpi, "segment": row.segment, "goal": names[0], "holder": names[1], "name": ind.name, "unit": ind.unit,
        "baseline": baseline_text(ind, baseline), "target": target_text(ind, target),
    }


def measure_info(g, node: str) -> dict:
    """The grey columns of a measure's evaluation row that come from the strategy alone."""
    return {"measure": node, "goal": g.goal_name(node), "name": g.name(node)}


def _actual_rows(a: Assessment, year: int, record: ProgressYear | None, shown_year) -> list[dict]:
    """One row per indicator row of the strategy for `year`, each followed by the record's values of that row
    for other years (corrections), in the strategy's order; values of unknown rows last (the reader reports them)."""
    g = a.graph
    fiscal = record.fiscal_year.fy if record is not None else year
    recorded: dict[tuple, list] = {}
    for x in (record.actuals if record else []):
        recorded.setdefault((x.kpi, x.segment), []).append(x)
    rows = []
    for row in a.rows:
        if row.type is NodeType.indicator and not row.values.records:
            continue
        previous = row.values.get(year - 1)
        info = {
            **row_info(a, row),
            "previous": show(previous.value) if previous is not None and previous.value is not None else None,
            "expected": _number(row.plan.expected(year)), "year": shown_year,
        }
        mine = sorted(recorded.pop(row.key, []), key=lambda x: _fy(x, record, year))
        if not any(_fy(x, record, year) == year for x in mine):
            rows.append(info)
        for x in mine:
            values = plain(x, fiscal)
            rows.append({**info, **values} if _fy(x, record, year) == year else {"kpi": row.kpi, "segment": row.segment, **values})
    for items in recorded.values():
        rows.extend(plain(x, fiscal) for x in items)
    return rows


def _number(value: Fraction | None):
    if value is None:
        return None
    return value.numerator if value.denominator == 1 else round(float(value), 4)


def _evaluation_rows(a: Assessment, year: int, record: ProgressYear | None, shown_year) -> list[dict]:
    """A row per measure for `year` (and per goal or direction evaluated), with the record's evaluations of other
    years after it, in the strategy's order; evaluations of unknown parts last (the reader reports them)."""
    g = a.graph
    fiscal = record.fiscal_year.fy if record is not None else year
    recorded: dict[str, list] = {}
    for x in (record.evaluations if record else []):
        recorded.setdefault(x.measure, []).append(x)
    rows = []
    for node in g.planned():
        mine = sorted(recorded.pop(node, []), key=lambda x: _fy(x, record, year))
        if g.type(node) is not NodeType.measure and not mine:
            continue
        own = [r for r in a.rows if r.holder == node and year in r.judgements]
        grades = "、".join(f"{g.name(r.kpi)}: {r.judgements[year].label.ja}" for r in own)
        info = {**measure_info(g, node), "grades": grades or None, "year": shown_year}
        if not any(_fy(x, record, year) == year for x in mine):
            rows.append(info)
        for x in mine:
            values = plain(x, fiscal)
            rows.append({**info, **values} if _fy(x, record, year) == year else {"measure": node, **values})
    for items in recorded.values():
        rows.extend(plain(x, fiscal) for x in items)
    return rows


def template(a: Assessment, year: int, record: ProgressYear | None = None, strategy_file: str = "") -> bytes:
    """The workbook for fiscal year `year` of the assessed strategy, filled with `record` when given."""
    import openpyxl

    data = plain(record) if record is not None else {}
    shown_year = data.get("fiscal_year", year)
    scheme = a.scheme
    validations = {
        "status": list(STATUS_LABELS.values()), "bool": [YES, NO], "form": list(FORM_LABELS.values()),
        "change": list(CHANGE_LABELS.values()),
        "decision": [label.ja for _, label in scheme.decision_labels()],
        "grade": list(dict.fromkeys(g.label.ja for g in scheme.grades)),
    }
    wb = openpyxl.Workbook()
    _instructions(wb.active, a, year, strategy_file)
    verification = data.get("verification", {})
    rows = {
        ACTUALS.name: _actual_rows(a, year, record, shown_year),
        MILESTONES.name: [{**m, "name": a.graph.name(m["kpi"]) if m["kpi"] in a.graph else ""} for m in data.get("milestones", [])],
        EVALUATIONS.name: _evaluation_rows(a, year, record, shown_year),
        REVISIONS.name: data.get("revisions", []),
        MEETINGS.name: verification.get("meetings", []),
    }
    for table in TABLES:
        _fill(wb.create_sheet(table.name), table, rows[table.name], validations)
    _facts(wb.create_sheet(FACTS_SHEET), data, validations)
    meta = wb.create_sheet(META)
    for i, (key, value) in enumerate((("format", FORMAT), ("strategy", a.graph.strategy.id), ("strategy_file", strategy_file),
                                      ("fiscal_year", shown_year), ("scheme", scheme.id)), 1):
        xlsx_cell(meta.cell(i, 1), key)
        xlsx_cell(meta.cell(i, 2), value)
    meta.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _facts(ws, data: dict, validations: dict[str, list[str]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    for i, (key, ja) in enumerate((("key", "項目"), ("label", "内容"), ("value", "値")), 1):
        xlsx_cell(ws.cell(HEADER_ROW, i), ja)
        ws.cell(HEADER_ROW, i).font = Font(bold=True)
        xlsx_cell(ws.cell(KEY_ROW, i), key)
        ws.cell(KEY_ROW, i).font = Font(color="888888", size=8)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 26, 34, 60
    view = {"compiled": data.get("compiled"), "note": data.get("note"), "source": data.get("source", {}),
            **{k: v for k, v in data.get("verification", {}).items() if k in ("assembly", "residents", "publication")},
            "verification": {k: v for k, v in data.get("verification", {}).items() if k not in ("assembly", "residents", "publication", "meetings")}}
    for r, col in enumerate(FACTS, FIRST_ROW):
        xlsx_cell(ws.cell(r, 1), col.key)
        ws.cell(r, 1).font = Font(color="888888", size=8)
        xlsx_cell(ws.cell(r, 2), col.ja)
        c = ws.cell(r, 3)
        xlsx_cell(c, _cell_value(col, _get(view, col.key)))
        c.alignment = Alignment(wrap_text=True, vertical="top")
        choices = validations.get(col.kind)
        if choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(c.coordinate)


def _instructions(ws, a: Assessment, year: int, strategy_file: str) -> None:
    from openpyxl.styles import Font

    ws.title = INSTRUCTIONS_SHEET
    s = a.graph.strategy
    lines = [
        (f"{s.title}（{s.body.name}） {fy_label(year, 'ja')} 効果検証の入力シート", True),
        (f"Progress of {s.title} for {fy_label(year, 'en')}: fill in and read back with `tebiki progress read`.", False),
        ("", False),
        ("1. 「実績」シートの白い欄（年度・実績値・状態・時点・出典・備考）に記入します。灰色の欄は戦略の内容で、読み込まれません。", False),
        ("   測定しない年度は実績値を空欄にし、備考に理由を書きます。過年度の値を訂正するときは行を追加し、年度を変えます。", False),
        ("2. 「施策評価」シートに評価・要因分析・今後の方針・理由を記入します（遅れている施策は要因分析と方針が必要です）。", False),
        ("3. 「検証会議」「検証」シートに会議・議会への報告・住民の意見・公表を記入します。見直しは「見直し」シートに記入します。", False),
        (f"4. 読み込み: tebiki progress read この.xlsx -o progress/{year}.yaml --strategy {strategy_file or 'strategy.yaml'}", False),
        ("", False),
        (f"評価方式 / grading scheme: {a.scheme.name.ja}", False),
        ("Fill the white cells; grey cells come from the strategy and are not read back. Leave a value empty and say why in 備考 for a year without a figure.", False),
    ]
    for i, (text, bold) in enumerate(lines, 1):
        xlsx_cell(ws.cell(i, 1), text)
        ws.cell(i, 1).font = Font(bold=bold, size=13 if bold else 11)
    ws.column_dimensions["A"].width = 120


__all__ = ["BOOL_WORDS", "template"]
