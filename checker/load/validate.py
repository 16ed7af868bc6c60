"""Plain data → `Strategy`, with pydantic errors turned into `file:line:col` problems."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Annotated, Union

from pydantic import BaseModel, Discriminator, ValidationError

from ..cache import ensure_validator
from ..model import Strategy
from ..model.base import ID_PATTERN, Spec
from ..model.walk import iter_parts
from .errors import InputError, Problem
from .yaml_tree import Tree

MAX_PROBLEMS = 20


def _unwrap(tp):
    """Strip Annotated/Optional; return (type, discriminated-union members by tag or None)."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            args = typing.get_args(tp)
            if any(isinstance(m, Discriminator) for m in args[1:]):
                members = {}
                for member in typing.get_args(args[0]):
                    inner, *meta = typing.get_args(member)
                    for m in meta:
                        tag = getattr(m, "tag", None)
                        if tag is not None:
                            members[tag] = inner
                return tp, members
            tp = args[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp, None
            tp = args[0]
        else:
            return tp, None


def resolve(loc: tuple, root: type[BaseModel] = Strategy) -> tuple[tuple, type | None]:
    """Map a pydantic error location to (data path, model class at the end of it).

    Pydantic puts union tags into locations; they are not part of the data path.
    """
    tp: object = root
    path: list = []
    for step in loc:
        tp, members = _unwrap(tp)
        if members is not None and isinstance(step, str) and step in members:
            tp = members[step]
            continue
        if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(step, str):
            field = tp.model_fields.get(step)
            path.append(step)
            tp = field.annotation if field else None
        elif typing.get_origin(tp) is list and isinstance(step, int):
            path.append(step)
            tp = typing.get_args(tp)[0]
        else:
            path.append(step)
            tp = None
    tp, _ = _unwrap(tp)
    return tuple(path), tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _kind(cls: type | None) -> str:
    if cls is None:
        return "here"
    return "in " + re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def _shown(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (- item)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "dict_type": "a mapping (key: value)",
    "date_type": "a date (2025-03-31)",
    "date_from_datetime_parsing": "a date (2025-03-31)",
    "date_parsing": "a date (2025-03-31)",
}


_UNION_MEMBERS = {"int", "str", "float", "bool", "function-before[parse_number(), union[int,float]]"}
"""Names pydantic adds to an error's location for the member of a union (page: int | str)."""


def _field_loc(loc: tuple) -> tuple:
    """The location without the union member's name at its end."""
    return loc[:-1] if len(loc) > 1 and loc[-1] in _UNION_MEMBERS else loc


def _message(err: dict, parent_cls: type | None) -> str:
    kind, loc, value = err["type"], _field_loc(err["loc"]), err.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"missing required key '{name}' {_kind(parent_cls)}"
    if kind == "extra_forbidden":
        allowed = list(parent_cls.model_fields) if parent_cls else []
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else (f"; allowed: {', '.join(allowed)}" if allowed else "")
        return f"unknown key '{name}' {_kind(parent_cls)}{hint}"
    if kind in _TYPE_WORDS:
        return f"'{name}' should be {_TYPE_WORDS[kind]}, not {_shown(value)}"
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{name}' cannot be {_shown(value)}; expected {expected}"
    if kind == "literal_error":
        return f"'{name}' cannot be {_shown(value)}; expected {err.get('ctx', {}).get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if err.get("ctx", {}).get("pattern") == ID_PATTERN:
            return f"{_shown(value)} is not a valid id: use ASCII letters, digits, '_', '.' and '-'"
        return f"'{name}' cannot be {_shown(value)}: it must match {err.get('ctx', {}).get('pattern', '')}"
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return f"'{name}' has an unexpected form: {_shown(value)}"
    if kind == "value_error":
        msg = err["msg"].removeprefix("Value error, ")
        return msg if name in ("", None) or isinstance(name, int) else f"{name}: {msg}"
    return f"'{name}': {err['msg']}"


def problems_of(exc: ValidationError, tree: Tree, file: str, root: type[BaseModel]) -> list[Problem]:
    """Turn pydantic errors into located, readable problems."""
    problems: list[Problem] = []
    alternatives: dict[tuple, int] = {}
    for err in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = err["loc"]
        if _field_loc(loc) != loc and err["type"] in _TYPE_WORDS:  # one line for all members of a union
            loc = _field_loc(loc)
            if loc in alternatives:
                i = alternatives[loc]
                head, _, tail = problems[i].message.partition(", not ")
                word = _TYPE_WORDS[err["type"]]
                problems[i] = Problem(file, problems[i].line, problems[i].col, f"{head} or {word}, not {tail}")
                continue
            alternatives[loc] = len(problems)
        path, _ = resolve(loc, root)
        parent_path, parent_cls = resolve(loc[:-1], root) if loc else ((), root)
        if err["type"] == "extra_forbidden":
            line, col = tree.loc(path, key=True)
        elif err["type"] == "missing":
            line, col = tree.loc(parent_path)
        else:
            line, col = tree.loc(path)
        problems.append(Problem(file, line, col, _message(err, parent_cls)))
    return problems


def validate(tree: Tree, file: str) -> Strategy:
    """Validate plain data as a Strategy; raise InputError listing every problem with its location."""
    return validate_as(tree, file, Strategy, "a strategy needs at least id, title and body",
                       "a strategy file must be a mapping of keys (id:, title:, body:, ...)")


def validate_as(tree: Tree, file: str, model: type[BaseModel], needs: str, mapping: str):
    """Validate plain data as `model` (a file's root); `needs` says what an empty file lacks, `mapping` what the
    file must be when it is not a mapping.  Raises InputError listing every problem with its location."""
    if tree.data is None:
        raise InputError.at(file, 1, 1, f"the file is empty: {needs}")
    if not isinstance(tree.data, dict):
        line, col = tree.loc(())
        raise InputError.at(file, line, col, mapping)
    ensure_validator(model)
    try:
        return model.model_validate(tree.data)
    except ValidationError as exc:
        raise InputError(problems_of(exc, tree, file, model)) from None


def attach_locations(strategy: Spec, tree: Tree) -> list[Spec]:
    """Set each part's (line, col) from the tree it was validated from; return the parts in file order."""
    parts = []
    exact = tree.exact
    for path, part in iter_parts(strategy):
        loc = exact(path) or tree.loc(path)
        private = part.__pydantic_private__
        if private is None:  # a part with no private attributes of its own (see Spec.loc)
            object.__setattr__(part, "__pydantic_private__", {"_loc": loc})
        else:
            private["_loc"] = loc
        parts.append(part)
    return parts
