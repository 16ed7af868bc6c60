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
