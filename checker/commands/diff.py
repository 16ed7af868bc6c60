"""`tebiki diff OLD NEW`: what changed between two versions of a strategy (a 新旧対照表), what the
revision did to the findings, and the revision checks (RV01–RV03)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..cli import (
    EXIT_ERROR, EXIT_FINDINGS, ConfigOption, EditionOption, EncodingOption, FailOnOption, LangOption, TodayOption,
    _config, _fail, _today, app,
)
from ..load.errors import InputError


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


@app.command()
def diff(
    old: str = typer.Argument(..., help="The version before the revision (strategy YAML)."),
    new: str = typer.Argument(..., help="The version after the revision (strategy YAML)."),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """Compare two versions of a strategy: a 新旧対照表 grouped by the strategy's chapters, the findings the
    revision resolved and introduced, and KPI revisions without a recorded reason.  Exit 1 when a revision
    or introduced finding is at or above --fail-on."""
    from ..diff.render import render
    from ..diff.run import diff_files
    from ..fileio import emit, refuse_input

    try:
        config = _config(config_path, edition, None, None, fail_on, lang, False)
        if (message := refuse_input(output, [old, new], "--output")) is not None:
            raise _fail(message)
        result = diff_files(old, new, config=config, encoding=encoding, today=_today(today))
    except InputError as exc:
        raise _fail(str(exc))
    text = render(format.value, result, config.lang)
    if format is DiffFormat.csv and output is not None:
        text = "\ufeff" + text  # Excel on Japanese Windows reads UTF-8 only with a BOM
    emit(text, output, inputs=[old, new])
    if format is not DiffFormat.text or output is not None:
        from ..diff.words import words

        print(words(config.lang)["summary"].format(**result.counts()), file=sys.stderr)
    if result.failing(config.fail_on):
        raise typer.Exit(EXIT_FINDINGS)


_ = EXIT_ERROR  # exit 2 comes from _fail
