"""Progress records (効果検証の記録): what a strategy's KPIs reached each fiscal year, how the
measures were evaluated and what was decided, and how the verification was done (手引き 7-1 to
7-4, 8-1).

One `ProgressYear` holds one fiscal year.  It is either an item of a strategy's inline
`progress:` list or the body of a progress file (`ProgressFile`, usually
``progress/2024.yaml`` beside the strategy), which names the strategy it belongs to.  Records
refer to the strategy's parts by id.  Decisions and statuses accept the Japanese words offices
write (確定, 速報, 拡充, 継続, 見直し, 統合, 廃止, 報告, 議決).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from ..text import norm
from .base import IdRef, SourceRef, Spec
from .governance import AssemblyForm, SectorValue
from .lineage import KpiRevision
from .values import Number, YearValue


class _WordReader:
    """A before-validator that reads the Japanese words (NFKC, spaces removed) as the enum's values and
    names the accepted words when a value is neither.  A class rather than a closure, so that the
    validator's core schema can be kept in the cache (`checker.cache`), which pickles it."""

    def __init__(self, words: dict[str, str], shown: str, enum_values: tuple[str, ...]) -> None:
        self.words, self.shown, self.enum_values = words, shown, enum_values

    def __call__(self, value: object) -> object:
        if not isinstance(value, str) or value in self.enum_values:
            return value
        found = self.words.get(value) or self.words.get(norm(value).replace(" ", ""), value)
        if found not in self.enum_values:
            raise ValueError(f"'{value}' is not one of {self.shown} (or {', '.join(self.enum_values)})")
        return found


class ActualStatus(str, Enum):
    """Whether a value is final (確定値) or preliminary (速報値)."""

    final = "final"
    """確定値"""
    preliminary = "preliminary"
    """速報値"""


STATUS_WORDS = {"確定": "final", "確定値": "final", "速報": "preliminary", "速報値": "preliminary", "暫定": "preliminary", "暫定値": "preliminary"}


class Decision(str, Enum):
    """What was decided for a measure after its evaluation (手引き 7-3)."""

    expand = "expand"
    """拡充（事業拡大）"""
    continue_ = "continue"
    """継続（現状通り継続）"""
    revise = "revise"
    """見直し（改善し継続）"""
    merge = "merge"
    """統合"""
    abolish = "abolish"
    """廃止（中止・廃止）"""
    complete = "complete"
    """終了（予定どおり終了）"""


DECISION_WORDS = {
    "拡充": "expand", "拡大": "expand", "事業拡大": "expand", "事業の拡大": "expand",
    "継続": "continue", "現状通り継続": "continue", "現状どおり継続": "continue", "現状維持": "continue",
    "見直し": "revise", "改善": "revise", "改善し継続": "revise", "見直して継続": "revise", "改善・見直し": "revise",
    "統合": "merge", "統廃合": "merge",
    "廃止": "abolish", "中止": "abolish", "中止・廃止": "abolish", "休止": "abolish",
    "終了": "complete", "事業終了": "complete", "予定どおり終了": "complete", "予定通り終了": "complete",
}
"""The words offices write for the decisions (NFKC, no spaces)."""

DECISION_LABELS = {
    "expand": ("拡充", "expand"), "continue": ("継続", "continue"), "revise": ("見直し", "revise"),
    "merge": ("統合", "merge"), "abolish": ("廃止", "abolish"), "complete": ("終了", "complete"),
}
"""Each decision's word in Japanese and English, as sheets print it."""


ASSEMBLY_WORDS = {"報告": "report", "報告事項": "report", "議決": "vote", "議決事項": "vote", "審議": "deliberation",
                  "resolution": "vote"}
"""Words for how the results went to the assembly (`AssemblyForm`, shared with governance.assembly)."""



def _choice(enum: type[Enum], words: dict[str, str], shown: str):
    values = tuple(e.value for e in enum)
    return (BeforeValidator(_WordReader(words, shown, values)),
            WithJsonSchema({"enum": [*values, *words], "description": f"{shown} (or {', '.join(values)})"}))


_STATUS = _choice(ActualStatus, STATUS_WORDS, "確定, 速報")
_DECISION = _choice(Decision, DECISION_WORDS, "拡充, 継続, 見直し, 統合, 廃止, 終了")
_FORM = _choice(AssemblyForm, ASSEMBLY_WORDS, "報告, 議決, 審議")
StatusValue = Annotated[ActualStatus, _STATUS[0], _STATUS[1]]
DecisionValue = Annotated[Decision, _DECISION[0], _DECISION[1]]
AssemblyFormValue = Annotated[AssemblyForm, _FORM[0], _FORM[1]]


class Actual(Spec):
    """The actual value (実績値) of an indicator for one fiscal year."""

    kpi: IdRef
    """The id of the KPI (or numerical target, KGI or supplementary indicator) in the strategy."""
    year: YearValue | None = None
    """The fiscal year the value is for; the record's `fiscal_year` when omitted (an earlier year corrects a value)."""
    segment: str | None = None
    """For an indicator measured for several groups: the group's `population` as the strategy writes it."""
    value: Number | None = None
    """The number (a rank for a rank target); null when it was not measured this year (say why in `note`)."""
    text: str | None = None
    """The cell as printed, e.g. '約1,200人'."""
    cumulative: bool = False
    """The value is already the running total since the period started (累計), for a target summed over the period."""
    status: StatusValue | None = None
    """final (確定) or preliminary (速報)."""
    as_of: YearValue | None = None
    """When the value was measured or compiled: '2025-03-31', '令和7年3月末'."""
    source: str | None = None
    """Where the value comes from, e.g. '住民基本台帳', '市民意識調査（令和6年度）'."""
    benchmark: Number | None = None
    """For a target relative to an average (全国平均を上回る ...): that average for the same year."""
    note: str | None = None


class Milestone(Spec):
    """An intermediate target for one fiscal year (年次目標), where the strategy sets them."""

    kpi: IdRef
    """The id of the indicator."""
    year: YearValue
    """The fiscal year it is the target for."""
    segment: str | None = None
    """For an indicator with segments: the group's `population`."""
    value: Number
    """The target for that year (for a target summed over the period: that year's own amount)."""
    text: str | None = None
    note: str | None = None


class Evaluation(Spec):
    """The evaluation of one measure for one fiscal year, with the cause analysis and the decision (手引き 7-2, 7-3)."""

    measure: IdRef
    """The id of the measure (or of a goal or basic direction, for the KPIs and numerical targets set there)."""
    year: YearValue | None = None
    """The fiscal year evaluated; the record's `fiscal_year` when omitted."""
    grade: str | None = None
    """The grade the body gave, in its own scheme ('B', 'おおむね順調', '◎'); shown beside the computed one."""
    analysis: str | None = None
    """The cause analysis (要因分析): why the KPIs are where they are, above all when behind."""
    decision: DecisionValue | None = None
    """expand (拡充), continue (継続), revise (見直し), merge (統合), abolish (廃止) or complete (終了)."""
    reason: str | None = None
    """Why that decision was taken."""
    merged_into: IdRef | None = None
    """For merge: the id of the measure it was merged into."""
    note: str | None = None


class Meeting(Spec):
    """A meeting of the verification body (推進組織・検証機関) that verified the year (手引き 7-2, 7-4)."""

    date: YearValue | None = None
    """When it met: '2025-08-20'."""
    body: str | None = None
    """The body's name, e.g. '○○市総合戦略推進会議'."""
    external_experts: bool | None = None
    """Experts from outside the administration took part (外部有識者)."""
    sectors: list[SectorValue] = Field(default_factory=list)
    """Which of 産官学金労言士 took part (English names or kanji)."""
    residents: bool | None = None
    """Residents (住民代表) took part."""
    opinions: list[str] = Field(default_factory=list)
    """The main opinions of the members, as recorded."""
    minutes: str | None = None
    """Where the minutes are published (a URL)."""
    note: str | None = None


class AssemblyReport(Spec):
    """How the year's results went to the assembly (議会, 手引き 8-1)."""

    date: YearValue | None = None
    form: AssemblyFormValue | None = None
    """report (報告), vote (議決) or deliberation (審議)."""
    committee: str | None = None
    """The committee (委員会) or plenary, e.g. '総務常任委員会'."""
    note: str | None = None


class ResidentViews(Spec):
    """Residents' views gathered for the verification (住民からの意見聴取, 手引き 7-2)."""

    methods: list[str] = Field(default_factory=list)
    """e.g. 市民意識調査, パブリックコメント, ワークショップ."""
    date: YearValue | None = None
    summary: str | None = None
    """What residents said, in short."""
    note: str | None = None


class PublicationRecord(Spec):
    """Where and when the results were published (手引き 7-2)."""

    published: bool | None = None
    """False when it was decided not to publish; omitted and a date or URL given means published."""
    date: YearValue | None = None
    url: str | None = None
    note: str | None = None


class Verification(Spec):
    """How the fiscal year was verified: the meetings, the assembly, residents' views, the publication."""

    meetings: list[Meeting] = Field(default_factory=list)
    assembly: AssemblyReport | None = None
    residents: ResidentViews | None = None
    publication: PublicationRecord | None = None
    conclusion: str | None = None
    """The overall judgement in a word or two, e.g. '概ね順調'."""
    summary: str | None = None
    """The conclusions as written (総括); in the last year of the period, the verification of the whole period."""
    final_review: bool = False
    """This is the verification of the whole period (計画期間の総括), which the next strategy reflects (手引き 7-1)."""
    note: str | None = None


class ProgressYear(Spec):
    """What one fiscal year recorded: actual values, yearly targets, evaluations, revisions, verification."""

    fiscal_year: YearValue
    """The fiscal year this record is for: '令和6年度', 2024."""
    compiled: YearValue | None = None
    """When the record was compiled (as-of date of the whole sheet)."""
    actuals: list[Actual] = Field(default_factory=list)
    """Actual values (実績値)."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Intermediate yearly targets (年次目標), for any year of the period."""
    evaluations: list[Evaluation] = Field(default_factory=list)
    """Evaluations of measures, with cause analysis and decision."""
    revisions: list[KpiRevision] = Field(default_factory=list)
    """KPIs and targets changed during the period, with when and why (手引き 7-2)."""
    verification: Verification | None = None
    """How the year was verified and published."""
    note: str | None = None
    source: SourceRef | None = None


class ProgressFile(ProgressYear):
    """A progress file: one fiscal year of one strategy (e.g. progress/2024.yaml beside it)."""

    format: Literal[1] = 1
    """Version of this file format."""
    strategy: IdRef
    """The `id` of the strategy the record belongs to."""
