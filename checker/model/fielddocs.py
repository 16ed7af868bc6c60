"""Field descriptions from attribute docstrings, filled in only where they are read.

The models do not set pydantic's ``use_attribute_docstrings``: it makes pydantic read
and parse the source of every model class when the class is created, about a third of
the command line's start-up time.  The descriptions are needed only by the JSON Schema
(`checker.schema`) and docs/format.md (`checker.formatdoc`), which call `document_fields`
first.  It gives every field the description pydantic would have given it (the
docstring under the field in the class that declares it, unless ``Field(description=...)``
says otherwise) and rebuilds the models, leaves first, so that their schemas carry them.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

_DONE: set[type] = set()


def _model_types(annotation) -> list[type[BaseModel]]:
    found = []
    stack = [annotation]
    while stack:
        tp = stack.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            found.append(tp)
        stack.extend(typing.get_args(tp))
    return found


def _in_dependency_order(root: type[BaseModel]) -> list[type[BaseModel]]:
    order: list[type[BaseModel]] = []
    seen: set[type] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for field in cls.model_fields.values():
            for tp in _model_types(field.annotation):
                visit(tp)
        order.append(cls)

    visit(root)
    return order


def _declaring(cls: type, name: str) -> type:
    for klass in cls.__mro__:
        if name in klass.__dict__.get("__annotations__", {}):
            return klass
    return cls


def document_fields(root: type[BaseModel] | None = None) -> None:
    """Give the fields of `root` (default `Strategy`) and every model inside it their docstrings as descriptions."""
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    if root is None:
        from . import Strategy as root  # noqa: N813
    if root in _DONE:
        return
    docs: dict[type, dict[str, str]] = {}
    for cls in _in_dependency_order(root):
        for name, field in cls.model_fields.items():
            if field.description is not None:
                continue
            owner = _declaring(cls, name)
            if owner not in docs:
                docs[owner] = extract_docstrings_from_cls(owner, use_inspect=True)
            if name in docs[owner]:
                field.description = docs[owner][name]
        cls.model_rebuild(force=True)  # every one: a model's schema embeds those of the models inside it
        _DONE.add(cls)
