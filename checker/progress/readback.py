"""`tebiki progress read`: a filled-in workbook back to a progress record.

Every cell is checked: numbers, years and dates, the listed answers (status, decision, yes/no ...),
ids of the strategy (with a "did you mean").  A problem is reported at its cell,
``sheet.xlsx:実績!L12: message``, with exit code 2, and nothing is written; a value the record
could not hold (a changed grey column, a cell outside the template's columns, a sheet of one's
own) is reported too, so that no value is ever silently lost.
"""

from __future__ import annotations

import datetime as _dt
import functools
import gc
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..load import InputError, Problem
from ..load.validate import resolve
from ..model import ProgressFile, Strategy
from ..model.governance import SECTOR_KANJI, Sector
from ..model.progress import DECISION_WORDS, Decision
from ..model.values import parse_number
from ..text import norm
from ..years import YearError, parse_year
from .assess import Assessment
from .columns import (
    BOOL_WORDS, CHANGE_LABELS, FACTS, FORM_LABELS, STATUS_LABELS, FACTS_SHEET, FIRST_ROW, HEADER_ROW, KEY_ROW, META, TABLES, Col, Table, words,
)
from .data import attach
from .load import YearSource
from .workbook import INSTRUCTIONS_SHEET, measure_info, row_info
from .xlsxread import Sheet, WorkbookError, column_letter, read_workbook_cells, split_ref

_STATIC_INFO = {"goal", "holder", "name", "unit", "baseline", "target"}
"""Grey columns that come from the strategy alone (the others depend on other years' records)."""


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in a workbook cell: ``book.xlsx:Sheet!C12: message``."""

    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}!{self.cell}: {self.message}"


class _Book:
    """The workbook being read, collecting problems by cell."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.order = {name: i for i, name in enumerate([t.name for t in TABLES] + [FACTS_SHEET, META, INSTRUCTIONS_SHEET])}
        self.cells: list[tuple[str, str]] = []
        """Cells by index: data parts get (index, 1) as their location, to map problems back to cells."""

    def add(self, sheet: str, cell: str, message: str) -> None:
        row, col = split_ref(cell)
        line = self.order.get(sheet, len(self.order)) * 1_000_000 + row
        self.problems.append(CellProblem(self.path, line, col, message, sheet, cell))

    def token(self, sheet: str, cell: str) -> tuple[int, int]:
        self.cells.append((sheet, cell))
        return (len(self.cells), 1)


def _text(value) -> str:
    """A cell's value as text, exactly as typed (a date as YYYY-MM-DD, a whole number without '.0')."""
    if isinstance(value, (_dt.datetime, _dt.date)):
        return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _convert(col: Col, value, choices: dict[str, set[str]]) -> tuple[object, str | None]:
    """(the YAML value, or a problem message)."""
    kind = col.kind
    if value.__class__ is str and kind in _AS_TYPED:  # the common case: a text typed into a text column
        return value, None
    if kind == "page" and isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if kind in ("key", "ref"):
        return _text(value).strip(), None
    if kind in ("text", "grade", "info", "page"):
        return _text(value), None
    if kind == "number":
        if isinstance(value, bool):
            return None, f"{value} is not a number"
        if isinstance(value, (int, float)):
            return value, None
        try:
            return parse_number(_text(value)), None
        except ValueError:
            return None, f"'{_text(value)}' is not a number: write the number only (e.g. 120) and put words such as 約 or 以上 in 備考 or 表記"
    if kind == "year":
        if isinstance(value, (_dt.datetime, _dt.date)):
            return _text(value), None
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                parse_year(value)
            except YearError as exc:
                return None, str(exc)
            return value, None
        try:
            parse_year(_text(value))
        except YearError as exc:
            return None, str(exc)
        return _text(value), None
    if kind == "bool":
        if isinstance(value, bool):
            return value, None
        found = BOOL_WORDS.get(norm(_text(value)).lower())
        return (found, None) if found is not None else (None, f"'{_text(value)}' is not はい or いいえ")
    if kind == "lines":
        return [line.strip() for line in _text(value).splitlines() if line.strip()], None
    if kind == "sectors":
        items = [x for x in re.split(r"[・、,，/／\s]+", _text(value)) if x]
        bad = [x for x in items if norm(x) not in SECTOR_KANJI and x not in {s.value for s in Sector}]
        if bad:
            return None, f"'{bad[0]}' is not one of 産, 官, 学, 金, 労, 言, 士"
        return items, None
    text = norm(_text(value)).replace(" ", "")
    accepted = _accepted(kind)
    if text in accepted or text in choices.get(kind, set()):
        return (_text(value) if kind == "decision" else accepted.get(text, _text(value))), None
    shown = "、".join(sorted(choices.get(kind) or words(kind)))
    return None, f"'{_text(value)}' is not one of {shown}"


_AS_TYPED = {"text", "grade", "info", "page"}
"""Kinds of column whose text is read back as typed."""


@functools.lru_cache(maxsize=None)
def _accepted(kind: str) -> dict[str, str]:
    """The words a listed answer (status, decision, form, change) accepts, normalised, mapped to the YAML value."""
    accepted = {**words(kind), **({w: w for w in DECISION_WORDS} if kind == "decision" else {})}
    if kind == "decision":
        accepted.update({d.value: d.value for d in Decision})
    return accepted


def _set(target: dict, dotted: str, value) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def _read_table(book: _Book, sheet: Sheet, table: Table, expected: dict, choices) -> list[tuple[dict, int]]:
    keys = {col: _text(v).strip() for col, v in sheet.rows.get(KEY_ROW, {}).items()}
    known = {c.key: c for c in table.columns}
    where = {key: col for col, key in keys.items() if key in known}
    for c in table.columns:
        if c.editable and c.key not in where:
            book.add(table.name, f"{column_letter(max(keys, default=0) + 1)}{KEY_ROW}",
                     f"the column '{c.key}' ({c.ja}) is missing: make the workbook again with tebiki progress template")
    out = []
    known_columns = set(where.values())
    # What each column of the sheet is, worked out once: (key, its path in the record, column, the Col, its
    # letter, read back?, compared with the strategy?) in the sheet's order; the columns that make a row worth
    # reading; the ids.  Listed answers, numbers and years repeat down a sheet: each is converted once.
    plan = [(key, tuple(key.split(".")), col, known[key], column_letter(col), known[key].editable, key in _STATIC_INFO)
            for key, col in where.items()]
    content_columns = {col for key, col in where.items() if known[key].editable and known[key].kind != "key" and key != "year"}
    ident_columns = [where.get(k) for k in table.keys]
    converted_before: dict[tuple, tuple[object, str | None]] = {}
    for r in sorted(n for n in sheet.rows if n >= FIRST_ROW):
        values = sheet.rows[r]  # filled cells only (the reader leaves empty ones out)
        if not values.keys() <= known_columns:
            for i in sorted(values.keys() - known_columns):
                book.add(table.name, f"{column_letter(i)}{r}", f"'{_text(values[i])}' is outside the columns of the template and would be lost: move it to 備考")
        if values.keys().isdisjoint(content_columns):
            continue
        record: dict = {}
        own: dict[tuple, str] = {}
        ident = tuple([_text(v).strip() if (v := values.get(col)) is not None else None for col in ident_columns])
        wanted = expected.get(ident)
        for key, path, col, column, letter, editable, static in plan:
            value = values.get(col)
            if value is None:
                continue
            if not editable:
                if static and wanted is not None:
                    want = wanted.get(key)
                    if value != want and _text(value) != _text(want if want is not None else ""):
                        book.add(table.name, f"{letter}{r}", f"this grey column shows the strategy ({want!r}) and is not read back: change the strategy file instead, or clear the cell")
                continue
            memo = (column.kind, value.__class__, value)
            found = converted_before.get(memo)
            if found is None:
                found = _convert(column, value, choices)
                if column.kind not in _FRESH:
                    converted_before[memo] = found
            converted, problem = found
            if problem:
                book.add(table.name, f"{letter}{r}", problem)
                continue
            if len(path) == 1:
                record[key] = converted
            else:
                _set(record, key, converted)
            own[path] = f"{letter}{r}"
        if own:
            record["__cells"] = own
        record["__row"] = r
        out.append((record, r))
    return out


_FRESH = {"lines", "sectors"}
"""Kinds converted to a list: converted anew for each cell, so that no two records share one."""


def _read_facts(book: _Book, sheet: Sheet, choices) -> tuple[dict, dict]:
    known = {c.key: c for c in FACTS}
    data, cells = {}, {}
    for r in sorted(n for n in sheet.rows if n >= FIRST_ROW):
        values = sheet.rows[r]
        key = _text(values[1]).strip() if values.get(1) is not None else ""
        value = values.get(3)
        for i in sorted(c for c, v in values.items() if c > 3 and v not in (None, "")):
            book.add(FACTS_SHEET, f"{column_letter(i)}{r}", "outside the value column (C) and would be lost: move it to column C or a 備考 row")
        if value in (None, ""):
            continue
        if key not in known:
            book.add(FACTS_SHEET, f"C{r}", f"row '{key}' is not part of the template, so its value would be lost")
            continue
        converted, problem = _convert(known[key], value, choices)
        if problem:
            book.add(FACTS_SHEET, f"C{r}", problem)
            continue
        _set(data, key, converted)
        cells[key] = f"C{r}"
    return data, cells


def _meta(book: _Book, sheets: dict[str, Sheet]) -> dict:
    if META not in sheets:
        book.add(INSTRUCTIONS_SHEET, "A1", f"this is not a workbook made by tebiki progress template (no sheet {META})")
        return {}
    return {_text(row[1]).strip(): row.get(2) for row in sheets[META].rows.values() if row.get(1) is not None}


def _open(path: str) -> dict[str, Sheet]:
    try:
        return read_workbook_cells(path)
    except FileNotFoundError:
        raise InputError.at(path, 1, 1, "no such file") from None
    except (WorkbookError, OSError, KeyError) as exc:
        raise InputError.at(path, 1, 1, f"not an Excel workbook (.xlsx) that can be read: {exc}") from None


def workbook_year(path: str) -> int:
    """The fiscal year a workbook made by the template is for."""
    book = _Book(path)
    meta = _meta(book, _open(path))
    if book.problems:
        raise InputError(book.problems)
    try:
        return parse_year(meta.get("fiscal_year")).fy
    except YearError:
        raise InputError.at(path, 1, 1, f"the workbook's fiscal year '{meta.get('fiscal_year')}' cannot be read") from None


def read_workbook(path: str, strategy: Strategy, assessment: Assessment) -> tuple[ProgressFile, list[tuple[str, str]]]:
    """Read a filled-in template of `strategy` (its assessment gives the grey columns to compare); raise
    InputError with one ``book.xlsx:Sheet!Cell: message`` per problem.  Returns the record and the cells its
    parts were read from (a part's location (n, 1) is the n-th cell), so later findings can name cells.

    The cyclic garbage collector is paused while the workbook is read: reading creates tens of thousands of
    small objects and no reference cycles, and each collection would walk everything the process holds
    (the strategy, its graph and assessment); about a tenth of the time.  It runs again afterwards."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read_workbook(path, strategy, assessment)
    finally:
        if paused:
            gc.enable()
            gc.collect(0)  # the young objects that remain (the record), as the paused collections would have


def _read_workbook(path: str, strategy: Strategy, assessment: Assessment) -> tuple[ProgressFile, list[tuple[str, str]]]:
    book = _Book(path)
    wb = _open(path)
    meta = _meta(book, wb)
    if book.problems:
        raise InputError(book.problems)
    if meta.get("strategy") != strategy.id:
        raise InputError.at(path, 1, 1, f"the workbook is for strategy '{meta.get('strategy')}', not '{strategy.id}'")
    fiscal_year = meta.get("fiscal_year")
    try:
        fy = parse_year(fiscal_year).fy
    except YearError:
        raise InputError.at(path, 1, 1, f"the workbook's fiscal year '{fiscal_year}' cannot be read") from None
    for name, sheet in wb.items():
        for cell in sheet.uncomputed:
            book.add(name, cell, "a formula without a computed value: type the value itself (or open and save the workbook in Excel)")
        if name not in book.order and sheet.rows:
            book.add(name, "A1", f"sheet '{name}' is not part of the template, so its contents would be lost")
    choices = {
        "decision": {label.ja for _, label in assessment.scheme.decision_labels()},
        "grade": {g.label.ja for g in assessment.scheme.grades},
        "status": set(STATUS_LABELS.values()), "form": set(FORM_LABELS.values()), "change": set(CHANGE_LABELS.values()),
    }
    holders: dict = {}
    expected = {
        "actuals": {(r.kpi, r.segment): row_info(assessment, r, holders) for r in assessment.rows},
        "evaluations": {(node,): measure_info(assessment.graph, node) for node in assessment.graph.planned()},
    }
    data: dict = {"format": 1, "strategy": strategy.id, "fiscal_year": fiscal_year}
    cells: dict[tuple, tuple[str, str]] = {}
    verification: dict = {}
    same_year: dict[tuple, bool] = {}
    for table in TABLES:
        if table.name not in wb:
            book.add(table.name, "A1", f"sheet '{table.name}' is missing: make the workbook again with tebiki progress template")
            continue
        items = []
        for record, row in _read_table(book, wb[table.name], table, expected.get(table.field, {}), choices):
            own = record.pop("__cells", {})
            record.pop("__row")
            if table.field in ("actuals", "evaluations") and "year" in record:
                year = record["year"]
                same = same_year.get((year.__class__, year))
                if same is None:
                    same = same_year[(year.__class__, year)] = _same_year(year, fy)
                if same:
                    del record["year"]
            path = ("verification", "meetings") if table.field == "meetings" else (table.field,)
            cells[path + (len(items),)] = (table.name, f"A{row}")
            here = path + (len(items),)
            for parts, cell in own.items():
                cells[here + parts] = (table.name, cell)
            items.append(record)
        if items:
            (verification if table.field == "meetings" else data)[table.field] = items
    if FACTS_SHEET in wb:
        facts, fact_cells = _read_facts(book, wb[FACTS_SHEET], choices)
        for key, cell in fact_cells.items():
            cells[_fact_path(key)] = (FACTS_SHEET, cell)
        for key in ("compiled", "note", "source"):
            if key in facts:
                data[key] = facts[key]
        verification.update({k: v for k, v in facts.get("verification", {}).items()})
        verification.update({k: facts[k] for k in ("assembly", "residents", "publication") if k in facts})
    if verification:
        data["verification"] = verification
    record = _validate(book, data, cells, strategy, assessment.graph)
    if book.problems:
        raise InputError(book.problems)
    return record, book.cells


def _fact_path(key: str) -> tuple:
    """Where a row of the sheet 「検証」 goes in the record: compiled/note/source at the top, the rest in verification."""
    head, *rest = key.split(".")
    if head in ("compiled", "note", "source"):
        return (head, *rest)
    return ("verification", *rest) if head == "verification" else ("verification", head, *rest)


def _same_year(value, fy: int) -> bool:
    try:
        return parse_year(value).fy == fy
    except YearError:
        return False


def _cell_of(cells: dict, path: tuple) -> tuple[str, str]:
    while path:
        if path in cells:
            return cells[path]
        path = path[:-1]
    return (INSTRUCTIONS_SHEET, "A1")


def _validate(book: _Book, data: dict, cells: dict, strategy: Strategy, graph=None) -> ProgressFile | None:
    """The record, with its problems added to the book's (None when it does not validate)."""
    try:
        record = ProgressFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            path, _ = resolve(err["loc"], ProgressFile)
            sheet, cell = _cell_of(cells, tuple(path))
            message = err["msg"].removeprefix("Value error, ")
            book.add(sheet, cell, message if err["type"] != "missing" else f"{path[-1]} is missing")
        return None
    for path, part in _parts(record):  # locate the records at their cells, to report the strategy's ids there
        sheet, cell = _cell_of(cells, path)
        object.__setattr__(part, "__pydantic_private__", {"_loc": book.token(sheet, cell)})
    try:
        attach(strategy, [YearSource(book.path, record, record.strategy)], graph=graph)
    except InputError as exc:
        for problem in exc.problems:
            sheet, cell = book.cells[problem.line - 1] if 0 < problem.line <= len(book.cells) else (INSTRUCTIONS_SHEET, "A1")
            book.add(sheet, cell, problem.message)
    return record


def _parts(record: ProgressFile):
    """(path, part) of the record and of the records in its lists (what the rules and the id checks point at)."""
    yield (), record
    for field in ("actuals", "milestones", "evaluations", "revisions"):
        for i, part in enumerate(getattr(record, field)):
            yield (field, i), part
    v = record.verification
    if v is not None:
        yield ("verification",), v
        for i, meeting in enumerate(v.meetings):
            yield ("verification", "meetings", i), meeting
        for name in ("assembly", "residents", "publication"):
            if getattr(v, name) is not None:
                yield ("verification", name), getattr(v, name)


def find_strategy(book_path: str, given: str | None) -> str:
    """The strategy file: `given`, else the one the workbook names (beside the workbook, then the current folder)."""
    if given:
        return given
    meta = _meta(_Book(book_path), _open(book_path))
    named = meta.get("strategy_file")
    for candidate in ([Path(book_path).parent / named, Path(named)] if named else []):
        if candidate.is_file():
            return str(candidate)
    raise InputError.at(book_path, 1, 1, "cannot find the strategy this workbook is for: name it with --strategy")
