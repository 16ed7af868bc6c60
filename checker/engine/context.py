"""What a check function sees: the graph, the edition's reference data, today's date, earlier findings."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..graph import StrategyGraph
from ..model import Deviation, Level, Strategy
from .finding import Finding
from .pack import Pack, Reference, RuleRecord


@dataclass(frozen=True)
class DeviationStatus:
    """A deviation record and what became of it."""

    record: Deviation
    rule: RuleRecord | None
    """The rule it names, if the pack has it."""
    applied: int = 0
    """How many findings it justified."""


@dataclass
class Context:
    """Everything a check may read.  Checks never modify it."""

    graph: StrategyGraph
    pack: Pack
    today: _dt.date
    findings: list[Finding] = field(default_factory=list)
    """For checks run after the others (deviation checks): the findings so far."""
    deviations: list[DeviationStatus] = field(default_factory=list)
    predecessor: Strategy | None = None
    """The version this strategy revises, when it is known (`predecessor.file`, or `tebiki diff OLD NEW`)."""
    progress: object | None = None
    """The strategy's progress records (`checker.progress.ProgressData`), when progress was given."""

    @property
    def strategy(self) -> Strategy:
        return self.graph.strategy

    @property
    def reference(self) -> Reference:
        return self.pack.reference

    @property
    def root(self) -> str:
        """The strategy's own node id."""
        return self.graph.strategy.id

    @property
    def is_municipality(self) -> bool:
        return self.graph.strategy.body.level is Level.municipality
