"""`tebiki report FILE --out FILE.html`: one strategy as a self-contained HTML page."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..cli import (
    EXIT_ERROR, EXIT_FINDINGS, ConfigOption, EditionOption, EncodingOption, FailOnOption, IgnoreOption, LangOption,
    SelectOption, TodayOption, _config, _today, app,
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
    day = _today(today)
    result = check_file(file, config=config, pack=pack, encoding=encoding, today=day)
    if result.problems:
        from ..load.messages import problem_text

        for problem in result.problems:
            print(problem_text(problem, config.lang), file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    from ..html.templating import RunRecord

    record = RunRecord.now([file], pack, config.fail_on, date=day)
    write_output(out, strategy_page(result.strategy, result.findings, pack, config.lang, fail_on=config.fail_on, record=record),
                 option="--out", inputs=[file])
    from ..report.fmt_text import summary_line

    print(wrote_line(out, config.lang), file=sys.stderr)
    print(summary_line([result], config.lang), file=sys.stderr)
    if result.failing(config.fail_on):
        raise typer.Exit(EXIT_FINDINGS)


def wrote_line(path, lang: str) -> str:
    """'wrote PATH' in the language of --lang."""
    return f"{path} を書き出しました" if lang != "en" else f"wrote {path}"
