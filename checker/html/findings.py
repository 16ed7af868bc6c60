"""Findings as the pages show them: one verdict rule, counts, and groups by rule (fix first).

Every page and file of the tool says the same thing about the same findings:

- A strategy (or a set of them) **fails** when an open (unjustified) finding is at or above the
  ``--fail-on`` threshold; that is the exit code of ``tebiki check``, and the only place the
  words 合格/不合格 (pass/fail) are used.
- An **area** is not passed or failed: it shows its worst open severity and its counts, so a
  single warning never looks like an error (`level`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..engine.finding import Finding, Severity

KEYS = ("error", "warning", "info", "justified")
"""The four kinds of finding the pages count: three severities of open findings, and justified ones."""


def key_of(f: Finding) -> str:
    """'justified' for a justified deviation, else the severity."""
    return "justified" if f.justified else f.severity.value


def tally(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts by `key_of`."""
    counts = dict.fromkeys(KEYS, 0)
    for f in findings:
        counts[key_of(f)] += 1
    return counts


def level(counts: dict[str, int]) -> str:
    """The worst open severity of counts ('error', 'warning', 'info'), 'justified' when only justified
    findings, 'none' when there is nothing."""
    for k in KEYS:
        if counts.get(k):
            return k
    return "none"


def failing(findings: Iterable[Finding], threshold: Severity) -> list[Finding]:
    """Open findings at or above the threshold: what makes a run fail."""
    return [f for f in findings if not f.justified and f.severity.at_least(threshold)]


@dataclass(frozen=True)
class Verdict:
    """Whether findings pass the --fail-on threshold, and how many fail it."""

    passed: bool
    threshold: str
    failing: int
    counts: dict[str, int]

    @classmethod
    def of(cls, findings: list[Finding], threshold: Severity, input_errors: int = 0) -> "Verdict":
        bad = len(failing(findings, threshold))
        return cls(bad == 0 and input_errors == 0, threshold.value, bad, tally(findings))


@dataclass
class Group:
    """The findings of one rule, with the rule's record (None for a code the page does not know)."""

    code: str
    key: str
    findings: list[Finding] = field(default_factory=list)
    rule: object | None = None

    @property
    def title(self) -> object:
        return self.rule.title if self.rule is not None else None


def groups(findings: Iterable[Finding], rules: dict, keys: tuple[str, ...]) -> list[Group]:
    """Findings whose `key_of` is in `keys`, grouped by rule: the most severe first, then the most
    frequent, then by code; each group keeps file order."""
    by: dict[tuple[str, str], Group] = {}
    for f in findings:
        k = key_of(f)
        if k in keys:
            by.setdefault((k, f.code), Group(f.code, k, rule=rules.get(f.code))).findings.append(f)
    return sorted(by.values(), key=lambda g: (KEYS.index(g.key), -len(g.findings), g.code))
