"""The audit's tables besides the one row per strategy: one row per finding (audit-findings.csv and
the workbook's 指摘 sheet), the findings by rule, and the open findings per area (the heat map).

Each table is a list of `Column` (headers in Japanese and English, a kind; see
`checker.audit.columns`) and rows of codes and numbers, turned into the language's labels only
when written.  `Table` is what `checker.audit.xlsx` writes as one sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..engine.finding import Finding
from .columns import Column

FINDING_COLUMNS: tuple[Column, ...] = (
    Column("file", "ファイル", "file"),
    Column("name", "団体名", "name"),
    Column("body_code", "団体コード", "body code", "code"),
    Column("line", "行", "line", "int"),
    Column("column", "列", "column", "int"),
    Column("severity", "重要度", "severity", "enum", "severity"),
    Column("justified", "逸脱（理由あり）", "justified", "enum", "yesno"),
    Column("code", "ルール", "rule", "code"),
    Column("rule", "ルール名", "rule name"),
    Column("title", "ルールの内容", "rule title"),
    Column("area", "領域", "area"),
    Column("sections", "手引きの節", "手引き sections", "code"),
    Column("basis", "根拠", "basis"),
    Column("node", "対象ID", "node id", "code"),
    Column("node_type", "対象の種類", "node type"),
    Column("node_name", "対象", "node"),
    Column("message", "指摘", "message"),
    Column("fix", "対応", "fix"),
    Column("deviation", "逸脱の理由", "justification"),
)
"""audit-findings.csv: one row per finding, in file order, with the fix."""

RULE_COLUMNS: tuple[Column, ...] = (
    Column("code", "ルール", "rule", "code"),
    Column("name", "ルール名", "rule name"),
    Column("title", "ルールの内容", "rule title"),
    Column("severity", "重要度", "severity", "enum", "severity"),
    Column("area", "領域", "area"),
    Column("sections", "手引きの節", "手引き sections", "code"),
    Column("findings", "指摘数", "findings", "int"),
    Column("justified", "うち理由のある逸脱", "of which justified", "int"),
    Column("strategies", "該当する戦略の数", "strategies", "int"),
)
"""The findings by rule."""


@dataclass
class Table:
    """One table of the audit, as the workbook writes it (one sheet) and a CSV would."""

    key: str
    ja: str
    en: str
    columns: list[Column]
    rows: Iterable[dict]
    freeze_cols: int = 1
    """Columns kept in view when scrolling sideways (with the header row)."""

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


def finding_row(f: Finding, row: dict, rule, area_title: str, node_type: str, lang: str) -> dict:
    """A finding as a row of audit-findings.csv (`row` is its strategy's row, `rule` its record or None)."""
    basis = getattr(f, "basis", None)
    return {
        "file": f.file, "name": row.get("name"), "body_code": row.get("code"), "line": f.line, "column": f.col,
        "severity": f.severity.value, "justified": "yes" if f.justified else "no", "code": f.code, "rule": f.name,
        "title": rule.title.en if rule is not None and lang == "en" else rule.title.ja if rule is not None else None,
        "area": area_title, "sections": ", ".join(f.sections),
        "basis": basis.label(lang) if basis is not None else None,
        "node": f.node_id, "node_type": node_type, "node_name": f.node_name, "message": f.message.get(lang),
        "fix": (rule.fix.en if lang == "en" else rule.fix.ja) if rule is not None else None,
        "deviation": f.deviation.justification if f.deviation is not None else None,
    }


def rule_rows(stats: dict[str, dict], area_title, lang: str) -> list[dict]:
    """The findings by rule, by code."""
    out = []
    for code in sorted(stats):
        s = stats[code]
        title = s["title"].get(lang) if hasattr(s["title"], "get") else s["title"]
        out.append({"code": code, "name": s["name"], "title": title, "severity": s["severity"], "area": area_title(s["area"]),
                    "sections": ", ".join(s["sections"]), "findings": s["findings"], "justified": s["justified"],
                    "strategies": len(s["strategies"])})
    return out


def area_table_columns(layout, lang: str) -> list[Column]:
    """The heat map as a table: the body, then the open findings of each area."""
    cols = [Column("name", "団体名", "name"), Column("code", "団体コード", "code", "code"),
            Column("type", "種別", "type", "enum", "type"), Column("worst", "最も重い指摘", "worst", "enum", "severity")]
    for area, ja, en in layout.titles:
        cols.append(Column(f"n:{area}", ja, en, "int"))
    return cols
