"""The audit's columns, declared once: audit.csv, audit.json, the workbook's 団体別 sheet and the
overview table of index.html all read this list.

A column is an id (the key of a row, and the header in English and in audit.json), a header in
Japanese and in English, and a kind that says how its values are written:

========== ======================================= ==================================
kind       value in the row / audit.json            CSV and workbook (ja / en)
========== ======================================= ==================================
``text``   text                                     as is
``code``   text of digits (団体コード)              as text, leading zeros kept
``int``    integer                                  number
``share``  0–1, three decimals                      number (the workbook shows a %)
``enum``   a code of `VALUES`                       its label (日本語 with ``--lang ja``)
========== ======================================= ==================================

To add a column: add a `Column` to `COLUMNS` (or to `Layout.columns`' generated groups) and put
its value in `checker.audit.aggregate.row`; it then appears in every output.  ``filter=True``
also offers it as a select filter above the index's tables (for ``enum`` columns), and
``overview=True`` shows it in the index's overview table.  See docs/audit.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    id: str
    ja: str
    en: str
    kind: str = "text"
    enum: str | None = None
    """For kind 'enum': the group of `VALUES` its codes belong to."""
    overview: bool = False
    filter: bool = False
    label: str | None = None
    """The English heading on a page, when the English header (an id for scripts) does not read well."""

    def header(self, lang: str) -> str:
        """The header in a CSV file or a sheet."""
        return self.en if lang == "en" else self.ja

    def title(self, lang: str) -> str:
        """The heading on a page."""
        return (self.label or self.en) if lang == "en" else self.ja


VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "type": {
        "prefecture": ("都道府県", "prefecture"), "city": ("市", "city"), "ward": ("区", "ward"),
        "town": ("町", "town"), "village": ("村", "village"), "other": ("その他", "other"),
    },
    "level": {"prefecture": ("都道府県", "prefecture"), "municipality": ("市区町村", "municipality")},
    "status": {"ok": ("読込済", "ok"), "input-error": ("読込エラー", "input error")},
    "verdict": {"pass": ("合格", "pass"), "fail": ("不合格", "fail")},
    "severity": {
        "error": ("エラー", "error"), "warning": ("警告", "warning"), "info": ("情報", "info"),
        "justified": ("理由のある逸脱", "justified"), "none": ("指摘なし", "none"),
    },
    "yesno": {"yes": ("あり", "yes"), "no": ("なし", "no")},
    "recorded": {"yes": ("あり", "yes"), "no": ("なし（記録上）", "no (as recorded)"), "not-recorded": ("記録なし", "not recorded"),
                 "none": ("進捗の記録なし", "no progress recorded")},
    "named": {"named": ("記載あり", "named"), "missing": ("記載なし", "missing")},
    "direction": {"declared": ("宣言", "declared"), "suggested": ("文言から推定", "suggested")},
    "revised": {"revised": ("改訂済み", "revised"), "not-revised": ("未改訂", "not yet revised"), "unknown": ("不明", "unknown")},
    "basis": {
        "classified": ("記載または文言から分類", "classified"), "declared": ("記載のみ", "declared"),
        "declared+suggested": ("宣言と文言からの推定", "declared+suggested"),
    },
}
"""Enumerated values: group → code → (Japanese, English) label."""


def value_label(group: str, code, lang: str) -> str:
    """The label of an enumerated value ('' for None; the code itself when unknown)."""
    if code is None:
        return ""
    if isinstance(code, bool):
        code = "yes" if code else "no"
    ja_en = VALUES.get(group, {}).get(code)
    return (ja_en[1] if lang == "en" else ja_en[0]) if ja_en else str(code)


COLUMNS: tuple[Column, ...] = (
    Column("file", "ファイル", "file"),
    Column("name", "団体名", "name", overview=True, label="Body"),
    Column("code", "団体コード", "code", "code", overview=True, label="Code"),
    Column("type", "種別", "type", "enum", "type", overview=True, filter=True, label="Type"),
    Column("level", "区分", "level", "enum", "level"),
    Column("title", "戦略名", "title"),
    Column("strategy_id", "戦略ID", "strategy_id", "code"),
    Column("status", "読込", "status", "enum", "status"),
    Column("verdict", "判定", "verdict", "enum", "verdict", overview=True, filter=True, label="Verdict"),
    Column("worst", "最も重い指摘", "worst", "enum", "severity", filter=True, label="Most serious"),
    Column("error", "エラー", "error", "int", overview=True, label="Errors"),
    Column("warning", "警告", "warning", "int", overview=True, label="Warnings"),
    Column("info", "情報", "info", "int", overview=True, label="Info"),
    Column("justified", "理由のある逸脱", "justified", "int", overview=True, label="Justified"),
    Column("crosscheck", "突合の指摘", "crosscheck", "int", overview=True, label="Cross-check"),
)
"""The fixed columns before the per-area ones."""

AFTER_AREAS: tuple[Column, ...] = (
    Column("kpis", "KPI数", "kpis", "int", overview=True, label="KPIs"),
    Column("kpis_outcome", "アウトカムKPI", "kpis_outcome", "int"),
    Column("kpis_output", "アウトプットKPI", "kpis_output", "int"),
    Column("kpis_unclassified", "未分類KPI", "kpis_unclassified", "int"),
    Column("outcome_share", "アウトカム指標の割合", "outcome_share", "share", overview=True, label="Outcome share"),
    Column("outcome_basis", "KPIの種類の根拠", "outcome_basis", "enum", "basis"),
    Column("directions_declared", "宣言された国の方向", "directions_declared", "int"),
    Column("directions_suggested", "推定された国の方向", "directions_suggested", "int"),
    Column("directions_basis", "国の方向の根拠", "directions_basis", "enum", "basis"),
)
"""The columns between the per-area ones and the per-direction ones."""

TAIL: tuple[Column, ...] = (
    Column("period_start", "計画期間（開始年度）", "period_start", "int"),
    Column("period_end", "計画期間（終了年度）", "period_end", "int"),
    Column("period_years", "計画期間（年数）", "period_years", "int", overview=True, label="Period (years)"),
    Column("verification_body", "検証機関", "verification_body", "enum", "yesno", overview=True, filter=True, label="Verification body"),
    Column("prefectural_strategy", "県の戦略の勘案", "prefectural_strategy", "enum", "named", overview=True, filter=True, label="Prefectural strategy"),
    Column("prefectural_body_code", "勘案した県の団体コード", "prefectural_body_code", "code"),
    Column("prefectural_strategy_id", "勘案した県の戦略ID", "prefectural_strategy_id", "code"),
)
"""The last columns but those of the revision."""

REVISION: tuple[Column, ...] = (
    Column("edition", "点検に使った版", "edition", "code"),
    Column("edition_reason", "版の根拠", "edition_reason"),
    Column("national_strategy", "勘案する国の総合戦略", "national_strategy"),
    Column("last_revised", "最後の策定・改訂", "last_revised"),
    Column("revised", "改訂状況", "revised", "enum", "revised", overview=True, filter=True),
    Column("revise_points", "見直しのポイント", "revise_points", "int"),
    Column("revise_rules", "見直しのポイントの規則", "revise_rules"),
)
"""Where each strategy stands in the cycle of revisions (checker/revise/status.py): the edition that
judged it and why, the national strategy it considers, its last adoption or revision, whether it is
revised for the audit's edition, and — with --edition — how many points a revision to that edition
must answer (`tebiki revise`) and the rules they come from."""


PROGRESS: tuple[Column, ...] = (
    Column("progress_year", "進捗の最新年度", "progress_year", "int"),
    Column("progress_judged", "判定できたKPI", "progress_judged", "int"),
    Column("progress_on_track", "順調以上のKPI", "progress_on_track", "int"),
    Column("progress_on_track_share", "順調以上の割合", "progress_on_track_share", "share"),
    Column("progress_missing", "実績値の欠け", "progress_missing", "int"),
    Column("progress_published", "検証結果の公表", "progress_published", "enum", "recorded"),
    Column("progress_experts", "検証への外部有識者の参画", "progress_experts", "enum", "recorded"),
)
"""Progress (the yearly verification), from `checker.progress.summary.row_fields`: the latest year recorded.
Shown in the index's own section (進捗の状況) rather than the overview, which must fit an A4 page."""


GOAL_COLUMNS: tuple[Column, ...] = (
    Column("file", "ファイル", "file"),
    Column("name", "団体名", "name"),
    Column("code", "団体コード", "code", "code"),
    Column("progress_year", "年度", "progress_year", "int"),
    Column("goal_index", "目標の順", "goal_index", "int"),
    Column("goal", "目標ID", "goal", "code"),
    Column("goal_label", "番号", "goal_label"),
    Column("goal_name", "目標", "goal_name"),
    Column("judged", "判定できたKPI", "judged", "int"),
    Column("on_track", "順調以上のKPI", "on_track", "int"),
    Column("share", "順調以上の割合", "share", "share"),
)
"""audit-progress.csv and the workbook's 進捗（目標別） sheet: one row per strategy and goal."""


def area_columns(area: str, ja: str, en: str) -> tuple[Column, Column]:
    """The two columns of an area: its worst open severity, and how many open findings it has."""
    return (
        Column(f"area:{area}", ja, en, "enum", "severity"),
        Column(f"n:{area}", f"{ja}（件数）", f"{en} (count)", "int"),
    )


def direction_column(code: str, ja: str, en: str) -> Column:
    """A national direction's column: declared, suggested by wording, or empty."""
    return Column(f"nd:{code}", f"国の方向: {ja}", f"direction: {en}", "enum", "direction")
