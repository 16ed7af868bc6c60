"""Output formats: each is an adapter over findings and input problems.

`render(fmt, results, pack, options)` returns the whole output as text; the
formats' modules are imported only when used, so `check` starts fast.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from ..api import FileResult
from ..engine.finding import Severity
from ..engine.pack import Pack

FORMATS = sorted(m.name[4:] for m in pkgutil.iter_modules(__path__) if m.name.startswith("fmt_"))
"""Format names: module ``fmt_<name>`` in this package defines ``render(results, pack, options) -> str``."""


@dataclass(frozen=True)
class Options:
    """How to render: language, threshold for failure, verbosity, colour."""

    lang: str = "ja"
    fail_on: Severity = Severity.error
    concise: bool = False
    color: bool = False
    rules: tuple[str, ...] | None = None
    """Codes of the rules that ran (None: all of the pack's); formats that list rules (SARIF, JUnit) use it."""
    baseline: object | None = None
    """A `checker.baseline.Outcome` when a baseline was applied: formats report what it hid and what is gone."""
    today: object | None = None
    """The --today date (a `datetime.date`), when given: the date the pages' run record shows."""
    hidden: dict | None = None
    """Findings left out by --min-severity, by severity ({'warning': n, 'info': n})."""


def render(fmt: str, results: list[FileResult], pack: Pack, options: Options | None = None) -> str:
    """Render results in a format listed in FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    module = importlib.import_module(f"{__name__}.fmt_{fmt}")
    ordered = sorted(results, key=lambda r: r.file)
    return module.render(ordered, pack, options or Options())


def counts(results: list[FileResult]) -> dict[str, int]:
    """Totals by severity (unjustified), justified deviations, and files that could not be loaded."""
    total = {"error": 0, "warning": 0, "info": 0, "justified": 0, "input_errors": 0, "files": len(results)}
    for r in results:
        if r.problems:
            total["input_errors"] += 1
        for f in r.findings:
            if f.justified:
                total["justified"] += 1
            else:
                total[f.severity.value] += 1
    return total
