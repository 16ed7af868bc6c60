"""`tebiki audit DIR --out OUTDIR [--prefecture FILE]`: a prefecture's audit of its municipalities' strategies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..cli import (
    EXIT_ERROR, EXIT_FINDINGS, ConfigOption, EditionOption, EncodingOption, FailOnOption, LangOption, NoDeviationsOption,
    TodayOption, _config, app,
)
from ..load.errors import InputError


def _jobs(value: Optional[int]) -> Optional[int]:
    if value is not None and value < 1:
        print(f"--jobs: {value} worker processes; give at least 1 (or leave it out for one per core)", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    return value


@app.command()
def audit(
    directory: Path = typer.Argument(..., help="The folder of strategy files (*.yaml, *.yml; searched recursively)."),
    out: Path = typer.Option(..., "--out", "-o", help="The folder to write audit.csv, audit.json and index.html into."),
    prefecture: Optional[str] = typer.Option(None, "--prefecture", help="The prefecture's strategy (default: the file with body.level: prefecture)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", callback=_jobs, help="Worker processes (default: the available cores)."),
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    select: Optional[list[str]] = typer.Option(None, "--select", help="Rules to run, XP codes included (as for check)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Rules to skip, XP codes included (as for check)."),
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    no_deviations: NoDeviationsOption = False,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """Check every strategy of a folder in parallel; write per-body aggregates (CSV, JSON) and an HTML report, cross-checked with the prefecture's strategy."""
    from ..audit import UsageError, run_audit
    from ..config import validate_selectors
    from ..api import get_pack

    from types import SimpleNamespace

    from ..audit.crosscheck import records

    try:
        config = _config(config_path, edition, select, ignore, fail_on, lang, no_deviations)
        pack = get_pack(config)
        # selectors may name the cross-check's XP codes as well as the pack's rules
        validate_selectors(config, SimpleNamespace(rules=[*pack.rules, *records()], edition=pack.edition))
    except InputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    try:
        result = run_audit(directory, out, prefecture=prefecture, config=config, jobs=jobs, encoding=encoding,
                           today=today)
    except (UsageError, InputError) as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    for path in result.paths:
        print(f"wrote {path}", file=sys.stderr)
    if result.problems:
        raise typer.Exit(EXIT_ERROR)
    if result.failing:
        raise typer.Exit(EXIT_FINDINGS)
