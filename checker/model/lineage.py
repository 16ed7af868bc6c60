"""A strategy's lineage: the strategy it follows, that strategy's verification (総括), and the
recorded revisions of KPIs and targets with their reasons (手引き 3-8, 7-1, 7-2).

7-1 asks that the verification of the previous strategy be reflected in the next one, and 7-2
that KPIs be revised on the results of the verification.  `Predecessor` records what the
strategy follows and what the verification of it concluded; `KpiRevision` records one change
to a KPI or its target, when it was decided and why.  A strategy lists the revisions it makes
in `revisions`; a yearly progress file lists those decided during the period in the same form.
"""

from __future__ import annotations

from enum import Enum

from .base import SourceRef, Spec
from .values import YearSpan, YearValue


class RevisionChange(str, Enum):
    """What a revision changed."""

    target = "target"
    """The target value or its year (目標値の変更)."""
    baseline = "baseline"
    """The baseline was re-measured or re-based (基準値の変更)."""
    definition = "definition"
    """What the indicator measures: its population, data source or method (指標の定義の変更)."""
    name = "name"
    """Only the printed name (名称の変更)."""
    unit = "unit"
    """The unit (単位の変更)."""
    added = "added"
    """A KPI was added (指標の追加)."""
    removed = "removed"
    """A KPI was dropped (指標の削除)."""
    replaced = "replaced"
    """A KPI was replaced by another (指標の差し替え); `replaced_by` names the new one."""


class KpiRevision(Spec):
    """One recorded change to a KPI or its target, with when and why it was decided."""

    kpi: str
    """The id of the KPI: in this strategy, or in the predecessor for one that was removed."""
    change: RevisionChange
    """target, baseline, definition, name, unit, added, removed or replaced."""
    date: YearValue | None = None
    """When the change was decided: a date or a fiscal year ('令和6年3月', '令和5年度')."""
    old: str | None = None
    """The value or wording before, as printed ('73%（令和9年度）')."""
    new: str | None = None
    """The value or wording after, as printed."""
    replaced_by: str | None = None
    """For `replaced`: the id of the KPI that takes its place."""
    reason: str | None = None
    """Why it was changed (手引き 7-2: KPI revisions follow the verification)."""
    decided_by: str | None = None
    """Who decided or was consulted, e.g. the verification body's name."""
    note: str | None = None
    source: SourceRef | None = None


class PreviousVerification(Spec):
    """What the verification of the predecessor concluded (its 総括, 手引き 7-1)."""

    summary: str | None = None
    """The conclusions as printed (総括)."""
    conclusion: str | None = None
    """The overall judgement in a word or two, e.g. '概ね順調'."""
    date: YearValue | None = None
    """When the verification was concluded."""
    body: str | None = None
    """Who verified it, e.g. the verification body's name."""
    document: str | None = None
    """The title of the report it is printed in."""
    url: str | None = None
    """Where the report is published."""
    note: str | None = None
    source: SourceRef | None = None


class Predecessor(Spec):
    """The strategy this one follows or revises (前期戦略・改訂前の戦略)."""

    title: str
    """The predecessor's title as printed."""
    id: str | None = None
    """The `id` of the predecessor's strategy file, when it is encoded too."""
    file: str | None = None
    """The path of the predecessor's strategy file, relative to this file (for `tebiki diff`)."""
    period: YearSpan | None = None
    """Its period: '令和2年度～令和6年度'."""
    adopted: YearValue | None = None
    """When it was adopted."""
    verification: PreviousVerification | None = None
    """What the verification of the predecessor concluded (総括)."""
    reflected: str | None = None
    """How and where this strategy says it reflects that verification, as printed (手引き 7-1, 3-8)."""
    note: str | None = None
    source: SourceRef | None = None
