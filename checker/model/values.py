"""Values of indicators: years, numbers, baselines (現状) and targets (目標値)."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema, model_validator

from ..text import norm
from ..years import Year, YearRange, parse_year, parse_year_range
from .base import SourceRef, Spec

_YEAR_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1868, "maximum": 2200},
        {"type": "string", "minLength": 1},
    ],
    "description": "A year: 2023, '2023年度', '令和5年度', 'R5', 'H31', or a date '2022年12月31日'.",
    "examples": ["令和5年度", "R5", 2023, "2022年12月31日"],
}
_RANGE_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"start": _YEAR_SCHEMA, "end": _YEAR_SCHEMA},
            "required": ["start", "end"],
            "additionalProperties": False,
        },
    ],
    "description": "A span of years: '平成28年度～令和2年度', 'R5年度～R9年度', 'R4.7～12', or {start, end}.",
    "examples": ["平成28年度～令和2年度", "R4.7～12"],
}

YearValue = Annotated[
    Year,
    BeforeValidator(parse_year),
    PlainSerializer(lambda y: y.text, return_type=str),
    WithJsonSchema(_YEAR_SCHEMA),
]
"""A year or date as written; resolved to the Gregorian calendar and fiscal year."""

YearSpan = Annotated[
    YearRange,
    BeforeValidator(parse_year_range),
    PlainSerializer(lambda r: r.text, return_type=str),
    WithJsonSchema(_RANGE_SCHEMA),
]
"""A span of years as written."""

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)%?$")


def parse_number(value: object) -> object:
    """Accept numbers, and numbers written as text: '8,211', '△22.4' (negative), '１３％'."""
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    text = norm(value).replace(",", "").replace("△", "-").replace("▲", "-")
    if not _NUMBER.match(text):
        raise ValueError(
            f"'{value}' is not a number: put the number in value, the unit in unit, "
            "and the printed text in text"
        )
    text = text.rstrip("%")
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


Number = Annotated[
    int | float,
    BeforeValidator(parse_number),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*[+\-△▲]?[0-9０-９,，.．]+\s*[%％]?\s*$"}],
            "description": "A number; text such as '8,211' or '△22.4' is accepted.",
        }
    ),
]
"""A number; commas, full-width digits and △ (minus) are accepted in text."""


class Aggregate(str, Enum):
    """How a value over several years is formed."""

    sum = "sum"
    """Total over the period (「5年間で」, 累計)."""
    average = "average"
    """Average over the period (「～の平均値」)."""


class Bound(str, Enum):
    """A target written as a bound."""

    at_least = "at_least"
    """「以上」"""
    at_most = "at_most"
    """「以下」"""
    more_than = "more_than"
    """「超」: strictly more (93%超 is not met by 93%)"""
    less_than = "less_than"
    """「未満」: strictly less"""


class Relative(str, Enum):
    """A target stated relative to something rather than as a number."""

    maintain = "maintain"
    """「維持」"""
    increase = "increase"
    """「増加」 with no amount"""
    decrease = "decrease"
    """「減少」 with no amount"""
    increase_on_previous_year = "increase_on_previous_year"
    """「前年より増加」"""
    decrease_on_previous_year = "decrease_on_previous_year"
    """「前年より減少」"""
    at_least_current = "at_least_current"
    """「現状以上」"""
    above_national_average = "above_national_average"
    """「全国平均を上回る」"""
    below_national_average = "below_national_average"
    """「全国平均を下回る」"""
    above_prefectural_average = "above_prefectural_average"
    """「府（県）平均を上回る」"""


class Better(str, Enum):
    """Which way the indicator should move."""

    higher = "higher"
    lower = "lower"


class Baseline(Spec):
    """The current value (現状) of an indicator, with when it was measured."""

    value: Number | None = None
    """The number; null with a `text` when there is no baseline yet (e.g. 'R5年度にサービスを構築')."""
    text: str | None = None
    """The cell as printed, e.g. '68.1%' or '5年間で17,117人増加'."""
    as_of: YearValue | None = None
    """The year or date it was measured: '令和3年度', '2022年12月31日'."""
    period: YearSpan | None = None
    """The span it covers, for averages, sums and partial years: '平成28年度～令和2年度', 'R4.7～12'."""
    aggregate: Aggregate | None = None
    """sum or average, when the value is formed over `period`."""
    note: str | None = None
    """A remark printed with the value, e.g. '速報値' or '※全国平均：78.5%'."""


class Target(Spec):
    """The target (目標値) of an indicator: a number and year, or a relative target."""

    value: Number | None = None
    """The number, when the target is numeric."""
    text: str | None = None
    """The cell as printed, e.g. '73%', '維持', '前年より増加', '5年間で7,400人増加'."""
    year: YearValue | None = None
    """The fiscal year the target is for: '令和9年度'."""
    period: YearSpan | None = None
    """The span a sum or average target covers: '令和5年度～令和9年度'."""
    aggregate: Aggregate | None = None
    """sum (5年間で…, 累計) or average over `period`."""
    bound: Bound | None = None
    """at_least (以上), at_most (以下), more_than (超) or less_than (未満) for targets written as a bound."""
    relative: Relative | None = None
    """A target relative to something (維持, 前年より増加, 全国平均を上回る ...)."""
    rank: int | None = None
    """A rank target (全国1位 → 1)."""
    rank_scope: str | None = None
    """What the rank is among (全国, 府内 ...)."""
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Target":
        if self.value is None and self.relative is None and self.rank is None and not self.text:
            raise ValueError("a target needs a value, a relative target, a rank, or at least its printed text")
        return self


class Segment(Spec):
    """One population (対象) of an indicator that is measured separately for several groups."""

    population: str
    """The group measured (対象), e.g. '18歳以下の子どもがいる市民'."""
    baseline: Baseline | None = None
    target: Target | None = None
    note: str | None = None
    source: SourceRef | None = None
