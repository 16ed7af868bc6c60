"""A rule record's binding to its check function: the check exists, its parameters fit the
function's signature, its message placeholders are filled, and the rule can match at all."""

from __future__ import annotations

import difflib
import inspect
import re
import typing
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import TypeAdapter, ValidationError

from ..graph import NodeType
from ..load.errors import Problem
from ..load.yaml_tree import Tree
from .registry import CHECKS

if TYPE_CHECKING:
    from .pack import Reference, RuleRecord


@lru_cache(maxsize=None)
def _hints(fn) -> dict:
    """A check's parameter types (evaluating the annotations is slow; there are a few dozen checks)."""
    return typing.get_type_hints(fn)


@lru_cache(maxsize=None)
def _adapter(annotation) -> TypeAdapter:
    return TypeAdapter(annotation)


def check_binding(rule: RuleRecord, tree: Tree, file: str, reference: Reference) -> list[Problem]:
    """The rule's check exists, its params fit the check's signature, and the rule can match."""

    def problem(path: tuple, message: str) -> Problem:
        line, col = tree.loc(path)
        return Problem(file, line, col, message)

    spec = CHECKS.get(rule.check)
    if spec is None:
        close = difflib.get_close_matches(rule.check, list(CHECKS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return [problem(("check",), f"rule {rule.code}: unknown check '{rule.check}'{hint}")]
    problems = []
    accepted = {n: p for n, p in spec.signature.parameters.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
    hints = _hints(spec.fn)
    for name, value in rule.params.items():
        if name not in accepted:
            close = difflib.get_close_matches(name, list(accepted), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; {rule.check} takes: {', '.join(accepted) or 'no parameters'}"
            problems.append(problem(("params", name), f"rule {rule.code}: unknown parameter '{name}'{hint}"))
            continue
        annotation = hints.get(name)
        if annotation is not None:
            try:
                _adapter(annotation).validate_python(value, strict=True)
            except ValidationError as exc:
                problems.append(problem(("params", name), f"rule {rule.code}: bad parameter {name}={value!r}: {exc.errors()[0]['msg']}"))
    for name, param in accepted.items():
        if param.default is inspect.Parameter.empty and name not in rule.params:
            problems.append(problem(("params",), f"rule {rule.code}: missing parameter '{name}' for {rule.check}"))
    targets = rule.params.get("targets")
    if isinstance(targets, list):
        for t in targets:
            if t not in NodeType.__members__:
                problems.append(problem(("params", "targets"), f"rule {rule.code}: unknown node type '{t}'"))
            elif NodeType(t) not in spec.node_types:
                problems.append(problem(("params", "targets"), f"rule {rule.code}: {rule.check} never reports on '{t}', so the rule can never match"))
    placeholders = set(re.findall(r"{(\w+)", rule.message.ja)) | set(re.findall(r"{(\w+)", rule.message.en))
    unknown = placeholders - spec.provides - {"node"}
    if unknown:
        problems.append(problem(("message",), f"rule {rule.code}: message uses {{{', '.join(sorted(unknown))}}}, which {rule.check} does not fill"))
    directions = rule.params.get("directions")
    if isinstance(directions, list):
        for code in directions:
            if reference.direction(code) is None:
                problems.append(problem(("params", "directions"), f"rule {rule.code}: unknown national direction '{code}'"))
    return problems
