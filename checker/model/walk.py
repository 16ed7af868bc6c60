"""Walk a loaded model: every part with the data path it was read from."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from .base import Spec


def iter_parts(part: Spec, path: tuple = ()) -> Iterator[tuple[tuple, Spec]]:
    """Yield (path, part) for `part` and every part inside it, depth first, in file order."""
    yield path, part
    for name in type(part).model_fields:
        value = getattr(part, name)
        if isinstance(value, BaseModel):
            yield from iter_parts(value, path + (name,))
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                yield from iter_parts(item, path + (name, i))
