"""All the progress of one strategy, merged: actual values by indicator and year, yearly targets,
evaluations, revisions and the verification of each year.

`attach(strategy, sources)` checks every record's references against the strategy (with a "did
you mean" for unknown ids and segments) and merges the years.  The result never depends on the
order of the sources: a value recorded twice for the same year is resolved by what it is
(a final value over a preliminary one, then the later as-of date, then the record of the later
fiscal year), and two values that cannot be told apart are an input error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..graph import StrategyGraph
from ..load import InputError, Problem
from ..model import Actual, ActualStatus, Evaluation, Indicator, KpiRevision, Milestone, Strategy
from ..model.strategy import _Planned
from ..model.walk import iter_parts
from ..text import norm
from ..years import Year
from .load import YearSource, problem

SeriesKey = tuple[str, str | None]
"""(indicator id, segment population as the strategy writes it, or None)."""

_STATUS_RANK = {ActualStatus.final: 2, None: 1, ActualStatus.preliminary: 0}


@dataclass(frozen=True)
class Recorded:
    """A record of a progress file or inline progress, with where it is."""

    item: object
    file: str
    record_fy: int
    """The fiscal year of the record (file) it is in."""

    @property
    def loc(self) -> tuple[int, int]:
        return getattr(self.item, "loc", None) or (1, 1)


@dataclass
class ProgressData:
    """The merged progress of one strategy."""

    strategy: Strategy
    years: dict[int, YearSource] = field(default_factory=dict)
    """Each recorded fiscal year's record, by fiscal year."""
    actuals: dict[SeriesKey, dict[int, Recorded]] = field(default_factory=dict)
    """The value that counts for each indicator (and segment) and fiscal year."""
    milestones: dict[SeriesKey, dict[int, Recorded]] = field(default_factory=dict)
    evaluations: dict[tuple[str, int], Recorded] = field(default_factory=dict)
    """(measure id, fiscal year) → its evaluation."""
    revisions: list[Recorded] = field(default_factory=list)
    scheme: object | None = None
    """The grading scheme (`checker.progress.schemes.Scheme`) the configuration names; None: the default."""
    memo: dict = field(default_factory=dict, repr=False)
    """Cache for what the judge derives (per scheme)."""

    @property
    def files(self) -> list[str]:
        return sorted({s.file for s in self.years.values()})

    @property
    def latest_year(self) -> int | None:
        return max(self.years) if self.years else None

    def actual(self, kpi: str, segment: str | None, fy: int) -> Actual | None:
        rec = self.actuals.get((kpi, segment), {}).get(fy)
        return rec.item if rec is not None else None

    def evaluation(self, node: str, fy: int) -> Evaluation | None:
        rec = self.evaluations.get((node, fy))
        return rec.item if rec is not None else None


def _sort_key(y: Year | None) -> tuple:
    if y is None:
        return (0, 0, 0)
    if y.month is None:
        return (y.fy + 1, 3, 31) if y.fiscal else (y.year, 12, 31)
    return (y.year, y.month, y.day or 31)


def _precedence(rec: Recorded) -> tuple:
    actual: Actual = rec.item
    return (_STATUS_RANK[actual.status], _sort_key(actual.as_of), rec.record_fy)


_CONFUSABLE = {frozenset("l1"), frozenset("I1"), frozenset("O0"), frozenset("o0"), frozenset("Il")}


def suggest(word: str, known) -> str | None:
    """The id in `known` that `word` most likely meant: the closest by difflib's ratio; among equals, the one
    sharing the longest beginning with it, then the one differing only by look-alike characters (l/1, O/0),
    then the first in `known`'s order."""
    known = list(known)
    close = difflib.get_close_matches(word, known, n=8, cutoff=0.6)
    if not close:
        return None

    def score(candidate: str) -> tuple:
        prefix = next((i for i, (a, b) in enumerate(zip(word, candidate)) if a != b), min(len(word), len(candidate)))
        alike = len(word) == len(candidate) and all(a == b or frozenset((a, b)) in _CONFUSABLE for a, b in zip(word, candidate))
        return (round(difflib.SequenceMatcher(None, word, candidate).ratio(), 6), prefix, alike, -known.index(candidate))

    return max(close, key=score)


def _close(word: str, known) -> str:
    found = suggest(word, known)
    return f"; did you mean '{found}'?" if found else ""


class _Index:
    """The strategy's indicators and planned parts by id, and each indicator's segments."""

    def __init__(self, strategy: Strategy, graph: StrategyGraph | None = None):
        self.indicators: dict[str, Indicator] = {}
        self.planned: dict[str, _Planned] = {}
        if graph is not None and graph.strategy is strategy:  # the graph has them by id already (ids are unique)
            self.indicators = {node: graph.part(node) for node in graph.indicators()}
            self.planned = {node: graph.part(node) for node in graph.planned()}
            return
        for _, part in iter_parts(strategy):
            if isinstance(part, Indicator):
                self.indicators.setdefault(part.id, part)
            elif isinstance(part, _Planned):
                self.planned.setdefault(part.id, part)

    def segment(self, indicator: Indicator, given: str | None) -> tuple[str | None, str | None]:
        """(the segment's population as the strategy writes it, or an error message)."""
        populations = [s.population for s in indicator.segments]
        if not populations:
            if given is not None:
                return None, f"'{indicator.id}' has no segments, so 'segment: {given}' cannot be matched"
            return None, None
        if given is None:
            return None, f"'{indicator.id}' is measured for several groups: give 'segment:' ({' / '.join(populations)})"
        by_norm = {norm(p): p for p in populations}
        found = by_norm.get(norm(given))
        if found is None:
            return None, f"'{indicator.id}' has no segment '{given}'" + _close(given, populations)
        return found, None


def attach(strategy: Strategy, sources: list[YearSource], *, graph: StrategyGraph | None = None) -> ProgressData:
    """Check `sources` against `strategy` and merge them; raise InputError listing every problem.  `graph`: the
    strategy's graph when it is built already (its nodes give the ids, instead of walking the strategy)."""
    index = _Index(strategy, graph)
    problems: list[Problem] = []
    data = ProgressData(strategy)
    for source in sorted(sources, key=lambda s: (s.file, s.loc)):
        if source.strategy_id is not None and source.strategy_id != strategy.id:
            problems.append(problem(source.file, source.loc, f"this progress belongs to strategy '{source.strategy_id}', not '{strategy.id}'"))
            continue
        other = data.years.get(source.fy)
        if other is not None:
            problems.append(problem(
                source.file, source.loc,
                f"fiscal year {source.fy} is recorded twice (also at {other.file}:{other.loc[0]}): keep one record per year",
            ))
            continue
        data.years[source.fy] = source
        problems.extend(_check_year(source, index, data))
    if problems:
        raise InputError(problems)
    return data


def _check_year(source: YearSource, index: _Index, data: ProgressData) -> list[Problem]:
    problems: list[Problem] = []
    file, record, fy = source.file, source.record, source.fy

    def add(part, message: str) -> None:
        problems.append(problem(file, part.loc, message))

    def indicator_of(part, ref: str, what: str = "KPI") -> Indicator | None:
        found = index.indicators.get(ref)
        if found is None:
            add(part, f"{what} '{ref}' does not exist in strategy '{data.strategy.id}'" + _close(ref, index.indicators))
        return found

    def series_of(part) -> tuple[bool, str | None]:
        """(whether the part's indicator and segment exist, the segment as the strategy writes it)."""
        indicator = indicator_of(part, part.kpi)
        if indicator is None:
            return False, None
        segment, error = index.segment(indicator, part.segment)
        if error:
            add(part, error)
            return False, None
        return True, segment

    seen: dict[tuple, tuple[int, int]] = {}
    for actual in record.actuals:
        found, segment = series_of(actual)
        if not found:
            continue
        year = actual.year.fy if actual.year is not None else fy
        if year > fy:
            add(actual, f"a record for fiscal year {fy} cannot hold a value for {year}: put it in that year's record")
            continue
        key = (actual.kpi, segment, year)
        if key in seen:
            add(actual, f"'{actual.kpi}'{' (' + segment + ')' if segment else ''} has a second value for fiscal year {year} "
                        f"in this record (first at line {seen[key][0]})")
            continue
        seen[key] = actual.loc or (1, 1)
        problems.extend(_merge_actual(data, (actual.kpi, segment), year, Recorded(actual, file, fy)))
    for milestone in record.milestones:
        found, segment = series_of(milestone)
        if not found:
            continue
        slot = data.milestones.setdefault((milestone.kpi, segment), {})
        year = milestone.year.fy
        before = slot.get(year)
        if before is not None and before.item.value != milestone.value:
            add(milestone, f"the target of '{milestone.kpi}' for fiscal year {year} is {milestone.value} here but "
                           f"{before.item.value} at {before.file}:{before.loc[0]}")
        elif before is None or (file, milestone.loc) < (before.file, before.loc):
            slot[year] = Recorded(milestone, file, fy)
    for evaluation in record.evaluations:
        node = evaluation.measure
        if node not in index.planned:
            add(evaluation, f"measure '{node}' does not exist in strategy '{data.strategy.id}'" + _close(node, index.planned))
            continue
        if evaluation.merged_into is not None and evaluation.merged_into not in index.planned:
            add(evaluation, f"measure '{evaluation.merged_into}' (merged_into) does not exist" + _close(evaluation.merged_into, index.planned))
            continue
        year = evaluation.year.fy if evaluation.year is not None else fy
        before = data.evaluations.get((node, year))
        if before is not None:
            add(evaluation, f"measure '{node}' is evaluated twice for fiscal year {year} (also at {before.file}:{before.loc[0]})")
            continue
        data.evaluations[(node, year)] = Recorded(evaluation, file, fy)
    for revision in record.revisions:
        if indicator_of(revision, revision.kpi) is None:
            continue
        if revision.replaced_by is not None and indicator_of(revision, revision.replaced_by, "KPI (replaced_by)") is None:
            continue
        data.revisions.append(Recorded(revision, file, fy))
    return problems


def _merge_actual(data: ProgressData, key: SeriesKey, year: int, rec: Recorded) -> list[Problem]:
    """Keep the value that counts: a final value over a preliminary one, then the later as-of date, then the
    record of the later fiscal year (a correction).  Each fiscal year has one record and a record holds one
    value per indicator and year, so two values never tie."""
    slot = data.actuals.setdefault(key, {})
    before = slot.get(year)
    if before is None or _precedence(rec) > _precedence(before):
        slot[year] = rec
    return []


def revisions(data: ProgressData) -> list[tuple[KpiRevision, Recorded]]:
    """The revisions recorded during the period, in file order."""
    return [(r.item, r) for r in sorted(data.revisions, key=lambda r: (r.file, r.loc))]


def milestones(data: ProgressData, key: SeriesKey) -> dict[int, Milestone]:
    return {fy: rec.item for fy, rec in data.milestones.get(key, {}).items()}
