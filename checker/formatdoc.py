"""The key-by-key reference of the strategy format, generated from the models (part of docs/format.md)."""

from __future__ import annotations

import types
import typing
from enum import Enum

from pydantic import BaseModel

from .model import Strategy
from .model.fielddocs import document_fields
from .years import Year, YearRange

BEGIN = "<!-- BEGIN GENERATED REFERENCE (tebiki docs) -->"
END = "<!-- END GENERATED REFERENCE -->"


def _anchor(cls: type) -> str:
    return cls.__name__.lower()


def _describe(tp, found: list[type]) -> str:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        args = typing.get_args(tp)
        base = args[0]
        if base is Year:
            return "year"
        if base is YearRange:
            return "span of years"
        if typing.get_origin(base) in (typing.Union, types.UnionType) and set(typing.get_args(base)) == {int, float}:
            return "number"
        inner = typing.get_args(base)
        if any(getattr(m, "tag", None) for a in inner for m in typing.get_args(a)[1:]):
            return " or ".join(_describe(typing.get_args(a)[0], found) for a in inner)
        return _describe(base, found)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if set(args) == {int, float}:
            return "number"
        return " or ".join(_describe(a, found) for a in args)
    if origin is list:
        return f"list of {_describe(typing.get_args(tp)[0], found)}"
    if origin is typing.Literal:
        return " or ".join(f"`{v}`" for v in typing.get_args(tp))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp not in found:
            found.append(tp)
        return f"[{tp.__name__}](#{_anchor(tp)})"
    names = {str: "text", int: "integer", float: "number", bool: "true/false", Year: "year", YearRange: "span of years"}
    return names.get(tp, getattr(tp, "__name__", str(tp)))


def reference_markdown() -> str:
    """Markdown tables of every part of the format, starting at the root (Strategy)."""
    document_fields(Strategy)
    found: list[type] = [Strategy]
    out = [BEGIN, ""]
    i = 0
    while i < len(found):
        cls = found[i]
        i += 1
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        out += [f"### {cls.__name__}", "", doc, "", "| key | type | required | meaning |", "|---|---|---|---|"]
        for name, field in cls.model_fields.items():
            kind = _describe(field.annotation, found)
            desc = (field.description or "").replace("\n", " ").replace("|", "\\|")
            out.append(f"| `{name}` | {kind} | {'yes' if field.is_required() else ''} | {desc} |")
        out.append("")
    out.append(END)
    return "\n".join(out) + "\n"


def update_format_doc(text: str) -> str:
    """Replace the generated part of docs/format.md."""
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[:start] + reference_markdown() + text[end:]
