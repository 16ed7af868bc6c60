"""How the strategy is run and verified: PDCA, the verification body, publication, the assembly (手引き 2, 7, 8)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from ..text import norm
from .base import SourceRef, Spec
from .values import Number


class Sector(str, Enum):
    """The sectors of 産官学金労言士 (手引き 2-1, 2-2)."""

    industry = "industry"
    """産 産業界"""
    government = "government"
    """官 関係行政機関"""
    academia = "academia"
    """学 教育機関"""
    finance = "finance"
    """金 金融機関"""
    labour = "labour"
    """労 労働団体"""
    media = "media"
    """言 メディア"""
    professions = "professions"
    """士 士業"""


SECTOR_KANJI = {
    "産": Sector.industry,
    "官": Sector.government,
    "学": Sector.academia,
    "金": Sector.finance,
    "労": Sector.labour,
    "言": Sector.media,
    "士": Sector.professions,
}


def _sector(value: object) -> object:
    if isinstance(value, str):
        return SECTOR_KANJI.get(norm(value), value)
    return value


SectorValue = Annotated[
    Sector,
    BeforeValidator(_sector),
    WithJsonSchema(
        {
            "enum": [s.value for s in Sector] + list(SECTOR_KANJI),
            "description": "A sector of 産官学金労言士: its English name or its kanji (産, 官, 学, 金, 労, 言, 士).",
        }
    ),
]
"""A sector by its English name or its kanji (産, 官, 学, 金, 労, 言, 士); the JSON Schema accepts both, as the loader does."""


class Pdca(Spec):
    """The PDCA cycle the strategy describes (手引き 7-1 to 7-3)."""

    cycle_years: Number | None = None
    """Length of one cycle in years (原則1年間 → 1)."""
    kpi_review: bool | None = None
    """KPI progress is checked in each cycle."""
    revision: bool | None = None
    """Measures or the strategy are revised on the findings."""
    resident_feedback: list[str] = Field(default_factory=list)
    """How residents' views are heard in the verification (住民からの意見聴取, 手引き 7-2): 市民意識調査, パブリックコメント ..."""
    text: str | None = None
    """The description as printed."""
    source: SourceRef | None = None


class Member(Spec):
    """A member of the verification body."""

    name: str | None = None
    affiliation: str | None = None
    sector: SectorValue | None = None
    role: str | None = None
    """e.g. 会長, 委員."""
    digital: bool | None = None
    """Has digital expertise (デジタル分野に精通)."""


class VerificationBody(Spec):
    """The body that verifies the strategy's effects (推進組織・検証機関, 手引き 2-2, 7-4)."""

    name: str | None = None
    """e.g. 豊中市まち・ひと・しごと創生総合戦略委員会."""
    external_experts: bool | None = None
    """Includes experts from outside the administration (外部有識者)."""
    sectors: list[SectorValue] = Field(default_factory=list)
    """Which of 産官学金労言士 take part (English names or kanji)."""
    residents: bool | None = None
    """Residents take part (住民の参画)."""
    digital_expertise: bool | None = None
    """Someone versed in digital matters takes part (デジタル分野に精通する団体・有識者)."""
    members: list[Member] = Field(default_factory=list)
    text: str | None = None
    note: str | None = None
    """A remark on the body, e.g. that its composition is given in a separate 要綱."""
    source: SourceRef | None = None


class DraftingBody(VerificationBody):
    """The council that deliberated the draft (策定の推進組織・審議会, 手引き 2-1, 2-2), when it is not the verification body.

    Its fields are those of the verification body; `external_experts` says whether members from outside
    the administration took part in drafting.
    """


class Publication(Spec):
    """Publication of progress and verification results (手引き 7-2)."""

    published: bool | None = None
    channels: list[str] = Field(default_factory=list)
    """e.g. website (ホームページ), 広報誌."""
    text: str | None = None
    source: SourceRef | None = None


class AssemblyStage(str, Enum):
    """When the assembly deliberates (手引き 8-1)."""

    drafting = "drafting"
    """策定段階"""
    verification = "verification"
    """効果検証の段階"""


class AssemblyForm(str, Enum):
    """How the assembly takes part at a stage (手引き 8-1)."""

    vote = "vote"
    """議決: the assembly votes on the strategy (e.g. under a 議決事件 ordinance)"""
    report = "report"
    """報告: the strategy or the verification results are reported to the assembly or a committee"""
    deliberation = "deliberation"
    """審議: deliberated (in a committee or plenary) without a vote"""


class Assembly(Spec):
    """The local assembly's (議会) involvement (手引き 8-1)."""

    deliberation: bool | None = None
    """The assembly deliberates the strategy (false: the strategy says it does not)."""
    stages: list[AssemblyStage] = Field(default_factory=list)
    """The stages at which it takes part: drafting, verification."""
    drafting: AssemblyForm | None = None
    """How it takes part in drafting: vote (議決), report (報告) or deliberation (審議); implies the stage."""
    verification: AssemblyForm | None = None
    """How it takes part in the verification: vote, report or deliberation; implies the stage."""
    text: str | None = None
    source: SourceRef | None = None


class Participation(Spec):
    """How residents and stakeholders took part in drafting (手引き 2-1, 2-2, 2-4)."""

    methods: list[str] = Field(default_factory=list)
    """e.g. パブリックコメント, 市民意識調査, ワークショップ."""
    drafted_in_house: bool | None = None
    """The administration drafted it itself (手引き 2-4), not only a consultant."""
    text: str | None = None
    source: SourceRef | None = None


class InternalStructure(Spec):
    """The structure inside the administration (庁内の推進体制, 手引き 2-3)."""

    departments: list[str] = Field(default_factory=list)
    digital_department: bool | None = None
    """The digital department (デジタル担当部局) takes part."""
    text: str | None = None
    source: SourceRef | None = None


class Governance(Spec):
    """PDCA, verification, publication, the assembly and internal structure."""

    pdca: Pdca | None = None
    verification_body: VerificationBody | None = None
    drafting_body: DraftingBody | None = None
    """The council that deliberated the draft, when it is not the verification body (策定の推進組織・審議会)."""
    publication: Publication | None = None
    assembly: Assembly | None = None
    participation: Participation | None = None
    internal: InternalStructure | None = None
