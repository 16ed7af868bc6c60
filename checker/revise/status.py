"""Where a strategy stands in the cycle of revisions, for a prefecture's overview: which national
strategy it considers, when it was last adopted or revised, and whether it has been revised for an
edition (the national strategy that edition follows).

A strategy counts as revised for an edition when it considers that edition's national strategy or
a later one (`considers.national_strategy.edition`); without an edition, when it names that
national strategy, or else when it was adopted or revised on or after the day the edition applies
from.  Otherwise it is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.edition import day_of, span, year_month
from ..engine.finding import Text
from ..engine.pack import Pack
from ..model import Strategy
from ..text import norm


@dataclass(frozen=True)
class RevisionStatus:
    """One strategy's place in the cycle of revisions, against one edition."""

    considers: str
    """The national strategy it considers, as stated ('デジタル田園都市国家構想総合戦略（2022-12）'), or ''."""
    last: str
    """Its last adoption or revision as printed, with which ('改訂 令和5年3月'), or ''."""
    edition: str
    """The edition it is compared with."""
    revised: bool | None
    """Revised for that edition; None when the strategy states neither the national strategy's edition nor a date."""
    why: Text
    """Why it counts as revised or not, in one phrase."""


def _last(strategy: Strategy) -> tuple[str, str, object] | None:
    d = strategy.dates
    if d is None:
        return None
    given = [(span(y)[1], key, y) for key in ("revised", "adopted") if (y := getattr(d, key)) is not None]
    if not given:
        return None
    _, key, year = max(given, key=lambda g: g[0])
    return key, year.text, year


def revision_status(strategy: Strategy, pack: Pack) -> RevisionStatus:
    """The strategy's revision status against the edition of `pack` (its national strategy and its date)."""
    national = pack.reference.national_strategy
    ref = strategy.considers.national_strategy if strategy.considers is not None else None
    considers = ""
    if ref is not None:
        considers = f"{ref.title or '—'}（{ref.edition}）" if ref.edition else (ref.title or "")
    last = _last(strategy)
    shown = f"{'改訂' if last[0] == 'revised' else '策定'} {last[1]}" if last else ""
    since = day_of(pack.meta.in_force or pack.meta.published)
    if ref is not None and ref.edition:
        revised = year_month(ref.edition) >= year_month(national.edition)
        why = Text(
            f"勘案する国の総合戦略が{national.edition}{'以降' if revised else 'より前'}",
            f"considers the national strategy of {ref.edition}, {'not before' if revised else 'before'} {national.edition}",
        )
    elif ref is not None and norm(national.title) in norm(f"{ref.title or ''}{ref.text or ''}"):
        revised = True
        why = Text(f"勘案する国の総合戦略の名称が{national.title}", f"names {national.title} as the national strategy it considers")
    elif last is not None:
        revised = span(last[2])[0] >= since
        why = Text(
            f"{'改訂' if last[0] == 'revised' else '策定'}が{since.isoformat()}{'以降' if revised else 'より前'}",
            f"{last[0]} {'on or after' if revised else 'before'} {since.isoformat()}",
        )
    else:
        revised, why = None, Text("国の総合戦略の版も策定・改訂の日付も記載がない", "states neither the national strategy's edition nor a date")
    return RevisionStatus(considers, shown, pack.edition, revised, why)
