"""Walk a loaded model: every part with the data path it was read from."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from .base import Spec


def iter_parts(part: Spec, path: tuple = ()) -> Iterator[tuple[tuple, Spec]]:
    """Yield (path, part) for `part` and every part inside it, depth first, in file order."""
    stack = [(path, part)]
    while stack:
        path, part = stack.pop()
        yield path, part
        children = []
        for name, value in part.__dict__.items():  # field values, in declaration order
            if isinstance(value, BaseModel):
                children.append((path + (name,), value))
            elif value.__class__ is list and value and isinstance(value[0], BaseModel):
                children.extend((path + (name, i), item) for i, item in enumerate(value))
        stack.extend(reversed(children))
