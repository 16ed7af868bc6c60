"""Aggregates per strategy: one row each, written as CSV (UTF-8 with BOM) and into the audit JSON.

The columns come from the rule pack: one ``area:<area>`` column per area its rules use (plus
the cross-check's areas when it runs) and one ``nd:<code>`` column per national direction of
the edition's reference data.  Nothing here names an area or a direction.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..engine.finding import Finding, Severity
from ..engine.pack import Pack, ordered_areas
from ..load.errors import Problem
from ..progress.summary import COLUMNS as PROGRESS_COLUMNS
from .facts import Facts

PASS, FAIL = "pass", "fail"


@dataclass(frozen=True)
class Layout:
    """The variable columns of an audit: the areas and national directions, in the pack's order."""

    areas: tuple[str, ...]
    directions: tuple[str, ...]
    titles: tuple[tuple[str, str, str], ...] = ()
    """(area, Japanese title, English title) for the areas the pack names."""

    @classmethod
    def of(cls, pack: Pack, extra_areas: tuple[str, ...] = ()) -> "Layout":
        areas = tuple(ordered_areas([r.area.value for r in pack.rules] + list(extra_areas)))
        titles = tuple((a, pack.area_title(a, "ja"), pack.area_title(a, "en")) for a in areas)
        return cls(areas, tuple(d.code for d in pack.reference.directions), titles)

    def title(self, area: str, lang: str) -> str:
        """The area's title in the language (the area id when unknown)."""
        for a, ja, en in self.titles:
            if a == area:
                return en if lang == "en" else ja
        return area

    def columns(self) -> list[str]:
        return (
            ["file", "name", "code", "level", "title", "strategy_id", "status",
             "error", "warning", "info", "justified", "crosscheck"]
            + [f"area:{a}" for a in self.areas]
            + ["kpis", "kpis_outcome", "kpis_output", "kpis_unclassified", "outcome_share", "outcome_basis",
               "directions_declared", "directions_suggested", "directions_basis"]
            + [f"nd:{d}" for d in self.directions]
            + ["period_start", "period_end", "period_years", "verification_body",
               "prefectural_strategy", "prefectural_body_code", "prefectural_strategy_id"]
            + list(PROGRESS_COLUMNS)
        )


def area_status(findings: list[Finding], area: str) -> str:
    """'fail' when an unjustified error or warning of the area remains; info alone passes."""
    for f in findings:
        if f.area == area and not f.justified and f.severity.at_least(Severity.warning):
            return FAIL
    return PASS


def row(file: str, layout: Layout, findings: list[Finding], facts: Facts | None, problems: list[Problem],
        progress: dict | None = None) -> dict:
    """The aggregates of one strategy as JSON-compatible values (None where not applicable); `progress`: the
    progress columns and goal shares (`checker.progress.summary.row_fields`)."""
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
        "level": facts.level if facts else None,
        "title": facts.title if facts else None,
        "strategy_id": facts.id if facts else None,
        "status": "ok" if not problems else "input-error",
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
        "justified": justified,
        "crosscheck": sum(1 for f in findings if f.code.startswith("XP")),
    }
    for area in layout.areas:
        data[f"area:{area}"] = area_status(findings, area) if facts else None
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
    data.update(progress or {})
    return data


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def to_csv(rows: list[dict], layout: Layout) -> bytes:
    """The rows as CSV bytes: a header line, CRLF line ends, UTF-8 with a BOM.

    The BOM is for Excel: without it, Excel on Japanese Windows opens a CSV file as Shift_JIS
    (CP932) and shows UTF-8 Japanese as mojibake; with it, Excel reads UTF-8.  Other tools
    (Python's utf-8-sig, pandas, LibreOffice) skip the BOM.
    """
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    columns = layout.columns()
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
