"""`tebiki report FILE --out FILE.html`: one strategy as a self-contained HTML page."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..cli import (
    EXIT_ERROR, EXIT_FINDINGS, ConfigOption, EditionOption, EncodingOption, FailOnOption, IgnoreOption, LangOption,
    SelectOption, TodayOption, _config, app,
)
from ..load.errors import InputError


@app.command()
def report(
    file: str = typer.Argument(..., help="A strategy YAML file."),
    out: Path = typer.Option(..., "--out", "-o", help="The HTML file to write."),
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """Write one strategy's report as a single self-contained HTML file (tree, findings at their nodes, summary by area)."""
    from ..api import check_file, get_pack
    from ..config import validate_selectors
    from ..fileio import check_output, write_output
    from ..html import strategy_page

    try:
        config = _config(config_path, edition, select, ignore, fail_on, lang, False)
        pack = get_pack(config)
        validate_selectors(config, pack)
    except InputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    check_output(out, option="--out", inputs=[file])
    result = check_file(file, config=config, pack=pack, encoding=encoding, today=today)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    write_output(out, strategy_page(result.strategy, result.findings, pack, config.lang), option="--out", inputs=[file])
    if result.failing(config.fail_on):
        raise typer.Exit(EXIT_FINDINGS)
