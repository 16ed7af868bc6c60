"""What "today" is, for every rule and output that depends on the date: one function, one zone.

A deviation record's ``expires`` date, the years a strategy's targets are judged against and the
dates printed in audits are Japanese dates, so "today" is the date in Japan (JST, UTC+9; Japan
has had no daylight saving time since 1951), wherever the tool runs: the same input gives the
same output in Tokyo, in a CI runner set to UTC and on a laptop abroad.  ``--today YYYY-MM-DD``
(or ``today=`` in the library) fixes the date, for reproducible reports and for checking how a
strategy will stand on a later date.

    >>> from checker.clock import today
    >>> today()                    # the date in Japan now
    >>> today("2026-04-01")        # a fixed date
"""

from __future__ import annotations

import datetime as _dt

JST = _dt.timezone(_dt.timedelta(hours=9), "JST")
"""Japan Standard Time, the zone of every "today" (Asia/Tokyo)."""


def today(fixed: _dt.date | str | None = None) -> _dt.date:
    """The date taken as today: `fixed` when given (a date or YYYY-MM-DD), else the date in Japan now."""
    if fixed is None:
        return _dt.datetime.now(JST).date()
    if isinstance(fixed, _dt.datetime):
        return fixed.astimezone(JST).date() if fixed.tzinfo else fixed.date()
    if isinstance(fixed, _dt.date):
        return fixed
    return parse(fixed)


def parse(text: str) -> _dt.date:
    """A YYYY-MM-DD date (ValueError with a readable message otherwise)."""
    try:
        if len(text) != 10:
            raise ValueError
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01") from None


def fiscal_year(day: _dt.date | None = None) -> int:
    """The Japanese fiscal year (年度, April to March) that `day` (default: today) falls in."""
    day = today(day)
    return day.year if day.month >= 4 else day.year - 1
