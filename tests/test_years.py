"""和暦 and fiscal years are read by arithmetic, including years that never existed (平成32)."""

import pytest

from checker.years import YearError, parse_year, parse_year_range


@pytest.mark.parametrize(
    "text, year, fiscal",
    [
        ("令和5年度", 2023, True),
        ("令和５年度", 2023, True),
        ("Ｒ５", 2023, True),
        ("R5", 2023, True),
        ("H31", 2019, True),
        ("平成31年度", 2019, True),
        ("令和元年度", 2019, True),
        ("平成32", 2020, True),
        ("平成52年度", 2040, True),
        ("S60", 1985, True),
        ("2023", 2023, True),
        ("2023年度", 2023, True),
        ("FY2027", 2027, True),
        (2027, 2027, True),
        ("令和2年（2020年）", 2020, False),
        ("令和5年度（2023年度）", 2023, True),
    ],
)
def test_years(text, year, fiscal):
    y = parse_year(text)
    assert (y.year, y.fiscal, y.text) == (year, fiscal, str(text).strip())


def test_dates_and_fiscal_year_of_a_date():
    assert parse_year("2022年12月31日").fy == 2022
    assert parse_year("2023年3月31日").fy == 2022  # January–March belong to the previous 年度
    assert parse_year("R5.4").fy == 2023


@pytest.mark.parametrize("bad", ["令和0年度", "abc", "令和2年(2021年)", "2023年13月", 1700, True, "R5.2.30"])
def test_bad_years(bad):
    with pytest.raises(YearError):
        parse_year(bad)


@pytest.mark.parametrize(
    "text, start, end, years",
    [
        ("平成28年度～令和2年度", 2016, 2020, 5),
        ("R5年度～R9年度", 2023, 2027, 5),
        ("令和5年度〜令和9年度", 2023, 2027, 5),
        ("2021-2026", 2021, 2026, 6),
        ("2021～2026年度平均", 2021, 2026, 6),
        ("R5～9", 2023, 2027, 5),
    ],
)
def test_ranges(text, start, end, years):
    r = parse_year_range(text)
    assert (r.start.year, r.end.year, r.fiscal_years) == (start, end, years)


def test_month_range_within_a_year():
    r = parse_year_range("R4.7～12")
    assert (r.start.month, r.end.month, r.end.year, r.fiscal_years) == (7, 12, 2022, 1)


def test_range_ending_before_start():
    with pytest.raises(YearError, match="ends before it starts"):
        parse_year_range("R9～R5")


@pytest.mark.parametrize(
    "text, year, fiscal",
    [
        ("令和7(2025)年", 2025, False),
        ("令和7（2025）年度", 2025, True),
        ("2025(令和7)年度", 2025, True),
        ("平成27(2015)", 2015, True),
        ("令和元年", 2019, False),
        ("R元年度", 2019, True),
    ],
)
def test_years_printed_in_both_calendars_and_the_first_year_of_an_era(text, year, fiscal):
    y = parse_year(text)
    assert (y.year, y.fiscal) == (year, fiscal)


def test_both_calendars_must_agree():
    with pytest.raises(YearError, match="different years"):
        parse_year("令和7(2024)年")


@pytest.mark.parametrize(
    "text, start, end, aggregate",
    [
        ("平成27(2015)~令和2(2020)年度", 2015, 2020, None),
        ("令和5～9年度累計", 2023, 2027, "sum"),
        ("R5～R9年度までの累計", 2023, 2027, "sum"),
        ("令和5年度～令和9年度の合計", 2023, 2027, "sum"),
        ("令和5年度～令和9年度の平均値", 2023, 2027, "average"),
        ("平成30年度～令和元年度", 2018, 2019, None),
    ],
)
def test_spans_as_printed_with_what_they_aggregate(text, start, end, aggregate):
    from checker.years import aggregate_word

    r = parse_year_range(text)
    assert (r.start.fy, r.end.fy, aggregate_word(text)) == (start, end, aggregate)


def test_a_span_printed_only_as_its_length():
    from checker.years import span_length

    assert [span_length(t) for t in ("(5年間)", "（５年間）", "5か年", "5ヶ年間", "令和5年度", "0年間")] == [5, 5, 5, 5, None, None]


def test_printed_spans_load_into_targets_and_baselines():
    from checker import loads

    strategy = loads(
        """
format: 1
id: t
title: ○○市総合戦略
body: {name: ○○市, level: municipality}
period: {start: 令和5年度, end: 令和9年度}
kgis:
  - {id: a, name: 移住者数, unit: 人, baseline: {value: 600, period: (5年間), as_of: 令和3年度}, target: {value: 2500, period: (5年間)}}
  - {id: b, name: 移住者数, unit: 人, baseline: {value: 100, as_of: 令和元年}, target: {value: 300, year: 令和9年度累計}}
  - {id: c, name: 移住者数, unit: 人, baseline: {value: 90, as_of: 令和7(2025)年}, target: {value: 500, period: 令和5～9年度累計}}
"""
    )
    a, b, c = strategy.kgis
    assert (a.baseline.period.start.fy, a.baseline.period.end.fy, a.baseline.aggregate.value) == (2017, 2021, "sum")
    assert (a.target.period.start.fy, a.target.period.end.fy, a.target.aggregate.value) == (2023, 2027, "sum")
    assert (b.target.year.fy, b.target.period.start.fy, b.target.aggregate.value) == (2027, 2023, "sum")
    assert (c.baseline.as_of.year, c.target.period.end.fy, c.target.aggregate.value) == (2025, 2027, "sum")
