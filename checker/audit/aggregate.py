"""Aggregates per strategy: one row each, written as CSV (UTF-8 with BOM), into the audit JSON, the
workbook and the index's tables.

The columns are declared in `checker.audit.columns`; the variable ones come from the rule pack:
two per area its rules use (plus the cross-check's areas when it runs): ``area:<area>``, the
worst open severity, and ``n:<area>``, the number of open findings; and one ``nd:<code>`` per
national direction of the edition's reference data.  Nothing here names an area or a direction.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from ..engine.finding import Finding, Severity
from ..engine.pack import Pack, ordered_areas
from ..load.errors import Problem
from ..safetext import cell
from .columns import AFTER_AREAS, COLUMNS, PROGRESS, REVISION, TAIL, Column, area_columns, direction_column, value_label
from .facts import Facts

PASS, FAIL = "pass", "fail"


@dataclass(frozen=True)
class Layout:
    """The variable columns of an audit: the areas and national directions, in the pack's order."""

    areas: tuple[str, ...]
    directions: tuple[str, ...]
    titles: tuple[tuple[str, str, str], ...] = ()
    """(area, Japanese title, English title) for the areas the pack names."""
    direction_names: tuple[tuple[str, str, str], ...] = ()
    """(code, Japanese name, English name) of the national directions."""

    @classmethod
    def of(cls, pack: Pack, extra_areas: tuple[str, ...] = ()) -> "Layout":
        areas = tuple(ordered_areas([r.area.value for r in pack.rules] + list(extra_areas)))
        titles = tuple((a, pack.area_title(a, "ja"), pack.area_title(a, "en")) for a in areas)
        names = tuple((d.code, d.name.ja, d.name.en) for d in pack.reference.directions)
        return cls(areas, tuple(d.code for d in pack.reference.directions), titles, names)

    def specs(self) -> list[Column]:
        """Every column, in order, with its headers and kind."""
        out = list(COLUMNS)
        for area, ja, en in self.titles:
            out.extend(area_columns(area, ja, en))
        out.extend(AFTER_AREAS)
        out.extend(direction_column(code, ja, en) for code, ja, en in self.direction_names)
        out.extend(TAIL)
        out.extend(REVISION)
        out.extend(PROGRESS)
        return out

    def title(self, area: str, lang: str) -> str:
        """The area's title in the language (the area id when unknown)."""
        for a, ja, en in self.titles:
            if a == area:
                return en if lang == "en" else ja
        return area

    def columns(self) -> list[str]:
        """The column ids, in order."""
        return [c.id for c in self.specs()]


def area_level(findings: list[Finding], area: str) -> tuple[str, int]:
    """An area's worst open severity ('error', 'warning', 'info'; 'justified' when only justified
    findings; 'none') and its number of open findings."""
    from ..html.findings import level, tally

    counts = tally(f for f in findings if f.area == area)
    return level(counts), counts["error"] + counts["warning"] + counts["info"]


def body_type(name: str | None, level: str | None) -> str | None:
    """prefecture, city (市), ward (区), town (町), village (村) or other, from the level and the name's last character."""
    if level is None:
        return None
    if level == "prefecture":
        return "prefecture"
    return {"市": "city", "区": "ward", "町": "town", "村": "village"}.get((name or "").strip()[-1:], "other")


def row(file: str, layout: Layout, findings: list[Finding], facts: Facts | None, problems: list[Problem],
        fail_on: Severity = Severity.error, revision: dict | None = None, progress: dict | None = None) -> dict:
    """The aggregates of one strategy as JSON-compatible values (None where not applicable).

    `revision`: the values of the REVISION columns (`revision_values`); `progress`: its progress
    columns and goals' shares (`checker.progress.summary.row_fields`)."""
    counts = {s.value: 0 for s in Severity}
    justified = 0
    for f in findings:
        if f.justified:
            justified += 1
        else:
            counts[f.severity.value] += 1
    data: dict = {
        "file": file,
        "name": facts.name if facts else None,
        "code": facts.code if facts else None,
        "type": body_type(facts.name, facts.level) if facts else None,
        "level": facts.level if facts else None,
        "title": facts.title if facts else None,
        "strategy_id": facts.id if facts else None,
        "status": "ok" if not problems else "input-error",
        "verdict": FAIL if problems or any(not f.justified and f.severity.at_least(fail_on) for f in findings) else PASS,
        "worst": next((k for k in ("error", "warning", "info") if counts[k]), "justified" if justified else "none") if facts else None,
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
        "justified": justified,
        "crosscheck": sum(1 for f in findings if f.code.startswith("XP")),
    }
    for area in layout.areas:
        worst, n = area_level(findings, area) if facts else (None, None)
        data[f"area:{area}"] = worst
        data[f"n:{area}"] = n
    if facts is None:
        for col in layout.columns():
            data.setdefault(col, None)
        return data
    data.update(
        kpis=facts.kpis,
        kpis_outcome=facts.kpis_outcome,
        kpis_output=facts.kpis_output,
        kpis_unclassified=facts.kpis_unclassified,
        outcome_share=round(facts.kpis_outcome / facts.kpis, 3) if facts.kpis else None,
        outcome_basis=facts.outcome_basis,
        directions_declared=len(facts.declared),
        directions_suggested=len(facts.suggested),
        directions_basis=facts.directions_basis,
    )
    for code in layout.directions:
        data[f"nd:{code}"] = "declared" if code in facts.declared else "suggested" if code in facts.suggested else None
    ref = facts.pref_ref
    data.update(
        period_start=facts.period[0] if facts.period else None,
        period_end=facts.period[1] if facts.period else None,
        period_years=facts.period[1] - facts.period[0] + 1 if facts.period else None,
        verification_body=facts.verification_body,
        prefectural_strategy=None if facts.is_prefecture else ("named" if ref is not None and ref.named else "missing"),
        prefectural_body_code=ref.body_code if ref else None,
        prefectural_strategy_id=ref.strategy_id if ref else None,
    )
    data.update(revision or {})
    data.update(progress or {})
    return data


def revision_values(result, pack: Pack, asked: bool, lang: str, config=None, today=None) -> dict:
    """The REVISION columns of a loaded strategy's result: the edition that judged it and why, where it
    stands against `pack`'s edition, and when the edition was `asked` for, the points of a revision to it."""
    from ..revise import revise
    from ..revise.status import revision_status

    status = revision_status(result.strategy, pack)
    values = {
        "edition": result.edition.edition if result.edition else pack.edition,
        "edition_reason": result.edition.reason.get(lang) if result.edition else None,
        "national_strategy": status.considers or None,
        "last_revised": status.last or None,
        "revised": "unknown" if status.revised is None else "revised" if status.revised else "not-revised",
        "revise_points": None,
        "revise_rules": None,
    }
    if asked:
        points = revise(result.strategy, str(pack.path), config=config, today=today, target_findings=result.findings).points
        values["revise_points"] = sum(len(p.findings) for p in points)
        values["revise_rules"] = " ".join(p.rule.code for p in points) or None
    return values


_DIGITS = re.compile(r"[0-9][0-9\-/.:, ]*")


def text_cell(value: str) -> str:
    """A text Excel would read as a number or a date (団体コード 011002, a section 3-2) written as
    the formula ="011002", which Excel shows as the text; any other text neutralised as a cell."""
    text = cell(value)
    return f'="{text}"' if _DIGITS.fullmatch(text) else text


def display(col: Column, value, lang: str):
    """A value as the CSV, the workbook and the pages show it: numbers as numbers, codes as text,
    enumerated values as labels in the language; None as None."""
    if value is None:
        return None
    if col.kind == "enum":
        return value_label(col.enum, value, lang)
    if col.kind in ("int", "share"):
        return value
    return str(value)


def _csv_value(col: Column, value, lang: str) -> str:
    shown = display(col, value, lang)
    if shown is None:
        return ""
    if col.kind == "share":
        return f"{shown:.3f}"
    if col.kind == "int":
        return str(shown)
    return text_cell(shown) if col.kind == "code" else cell(shown)


def csv_bytes(header: list[str], rows) -> bytes:
    """CSV bytes: a header line, CRLF line ends, UTF-8 with a BOM.

    The BOM is for Excel: without it, Excel on Japanese Windows opens a CSV file as Shift_JIS
    (CP932) and shows UTF-8 Japanese as mojibake; with it, Excel reads UTF-8.  Other tools
    (Python's utf-8-sig, pandas, LibreOffice) skip the BOM.
    """
    return "".join(_csv_chunks(header, rows)).encode("utf-8")


def write_csv(path, header: list[str], rows) -> None:
    """`csv_bytes` written to `path` (atomically) as it is made, for a table too large to hold whole in memory
    (audit-findings.csv of thousands of strategies)."""
    from ..fileio import atomic_writer

    with atomic_writer(path, binary=True) as fh:
        for chunk in _csv_chunks(header, rows):
            fh.write(chunk.encode("utf-8"))


def _csv_chunks(header: list[str], rows, size: int = 1 << 20):
    """The CSV text in pieces of about `size` characters: the BOM, the header line, the rows (CRLF)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write("\ufeff")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buf.tell() >= size:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def to_csv(rows: list[dict], layout: Layout, lang: str = "en") -> bytes:
    """The rows as audit.csv: headers and enumerated values in `lang` (see `checker.audit.columns`)."""
    specs = layout.specs()
    return csv_bytes([c.header(lang) for c in specs], ([_csv_value(c, r.get(c.id), lang) for c in specs] for r in rows))
