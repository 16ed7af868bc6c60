"""PDCA (手引き 7-1, 7-2, 7-3): the cycle is described and short, KPIs are reviewed, findings lead to revision, results are published.

The strategy file records these facts in `governance.pdca` and `governance.publication`.
A field left out (None) means the strategy says nothing about it: messages then
say "not stated" (記載されていません), never that the practice is missing; an
explicit `false` is reported as not done.
"""

from __future__ import annotations

from typing import Iterator, Literal

from ..engine.context import Context
from ..engine.finding import Basis
from ..engine.registry import Hit, both, check
from ..graph import NodeType
from ..text import norm

NOT_STATED = both("記載されていません", "is not stated")


def governance_node(ctx: Context, part: str) -> str:
    """The graph node of a governance part (``#pdca`` ...), else the governance node, else the strategy."""
    for node in (f"#{part.replace('_', '-')}", "#governance"):
        if node in ctx.graph:
            return node
    return ctx.root


def governance_part(ctx: Context, part: str):
    governance = ctx.strategy.governance
    return getattr(governance, part) if governance is not None else None


def _described(pdca) -> bool:
    return pdca is not None and any(
        v is not None and v != "" for v in (pdca.text, pdca.cycle_years, pdca.kpi_review, pdca.revision)
    )


@check(NodeType.strategy, NodeType.governance, NodeType.pdca)
def pdca_described(ctx: Context) -> Iterator[Hit]:
    """The strategy describes its PDCA cycle (governance.pdca with a text or at least one of its facts)."""
    pdca = governance_part(ctx, "pdca")
    if not _described(pdca):
        yield Hit(governance_node(ctx, "pdca"))


@check(NodeType.pdca, provides=["length", "max_years"])
def pdca_cycle_short(ctx: Context, *, max_years: int = 1) -> Iterator[Hit]:
    """The PDCA cycle's length is stated and at most `max_years` years (an annual cycle)."""
    pdca = governance_part(ctx, "pdca")
    if not _described(pdca):
        return  # pdca_described reports it
    basis = None
    if pdca.cycle_years is None:
        length = both("の期間が記載されていません", " length is not stated")
    elif pdca.cycle_years > max_years:
        length = both(f"の期間が{pdca.cycle_years}年です", f" lasts {pdca.cycle_years} years")
        basis = Basis.contradicts
    else:
        return
    yield Hit(governance_node(ctx, "pdca"), {"length": length, "max_years": max_years}, basis=basis)


@check(NodeType.pdca, provides=["status"])
def pdca_step_stated(ctx: Context, *, step: Literal["kpi_review", "revision"]) -> Iterator[Hit]:
    """The PDCA description says the `step` is taken: `kpi_review` (KPI progress is checked) or `revision` (measures or the strategy are revised on the findings)."""
    pdca = governance_part(ctx, "pdca")
    if not _described(pdca) or getattr(pdca, step):
        return
    stated = getattr(pdca, step) is not None
    status = both("行わないとされています", "is stated not to be done") if stated else NOT_STATED
    yield Hit(governance_node(ctx, "pdca"), {"status": status}, basis=Basis.contradicts if stated else None)


def _published(publication) -> bool | None:
    """True, False, or None (not stated); channels listed count as published."""
    if publication is None:
        return None
    if publication.published is not None:
        return publication.published
    return True if publication.channels else None


@check(NodeType.strategy, NodeType.governance, NodeType.publication, provides=["status"])
def results_published(ctx: Context) -> Iterator[Hit]:
    """Progress and verification results are published (governance.publication.published, or channels listed)."""
    published = _published(governance_part(ctx, "publication"))
    if published:
        return
    status = NOT_STATED if published is None else both("公表しないとされています", "are stated not to be published")
    yield Hit(governance_node(ctx, "publication"), {"status": status}, basis=None if published is None else Basis.contradicts)


@check(NodeType.publication, provides=["channels"])
def results_on_website(ctx: Context, *, website_words: list[str]) -> Iterator[Hit]:
    """Published results are on the website: a channel names one of `website_words` (ホームページ, website ...)."""
    publication = governance_part(ctx, "publication")
    if not _published(publication):
        return  # results_published reports it
    words = [norm(w).lower() for w in website_words]
    if any(w in norm(c).lower() for c in publication.channels for w in words):
        return
    channels = "、".join(publication.channels) if publication.channels else None
    shown = both(f"（{channels}）", f" ({', '.join(publication.channels)})") if channels else both("（媒体の記載なし）", " (channels not stated)")
    yield Hit(governance_node(ctx, "publication"), {"channels": shown})
