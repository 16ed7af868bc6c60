"""The strategy document: identity, period, what it considers, vision, goals, directions, measures."""

from __future__ import annotations

import datetime as _dt
import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator, model_validator

from ..bodycode import is_prefecture, prefecture_of, validate_code
from .base import Id, IdRef, Node, SourceRef, Spec
from .governance import Governance
from .indicators import Indicator, IndicatorEntry, IndicatorRef
from .walk import iter_parts
from .lineage import KpiRevision, Predecessor
from .progress import ProgressYear
from .values import Number, Segment, YearSpan, YearValue

_DIRECTION_CODE = re.compile(r"^[a-z][a-z0-9\-]*$")
_DIRECTION_CODES = "jobs, people-flow, family, attractive-region, digital-infrastructure, digital-talent, inclusion"


def _direction_code(value: object) -> object:
    """A national direction code, or a message that says what the codes look like and which they are."""
    if isinstance(value, str) and not _DIRECTION_CODE.match(value):
        hint = value.strip().lower().replace("_", "-").replace(" ", "-")
        close = f" (did you mean '{hint}'?)" if _DIRECTION_CODE.match(hint) and hint != value else ""
        raise ValueError(
            f"'{value}' is not a national direction code{close}: codes are lower-case words joined by '-'; "
            f"the 2022-12 edition's are {_DIRECTION_CODES}"
        )
    return value


NationalDirection = Annotated[  # _direction_code checks the pattern (a Field pattern would be a closure the cache cannot keep)
    str,
    BeforeValidator(_direction_code),
    Field(
        description=(
            "A national direction code of the rule pack's edition. 2022-12: jobs (地方に仕事をつくる), "
            "people-flow (人の流れをつくる), family (結婚・出産・子育ての希望をかなえる), "
            "attractive-region (魅力的な地域をつくる), digital-infrastructure (デジタル基盤整備), "
            "digital-talent (デジタル人材の育成・確保), inclusion (誰一人取り残されないための取組)."
        ),
        examples=["jobs", "people-flow", "family", "attractive-region"],
    ),
]


class Level(str, Enum):
    """Which kind of local government issues the strategy."""

    prefecture = "prefecture"
    """都道府県"""
    municipality = "municipality"
    """市区町村"""


class Status(str, Enum):
    """Where the strategy is in its life."""

    draft = "draft"
    """案・素案"""
    adopted = "adopted"
    """策定済み"""
    revised = "revised"
    """改訂済み"""


def _code(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:06d}"
    return value


class Body(Spec):
    """The local government that issues the strategy."""

    name: str
    """e.g. 豊中市."""
    code: str | None = None
    """全国地方公共団体コード: six digits with its check digit, e.g. '272035' (an integer is padded to six digits)."""
    level: Level
    """prefecture (都道府県) or municipality (市区町村)."""
    prefecture: str | None = None
    """For a municipality: the prefecture's name, e.g. 大阪府."""
    prefecture_code: str | None = None
    """For a municipality: the prefecture's code; derived from `code` when omitted."""

    @field_validator("code", "prefecture_code", mode="before")
    @classmethod
    def _six_digits(cls, value: object) -> object:
        value = _code(value)
        return validate_code(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> "Body":
        if self.code is None:
            return self
        if self.level is Level.prefecture and not is_prefecture(self.code):
            raise ValueError(f"code {self.code} is a municipality's code but level is prefecture")
        if self.level is Level.municipality:
            if is_prefecture(self.code):
                raise ValueError(f"code {self.code} is a prefecture's code but level is municipality")
            derived = prefecture_of(self.code)
            if self.prefecture_code is not None and self.prefecture_code != derived:
                raise ValueError(f"prefecture_code {self.prefecture_code} does not match code {self.code} ({derived})")
            self.prefecture_code = derived
        return self


class Document(Spec):
    """A source document (the PDF the strategy is printed in, the comprehensive plan ...)."""

    id: Id
    title: str
    url: str | None = None
    date: YearValue | None = None
    note: str | None = None


class Dates(Spec):
    """Dates in the strategy's life."""

    drafted: YearValue | None = None
    published: YearValue | None = None
    adopted: YearValue | None = None
    revised: YearValue | None = None


class Period(Spec):
    """The strategy period (計画期間, 手引き 3-2)."""

    start: YearValue
    """First fiscal year: 令和5年度, R5 or 2023."""
    end: YearValue
    """Last fiscal year: 令和9年度, R9 or 2027."""
    text: str | None = None
    """The sentence as printed."""
    reason: str | None = None
    """Why the period differs from the national strategy's, if it does (手引き 3-2 allows it)."""
    note: str | None = None
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end.fy < self.start.fy:
            raise ValueError(f"the period ends ({self.end.text}) before it starts ({self.start.text})")
        return self

    @property
    def fiscal_years(self) -> int:
        """Number of fiscal years, both ends included."""
        return self.end.fy - self.start.fy + 1


class NationalStrategyRef(Spec):
    """The national strategy the plan considers (勘案, 手引き 3-4)."""

    title: str | None = None
    """e.g. デジタル田園都市国家構想総合戦略."""
    edition: str | None = None
    """The edition, as year-month: '2022-12'."""
    text: str | None = None
    source: SourceRef | None = None


class PrefecturalStrategyRef(Spec):
    """The prefecture's strategy a municipality considers (手引き 3-4)."""

    title: str | None = None
    body_code: str | None = None
    """The prefecture's 全国地方公共団体コード."""
    strategy_id: str | None = None
    """The `id` of the prefecture's strategy file, for the cross-check in an audit."""
    period: YearSpan | None = None
    text: str | None = None
    source: SourceRef | None = None

    @field_validator("body_code", mode="before")
    @classmethod
    def _six_digits(cls, value: object) -> object:
        value = _code(value)
        return validate_code(value) if isinstance(value, str) else value


class ProjectionPoint(Spec):
    """One value of a population projection."""

    year: YearValue
    value: Number
    label: str | None = None
    """e.g. 現状, 短期, 長期."""


class Projection(Node):
    """A series of the population vision (人口ビジョン): total population, shares of age groups ..."""

    name: str
    unit: str | None = None
    points: list[ProjectionPoint] = Field(default_factory=list)


class PopulationVision(Spec):
    """The local population vision (地方人口ビジョン, 手引き 3-4, 3-7)."""

    title: str | None = None
    year: YearValue | None = None
    """When it was drawn up or last revised."""
    projections: list[Projection] = Field(default_factory=list)
    text: str | None = None
    source: SourceRef | None = None


class PlanRelation(str, Enum):
    """How the strategy relates to the comprehensive plan (手引き 6-1)."""

    separate = "separate"
    """単独の地方版総合戦略"""
    merged = "merged"
    """総合計画等と一つのものとして策定"""
    extracted = "extracted"
    """総合計画等の中から施策・KPIを抽出して地方版総合戦略とする"""


class ComprehensivePlan(Spec):
    """The comprehensive plan (総合計画) and the strategy's relation to it (手引き 6-1)."""

    title: str | None = None
    relation: PlanRelation | None = None
    period: YearSpan | None = None
    text: str | None = None
    note: str | None = None
    source: SourceRef | None = None


class CrossBoundary(Spec):
    """How the strategy considers cooperation beyond its own boundary (広域的な連携, 手引き 2-1, 1-2, 1-4)."""

    partners: list[str] = Field(default_factory=list)
    """The local governments or areas it works with: 近隣市町, ○○県, ○○連携中枢都市圏 ..."""
    text: str | None = None
    """What the strategy says, as printed."""
    note: str | None = None
    source: SourceRef | None = None


class EarlierEfforts(Spec):
    """What the strategy carries on from earlier regional revitalisation efforts (これまでの成果の継承, 手引き 3-5)."""

    text: str | None = None
    """What the strategy says of the results of earlier efforts and how it builds on them, as printed."""
    note: str | None = None
    source: SourceRef | None = None


class NationalSupport(Spec):
    """The national support measures the strategy means to use (国の支援策の活用, 手引き 5-2)."""

    measures: list[str] = Field(default_factory=list)
    """Their names as printed: デジタル田園都市国家構想交付金, 企業版ふるさと納税, 地方創生人材支援制度, RESAS ..."""
    text: str | None = None
    note: str | None = None
    source: SourceRef | None = None


class Considers(Spec):
    """What the strategy considers (勘案する, 手引き 3-4, 6-1) and builds on (2-1, 3-5, 5-2)."""

    national_strategy: NationalStrategyRef | None = None
    prefectural_strategy: PrefecturalStrategyRef | None = None
    population_vision: PopulationVision | None = None
    comprehensive_plan: ComprehensivePlan | None = None
    cross_boundary: CrossBoundary | None = None
    """Cooperation beyond the boundary (広域的な連携, 2-1)."""
    earlier_efforts: EarlierEfforts | None = None
    """The results of earlier efforts it carries on (3-5)."""
    national_support: NationalSupport | None = None
    """The national support measures it means to use (5-2)."""


class Pillar(Node):
    """A pillar of the regional vision (取組の柱)."""

    name: str
    """e.g. 子育て環境の充実."""
    text: str | None = None


class Vision(Node):
    """The regional vision (地域ビジョン, 地域が目指すべき理想像, 手引き 3-6)."""

    name: str | None = None
    """The ideal in one phrase, e.g. '子育て世帯に選ばれ、住み続けたくなるまち'."""
    text: str | None = None
    """The vision as printed."""
    pillars: list[Pillar] = Field(default_factory=list)
    model_visions: list[str] = Field(default_factory=list)
    """Model visions of the national strategy it draws on (スマートシティ, 脱炭素先行地域 ...)."""
    policy_areas: list[str] = Field(default_factory=list)
    """Key policy areas of the national strategy it draws on (地域交通のリ・デザイン, 教育DX ...)."""


class _Planned(Node):
    """Common fields of goals, basic directions and measures."""

    name: str
    """The name as printed."""
    label: str | None = None
    """The printed number, e.g. '第1章', '第1章－1', '(1)', '①'."""
    text: str | None = None
    """Description as printed."""
    pillars: list[IdRef] = Field(default_factory=list)
    """Ids of the vision pillars this serves."""
    national_directions: list[NationalDirection] = Field(default_factory=list)
    """National directions this is aligned with (手引き 3-7), by code."""
    kpis: list[IndicatorEntry] = Field(default_factory=list)
    """KPIs set at this level (手引き 4-2), or {ref: id} for a KPI listed again (【再掲】)."""


class Measure(_Planned):
    """A specific measure (具体的な施策, 手引き 3-8)."""

    pillar_mark: bool = False
    """The source marks it ● as serving the pillars of its goal, without naming which."""
    digital: bool | None = None
    """Uses digital means (デジタルの力を活用)."""
    main_examples: list[str] = Field(default_factory=list)
    """Main examples (主な取組み例)."""
    projects: list[str] = Field(default_factory=list)
    """Concrete projects (具体的な事業)."""
    partners: list[str] = Field(default_factory=list)
    """Who it is carried out with (連携先): other local governments (近隣市町, ○○県), other measures' owners,
    universities, businesses ... (手引き 1-2, 1-4)."""
    national_support: list[str] = Field(default_factory=list)
    """National support it uses (手引き 5-2): デジタル田園都市国家構想交付金, 企業版ふるさと納税 ..."""


class BasicDirection(_Planned):
    """A basic direction (基本的方向, 手引き 3-7); may hold sub-directions and measures."""

    directions: list["BasicDirection"] = Field(default_factory=list)
    """Sub-directions, e.g. (1), (2) under 第1章－1."""
    measures: list[Measure] = Field(default_factory=list)
    main_examples: list[str] = Field(default_factory=list)
    """Main examples (主な取組み例) printed for this direction."""
    supplementary_indicators: list[Indicator] = Field(default_factory=list)
    """Supplementary indicators (補足指標) related to this direction."""
    no_pillar_measures: bool = False
    """The source marks it '－': none of its measures falls under a vision pillar."""


class Goal(_Planned):
    """A goal (目標・基本目標, 手引き 3-7, 4-1), usually a policy area."""

    numerical_targets: list[Indicator] = Field(default_factory=list)
    """Numerical targets (数値目標, 手引き 4-1)."""
    qualitative: bool = False
    """The goal is deliberately qualitative (定性的な目標, 手引き 4-1)."""
    directions: list[BasicDirection] = Field(default_factory=list)
    """Basic directions (基本的方向)."""


class Deviation(Spec):
    """A justified deviation from a rule for one node (the 手引き allows local judgement)."""

    rule: str
    """The rule's code or name."""
    node: IdRef | None = None
    """The node the deviation is for; omitted for the strategy as a whole."""
    justification: str | None = None
    """Why local judgement differs from the 手引き here."""
    approver: str | None = None
    date: _dt.date | None = None
    expires: _dt.date | None = None
    """After this date the deviation no longer applies and is reported."""


def _format_number(value: object) -> object:
    if type(value) is not int:  # true and 1.0 equal 1, but are not the format's number
        raise ValueError(f"must be the whole number 1, not {str(value).lower() if isinstance(value, bool) else repr(value)}")
    return value


class Strategy(Node):
    """A local strategy (地方版総合戦略)."""

    format: Annotated[Literal[1], BeforeValidator(_format_number)] = 1
    """Version of this file format."""
    title: str
    """Full title as printed."""
    short_title: str | None = None
    """e.g. 豊中市デジタル総合戦略."""
    body: Body
    """The issuing local government."""
    status: Status | None = None
    """draft (案), adopted (策定済み) or revised (改訂済み)."""
    dates: Dates | None = None
    documents: list[Document] = Field(default_factory=list)
    """Source documents that `source.document` may name."""
    period: Period | None = None
    """The strategy period (手引き 3-2)."""
    considers: Considers | None = None
    """What the strategy considers: national and prefectural strategies, population vision, comprehensive plan."""
    vision: Vision | None = None
    """The regional vision (地域ビジョン, 手引き 3-6)."""
    kgis: list[Indicator] = Field(default_factory=list)
    """Key goal indicators (重要目標達成指標, KGI)."""
    goals: list[Goal] = Field(default_factory=list)
    """Goals (目標・基本目標) with their basic directions, measures and KPIs."""
    governance: Governance | None = None
    """PDCA, verification body, publication, assembly, participation, internal structure."""
    predecessor: Predecessor | None = None
    """The strategy this one follows or revises, and what its verification concluded (手引き 7-1)."""
    revisions: list[KpiRevision] = Field(default_factory=list)
    """Changes this strategy makes to KPIs and targets, with their reasons (手引き 7-2)."""
    progress: list[ProgressYear] = Field(default_factory=list)
    """Progress recorded in the strategy file itself, one item per fiscal year (usually kept in progress files instead)."""
    deviations: list[Deviation] = Field(default_factory=list)
    """Justified deviations from rules (the 手引き allows local judgement)."""

    _file: str = PrivateAttr(default="<string>")

    @model_validator(mode="after")
    def _resolve_spans(self) -> "Strategy":
        """Spans printed only as a length (「(5年間)」) or implied by 累計 become periods: a target's over the
        strategy period (up to its year), a baseline's up to its date."""
        start = self.period.start if self.period is not None else None
        for _, part in iter_parts(self):
            if isinstance(part, (Indicator, IndicatorRef, Segment)):
                if part.target is not None:
                    part.target.resolve_span(part.target.year, start)
                if part.baseline is not None:
                    part.baseline.resolve_span(part.baseline.as_of)
        return self

    @property
    def file(self) -> str:
        """The path the strategy was loaded from."""
        return self._file
