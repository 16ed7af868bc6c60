"""The command line: parses arguments, calls the library, prints what it returns.

Exit codes: 0 nothing at or above the failure threshold; 1 findings at or
above it; 2 usage or input error (a file that cannot be loaded, a bad config).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from typer.core import TyperGroup

from . import fileio
from .fileio import OutputError, emit
from .load.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Commands(TyperGroup):
    """Runs each command as one run of the tool: the inputs it reads are tracked from the start
    (outputs refuse them, checker.fileio), and an unwritable output or an input error that a
    command did not handle itself becomes its one line and exit code 2, for every command."""

    def invoke(self, ctx):
        fileio.begin_run()
        try:
            return super().invoke(ctx)
        except (OutputError, InputError) as exc:
            print(exc, file=sys.stderr)
            raise typer.Exit(EXIT_ERROR) from None


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Check local strategies (地方版総合戦略) against the 手引き (令和4年12月版).",
)


class Lang(str, Enum):
    ja = "ja"
    en = "en"


class Level(str, Enum):
    """The values of `checker.engine.finding.Severity`, kept here so that reading the command
    line does not import the engine (and pydantic) for `--help` or `--version`."""

    error = "error"
    warning = "warning"
    info = "info"


# Options that check, report and audit share (export shares some), declared once.
LangOption = Annotated[Optional[Lang], typer.Option("--lang", help="Language of messages and labels (default ja).")]
FailOnOption = Annotated[Optional[Level], typer.Option("--fail-on", help="Lowest severity that makes the run fail (default error).")]
SelectOption = Annotated[Optional[List[str]], typer.Option("--select", help="Rules to run: codes, prefixes, names, sections, areas (comma-separated).")]
IgnoreOption = Annotated[Optional[List[str]], typer.Option("--ignore", help="Rules to skip, same selectors as --select.")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Config file (default: nearest tebiki.toml or pyproject.toml [tool.tebiki]).")]
EditionOption = Annotated[Optional[str], typer.Option("--edition", help="Rule pack edition (default tebiki-2022-12) or a pack directory.")]
NoDeviationsOption = Annotated[bool, typer.Option("--no-deviations", help="Ignore deviation records: show everything as it would be without them.")]
TodayOption = Annotated[Optional[str], typer.Option(
    "--today", help="The date taken as today, YYYY-MM-DD (default: today's date in Japan, JST), e.g. for deviations' expiry.")]
EncodingOption = Annotated[Optional[str], typer.Option("--encoding", help="Input encoding, e.g. cp932 for Shift_JIS files (default UTF-8).")]


def _formats() -> list[str]:
    import pkgutil

    from . import report

    return sorted(m.name[4:] for m in pkgutil.iter_modules(report.__path__) if m.name.startswith("fmt_"))


OutputFormat = Enum("OutputFormat", {name: name for name in _formats()}, type=str)
"""The output formats: one ``checker/report/fmt_<name>.py`` module each."""


def _fail(message: str) -> typer.Exit:
    print(message, file=sys.stderr)
    return typer.Exit(EXIT_ERROR)


def _expand(paths: list[str]) -> list[str]:
    """Files, directories (their *.yaml / *.yml, recursively) and globs, sorted, without repeats
    (checker.paths); a pattern that matches nothing or a name that is not UTF-8 is a usage error."""
    from .paths import expand
    from .safetext import terminal

    files, problems, unmatched = expand(paths)
    if unmatched:
        raise _fail(f"{terminal(unmatched[0])}:1:1: no file matches this pattern")
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    return files


def _today(value: Optional[str]):
    """The --today option as a date (None: the date in Japan when the rules run); a bad date is a usage error."""
    if value is None:
        return None
    from .clock import parse

    try:
        return parse(value)
    except ValueError as exc:
        raise _fail(f"--today: {exc}") from None


def _config(config_path: Optional[Path], edition, select, ignore, fail_on, lang, no_deviations):
    from .config import Config, find_config, load_config

    path = config_path or find_config(Path.cwd())
    config = load_config(path) if path else Config()
    if edition:
        config.edition = edition
    if select:
        config.select = [s for item in select for s in item.split(",") if s]
    if ignore:
        config.ignore = config.ignore + [s for item in ignore for s in item.split(",") if s]
    if fail_on:
        from .engine.finding import Severity

        config.fail_on = Severity(fail_on.value)
    if lang:
        config.lang = lang.value
    if no_deviations:
        config.deviations = False
    return config



@app.command()
def check(
    files: List[str] = typer.Argument(..., help="Strategy YAML files, directories or globs (progress files among them are read with their strategy)."),
    format: OutputFormat = typer.Option("text", "--format", "-f", help="Output format."),
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    no_deviations: NoDeviationsOption = False,
    encoding: EncodingOption = None,
    today: TodayOption = None,
    concise: bool = typer.Option(False, "--concise", help="One line per finding."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of standard output."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report and fail only on findings not in this baseline file (docs/ci.md)."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Write the current findings to this baseline file; the run then passes."),
) -> None:
    """Load, validate and check strategy files against the rule pack."""
    from .api import check_file, get_pack
    from .baseline import apply_baseline, describe, load_baseline, write_baseline as save_baseline
    from .config import validate_selectors
    from .report import Options, render
    from .report.fmt_text import summary_line

    try:
        config = _config(config_path, edition, select, ignore, fail_on, lang, no_deviations)
        pack = get_pack(config)
        validate_selectors(config, pack)
        known = load_baseline(baseline) if baseline is not None and write_baseline is None else None
    except InputError as exc:
        raise _fail(str(exc))
    paths = _expand(files)
    for target, option in ((output, "--output"), (write_baseline, "--write-baseline")):
        if target is not None:
            fileio.check_output(target, option=option, inputs=paths)
    day = _today(today)
    from .api import FileResult
    from .progress.attach import gather

    paths, progress, unmatched = gather(paths, config, encoding)
    results = [check_file(p, config=config, pack=pack, encoding=encoding, today=day, progress=progress) for p in paths]
    results += [FileResult(file=p.file, problems=[p]) for p in unmatched]
    for r in results:
        for problem in r.problems:
            print(problem, file=sys.stderr)
    ran = tuple(r.code for r in config.enabled(pack))
    outcome = None
    if write_baseline is not None:
        try:
            accepted = save_baseline(write_baseline, results, pack.edition)
            print(f"wrote {write_baseline}: {accepted} finding(s) accepted", file=sys.stderr)
        except InputError as exc:
            print(exc, file=sys.stderr)
    elif known is not None:
        results, outcome = apply_baseline(results, known, set(ran))
    color = format.value == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = Options(lang=config.lang, fail_on=config.fail_on, concise=concise, color=color, rules=ran, baseline=outcome)
    emit(render(format.value, results, pack, options), output, inputs=paths)
    if format.value != "text" or output is not None:  # the counts, where a person reading the log sees them
        print(summary_line(results, config.lang), file=sys.stderr)
        if outcome is not None:
            print(describe(outcome, config.lang)[0], file=sys.stderr)
    if any(r.problems for r in results):
        raise typer.Exit(EXIT_ERROR)
    if write_baseline is None and any(r.failing(config.fail_on) for r in results):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the schema to this file."),
    progress: bool = typer.Option(False, "--progress", help="The schema of progress files (progress/2024.yaml) instead."),
) -> None:
    """Print the JSON Schema of the strategy file format (for editors and validators)."""
    from .schema import schema_json

    emit(schema_json(progress), output)


def _pack(edition: Optional[str]):
    from .api import get_pack
    from .config import Config

    try:
        return get_pack(Config(edition=edition))
    except InputError as exc:
        raise _fail(str(exc))


@app.command("rules")
def list_rules(
    format: OutputFormat = typer.Option("text", "--format", "-f", help="text or json."),
    lang: Lang = typer.Option(Lang.ja, "--lang", help="Language of the titles."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Rule pack edition."),
) -> None:
    """List the rules of the pack: code, name, severity, 手引き sections, title."""
    import json

    pack = _pack(edition)
    if format.value == "json":
        data = [
            {
                "code": r.code, "name": r.name, "area": r.area.value, "sections": r.sections, "severity": r.severity.value,
                "wording": r.wording.value, "applies_to": r.applies_to.value, "title": {"ja": r.title.ja, "en": r.title.en},
                "deviable": r.deviable, "introduced": r.introduced,
            }
            for r in pack.rules
        ]
        emit(json.dumps({"edition": pack.edition, "rules": data}, ensure_ascii=False, indent=2) + "\n", None)
        return
    width = max(len(r.name) for r in pack.rules)
    lines = [f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {','.join(r.sections):<9}  {getattr(r.title, lang.value)}" for r in pack.rules]
    emit("\n".join(lines) + "\n", None)


@app.command()
def explain(
    code: str = typer.Argument(..., help="Rule code or name, e.g. OL07 or measure-without-kpi."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Rule pack edition."),
) -> None:
    """Print a rule's documentation: what it checks, why (手引き section), how to fix, examples."""
    from .ruledoc import rule_markdown

    pack = _pack(edition)
    rule = pack.rule(code)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(code.upper(), list(pack.by_code), n=1) or difflib.get_close_matches(code, list(pack.by_name), n=1)
        raise _fail(f"no rule '{code}' in {pack.edition}" + (f"; did you mean {close[0]}?" if close else ""))
    emit(rule_markdown(rule, pack), None)


@app.command(hidden=True)
def docs(
    out: Path = typer.Option(Path("docs"), "--out", help="The docs folder to write into."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Rule pack edition."),
) -> None:
    """Regenerate the rule pages, the rule index and the traceability matrix from the pack."""
    from .ruledoc import write_docs

    for path in write_docs(_pack(edition), out):
        print(f"wrote {path}")


def _register_commands() -> None:
    """Import checker/commands/*: each module adds its commands to `app` (heavy imports stay inside them)."""
    import importlib
    import pkgutil

    from . import commands

    for module in sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")):
        importlib.import_module(f"{commands.__name__}.{module}")


_register_commands()


def main() -> None:
    """Console-script entry point: never a traceback, always exit 0, 1 or 2."""
    import gc

    # Everything imported so far lives as long as the process: keep the cyclic garbage
    # collector from walking it again (a full collection of the pydantic schemas and the
    # libraries costs 10-20 ms, and the first file's parse would trigger one).
    gc.freeze()
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: say so in one line, never dump a traceback on a user
        print(f"tebiki: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        sys.exit(EXIT_ERROR)
