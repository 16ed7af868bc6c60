"""What the strategy builds on and works with (手引き 1-2, 1-4, 2-1, 3-5, 5-2).

Cooperation beyond the body's own boundary (広域的な連携, 2-1), measures carried out together
(施策間連携・地域間連携, 1-2, 1-4), the results of earlier efforts carried on (3-5) and the national
support measures used (5-2).  Each is satisfied by what the strategy declares (``considers.
cross_boundary``, ``considers.earlier_efforts``, ``considers.national_support``, or a measure's
``partners`` and ``national_support``), else by words of the strategy's own texts: goals,
directions and measures (names, descriptions, main examples, projects), the vision, the period,
what it considers and its governance.  Only a strategy where neither is found is reported, as
silent (`not-stated`); the words matched are those of the rule's parameters, or for 5-2 the
edition's `national_support` in pack.yaml.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..engine.context import Context
from ..engine.registry import Hit, check
from ..graph import NodeType
from ..model import Measure
from ..text import norm
from ._signals import SEPARATOR, found, pieces
from ._lineage import told_of_no_predecessor

_LOCAL_GOVERNMENT = re.compile(r"(都|道|府|県|市|区|町|村|圏|広域連合)(と|との|や|及び|・|等と)?(連携|協働|共同|協力)")
"""'近隣市と連携', '県との協働', '○○町や△△村と共同' ...: working with another local government."""
_PARTNER_BODY = re.compile(r"(都|道|府|県|市|区|町|村|圏|広域連合)$")
"""A partner that is a local government or an area of them: 豊能町, 大阪府, ○○連携中枢都市圏."""


def _texts(values) -> list[str]:
    return [v for v in values if isinstance(v, str) and v]


def document_text(ctx: Context) -> str:
    """The strategy's own words, normalised and joined (cached per graph): planned parts, vision, period,
    what it considers, its governance and its predecessor."""
    g = ctx.graph
    key = ("document_text",)
    text = g.memo.get(key)
    if text is not None:
        return text
    s = ctx.strategy
    found_texts: list[str] = []
    for node in g.planned():
        found_texts += pieces(g, node)
        part = g.part(node)
        if isinstance(part, Measure):
            found_texts += part.partners + part.national_support
    if s.vision is not None:
        found_texts += _texts([s.vision.name, s.vision.text, *(p.name for p in s.vision.pillars), *(p.text for p in s.vision.pillars)])
    if s.period is not None:
        found_texts += _texts([s.period.text, s.period.reason, s.period.note])
    for holder in (s.considers, s.governance):
        if holder is None:
            continue
        for part in holder.__dict__.values():
            if part is not None:
                found_texts += _texts(part.__dict__.values())
                for value in part.__dict__.values():
                    if isinstance(value, list):
                        found_texts += _texts(value)
    if s.predecessor is not None:
        found_texts += _texts([s.predecessor.title, s.predecessor.reflected, s.predecessor.note])
        if s.predecessor.verification is not None:
            found_texts += _texts([s.predecessor.verification.summary, s.predecessor.verification.conclusion])
    text = g.memo[key] = SEPARATOR.join(norm(t) for t in found_texts)
    return text


def _measures(ctx: Context) -> list[Measure]:
    return [ctx.graph.part(m) for m in ctx.graph.nodes(NodeType.measure)]


def _loc(ctx: Context) -> tuple[int, int] | None:
    considers = ctx.strategy.considers
    return considers.loc if considers is not None else None


def _considered(ctx: Context, field: str) -> bool:
    considers = ctx.strategy.considers
    part = getattr(considers, field, None) if considers is not None else None
    return part is not None and any(v for k, v in part.__dict__.items() if k != "source")


@check(NodeType.strategy)
def cross_boundary_considered(ctx: Context, *, words: list[str]) -> Iterator[Hit]:
    """The strategy shows that it considered cooperation beyond its boundary: `considers.cross_boundary`, a measure
    whose `partners` name another local government, or its texts mention such cooperation (`words`: 広域, 近隣,
    連携中枢都市圏 ..., or working with a 県/市/町/村)."""
    if not ctx.graph.nodes(NodeType.goal) or _considered(ctx, "cross_boundary"):
        return
    if any(_PARTNER_BODY.search(norm(p)) for m in _measures(ctx) for p in m.partners):
        return
    text = document_text(ctx)
    if found(text, words) or _LOCAL_GOVERNMENT.search(text):
        return
    yield Hit(ctx.root, loc=_loc(ctx))


@check(NodeType.strategy)
def measures_cooperate(ctx: Context, *, words: list[str]) -> Iterator[Hit]:
    """Some measure is carried out together with other measures or bodies (施策間連携・地域間連携): a measure's
    `partners`, or the words of the goals, directions and measures (`words`: 連携, 協働, 横断 ...)."""
    g = ctx.graph
    if not g.nodes(NodeType.measure):
        return  # no measures at all: the outline rules report it
    if any(m.partners for m in _measures(ctx)):
        return
    if any(found(norm(p), words) for node in g.planned() for p in pieces(g, node)):
        return
    yield Hit(ctx.root)


@check(NodeType.strategy)
def earlier_efforts_carried_on(ctx: Context, *, words: list[str]) -> Iterator[Hit]:
    """The strategy says what it carries on from earlier efforts: `considers.earlier_efforts`, a `predecessor`,
    or its texts speak of earlier efforts and their results (`words`: これまでの取組, 第2期, 継承 ...).

    A strategy whose period starts after the first strategies ended is told by the rule on the predecessor's
    verification (7-1: necessary) that it names no predecessor; that finding covers this one, so this rule
    reports only strategies whose lineage the period does not tell."""
    s = ctx.strategy
    if not ctx.graph.nodes(NodeType.goal) or _considered(ctx, "earlier_efforts") or s.predecessor is not None:
        return
    if told_of_no_predecessor(ctx):
        return
    if found(document_text(ctx), words):
        return
    yield Hit(ctx.root, loc=_loc(ctx))


@check(NodeType.strategy)
def national_support_used(ctx: Context) -> Iterator[Hit]:
    """The strategy names national support it means to use: `considers.national_support`, a measure's
    `national_support`, or a name of the edition's `national_support` list in its texts (交付金, 企業版ふるさと納税 ...)."""
    if not ctx.graph.nodes(NodeType.measure) or _considered(ctx, "national_support"):
        return
    if any(m.national_support for m in _measures(ctx)):
        return
    if found(document_text(ctx), ctx.reference.national_support):
        return
    yield Hit(ctx.root, loc=_loc(ctx))
