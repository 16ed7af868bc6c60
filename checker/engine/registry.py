"""The registry of check functions that rule records name.

A check is a small function ``check(ctx, **params) -> Iterable[Hit]``,
registered with `@check(...)`; the rule record supplies its parameters and its
message templates, whose placeholders the hits fill in.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from ..graph import NodeType
from .finding import Basis, Text


@dataclass(frozen=True, slots=True)
class Hit:
    """A check's report of one problem: the node, and values for the message template.

    A value may be a `Text` when it differs by language.  `loc` overrides the
    node's own location (e.g. the line of a 【再掲】 reference); `file` overrides the strategy's
    file when the problem is in another file of the same strategy (a progress file).  `basis`
    overrides the rule's basis for this hit, for a rule that can report either (e.g. a
    field stated `false` is a contradiction, the same field left out is silence;
    a declared kind is the document's word, a kind read from the name an inference).
    """

    node: str
    params: Mapping[str, object] = field(default_factory=dict)
    loc: tuple[int, int] | None = None
    file: str | None = None
    basis: Basis | None = None


CheckFn = Callable[..., Iterable[Hit]]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: the function, the node types it reports on and the message fields it fills."""

    name: str
    fn: CheckFn
    node_types: frozenset[NodeType]
    provides: frozenset[str]
    after_findings: bool
    signature: inspect.Signature


CHECKS: dict[str, CheckSpec] = {}


def check(*node_types: NodeType, provides: Iterable[str] = (), after_findings: bool = False):
    """Register a check function under its own name.

    `node_types`: what its hits can point at (a rule targeting other types can never match);
    `provides`: the message placeholders every hit fills;
    `after_findings`: runs after all other rules, with their findings in ``ctx.findings``.
    """

    def register(fn: CheckFn) -> CheckFn:
        if fn.__name__ in CHECKS:
            raise RuntimeError(f"check {fn.__name__} registered twice")
        CHECKS[fn.__name__] = CheckSpec(
            fn.__name__, fn, frozenset(node_types), frozenset(provides), after_findings, inspect.signature(fn)
        )
        return fn

    return register


PREPARERS: list[Callable[[object], None]] = []
"""Functions run once on each loaded pack's reference data (e.g. to index its word lists)."""


def prepare(fn: Callable[[object], None]) -> Callable[[object], None]:
    """Register `fn(reference)` to run when a pack loads: per-edition work, done once rather than on the first strategy."""
    PREPARERS.append(fn)
    return fn


def both(ja: str, en: str) -> Text:
    """A message value that differs by language."""
    return Text(ja, en)
