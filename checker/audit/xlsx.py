"""audit.xlsx: the audit's tables as one Excel workbook, one sheet per table (openpyxl, write-only,
so a large audit streams its rows instead of holding them).

Each sheet has a bold header row that stays in view (frozen, with the first column), an
AutoFilter over the whole table, column widths that fit the headers, codes as text (a 団体コード
keeps its leading zero and a section such as 3-2 is not read as a date), shares as percentages,
and every text cell written through `checker.safetext.xlsx_cell` (never a formula).  Printing a
sheet gives A4 landscape, one page wide, with the header row repeated.  openpyxl is imported
only here, when an audit writes its workbook.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import shutil
import zipfile
from pathlib import Path

from ..safetext import html_text, is_formula, xlsx_cell
from .aggregate import display
from .tables import Table


def _value(ws, col, value):
    """A cell's value as openpyxl takes it: a plain number or text as it is (the fast path), a
    WriteOnlyCell where the cell needs a format (codes as text, shares as %) or a text would
    otherwise be read as a formula."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, (bool, int, float)):
        if col.kind != "share" or value is None:
            return value
        cell = WriteOnlyCell(ws, value)
        cell.number_format = "0.0%"
        return cell
    text = html_text(value)
    if col.kind != "code" and not is_formula(text) and not text.startswith("="):
        return text
    cell = WriteOnlyCell(ws)
    xlsx_cell(cell, text)
    if col.kind == "code":
        cell.number_format = "@"
    return cell


def _width(text: str) -> float:
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text) + 2


def write_workbook(path: str | os.PathLike, tables: list[Table], lang: str, date: str | None = None) -> None:
    """Write `tables` as sheets of a workbook at `path` (atomically).

    The workbook's creation date and the date of each part of its zip file are `date` (ISO, the
    run's date; 1980-01-01 without one), so the same audit gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ..fileio import atomic_writer

    wb = Workbook(write_only=True)
    stamp = _dt.datetime.fromisoformat(date) if date else _dt.datetime(1980, 1, 1)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "tebiki-checker"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F4F4F2")
    for table in tables:
        ws = wb.create_sheet(title=table.title(lang)[:31])
        ncols = len(table.columns)
        for i, col in enumerate(table.columns, 1):
            wide = col.kind not in ("int", "share") and col.id in ("title", "message", "fix", "deviation", "node_name", "file")
            ws.column_dimensions[get_column_letter(i)].width = min(60 if wide else 30, max(_width(col.header(lang)), 8 if col.kind in ("int", "share") else 12))
        ws.freeze_panes = f"{get_column_letter(table.freeze_cols + 1)}2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        header = []
        for col in table.columns:
            c = WriteOnlyCell(ws)
            xlsx_cell(c, col.header(lang))
            c.font, c.fill = bold, fill
            c.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(c)
        ws.append(header)
        n = 0
        for row in table.rows:
            ws.append([_value(ws, col, display(col, row.get(col.id), lang)) for col in table.columns])
            n += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(ncols)}{n + 1}"
    raw = io.BytesIO()
    wb.save(raw)
    with atomic_writer(Path(path), binary=True) as fh:
        _restamp(raw, fh, stamp)


_MEMBER = "w"
"""ZipFile.open's mode for adding a member (to a zip written through checker.fileio.atomic_writer)."""


def _restamp(raw: io.BytesIO, out, stamp: _dt.datetime) -> None:
    """Copy the zip in `raw` to `out` with every member dated `stamp` (openpyxl dates them now)."""
    raw.seek(0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            if info.filename == "docProps/core.xml":  # openpyxl stamps the saving time as "modified"
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                              src.read(info.filename))
                dst.writestr(member, data)
                continue
            # Streamed (a findings sheet can be large) into a member of the zip that atomic_writer is writing.
            with src.open(info) as part, dst.open(member, mode=_MEMBER) as copy:
                shutil.copyfileobj(part, copy, 1 << 20)
