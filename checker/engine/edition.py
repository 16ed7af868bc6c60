"""Which edition of the 手引き judges a strategy, and how requirements that came later are told.

By default a strategy is judged by the edition in force on the date that decides for it: the
later of its adoption and revision dates, else its draft or publication date, else the first
day of its period.  Only packs of published editions (status `edition`) are chosen this way; an
interim pack is used only when asked for.  When that date is before every edition that has a
pack, the earliest one judges it.

A rule records the edition that introduced its requirement (`introduced`).  When the edition
was not asked for, a finding of a rule whose edition came after the strategy's date, or after
its period ended, is info that names the edition and asks for a review at the next revision.
Asking for an edition (``--edition`` or the configuration) judges the strategy as a revision
against it would be judged: nothing is relaxed.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from ..model import Strategy
from ..text import norm
from ..years import Year, parse_year
from .finding import Finding, Severity, Text
from .pack import DEFAULT_EDITION, Pack, editions_root, load_pack, pack_dir


@dataclass(frozen=True)
class PackInfo:
    """What choosing an edition needs to know of a pack, read without loading it."""

    edition: str
    title: str
    in_force: _dt.date
    interim: bool
    inherits: str | None


@dataclass(frozen=True)
class EditionChoice:
    """The edition that judges a strategy, and why."""

    edition: str
    title: str
    path: Path
    reason: Text
    """Why this edition: given, or in force on which date of the strategy."""
    explicit: bool
    """Asked for (--edition, the configuration, or a pack given by the caller): nothing is relaxed."""
    interim: bool = False
    notice: Text | None = None
    """The pack's notice (an interim pack says why it is interim)."""
    date: _dt.date | None = None
    """The strategy's deciding date (its last possible day when only a month or year is given)."""
    period_end: _dt.date | None = None
    notes: tuple[Text, ...] = ()
    """One-line suggestions, e.g. a later interim pack that fits the strategy's date."""

    def as_dict(self) -> dict:
        """Plain data for machine formats."""
        return {
            "edition": self.edition,
            "title": self.title,
            "interim": self.interim,
            "explicit": self.explicit,
            "reason": {"ja": self.reason.ja, "en": self.reason.en},
            "notice": None if self.notice is None else {"ja": self.notice.ja, "en": self.notice.en},
            "notes": [{"ja": n.ja, "en": n.en} for n in self.notes],
        }

    def head(self, lang: str) -> str:
        """One line: the edition and why."""
        label = "Edition" if lang == "en" else "手引きの版"
        interim = (" (interim)" if lang == "en" else "（暫定）") if self.interim else ""
        return f"{label}: {self.edition}{interim} — {self.reason.get(lang)}"


_EDITION_TAIL = re.compile(r"(閣議決定|決定|改訂版|改訂|策定|版)+$")
"""Words printed after an edition's date: 令和4年12月23日閣議決定, 2023年12月改訂版."""


def year_month(text: str) -> tuple[int, ...]:
    """An edition as (year, month): '2022-12', '2022年12月', '令和4年12月', 'R4.12' and
    '令和4年12月23日閣議決定' are all (2022, 12)."""
    plain = _EDITION_TAIL.sub("", norm(text))
    try:
        year = parse_year(plain)
        return (year.year, year.month) if year.month else (year.year,)
    except ValueError:
        return tuple(int(n) for n in re.findall(r"\d+", plain))


def day_of(text: str) -> _dt.date:
    """The day a pack date means: 'YYYY-MM-DD', or the first of the month for 'YYYY-MM'."""
    parts = [int(p) for p in text.split("-")]
    return _dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def _head(path: Path) -> dict:
    """The `pack:` mapping of a pack.yaml, read from the lines before the next top-level key."""
    lines = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if lines and line[:1].strip() and not line.startswith("#"):
                break
            if lines or line.startswith("pack:"):
                lines.append(line)
    data = yaml.load("".join(lines), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return data.get("pack") or {}


@lru_cache(maxsize=1)
def pack_infos() -> tuple[PackInfo, ...]:
    """Every pack beside the default one, oldest first (read once per process)."""
    infos = []
    for folder in sorted(p for p in editions_root().iterdir() if (p / "pack.yaml").is_file()):
        meta = _head(folder / "pack.yaml")
        try:
            in_force = day_of(str(meta.get("in_force") or meta.get("published")))
        except (ValueError, IndexError):
            continue  # load_pack reports the pack's own problems when it is asked for
        infos.append(PackInfo(folder.name, str(meta.get("title", folder.name)), in_force, meta.get("status") == "interim", meta.get("inherits")))
    return tuple(sorted(infos, key=lambda i: (i.in_force, i.edition)))


def span(year: Year) -> tuple[_dt.date, _dt.date]:
    """The first and last day a year, fiscal year, month or date written in a strategy can mean."""
    if year.month is not None and year.day is not None:
        day = _dt.date(year.year, year.month, year.day)
        return day, day
    if year.month is not None:
        import calendar

        return _dt.date(year.year, year.month, 1), _dt.date(year.year, year.month, calendar.monthrange(year.year, year.month)[1])
    if year.fiscal:
        return _dt.date(year.year, 4, 1), _dt.date(year.year + 1, 3, 31)
    return _dt.date(year.year, 1, 1), _dt.date(year.year, 12, 31)


@dataclass(frozen=True)
class _When:
    ja: str
    """The event, e.g. 策定."""
    en_when: str
    """e.g. when it was adopted."""
    en_noun: str
    """e.g. its adoption."""


_WHEN = {
    "revised": _When("改訂", "when it was revised", "its revision"),
    "adopted": _When("策定", "when it was adopted", "its adoption"),
    "drafted": _When("案の作成", "when it was drafted", "its draft"),
    "published": _When("公表", "when it was published", "its publication"),
    "period": _When("計画期間の初年度", "at the start of its period", "the start of its period"),
}


def deciding_date(strategy: Strategy) -> tuple[_When, Year, _dt.date] | None:
    """The date that decides the edition: (what it is, as written, its last possible day).

    The later of adoption and revision, else the later of draft and publication, else the first
    day of the period (then the first possible day: the period starts then).
    """
    dates = strategy.dates
    for group in (("revised", "adopted"), ("drafted", "published")):
        given = [(span(y)[1], key, y) for key in group if dates is not None and (y := getattr(dates, key)) is not None]
        if given:
            last, key, year = max(given, key=lambda g: g[0])
            return _WHEN[key], year, last
    if strategy.period is not None:
        start = strategy.period.start
        return _WHEN["period"], start, span(start)[0]
    return None


def _period_end(strategy: Strategy) -> _dt.date | None:
    return _dt.date(strategy.period.end.fy + 1, 3, 31) if strategy.period is not None else None


def _of(pack: Pack) -> tuple[str, Text | None]:
    return pack.meta.title, pack.meta.notice.text if pack.meta.notice is not None else None


def given(pack: Pack, strategy: Strategy | None = None, how: Text | None = None) -> EditionChoice:
    """The choice when the edition was asked for."""
    how = how or Text("指定された版（--edition または設定）", "asked for with --edition or in the configuration")
    title, notice = _of(pack)
    return EditionChoice(
        pack.edition, title, pack.path, how, explicit=True, interim=pack.interim, notice=notice,
        period_end=_period_end(strategy) if strategy is not None else None,
    )


def choose(strategy: Strategy) -> EditionChoice:
    """The edition in force on the strategy's deciding date (see the module docstring)."""
    infos = [i for i in pack_infos() if not i.interim]
    decided = deciding_date(strategy)
    default = next((i for i in infos if i.edition == DEFAULT_EDITION), infos[0] if infos else None)
    if default is None:  # no pack of a published edition: the default directory reports it
        return given(load_pack(pack_dir()), strategy, Text("既定の版", "the default edition"))
    if decided is None:
        info, reason = default, Text("日付も計画期間も記載がないため既定の版", "no dates and no period: the default edition")
    else:
        what, year, day = decided
        in_force = [i for i in infos if i.in_force <= day]
        if in_force:
            info = in_force[-1]
            reason = Text(f"{what.ja}（{year.text}）の時点で施行中の版", f"the edition in force {what.en_when} ({year.text})")
        else:
            info = infos[0]
            reason = Text(
                f"{what.ja}（{year.text}）はパックのあるどの版よりも前のため、最も古い {info.edition} で点検（その版で加わった要件は情報として示します）",
                f"{what.en_noun} ({year.text}) comes before every edition with a pack: judged by the earliest, {info.edition} "
                "(requirements it introduced are shown as info)",
            )
    notes = tuple(
        Text(
            f"この戦略は {later.in_force.isoformat()} より後の日付です。--edition {later.edition} で、その時点の国の総合戦略に照らした暫定の点検ができます。",
            f"This strategy is dated after {later.in_force.isoformat()}: --edition {later.edition} checks it against "
            "the national strategy of that date (interim).",
        )
        for later in pack_infos()
        if later.interim and decided is not None and span(decided[1])[0] > later.in_force and later.in_force > info.in_force
    )
    return EditionChoice(
        info.edition, info.title, editions_root() / info.edition, reason, explicit=False,
        date=decided[2] if decided is not None else None, period_end=_period_end(strategy), notes=notes,
    )


def later_than(rule, pack: Pack, choice: EditionChoice) -> bool:
    """Whether the rule's requirement came with an edition after the strategy's date or the end of its period
    (and the edition was not asked for): its findings are then told as info for the next revision."""
    if choice.explicit or rule is None or not rule.introduced:
        return False
    when = pack.edition_date(rule.introduced)
    if not when:
        return False
    since = day_of(when)
    return any(d is not None and d < since for d in (choice.date, choice.period_end))


def relax(findings: list[Finding], pack: Pack, choice: EditionChoice) -> list[Finding]:
    """Findings of requirements introduced after the strategy's date or period become info that says so."""
    if choice.explicit or (choice.date is None and choice.period_end is None):
        return findings
    out = []
    for f in findings:
        rule = pack.by_code.get(f.code)
        if not later_than(rule, pack, choice):
            out.append(f)
            continue
        title = pack.edition_title(rule.introduced)
        note = Text(
            f"（{title}で加わった要件です。次の改訂の際に見直してください。）",
            f" (Introduced in edition {rule.introduced}, after this strategy: review at the next revision.)",
        )
        out.append(replace(f, severity=Severity.info, message=Text(f.message.ja + note.ja, f.message.en + note.en)))
    return out
