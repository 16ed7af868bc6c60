"""`tebiki revise FILE --to EDITION`: the 見直しのポイント — what a strategy must change to meet a newer
edition (or the interim pack for a new national strategy).

The strategy is checked twice: as it stands (by the edition in force for it, or `--from`) and
against the target edition asked for (nothing relaxed).  A point is a finding of the target
judgement that the current one does not have (the same rule, node and message), or tells only
as info because its requirement came after the strategy.  Points are grouped by the
target pack's areas and rules, each with why (the rule's rationale) and how (its fix).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..api import check_strategy, edition_for
from ..config import Config
from ..engine.edition import EditionChoice, given, later_than
from ..engine.finding import Finding, Text
from ..engine.pack import Pack, RuleRecord, load_pack, ordered_areas, pack_dir
from ..model import Strategy


@dataclass
class Point:
    """One rule's findings that the revision must answer."""

    rule: RuleRecord
    findings: list[Finding]
    relaxed: bool
    """True when the current judgement tells these findings too, but as info: their requirement came after the strategy."""


@dataclass
class Revision:
    """What `tebiki revise` reports."""

    file: str
    strategy: Strategy
    current: EditionChoice
    target: EditionChoice
    target_pack: Pack
    points: list[Point]
    kept: int
    """Findings the target judgement shares with the current one (not points of the revision)."""

    def areas(self) -> list[tuple[str, list[Point]]]:
        """The points by area, in the pack's order of areas."""
        order = ordered_areas(p.rule.area.value for p in self.points)
        return [(a, [p for p in self.points if p.rule.area.value == a]) for a in order]


def _key(f: Finding) -> tuple[str, str]:
    return f.code, f.node_id


def revise(strategy: Strategy, to: str, *, config: Config | None = None, from_: str | None = None, today=None,
           target_findings: list[Finding] | None = None) -> Revision:
    """The points the strategy must revise to meet edition `to` (an edition name or a pack folder).

    `target_findings`: the strategy's findings under `to` when the caller has them already (the audit).
    """
    config = config or Config()
    if from_:
        current_pack = load_pack(pack_dir(from_))
        current = given(current_pack, strategy, Text("指定された版（--from）", "asked for with --from"))
    else:
        current_pack, current = edition_for(strategy, replace(config, edition=None))
    target_pack = load_pack(pack_dir(to))
    target = given(target_pack, strategy, Text("見直しの基準として指定された版（--to）", "the edition to revise to (--to)"))
    now = check_strategy(strategy, config=config, pack=current_pack, today=today, edition=current)
    then = target_findings if target_findings is not None else check_strategy(
        strategy, config=config, pack=target_pack, today=today, edition=target
    )
    postponed = {_key(f) for f in now if later_than(current_pack.by_code.get(f.code), current_pack, current)}
    same = Counter((_key(f), f.message.en) for f in now if _key(f) not in postponed)
    by_rule: dict[str, list[Finding]] = {}
    relaxed: dict[str, bool] = {}
    kept = 0
    for f in then:
        if f.justified or f.code not in target_pack.by_code:  # the audit's cross-check findings are not the pack's
            continue
        if same[(_key(f), f.message.en)] > 0:
            same[(_key(f), f.message.en)] -= 1
            kept += 1
            continue
        by_rule.setdefault(f.code, []).append(f)
        relaxed[f.code] = relaxed.get(f.code, False) or _key(f) in postponed
    points = [Point(target_pack.by_code[code], found, relaxed[code]) for code, found in by_rule.items()]
    points.sort(key=lambda p: (-max(f.severity.rank for f in p.findings), p.rule.code))
    return Revision(strategy.file, strategy, current, target, target_pack, points, kept)
