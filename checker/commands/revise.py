"""`tebiki revise FILE --to EDITION`: the 見直しのポイント — what the strategy must change to meet a newer
edition (or the interim pack for a new national strategy), grouped and explained."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..cli import EXIT_FINDINGS, ConfigOption, EncodingOption, FailOnOption, LangOption, TodayOption, _config, _fail, _today, app
from ..load.errors import InputError


class ReviseFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def revise(
    file: str = typer.Argument(..., help="A strategy YAML file."),
    to: str = typer.Option(..., "--to", help="The edition to revise to, e.g. interim-2025-12 (or a pack folder)."),
    from_: Optional[str] = typer.Option(None, "--from", help="The edition it is judged by now (default: the edition in force for it)."),
    format: ReviseFormat = typer.Option(ReviseFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    config_path: ConfigOption = None,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """List the findings the strategy gets under --to and not now (or now only as info for a later requirement):
    what a revision must change, by area and rule, with why and how.  Exit 1 when a point reaches --fail-on."""
    from ..api import load_predecessor
    from ..fileio import emit, refuse_input
    from ..load import load
    from ..revise import revise as points_to_revise
    from ..revise.render import render

    try:
        config = _config(config_path, None, None, None, fail_on, lang, False)
        if (message := refuse_input(output, [file], "--output")) is not None:
            raise _fail(message)
        strategy = load(file, encoding=encoding)
        load_predecessor(strategy, encoding)
        result = points_to_revise(strategy, to, config=config, from_=from_, today=_today(today))
    except InputError as exc:
        raise _fail(str(exc))
    emit(render(format.value, result, config.lang), output, inputs=[file])
    if any(f.severity.at_least(config.fail_on) for p in result.points for f in p.findings):
        raise typer.Exit(EXIT_FINDINGS)
