"""`tebiki progress`: the yearly verification (効果検証).

    tebiki progress STRATEGY [PROGRESS...] --year FY [--format text|json|markdown|csv|html] [-o FILE]
    tebiki progress template STRATEGY [PROGRESS...] -o sheet.xlsx [--year FY]
    tebiki progress read sheet.xlsx -o progress/2025.yaml [--strategy STRATEGY]

The first form is the default (`tebiki progress sheet ...` says the same).  The library does the work
(`checker.progress`); openpyxl and Jinja2 are imported only by the forms that need them.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from typer.core import TyperGroup

from ..cli import (
    EXIT_ERROR, EXIT_FINDINGS, ConfigOption, EditionOption, EncodingOption, FailOnOption, LangOption, TodayOption,
    _config, _fail, _today, app,
)
from ..load.errors import InputError


class _SheetByDefault(TyperGroup):
    """`tebiki progress STRATEGY ...` runs the `sheet` subcommand (a first argument that names no subcommand)."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["sheet", *args]
        return super().parse_args(ctx, args)


progress_app = typer.Typer(
    cls=_SheetByDefault,
    no_args_is_help=True,
    help="The yearly verification (効果検証): the verification sheet of a fiscal year, and the Excel round trip.",
)
app.add_typer(progress_app, name="progress")


class SheetFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"


StrategyArgument = Annotated[str, typer.Argument(help="The strategy file.")]
ProgressArguments = Annotated[Optional[List[str]], typer.Argument(help="Progress files (default: the progress/ folder beside the strategy).")]
YearOption = typer.Option(None, "--year", "-y", help="The fiscal year: 2024, 令和6年度 or R6 (default: the latest recorded).")
SchemeOption = typer.Option(None, "--scheme", help="Grading scheme: a preset (standard, marks, a-d, three-levels, national-grant) or a scheme file.")


def _fiscal_year(value: Optional[str]) -> Optional[int]:
    if value is None:
        return None
    from ..years import YearError, parse_year

    try:
        return parse_year(int(value) if value.isdigit() else value).fy
    except (YearError, ValueError) as exc:
        raise _fail(f"--year: {exc}") from None


def _setup(config_path, edition, lang, fail_on, scheme):
    from ..api import get_pack
    from .. import progress  # noqa: F401

    try:
        config = _config(config_path, edition, None, None, fail_on, lang, False)
        if scheme:
            config.progress_scheme = scheme
        from ..progress.schemes import get_scheme

        get_scheme(config.progress_scheme, Path.cwd())
        return config, get_pack(config)
    except InputError as exc:
        raise _fail(str(exc))


@progress_app.command("sheet")
def sheet(
    strategy: StrategyArgument,
    files: ProgressArguments = None,
    year: Optional[str] = YearOption,
    format: SheetFormat = typer.Option(SheetFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the sheet to this file instead of standard output."),
    scheme: Optional[str] = SchemeOption,
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """The verification sheet (効果検証シート) of one fiscal year: each KPI's values, grade and how it was computed, by goal and measure, with the evaluations, decisions and points for the committee."""
    from .. import fileio
    from ..progress.report import progress_sheet

    config, pack = _setup(config_path, edition, lang, fail_on, scheme)
    inputs = [strategy, *(files or [])]
    if output is not None:
        fileio.check_output(output, option="--output", inputs=inputs)
    try:
        result = progress_sheet(strategy, files or None, year=_fiscal_year(year), config=config, pack=pack,
                                today=_today(today), encoding=encoding)
    except InputError as exc:
        raise _fail(str(exc))
    text = _render(result.sheet, format.value, config.lang)
    if isinstance(text, bytes):
        if output is None:
            sys.stdout.buffer.write(text)
            sys.stdout.flush()
        else:
            fileio.write_output(output, text, option="--output", inputs=inputs)
    else:
        fileio.emit(text, output, inputs=inputs)
    if any(not f.justified and f.severity.at_least(config.fail_on) for f in result.findings):
        raise typer.Exit(EXIT_FINDINGS)


def _render(sheet, fmt: str, lang: str):
    if fmt == "text":
        from ..progress.render_text import render_text

        return render_text(sheet, lang)
    if fmt == "markdown":
        from ..progress.render_text import render_markdown

        return render_markdown(sheet, lang)
    if fmt == "json":
        from ..progress.render_data import render_json

        return render_json(sheet, lang)
    if fmt == "csv":
        from ..progress.render_data import render_csv

        return render_csv(sheet, lang)
    from ..progress.page import progress_page

    return progress_page(sheet, lang)


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise _fail(f"{path}:1:1: the file exists; tebiki does not replace it unless you add --force")


@progress_app.command("template")
def template(
    strategy: StrategyArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).")],
    files: ProgressArguments = None,
    year: Optional[str] = typer.Option(None, "--year", "-y", help="The fiscal year to fill in (default: the last one that ended)."),
    scheme: Optional[str] = SchemeOption,
    force: bool = typer.Option(False, "--force", help="Replace the workbook if it exists."),
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """An Excel workbook to fill in a fiscal year's progress: every KPI with its baseline and target, cells for the actual values, and sheets for the evaluations, revisions and verification (with drop-down lists)."""
    from .. import fileio
    from ..clock import fiscal_year
    from ..progress.excel import make_template

    config, pack = _setup(config_path, edition, None, None, scheme)
    if output.suffix.lower() != ".xlsx":
        raise _fail(f"{output}:1:1: the workbook must be an .xlsx file")
    fileio.check_output(output, option="--output", inputs=[strategy, *(files or [])])
    _refuse_existing(output, force)
    fy = _fiscal_year(year) or fiscal_year(_today(today)) - 1
    try:
        data, rows = make_template(strategy, files or None, fy, config=config, pack=pack, encoding=encoding)
    except InputError as exc:
        raise _fail(str(exc))
    fileio.write_output(output, data, option="--output", inputs=[strategy, *(files or [])])
    print(f"wrote {output}: {rows} indicator row(s) for fiscal year {fy}", file=sys.stderr)


@progress_app.command("read")
def read(
    workbook: str = typer.Argument(..., help="A workbook made by tebiki progress template and filled in."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The progress file to write (default: standard output)."),
    strategy: Optional[str] = typer.Option(None, "--strategy", help="The strategy file (default: the one the workbook names)."),
    force: bool = typer.Option(False, "--force", help="Replace the progress file if it exists."),
    lang: LangOption = None,
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """Read a filled-in workbook back to a progress file (YAML), checking every cell; a bad cell is reported as book.xlsx:Sheet!C12 with exit code 2 and nothing is written."""
    from .. import fileio
    from ..progress.excel import read_back

    config, pack = _setup(config_path, edition, lang, None, None)
    if output is not None:
        fileio.check_output(output, option="--output", inputs=[workbook])
        _refuse_existing(output, force)
    try:
        text, findings = read_back(workbook, strategy, config=config, pack=pack, encoding=encoding, today=_today(today),
                                   output=str(output) if output else None)
    except InputError as exc:
        raise _fail(str(exc))
    fileio.emit(text, output, inputs=[workbook])
    if output is not None:
        print(f"wrote {output}", file=sys.stderr)
    from ..safetext import terminal

    for line in findings:
        print(terminal(line), file=sys.stderr)
