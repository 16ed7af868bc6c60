"""`tebiki audit DIR --out OUTDIR [--prefecture FILE]`: a prefecture's audit of its municipalities' strategies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..cli import (
    EXIT_ERROR, EXIT_FINDINGS, ConfigOption, EditionOption, EncodingOption, FailOnOption, LangOption, NoDeviationsOption,
    TodayOption, _config, _today, app,
)
from ..load.errors import InputError


@app.command()
def audit(
    directory: Path = typer.Argument(..., metavar="FOLDER", help="The folder of strategy files (*.yaml, *.yml; searched recursively)."),
    out: Path = typer.Option(..., "--out", "-o", metavar="FOLDER",
                             help="A new or empty folder for index.html, each body's page (bodies/), audit.csv, audit-findings.csv, audit.xlsx and audit.json."),
    prefecture: Optional[str] = typer.Option(None, "--prefecture", metavar="FILE", help="The prefecture's strategy (default: the file with body.level: prefecture)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", help="Worker processes (default: the available cores)."),
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="RULES", help="Run only these rules, XP codes included (as for check)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Skip these rules, XP codes included (as for check)."),
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    no_deviations: NoDeviationsOption = False,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """Audit a folder of strategies: check them in parallel, cross-check them with the prefecture's strategy, print a summary and write an HTML overview with each body's report, CSV, Excel and JSON files."""
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
                           today=_today(today))
    except (UsageError, InputError) as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    from ..audit.summary import print_summary, wrote

    from ..load.messages import problem_text

    for problem in result.problems:
        print(problem_text(problem, config.lang), file=sys.stderr)
    print_summary(result, config.lang, config.fail_on.value)
    for line in wrote(result, config.lang):
        print(line, file=sys.stderr)
    if result.problems:
        raise typer.Exit(EXIT_ERROR)
    if result.failing:
        raise typer.Exit(EXIT_FINDINGS)
