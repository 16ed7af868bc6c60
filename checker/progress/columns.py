"""The layout of the progress workbook, shared by the template writer and the reader.

Every table sheet has the Japanese header in row 1, the key (the YAML field it holds) in row 2 and
data from row 3; the reader finds columns by their key, so columns may be moved.  `info` columns
show what the strategy says (name, baseline, target ...) and are not read back: a value changed
there is reported, never silently dropped.  The sheet 「検証」 is a list of key / label / value rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.progress import ASSEMBLY_WORDS, DECISION_LABELS, STATUS_WORDS
from ..model.governance import SECTOR_KANJI

HEADER_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3
META = "_tebiki"
"""The hidden sheet that says which strategy and fiscal year the workbook is for."""
FORMAT = 1


@dataclass(frozen=True)
class Col:
    key: str
    ja: str
    en: str
    kind: str
    """key, info, text, page, number, year, status, decision, bool, lines, sectors, change, form, grade, ref."""
    width: int = 14

    @property
    def editable(self) -> bool:
        return self.kind != "info"


@dataclass(frozen=True)
class Table:
    name: str
    field: str
    """The list in the progress file this sheet fills (actuals, milestones, evaluations, revisions, meetings)."""
    columns: tuple[Col, ...]
    keys: tuple[str, ...]
    """The columns that say which record a row is (kept even when a row is otherwise empty)."""

    def col(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)


ACTUALS = Table("実績", "actuals", (
    Col("kpi", "指標ID", "indicator id", "key", 12),
    Col("segment", "対象", "group", "key", 16),
    Col("goal", "目標", "goal", "info", 22),
    Col("holder", "施策等", "measure", "info", 22),
    Col("name", "指標名", "indicator", "info", 30),
    Col("unit", "単位", "unit", "info", 6),
    Col("baseline", "基準値", "baseline", "info", 16),
    Col("target", "目標値", "target", "info", 18),
    Col("previous", "前年度実績", "previous year", "info", 11),
    Col("expected", "年度の期待値", "expected this year", "info", 11),
    Col("year", "年度", "fiscal year", "year", 10),
    Col("value", "実績値", "actual", "number", 11),
    Col("status", "状態", "status", "status", 8),
    Col("as_of", "時点", "as of", "year", 12),
    Col("source", "出典", "source", "text", 20),
    Col("note", "備考", "note", "text", 24),
    Col("text", "表記", "as printed", "text", 12),
    Col("benchmark", "比較値（平均）", "average compared", "number", 10),
    Col("cumulative", "累計値", "running total", "bool", 8),
), ("kpi", "segment"))

MILESTONES = Table("年次目標", "milestones", (
    Col("kpi", "指標ID", "indicator id", "key", 12),
    Col("segment", "対象", "group", "key", 16),
    Col("name", "指標名", "indicator", "info", 30),
    Col("year", "年度", "fiscal year", "year", 10),
    Col("value", "目標値", "target", "number", 11),
    Col("text", "表記", "as printed", "text", 12),
    Col("note", "備考", "note", "text", 24),
), ())

EVALUATIONS = Table("施策評価", "evaluations", (
    Col("measure", "施策ID", "measure id", "key", 12),
    Col("goal", "目標", "goal", "info", 22),
    Col("name", "施策名", "measure", "info", 30),
    Col("grades", "KPIの判定", "KPI grades", "info", 24),
    Col("year", "年度", "fiscal year", "year", 10),
    Col("grade", "評価", "grade", "grade", 12),
    Col("analysis", "要因分析", "cause analysis", "text", 36),
    Col("decision", "今後の方針", "decision", "decision", 12),
    Col("reason", "理由", "reason", "text", 30),
    Col("merged_into", "統合先", "merged into", "ref", 12),
    Col("note", "備考", "note", "text", 20),
), ("measure",))

REVISIONS = Table("見直し", "revisions", (
    Col("kpi", "指標ID", "indicator id", "text", 12),
    Col("change", "変更内容", "change", "change", 10),
    Col("old", "変更前", "before", "text", 20),
    Col("new", "変更後", "after", "text", 20),
    Col("date", "決定日", "decided on", "year", 12),
    Col("replaced_by", "差し替え先", "replaced by", "text", 12),
    Col("reason", "理由", "reason", "text", 36),
    Col("decided_by", "決定・意見聴取", "decided by", "text", 20),
    Col("note", "備考", "note", "text", 20),
    Col("source.document", "出典文書", "source document", "text", 12),
    Col("source.page", "ページ", "page", "page", 8),
    Col("source.note", "出典備考", "source note", "text", 16),
), ())

MEETINGS = Table("検証会議", "meetings", (
    Col("date", "開催日", "date", "year", 12),
    Col("body", "組織", "body", "text", 26),
    Col("external_experts", "外部有識者", "external experts", "bool", 10),
    Col("sectors", "分野（産官学金労言士）", "sectors", "sectors", 16),
    Col("residents", "住民の参画", "residents", "bool", 10),
    Col("opinions", "主な意見（1行に1つ）", "main opinions (one per line)", "lines", 40),
    Col("minutes", "議事録URL", "minutes URL", "text", 30),
    Col("note", "備考", "note", "text", 20),
), ())

TABLES = (ACTUALS, MILESTONES, EVALUATIONS, REVISIONS, MEETINGS)

FACTS_SHEET = "検証"
FACTS = (
    Col("compiled", "作成日", "compiled on", "year"),
    Col("note", "年度の備考", "note on the year", "text"),
    Col("assembly.date", "議会への報告日", "reported to the assembly on", "year"),
    Col("assembly.form", "報告の形式（報告・議決・審議）", "report, vote or deliberation", "form"),
    Col("assembly.committee", "委員会", "committee", "text"),
    Col("assembly.note", "議会の備考", "note on the assembly", "text"),
    Col("residents.methods", "住民の意見の聴き方（1行に1つ）", "how residents' views were gathered (one per line)", "lines"),
    Col("residents.date", "意見を聴いた時期", "gathered on", "year"),
    Col("residents.summary", "住民の意見の概要", "what residents said", "text"),
    Col("residents.note", "住民の意見の備考", "note on residents' views", "text"),
    Col("publication.published", "公表した（はい・いいえ）", "published (yes / no)", "bool"),
    Col("publication.date", "公表日", "published on", "year"),
    Col("publication.url", "公表URL", "published at", "text"),
    Col("publication.note", "公表の備考", "note on the publication", "text"),
    Col("verification.conclusion", "評価の結論", "conclusion", "text"),
    Col("verification.summary", "総括", "summary", "text"),
    Col("verification.final_review", "計画期間の総括（はい）", "verification of the whole period (yes)", "bool"),
    Col("verification.note", "効果検証の備考", "note on the verification", "text"),
    Col("source.document", "出典文書", "source document", "text"),
    Col("source.page", "ページ", "page", "page"),
    Col("source.note", "出典備考", "source note", "text"),
)

YES, NO = "はい", "いいえ"
BOOL_WORDS = {YES: True, NO: False, "yes": True, "no": False, "true": True, "false": False, "○": True, "×": False}
STATUS_LABELS = {"final": "確定", "preliminary": "速報"}
FORM_LABELS = {"report": "報告", "vote": "議決", "deliberation": "審議"}
CHANGE_LABELS = {"target": "目標値", "baseline": "基準値", "definition": "定義", "name": "名称", "unit": "単位",
                 "added": "追加", "removed": "削除", "replaced": "差し替え"}
SECTOR_OF = {v.value: k for k, v in SECTOR_KANJI.items()}
"""A sector's kanji by its English name."""


def words(kind: str) -> dict[str, str]:
    """The words a cell of `kind` accepts, mapped to the YAML value."""
    if kind == "status":
        return {**STATUS_WORDS, **{v: k for k, v in STATUS_LABELS.items()}, "final": "final", "preliminary": "preliminary"}
    if kind == "form":
        return {**ASSEMBLY_WORDS, **{k: k for k in FORM_LABELS}}
    if kind == "change":
        return {**{v: k for k, v in CHANGE_LABELS.items()}, **{k: k for k in CHANGE_LABELS}}
    if kind == "decision":
        return {ja: key for key, (ja, _) in DECISION_LABELS.items()}
    return {}
