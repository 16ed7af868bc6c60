"""GitHub Actions annotations: one workflow command per finding, shown on the pull request's lines.

    ::error file=strategies/a.yaml,line=22,col=13,title=OL07 measure-without-kpi (手引き 4-2)::message%0Afix: ...

Levels: error → `::error`, warning → `::warning`, info → `::notice`.  Justified
deviations are not annotated (they are accepted outcomes, listed by the other
formats).  Files that could not be loaded are `::error` annotations at the
problem's line.  The summary line goes to standard error (printed by the CLI).

Escaping follows the Actions toolkit (`@actions/core`, command.ts): in the
message `%`, CR and LF become `%25`, `%0D`, `%0A`; in property values `:` and
`,` also become `%3A` and `%2C`.
"""

from __future__ import annotations

from ..api import FileResult
from ..engine.finding import Severity
from ..engine.pack import Pack
from . import Options

COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """A workflow command line: ``::name key=value,...::message``."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    lang = "en" if options.lang == "en" else "ja"
    fix_label = "fix" if lang == "en" else "対応"
    lines: list[str] = []
    for result in results:
        for p in result.problems:
            lines.append(command("error", p.message, file=p.file, line=p.line, col=p.col, title="tebiki: input error"))
        for f in result.findings:
            if f.justified:
                continue
            message = f.message.get(lang)
            rule = pack.by_code.get(f.code)
            if rule is not None:
                message += f"\n{fix_label}: {getattr(rule.fix, lang)}"
            title = f"{f.code} {f.name} (手引き {', '.join(f.sections)}; {f.basis.label(lang)})"
            lines.append(command(COMMANDS[f.severity], message, file=f.file, line=f.line, col=f.col, title=title))
    return "".join(line + "\n" for line in lines)
