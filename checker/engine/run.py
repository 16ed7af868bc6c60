"""Run a rule pack over a strategy graph: hits → findings, deviations applied, sorted."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import replace

from .. import clock
from ..graph import StrategyGraph
from ..model import Level
from .context import Context, DeviationStatus
from .finding import Finding, Justification, Severity, Text
from .pack import AppliesTo, Pack, RuleRecord
from .registry import CHECKS, Hit


MAX_QUOTED = 200
"""Characters of one text from the strategy (a name, a target as written) quoted in a message or
shown as a finding's node name; longer texts are cut with '…'.  With MAX_MESSAGE this bounds
what one finding weighs, so that the outputs grow with the size of the input, not with how
often one long text is repeated in messages (docs/security.md)."""
MAX_MESSAGE = 2000
"""Characters of one rendered message (the longest real ones are a few hundred)."""


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Values(dict):
    """Template values for one language; a missing key shows as {key} rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(template: str, values: dict, lang: str) -> str:
    shown = _Values()
    for key, value in values.items():
        if isinstance(value, Text):
            value = value.get(lang)
        elif isinstance(value, (list, tuple)):
            value = "、".join(v.get(lang) if isinstance(v, Text) else _cut(str(v), MAX_QUOTED) for v in value) if lang == "ja" else ", ".join(
                v.get(lang) if isinstance(v, Text) else _cut(str(v), MAX_QUOTED) for v in value
            )
        elif isinstance(value, str):
            value = _cut(value, MAX_QUOTED)
        shown[key] = value
    return _cut(template.format_map(shown), MAX_MESSAGE)  # as Formatter().vformat(template, (), shown), without its Python-level parsing


def _applies(rule: RuleRecord, level: Level) -> bool:
    return rule.applies_to is AppliesTo.both or rule.applies_to.value == level.value


def _finding(rule: RuleRecord, severity: Severity, hit: Hit, graph: StrategyGraph) -> Finding:
    info = graph.info(hit.node)
    line, col = hit.loc or (info.line, info.col)
    values = {"node": info.name, **hit.params}
    basis = hit.basis or rule.basis
    return Finding(
        code=rule.code,
        name=rule.name,
        area=rule.area.value,
        sections=tuple(rule.sections),
        severity=rule.severity_for(basis, severity),
        message=Text(_render(rule.message.ja, values, "ja"), _render(rule.message.en, values, "en")),
        file=hit.file or graph.file,
        line=line,
        col=col,
        node_id=info.id,
        node_type=info.type.value,
        node_name=_cut(info.name, MAX_QUOTED) if info.name else info.name,
        basis=basis,
    )


def _apply_deviations(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """Mark findings justified by valid deviation records; record what each record did."""
    by_rule: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        by_rule[f.code].append(i)
    statuses = []
    for record in ctx.strategy.deviations:
        rule = ctx.pack.rule(record.rule)
        applied = 0
        valid = (
            rule is not None
            and rule.deviable
            and bool((record.justification or "").strip())
            and (record.expires is None or record.expires >= ctx.today)
        )
        if valid:
            for i in by_rule.get(rule.code, ()):
                f = findings[i]
                if record.node is None or f.node_id == record.node:
                    applied += 1
                    if f.deviation is None:
                        findings[i] = _justify(f, record)
        elif rule is not None:
            applied = sum(1 for i in by_rule.get(rule.code, ()) if record.node is None or findings[i].node_id == record.node)
        statuses.append(DeviationStatus(record, rule, applied))
    ctx.deviations = statuses
    return findings


def _justify(finding: Finding, record) -> Finding:
    return replace(
        finding,
        deviation=Justification(
            justification=record.justification.strip(),
            approver=record.approver,
            expires=record.expires.isoformat() if record.expires else None,
            line=record.loc[0] if record.loc else None,
        ),
    )


def run_pack(
    graph: StrategyGraph,
    pack: Pack,
    rules: list[RuleRecord] | None = None,
    *,
    severity_of=None,
    today: _dt.date | None = None,
    deviations: bool = True,
    predecessor=None,
    progress=None,
) -> list[Finding]:
    """Run `rules` (default: all of the pack's) over the graph and return sorted findings.

    `severity_of(rule)` gives the severity to report (default: the rule's own);
    `deviations=False` ignores the strategy's deviation records; `predecessor` is the version the
    strategy revises, for the revision rules; `progress` is the strategy's merged progress records
    (`checker.progress.data.ProgressData`), which the progress rules read.
    """
    ctx = Context(graph=graph, pack=pack, today=clock.today(today), predecessor=predecessor, progress=progress)
    level = graph.strategy.body.level
    selected = [r for r in (pack.rules if rules is None else rules) if _applies(r, level)]
    severity_of = severity_of or (lambda r: r.severity)
    findings: list[Finding] = []
    late = []
    for rule in selected:
        spec = CHECKS[rule.check]
        if spec.after_findings:
            late.append(rule)
            continue
        severity = severity_of(rule)
        findings.extend(_finding(rule, severity, hit, graph) for hit in spec.fn(ctx, **rule.params))
    if deviations:
        findings = _apply_deviations(ctx, findings)
        ctx.findings = list(findings)
        for rule in late:
            severity = severity_of(rule)
            findings.extend(_finding(rule, severity, hit, graph) for hit in CHECKS[rule.check].fn(ctx, **rule.params))
    return sorted(set(findings), key=lambda f: f.sort_key)
