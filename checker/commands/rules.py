"""`tebiki rules` (the rules of a pack) and `tebiki explain CODE` (one rule, explained)."""

from __future__ import annotations

from typing import Optional

import typer

from ..cli import LANGS, _fail, _pack, app, choice
from ..fileio import emit


def _format_option(*names: str, help: str):
    return typer.Option(names[0], "--format", "-f", metavar="|".join(names), callback=choice(*names), show_default=False, help=help)


def _lang_option(help: str):
    return typer.Option("ja", "--lang", metavar="ja|en", callback=choice(*LANGS), show_default=False, help=help)


def _edition_option():
    return typer.Option(None, "--edition", metavar="EDITION", help="Rule pack edition.")


@app.command("rules")
def list_rules(
    format: str = _format_option("text", "json", help="text (one line per rule) or json (default text)."),
    lang: str = _lang_option("Language of the titles (default ja)."),
    edition: Optional[str] = _edition_option(),
) -> None:
    """List the rules of the pack: code, name, severity, 手引き sections, title."""
    import json

    pack = _pack(edition)
    if format == "json":
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
    lines = [f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {','.join(r.sections):<9}  {getattr(r.title, lang)}" for r in pack.rules]
    emit("\n".join(lines) + "\n", None)


@app.command()
def explain(
    code: str = typer.Argument(..., metavar="RULE", help="Rule code or name, e.g. OL07 or measure-without-kpi."),
    format: str = _format_option("text", "markdown", help="text for the terminal, or markdown (the page in docs/rules/) (default text)."),
    lang: str = _lang_option("Language of the text format (default ja)."),
    edition: Optional[str] = _edition_option(),
) -> None:
    """Explain a rule: what it checks, why (手引き section), how to fix, examples."""
    pack = _pack(edition)
    rule = pack.rule(code)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(code.upper(), list(pack.by_code), n=1) or difflib.get_close_matches(code, list(pack.by_name), n=1)
        raise _fail(f"no rule '{code}' in {pack.edition}" + (f"; did you mean {close[0]}?" if close else ""))
    if format == "markdown":
        from ..ruledoc import rule_markdown

        emit(rule_markdown(rule, pack), None)
        return
    from ..ruletext import rule_text

    emit(rule_text(rule, pack, lang), None)
