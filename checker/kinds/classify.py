"""The kind of an indicator, declared or read from its name, and the list of every indicator's kind.

A strategy may declare `kind: outcome | output` on an indicator; that declaration wins.
Otherwise the kind is read from the name with the pack's lexicon (`checker.kinds.read`).
`indicator_kinds` is what the output formats (JSON, RDF, HTML) show per indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.finding import Text
from ..graph import StrategyGraph
from ..model import Indicator
from .read import Verdict, declared, read


def classify(indicator: Indicator | str, reference, *, unit: str | None = None) -> Verdict:
    """Classify an indicator (or a name, with an optional unit) as outcome or output.

    The declared `kind` wins; the wording is still read (`wording`, `strong`) so that a
    declaration the wording contradicts can be reported.  `reference` is the pack's
    `Reference` (its `kinds` lexicon is used).
    """
    if isinstance(indicator, str):
        return read(indicator, unit, reference.kinds)
    reading = read(indicator.name, indicator.unit, reference.kinds)
    if indicator.kind is None:
        return reading
    return declared(indicator.kind, reading)


@dataclass(frozen=True)
class IndicatorKindRecord:
    """One indicator's kind, as the output formats show it."""

    id: str
    type: str
    """kgi, numerical_target, kpi or indicator (補足指標)."""
    name: str
    line: int
    kind: str | None
    """outcome, output, or None when undecided."""
    basis: str
    """declared (the strategy says so) or inferred (read from the name)."""
    reason: Text
    words: tuple[str, ...]
    """The deciding words (for a declared kind: the words the name reads by, if any)."""
    wording: str | None
    """What the name alone reads as (outcome, output or None), also for a declared kind."""

    def as_dict(self, lang: str = "ja") -> dict:
        """Plain JSON data (reason in `lang`, both languages under `reasons`)."""
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "line": self.line,
            "kind": self.kind,
            "basis": self.basis,
            "reason": self.reason.get(lang),
            "reasons": {"ja": self.reason.ja, "en": self.reason.en},
            "words": list(self.words),
            "wording": self.wording,
        }


def indicator_kinds(graph: StrategyGraph, reference) -> list[IndicatorKindRecord]:
    """Every indicator of the strategy (KGIs, numerical targets, KPIs, supplementary indicators) with its kind, in file order.

    A KPI re-listed (【再掲】) under several parts appears once, where it is defined.
    """
    records = []
    for node in graph.indicators():
        part = graph.part(node)
        verdict = classify(part, reference)
        if verdict.declared:
            reading = read(part.name, part.unit, reference.kinds)
            reason = Text(
                f"kind: {verdict.kind.value} と宣言（名称からは{_reading_ja(reading)}）",
                f"declared kind: {verdict.kind.value} (the name reads as {reading.kind.value if reading.kind else 'undecided'})",
            )
            words = reading.reasons
        else:
            reason, words = verdict.why(), verdict.reasons
        records.append(
            IndicatorKindRecord(
                id=node,
                type=graph.type(node).value,
                name=graph.name(node),
                line=graph.loc(node)[0],
                kind=verdict.kind.value if verdict.kind else None,
                basis="declared" if verdict.declared else "inferred",
                reason=reason,
                words=tuple(words),
                wording=verdict.wording.value if verdict.wording else None,
            )
        )
    return sorted(records, key=lambda r: (r.line, r.id))


def indicator_kinds_of(strategy, reference, *, graph: StrategyGraph | None = None) -> list[IndicatorKindRecord]:
    """`indicator_kinds` of a loaded strategy (its graph is built when not given)."""
    if graph is None:
        from ..graph import build_graph

        graph = build_graph(strategy)
    return indicator_kinds(graph, reference)


def _reading_ja(reading: Verdict) -> str:
    from .read import kind_label

    return kind_label(reading.kind, "ja") if reading.kind else "判定できない"
