"""The comparison as CSV, one row per change (for a spreadsheet): No, chapter, where, change, field,
old, new, the lines in both files and the source page.  Every text cell is neutralised against
formulas (`checker.safetext.cell`); `tebiki diff -o FILE.csv` adds the BOM Excel needs."""

from __future__ import annotations

import csv
import io

from ..safetext import cell
from .run import DiffResult
from .words import chapter_titles, field_label, kind_label, loc, words


def render(result: DiffResult, lang: str = "ja") -> str:
    w = words(lang)
    titles = chapter_titles(result.comparison, lang)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([w["no"], w["chapter"], w["where"], w["kind"], w["field"], w["old"], w["new"], w["old_loc"], w["new_loc"], w["page"]])
    for i, c in enumerate(result.changes, 1):
        row = [titles.get(c.chapter, c.chapter), c.where.get(lang), kind_label(c, lang), field_label(c, lang), c.old or "", c.new or "",
               loc(c.old_loc), loc(c.new_loc), c.page or ""]
        writer.writerow([i, *(cell(v) for v in row)])
    return buf.getvalue()
