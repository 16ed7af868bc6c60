"""The output formats of the comparison: one ``fmt_<name>`` module each in this package."""

from __future__ import annotations

import importlib

from .run import DiffResult

FORMATS = ("text", "json", "markdown", "csv", "html")


def render(fmt: str, result: DiffResult, lang: str = "ja") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__package__}.fmt_{fmt}")
    return module.render(result, lang)
