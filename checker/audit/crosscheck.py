"""The cross-check between a prefecture's strategy and its municipalities' (手引き 1-3, 3-4).

Its findings are ordinary `Finding` value objects with codes XP01–XP07, so every output
(text, JSON, HTML, SARIF ...) shows them like the pack's.  They are not rules of the pack,
because each needs two strategies at once; their records live in ``crosscheck.yaml`` beside
this module, in the same shape as a pack rule (`RuleRecord`, validated the same way), and
``--select`` / ``--ignore`` / severity overrides of the configuration apply to them as well.

Per municipality (run in the worker that checked it): XP01 names no prefectural strategy,
XP02 names another body's code, XP03 names another strategy id, XP04 period shares no year
with the prefecture's, XP07 belongs to another prefecture.  Over the whole audit (run once at
the end): XP05 prefectural goals and XP06 national directions no municipality takes up.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Iterable

import yaml
from pydantic import BaseModel, ConfigDict

from ..config import Config
from ..engine.finding import Finding, Text
from ..engine.pack import Pack, RuleRecord
from .facts import Facts, Place

RECORDS_FILE = Path(__file__).with_name("crosscheck.yaml")


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[RuleRecord]


@lru_cache(maxsize=1)
def records() -> tuple[RuleRecord, ...]:
    """The cross-check's rule records, by code."""
    data = yaml.safe_load(RECORDS_FILE.read_text(encoding="utf-8"))
    return tuple(sorted(_File.model_validate(data).rules, key=lambda r: r.code))


def record(code: str) -> RuleRecord:
    return next(r for r in records() if r.code == code)


def enabled(config: Config) -> dict[str, RuleRecord]:
    """The cross-check records the configuration's select/ignore keep, by check name."""
    from ..config import matches

    return {
        r.check: r for r in records()
        if any(matches(s, r) for s in config.select) and not any(matches(s, r) for s in config.ignore)
    }


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict, lang: str) -> str:
    shown = _Values({k: (v.get(lang) if isinstance(v, Text) else v) for k, v in values.items()})
    return Formatter().vformat(template, (), shown)


def finding(rule: RuleRecord, config: Config, file: str, place: Place, **values) -> Finding:
    """A cross-check finding at a node of a file."""
    values = {"node": place.node_name, **values}
    return Finding(
        code=rule.code,
        name=rule.name,
        area=rule.area.value,
        sections=tuple(rule.sections),
        severity=config.severity_of(rule),
        message=Text(_fill(rule.message.ja, values, "ja"), _fill(rule.message.en, values, "en")),
        file=file,
        line=place.line,
        col=place.col,
        node_id=place.node_id,
        node_type=place.node_type,
        node_name=place.node_name,
        basis=rule.basis,
    )


def _refine(file: str, place: Place, key: str) -> Place:
    """The line of `key:` inside the mapping that starts at `place`, when it can be found."""
    try:
        with open(file, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return place
    start = place.line - 1
    if not 0 <= start < len(lines):
        return place
    indent = place.col - 1
    for i in range(start, min(len(lines), start + 200)):
        text = lines[i]
        stripped = text.lstrip(" -")
        column = len(text) - len(stripped)
        if i > start and stripped and not stripped.startswith("#") and column < indent:
            break
        for marker in (f"{key}:", f"{{{key}:", f" {key}:"):
            at = text.find(marker, indent if i == start else 0)
            if at >= 0:
                col = at + (1 if marker[0] in "{ " else 0)
                return Place(place.node_id, place.node_type, place.node_name, i + 1, col + 1)
    return place


def _span(period: tuple[int, int]) -> str:
    return f"FY{period[0]}–FY{period[1]}"


RELATED_CHECKS = {
    "prefectural_strategy_named": "prefectural_strategy_considered",
    "prefectural_strategy_body": "prefectural_strategy_of_own_prefecture",
}
"""Cross-checks and the per-file check of the pack that already reports the same fact.

When the pack's check reported it for a file (CO03: no prefectural strategy considered; CO04:
its body code is not the municipality's own prefecture's), the cross-check does not report it
again: the audit shows those per-file findings in its cross-check section instead."""


def check_municipality(facts: Facts, pref: Facts, config: Config, reported: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """XP01–XP04, XP07 for one municipality against its prefecture's strategy.

    `reported`: the names of the pack's checks that have findings for this file (see RELATED_CHECKS).
    """
    if facts.is_prefecture:
        return []
    rules = enabled(config)
    out: list[Finding] = []
    prefecture = pref.name
    expected_code = pref.code or ""
    ref = facts.pref_ref

    rule = rules.get("municipality_in_prefecture")
    if rule and facts.prefecture_code and pref.code and facts.prefecture_code != pref.code:
        out.append(finding(rule, config, facts.file, _refine(facts.file, facts.body, "code"),
                           name=facts.name, code=facts.code, prefecture=prefecture, expected=expected_code,
                           actual=facts.prefecture_code))

    rule = rules.get("prefectural_strategy_named")
    already = RELATED_CHECKS["prefectural_strategy_named"] in reported
    if rule and ((ref is None and not already) or (ref is not None and not ref.named)):
        place = ref.place if ref is not None else (facts.considers or facts.root)
        place = Place(facts.root.node_id, facts.root.node_type, facts.root.node_name, place.line, place.col) if ref is None else place
        out.append(finding(rule, config, facts.file, place))

    rule = rules.get("prefectural_strategy_body")
    already = RELATED_CHECKS["prefectural_strategy_body"] in reported
    if rule and not already and ref is not None and ref.body_code and pref.code and ref.body_code != pref.code:
        out.append(finding(rule, config, facts.file, _refine(facts.file, ref.place, "body_code"),
                           named=ref.body_code, prefecture=prefecture, expected=expected_code))

    rule = rules.get("prefectural_strategy_id")
    if rule and ref is not None and ref.strategy_id and ref.strategy_id != pref.id:
        out.append(finding(rule, config, facts.file, _refine(facts.file, ref.place, "strategy_id"),
                           named=ref.strategy_id, prefecture=prefecture, expected=pref.id))

    rule = rules.get("period_overlaps_prefecture")
    if rule and facts.period and pref.period and (facts.period[1] < pref.period[0] or facts.period[0] > pref.period[1]):
        out.append(finding(rule, config, facts.file, facts.period_place or facts.root,
                           period=f"{facts.period_text} ({_span(facts.period)})",
                           prefecture=prefecture, prefecture_period=f"{pref.period_text} ({_span(pref.period)})"))
    return out


def check_coverage(pref: Facts, covered: Iterable[str], pack: Pack, config: Config) -> list[Finding]:
    """XP05, XP06: the prefecture's goals and national directions that no municipality takes up."""
    rules = enabled(config)
    covered = set(covered)
    names = {d.code: Text(d.name.ja, d.name.en) for d in pack.reference.directions}
    out: list[Finding] = []

    def label(codes: Iterable[str]) -> Text:
        codes = list(codes)
        return Text("、".join(names[c].ja if c in names else c for c in codes) or "なし",
                    ", ".join(names[c].en if c in names else c for c in codes) or "none")

    rule = rules.get("prefectural_goals_covered")
    if rule:
        for goal in pref.goals:
            if goal.directions and not set(goal.directions) & covered:
                out.append(finding(rule, config, pref.file, goal.place, directions=label(goal.directions)))
    rule = rules.get("prefectural_directions_covered")
    if rule:
        for code in pref.directions:
            if code not in covered:
                place = pref.direction_places.get(code, pref.root)
                out.append(finding(rule, config, pref.file, place, direction=label([code])))
    return sorted(out, key=lambda f: f.sort_key)

