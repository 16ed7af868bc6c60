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
        except KeyboardInterrupt:  # SIGINT, or SIGTERM where a command turns it into this (clean-up done)
            print("interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_ERROR) from None


def _readable_help() -> None:
    """`--help` says what to write for each option: its metavar, else a plain word (TEXT, PATH, N,
    or the choices a|b) instead of the Python types typer shows (<str>, <list[str]>, <bool>); a
    flag and an argument (named in the first column) show nothing."""
    try:
        from typer.core import TyperArgument, TyperOption
    except ImportError:  # pragma: no cover - another typer layout: its default display stays
        return
    words = {"<str>": "TEXT", "<path>": "PATH", "<int>": "N", "<list[str]>": "TEXT", "<float>": "NUMBER"}

    def option_display(self, ctx):
        if self.metavar is not None:
            return self.metavar
        if getattr(self, "is_flag", False):
            return None
        shown = self.display_type(ctx)
        return words.get(shown, shown.strip("<>") if shown else shown)

    TyperOption.display_type_rich = option_display
    TyperArgument.display_type_rich = lambda self, ctx: None


_readable_help()

app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Check local strategies (地方版総合戦略) against the 手引き (令和4年12月版).",
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"tebiki-checker {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", metavar="", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Check local strategies (地方版総合戦略) against the 手引き (令和4年12月版)."""


class Lang(str, Enum):
    ja = "ja"
    en = "en"


class Level(str, Enum):
    """The values of `checker.engine.finding.Severity`, kept here so that reading the command
    line does not import the engine (and pydantic) for `--help` or `--version`."""

    error = "error"
    warning = "warning"
    info = "info"


def _today(value: Optional[str]):
    """--today as a date (None: the date in Japan when the rules run); a bad date is one line, exit 2."""
    if value is None or not isinstance(value, str):
        return value
    from .clock import parse

    try:
        return parse(value)
    except ValueError as exc:
        raise _fail(f"--today: {exc}") from None


def _encoding(value: Optional[str]) -> Optional[str]:
    """--encoding must name a text encoding (not rot13, base64, zlib ...): one line, exit 2 otherwise."""
    if value is not None:
        from .load.source import check_encoding

        try:
            check_encoding(value)
        except InputError as exc:
            raise _fail(f"--encoding: {exc.problems[0].message}") from None
    return value


def choice(*names: str):
    """A callback accepting one of `names`; anything else is a usage error that lists them."""

    def check(value):
        if value is None or value in names:
            return value
        raise typer.BadParameter(f"'{value}' is not one of: {', '.join(names)}")

    return check


LANGS = tuple(m.value for m in Lang)
LEVELS = tuple(m.value for m in Level)

# Options that check, report and audit share (export shares some), declared once.  Each has a
# metavar that says what to write (a flag has none), and choices are checked by `choice`.
LangOption = Annotated[Optional[str], typer.Option(
    "--lang", metavar="ja|en", callback=choice(*LANGS), help="Language of messages, labels and file headers (default ja).")]
FailOnOption = Annotated[Optional[str], typer.Option(
    "--fail-on", metavar="|".join(LEVELS), callback=choice(*LEVELS), help="Lowest severity that makes the run fail (default error).")]
SelectOption = Annotated[Optional[List[str]], typer.Option(
    "--select", metavar="RULES", help="Run only these rules: codes (OL07), code prefixes (OL), names, 手引き sections (4-2) or areas, comma-separated; may be repeated.")]
IgnoreOption = Annotated[Optional[List[str]], typer.Option(
    "--ignore", metavar="RULES", help="Skip these rules (written as for --select).")]
ConfigOption = Annotated[Optional[Path], typer.Option(
    "--config", metavar="FILE", help="Config file (default: the nearest tebiki.toml, or pyproject.toml with a tool.tebiki table).")]
EditionOption = Annotated[Optional[str], typer.Option(
    "--edition", metavar="EDITION", help="Rule pack edition (default tebiki-2022-12) or a pack folder.")]
NoDeviationsOption = Annotated[bool, typer.Option(
    "--no-deviations", metavar="", help="Ignore deviation records: show everything as it would be without them.")]
TodayOption = Annotated[Optional[str], typer.Option(
    "--today", metavar="YYYY-MM-DD", callback=_today,
    help="The date taken as today (default: today's date in Japan, JST), e.g. for deviations' expiry.")]
EncodingOption = Annotated[Optional[str], typer.Option(
    "--encoding", metavar="ENCODING", callback=_encoding, help="Input encoding, e.g. cp932 for Shift_JIS files (default UTF-8).")]


def _formats() -> list[str]:
    import pkgutil

    from . import report

    return sorted(m.name[4:] for m in pkgutil.iter_modules(report.__path__) if m.name.startswith("fmt_"))


FORMATS = tuple(_formats())
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


def _some_files(args: list[str], paths: list[str]) -> None:
    """A folder argument with no strategy file in it is a usage error (a CI job pointed at the
    wrong folder must not pass green)."""
    for arg in args:
        if os.path.isdir(arg):
            root = os.path.join(os.path.normpath(arg), "")
            if not any(os.path.normpath(p).startswith(root) or os.path.abspath(p).startswith(os.path.abspath(root)) for p in paths):
                from .safetext import terminal

                raise _fail(f"{terminal(arg)}:1:1: no strategy files (*.yaml, *.yml) in this folder")


def _at_least(results, level: str):
    """The results with findings below `level` removed, and how many were removed by severity."""
    from .engine.finding import Severity

    threshold = Severity(level)
    hidden = {"warning": 0, "info": 0}
    if threshold is Severity.info:
        return results, hidden
    for r in results:
        kept = [f for f in r.findings if f.severity.at_least(threshold)]
        for f in r.findings:
            if not f.severity.at_least(threshold) and not f.justified:
                hidden[f.severity.value] += 1
        r.findings = kept
    return results, hidden


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

        config.fail_on = Severity(getattr(fail_on, "value", fail_on))
    if lang:
        config.lang = getattr(lang, "value", lang)
    from_cli = {s: "--select" for item in select or () for s in item.split(",") if s}
    from_cli.update({s: "--ignore" for item in ignore or () for s in item.split(",") if s})
    config.given = from_cli
    if no_deviations:
        config.deviations = False
    return config



@app.command()
def check(
    files: List[str] = typer.Argument(..., metavar="PATH", help="Strategy YAML files, folders (searched for *.yaml, *.yml) or globs; progress files among them are read with their strategy."),
    format: str = typer.Option("text", "--format", "-f", metavar="|".join(FORMATS), callback=choice(*FORMATS), show_default=False,
                               help="Output format (default text)."),
    lang: LangOption = None,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config_path: ConfigOption = None,
    edition: EditionOption = None,
    no_deviations: NoDeviationsOption = False,
    encoding: EncodingOption = None,
    today: TodayOption = None,
    min_severity: Optional[str] = typer.Option(
        None, "--min-severity", metavar="|".join(LEVELS), callback=choice(*LEVELS),
        help="Show only findings at this severity or above, e.g. warning to hide info (default info; also min-severity in the config)."),
    concise: bool = typer.Option(False, "--concise", metavar="", help="Print each finding on one line, without its node and fix."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to this file instead of standard output."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE", help="Report and fail only on findings not in this baseline file (docs/ci.md)."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", metavar="FILE", help="Write the current findings to this baseline file; the run then passes."),
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
    _some_files(files, paths)
    for target, option in ((output, "--output"), (write_baseline, "--write-baseline")):
        if target is not None:
            fileio.check_output(target, option=option, inputs=paths)
    day = _today(today)
    from .api import FileResult
    from .load.messages import problem_text
    from .progress.attach import gather

    paths, progress, unmatched = gather(paths, config, encoding)
    results = [check_file(p, config=config, pack=pack, encoding=encoding, today=day, progress=progress) for p in paths]
    results += [FileResult(file=p.file, problems=[p]) for p in unmatched]

    for r in results:
        for problem in r.problems:
            print(problem_text(problem, config.lang), file=sys.stderr)
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
    results, hidden = _at_least(results, min_severity or config.min_severity.value)
    color = format == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = Options(lang=config.lang, fail_on=config.fail_on, concise=concise, color=color, rules=ran, baseline=outcome,
                      today=day, hidden=hidden)
    emit(render(format, results, pack, options), output, inputs=paths)
    if format != "text" or output is not None:  # the counts, where a person reading the log sees them
        print(summary_line(results, config.lang, hidden), file=sys.stderr)
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


@app.command(hidden=True)
def docs(
    out: Path = typer.Option(Path("docs"), "--out", help="The docs folder to write into."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Rule pack edition."),
) -> None:
    """Regenerate the rule pages, the rule index and the traceability matrix from the pack."""
    from .ruledoc import write_docs

    for path in write_docs(_pack(edition), out):
        print(f"wrote {path}")


def _register_commands(argv: list[str] | None = None) -> None:
    """Import checker/commands/*: each module adds its commands to `app` (heavy imports stay inside them).

    When the process runs one of the commands defined here (`tebiki check ...`, the one CI runs
    on every commit), the other command modules are not imported: that is part of a fast start.
    Anything else (`--help`, another command, a typo, the library) imports them all."""
    here = {info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands}
    words = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-")]
    if words and words[0] in here and os.path.basename(sys.argv[0]) in ("tebiki", "__main__.py"):
        return
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
    # A full collection walks every object alive; a run's objects (the strategy, its graph, the
    # findings, the report) form no cycles to collect, and on a large strategy the full
    # collections that their allocations trigger took about a third of the time at 30,000 KPIs and
    # grew faster than the strategy (bench sizes).  They run a tenth as often; the young
    # generations, which collect what cycles there are, as before.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)
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
