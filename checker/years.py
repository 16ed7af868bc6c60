"""Years as Japanese plans write them: Gregorian, 和暦 (令和5年度, R5, H31, 平成32), 年 or 年度.

Conversion is arithmetic, so years that never existed on the calendar
(平成32年度 = FY2020) are read the way planners meant them.  A fiscal year
(年度) runs from April to March.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .text import norm

ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_ABBREV = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "M": "明治"}
MIN_YEAR, MAX_YEAR = 1868, 2200

_ERA = r"(?P<era>令和|平成|昭和|大正|明治|[RHSTMrhstm])\.?(?P<eyear>元|\d{1,2})"
_GREG = r"(?P<gyear>\d{4})"
_TAIL = (
    r"(?P<suffix>年度|年|FY)?"
    r"(?:[.\-/年](?P<month>\d{1,2})月?(?:[.\-/月](?P<day>\d{1,2})日?)?)?"
    r"(?P<rest>時点|末|末時点|現在|度)?"
)
_YEAR_RE = re.compile(rf"^(?:FY)?(?:{_ERA}|{_GREG}){_TAIL}$", re.IGNORECASE)
_PAREN_RE = re.compile(r"^(?P<main>[^()]+)\((?P<alt>[^()]+)\)(?P<tail>年度|年|度)?$")
"""A year printed in both calendars: 令和7(2025)年度, 2025(令和7)年, 平成27(2015); the tail belongs to both."""


class YearError(ValueError):
    """A text that cannot be read as a year."""


@dataclass(frozen=True, slots=True)
class Year:
    """A year as written, resolved to the Gregorian calendar.

    `fiscal` is true for 年度 (and for bare numbers and era abbreviations,
    which plans use for fiscal years); `month`/`day` are set for dates.
    """

    year: int
    fiscal: bool
    text: str
    month: int | None = None
    day: int | None = None

    @property
    def fy(self) -> int:
        """The fiscal year (April–March) this year or date falls in."""
        if not self.fiscal and self.month is not None and self.month < 4:
            return self.year - 1
        return self.year

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class YearRange:
    """An inclusive span of years, e.g. 平成28年度～令和2年度 or R4.7～12."""

    start: Year
    end: Year
    text: str

    @property
    def fiscal_years(self) -> int:
        """How many fiscal years the span touches."""
        return self.end.fy - self.start.fy + 1

    def __str__(self) -> str:
        return self.text


def _era_year(era: str, eyear: str) -> int:
    era = _ABBREV.get(era.upper(), era)
    n = 1 if eyear == "元" else int(eyear)
    if n < 1:
        raise YearError(f"{era}{eyear}年 does not exist")
    return ERAS[era] + n


def _parse_single(text: str) -> Year:
    m = _YEAR_RE.match(text)
    if not m:
        raise YearError(text)
    year = _era_year(m["era"], m["eyear"]) if m["era"] else int(m["gyear"])
    month = int(m["month"]) if m["month"] else None
    day = int(m["day"]) if m["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise YearError(text)
    if day is not None:
        try:
            _dt.date(year, month or 1, day)
        except ValueError as exc:
            raise YearError(text) from exc
    suffix = (m["suffix"] or "").upper()
    if month is not None:
        fiscal = False  # a date or a month: calendar
    else:
        fiscal = suffix != "年"
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise YearError(text)
    return Year(year=year, fiscal=fiscal, text=text, month=month, day=day)


def parse_year(value: object) -> Year:
    """Read a year from an int, a date or a text such as 令和5年度, R5, H31, 2023年度, 2022年12月31日.

    Raises YearError (a ValueError) with a short explanation.
    """
    if isinstance(value, Year):
        return value
    if isinstance(value, bool):
        raise YearError(str(value))
    if isinstance(value, int):
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise YearError(f"{value} is not a plausible year")
        return Year(year=value, fiscal=True, text=str(value))
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Year(year=value.year, fiscal=False, text=value.isoformat(), month=value.month, day=value.day)
    if not isinstance(value, str):
        raise YearError(f"expected a year, got {type(value).__name__}")
    return _year_from_text(value)


@lru_cache(maxsize=4096)
def _year_from_text(value: str) -> Year:
    """`parse_year` of a text (cached: a strategy writes the same few years on every indicator)."""
    original = value.strip()
    text = norm(original)
    paren = _PAREN_RE.match(text)
    try:
        tail = (paren["tail"] or "") if paren else ""
        parsed = _parse_single(paren["main"] + tail if paren else text)
        alt = _parse_single(paren["alt"] + tail) if paren else None
    except YearError:
        raise YearError(
            f"'{original}' is not a year (write 2023, 2023年度, 令和5年度, R5 or 2022年12月31日)"
        ) from None
    if alt is not None and (alt.year, alt.month) != (parsed.year, parsed.month):
        raise YearError(f"'{original}': {paren['main']} and {paren['alt']} are different years")
    return Year(parsed.year, parsed.fiscal, original, parsed.month, parsed.day)


_RANGE_SPLIT = re.compile(r"~|から|より")
_AGGREGATE_TAIL = re.compile(r"(?:まで)?の?(?P<word>累計|合計|平均値|平均)$")
_SPAN_LENGTH = re.compile(r"^\(?(?P<n>\d{1,2})(?:年間|[かカヵヶケ箇]年(?:間)?)\)?$")


def aggregate_word(text: str) -> str | None:
    """'sum' or 'average' when a span or year ends with a word that says so (…年度累計, …の合計, …の平均値), else None."""
    m = _AGGREGATE_TAIL.search(norm(text))
    if m is None:
        return None
    return "average" if m["word"].startswith("平均") else "sum"


def span_length(text: str) -> int | None:
    """The number of years of a span printed only as a length: '(5年間)', '5か年', '５ヶ年' → 5; else None."""
    m = _SPAN_LENGTH.match(norm(text))
    return int(m["n"]) if m and int(m["n"]) > 0 else None


def strip_aggregate(text: str) -> str:
    """The text without a trailing 累計/合計/平均 (and まで/の before it)."""
    normalised = norm(text)
    m = _AGGREGATE_TAIL.search(normalised)
    return text if m is None else normalised[: m.start()]


def parse_year_range(value: object) -> YearRange:
    """Read a span such as 平成28年度～令和2年度, R5年度～R9年度, 2021-2026 or R4.7～12."""
    if isinstance(value, YearRange):
        return value
    if isinstance(value, dict) and set(value) <= {"start", "end"} and value:
        start, end = parse_year(value.get("start")), parse_year(value.get("end"))
        return _checked(start, end, f"{start.text}～{end.text}")
    if not isinstance(value, str):
        raise YearError("expected a span of years such as 令和5年度～令和9年度")
    return _range_from_text(value)


@lru_cache(maxsize=4096)
def _range_from_text(value: str) -> YearRange:
    """`parse_year_range` of a text (cached, like `_year_from_text`)."""
    original = value.strip()
    text = norm(strip_aggregate(original)).removesuffix("まで")
    parts = _RANGE_SPLIT.split(text)
    if len(parts) != 2 and re.fullmatch(r"\d{4}-\d{4}", text):
        parts = text.split("-")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise YearError(f"'{original}' is not a span of years (write 令和5年度～令和9年度)")
    start = parse_year(parts[0])
    end_text = parts[1]
    if re.fullmatch(r"\d{1,2}(月)?", end_text) and start.month is not None:
        month = int(end_text.rstrip("月"))
        year = start.year + (1 if month < start.month else 0)
        end = Year(year=year, fiscal=False, text=end_text, month=month)
    elif re.fullmatch(r"\d{1,2}(年度|年)?", end_text) and not re.match(r"\d{4}", parts[0]):
        era = re.match(r"(令和|平成|昭和|大正|明治|[RHSTMrhstm])", parts[0])
        if not era:
            raise YearError(f"'{original}' is not a span of years")
        end = parse_year(era.group(1) + end_text)
    else:
        end = parse_year(end_text)
    return _checked(start, end, original)


def _checked(start: Year, end: Year, text: str) -> YearRange:
    if (end.year, end.month or 12) < (start.year, start.month or 1):
        raise YearError(f"'{text}' ends before it starts")
    return YearRange(start=start, end=end, text=text)
