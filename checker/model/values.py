"""Values of indicators: years, numbers, baselines (現状) and targets (目標値)."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainSerializer, StrictInt, WithJsonSchema, model_validator

from ..text import norm
from ..years import Year, YearRange, aggregate_word, parse_year, parse_year_range, span_length, strip_aggregate
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

MAX_MAGNITUDE = 10**18
"""Values are populations, rates and amounts of yen (a 兆 is 10^12); anything this large or
larger, infinity and NaN are refused, so that no rule or output meets a number it cannot handle."""
MAX_DIGITS = 30
"""Digits in a number written as text (more cannot be a value of a strategy)."""


def _finite(number: int | float, shown: object) -> int | float:
    if number != number or number in (float("inf"), float("-inf")) or abs(number) >= MAX_MAGNITUDE:
        raise ValueError(f"{shown} is not a usable number (values must be finite and below 10^18)")
    return number


def parse_number(value: object) -> object:
    """Accept numbers, and numbers written as text: '8,211', '△22.4' (negative), '１３％'.
    true/false, infinity, NaN and numbers of 10^18 or more are refused."""
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number")
    if isinstance(value, (int, float)):
        return _finite(value, repr(value))
    if not isinstance(value, str):
        return value
    text = norm(value).replace(",", "").replace("△", "-").replace("▲", "-")
    if not _NUMBER.match(text):
        raise ValueError(
            f"'{value[:40]}{'...' if len(value) > 40 else ''}' is not a number: put the number in value, "
            "the unit in unit, and the printed text in text"
        )
    text = text.rstrip("%")
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        raise ValueError(f"a number of {sum(ch.isdigit() for ch in text):,} digits is not a value of a strategy")
    number = _finite(float(text), f"'{value}'")
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


def _printed_forms(data: object, year_key: str) -> object:
    """Read the forms real tables print into the fields: a span given only as its length
    (「(5年間)」, 「5か年」 → `span_years`, a sum unless `aggregate` says otherwise), and a span or year
    ending with 累計/合計 or 平均 (「令和5～9年度累計」, 「令和9年度累計」 → `aggregate`)."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    period = data.get("period")
    if isinstance(period, str):
        length = span_length(period)
        if length is not None:
            del data["period"]
            data.setdefault("span_years", length)
            data.setdefault("aggregate", "sum")
        elif (word := aggregate_word(period)) is not None:
            data.setdefault("aggregate", word)
    year = data.get(year_key)
    if isinstance(year, str) and (word := aggregate_word(year)) is not None:
        data[year_key] = strip_aggregate(year)
        data.setdefault("aggregate", word)
    return data


def _fiscal(fy: int) -> Year:
    return Year(fy, True, f"{fy}年度")


class _Value(Spec):
    """What baselines and targets share: resolving a span printed only as a length."""

    def resolve_span(self, end: Year | None, start: Year | None = None) -> None:
        """Set `period` from `span_years` (ending with `end`, else starting with `start`), or for a sum or an
        average with a year but no span, from `start` to that year (「令和9年度累計」 over the strategy period)."""
        if self.period is not None or self.aggregate is None:
            return
        if self.span_years is not None and end is not None:
            first, last = _fiscal(end.fy - self.span_years + 1), end
        elif self.span_years is not None and start is not None:
            first, last = start, _fiscal(start.fy + self.span_years - 1)
        elif self.span_years is None and start is not None and end is not None and start.fy <= end.fy:
            first, last = start, end
        else:
            return
        self.period = YearRange(first, last, f"{first.fy}年度～{last.fy}年度")


class Baseline(_Value):
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
    rank: int | None = Field(default=None, ge=1)
    """A rank printed as the baseline (全国2位 → 2), with or instead of a value."""
    rank_scope: str | None = None
    """What the rank is among (全国, 府内 ...)."""
    span_years: int | None = Field(default=None, ge=1, le=50)
    """A span printed only as its length (「(5年間)」 → 5): the years up to `as_of`."""
    unit: str | None = None
    """The unit of this value when the table prints it in another unit than the indicator's `unit`."""

    @model_validator(mode="before")
    @classmethod
    def _forms(cls, data: object) -> object:
        return _printed_forms(data, "as_of")


class Target(_Value):
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
    rank: StrictInt | None = None
    """A rank target (全国1位 → 1)."""
    rank_scope: str | None = None
    """What the rank is among (全国, 府内 ...)."""
    note: str | None = None
    span_years: int | None = Field(default=None, ge=1, le=50)
    """A span printed only as its length (「(5年間)」 → 5): the strategy period's years up to `year`, or its
    first years when no year is given."""
    unit: str | None = None
    """The unit of this value when the table prints it in another unit than the indicator's `unit`."""

    @model_validator(mode="before")
    @classmethod
    def _forms(cls, data: object) -> object:
        return _printed_forms(data, "year")

    @model_validator(mode="after")
    def _one_kind(self) -> "Target":
        if self.value is None and self.relative is None and self.rank is None and not self.text:
            raise ValueError("a target needs a value, a relative target, a rank, or at least its printed text")
        return self


class Segment(Spec):
    """One row of an indicator measured separately for several groups (対象) or kinds of object (橋梁, トンネル)."""

    population: str | None = None
    """The group measured (対象), e.g. '18歳以下の子どもがいる市民'."""
    object: str | None = None
    """The kind of thing measured, when the rows are objects rather than people: '橋梁', 'トンネル'."""
    baseline: Baseline | None = None
    target: Target | None = None
    note: str | None = None
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _says_what(self) -> "Segment":
        if not (self.population or self.object):
            raise ValueError("a segment names its group (population) or the kind of object it measures (object)")
        return self

    @property
    def label(self) -> str:
        """What the row is about: its population, its object, or both."""
        return "・".join(p for p in (self.population, self.object) if p)
