"""Indicator kinds: outcome or output (手引き 4-1, 4-2), read from an indicator's name or declared.

`classify(indicator_or_name, reference)` gives a `Verdict`; `indicator_kinds(graph, reference)`
lists every indicator of a strategy with its kind, for the output formats.  How a name is
read is described in `checker.kinds.read` and docs/kpi-kinds.md.
"""

from __future__ import annotations

from .classify import IndicatorKindRecord, classify, indicator_kinds, indicator_kinds_of
from .read import Verdict, kind_label

__all__ = ["IndicatorKindRecord", "Verdict", "classify", "indicator_kinds", "indicator_kinds_of", "kind_label"]
