"""Indicators: KGIs, numerical targets (数値目標), KPIs, supplementary indicators (補足指標)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Iterator, Union

from pydantic import Discriminator, Field, Tag, model_validator

from .base import IdRef, Node, SourceRef, Spec
from .values import Baseline, Better, Segment, Target


class IndicatorKind(str, Enum):
    """What an indicator measures (手引き 4-1, 4-2)."""

    outcome = "outcome"
    """アウトカム: the benefit residents get."""
    output = "output"
    """アウトプット: what the administration did."""


class Indicator(Node):
    """A measured indicator with its baseline and target.

    Used for KGIs (重要目標達成指標), numerical targets (数値目標), KPIs
    (重要業績評価指標) and supplementary indicators (補足指標).  An indicator
    measured separately for several groups (対象) lists them in `segments`.
    """

    name: str
    """The indicator as printed, e.g. '子育てがしやすいまちであると感じている市民の割合'."""
    label: str | None = None
    """A printed prefix or number, e.g. '①'."""
    unit: str | None = None
    """Unit: '%', '人', '事業所', 'ポイント', '冊' ..."""
    kind: IndicatorKind | None = None
    """outcome or output, when the strategy says which; otherwise it is classified from the wording."""
    data_source: str | None = None
    """Where the values come from, e.g. '市民意識調査'."""
    population: str | None = None
    """The group measured (対象), when there is one."""
    baseline: Baseline | None = None
    """The current value (現状)."""
    target: Target | None = None
    """The target (目標値)."""
    segments: list[Segment] = Field(default_factory=list)
    """One entry per group (対象) when the indicator has several; then leave baseline/target out."""
    better: Better | None = None
    """Which way is better (higher or lower), when it is not obvious."""
    digital: bool | None = None
    """True for an indicator that tracks a digital measure (デジタル関連のKPI)."""
    projection: IdRef | None = None
    """For a KGI: the id of the population-vision projection it is based on."""

    @model_validator(mode="after")
    def _segments_or_values(self) -> "Indicator":
        if self.segments and (self.baseline is not None or self.target is not None or self.population):
            raise ValueError("give baseline/target/population either on the indicator or in segments, not both")
        return self

    def measurements(self) -> Iterator[tuple[str | None, Baseline | None, Target | None]]:
        """(population, baseline, target) for each group measured; one row when there are no segments."""
        if self.segments:
            for seg in self.segments:
                yield seg.population, seg.baseline, seg.target
        else:
            yield self.population, self.baseline, self.target


class IndicatorRef(Spec):
    """A KPI listed again in another place (【再掲】): a link to the same KPI, not a copy.

    The values printed with the re-listing may be given, so that differences
    between chapters can be found.
    """

    ref: IdRef
    """The id of the KPI defined elsewhere."""
    relisted: bool = True
    """Printed with 【再掲】."""
    name: str | None = None
    """The name as printed at this place, if it differs."""
    population: str | None = None
    baseline: Baseline | None = None
    target: Target | None = None
    segments: list[Segment] = Field(default_factory=list)
    note: str | None = None
    source: SourceRef | None = None


def _indicator_tag(value: object) -> str:
    if isinstance(value, dict):
        return "ref" if "ref" in value else "indicator"
    return "ref" if isinstance(value, IndicatorRef) else "indicator"


IndicatorEntry = Annotated[
    Union[Annotated[Indicator, Tag("indicator")], Annotated[IndicatorRef, Tag("ref")]],
    Discriminator(_indicator_tag),
]
"""An indicator defined here, or `{ref: id}` for one defined elsewhere (【再掲】)."""
