"""The audit's summary in the terminal: the bodies that need attention first, the totals, and
where the files are.  Drawn with rich (a table that fits the terminal, CJK widths counted);
plain text without colour when standard output is not a terminal."""

from __future__ import annotations

import sys

from ..safetext import terminal
from .columns import value_label

_W = {
    "title": ("監査の結果（重い指摘の多い団体から {n} 件）", "Audit results (the {n} bodies with the most serious findings first)"),
    "body": ("団体", "Body"), "type": ("種別", "Type"), "verdict": ("判定", "Verdict"),
    "error": ("エラー", "Errors"), "warning": ("警告", "Warnings"), "info": ("情報", "Info"), "crosscheck": ("突合", "XP"),
    "more": ("ほか {n} 団体（全体は index.html と audit.csv に）", "{n} more bodies (all of them in index.html and audit.csv)"),
    "totals": ("{files} 団体: 不合格 {failing}、エラー {error} 件、警告 {warning} 件、情報 {info} 件、理由のある逸脱 {justified} 件、読み込めないファイル {input_errors} 件（--fail-on {fail_on}）",
               "{files} bodies: {failing} failing, {error} error(s), {warning} warning(s), {info} info, {justified} justified, {input_errors} unreadable file(s) (--fail-on {fail_on})"),
    "open": ("ブラウザで開く: {path}", "Open in a browser: {path}"),
    "wrote": ("{path} を書き出しました", "wrote {path}"),
    "pages": ("{path} に団体ごとの報告書 {n} 件を書き出しました", "wrote {n} bodies' reports into {path}"),
}


def _t(key: str, lang: str, **values) -> str:
    ja, en = _W[key]
    return (en if lang == "en" else ja).format(**values)


def print_summary(result, lang: str, fail_on: str, limit: int = 15, file=None) -> None:
    """Print the worst `limit` bodies as a table, the totals, and the index's path."""
    from rich.console import Console
    from rich.table import Table
    from rich import box

    from .html import _score

    out = file or sys.stdout
    console = Console(file=out, highlight=False, soft_wrap=False)
    rows = sorted(result.rows, key=_score)
    shown = rows[:limit]
    table = Table(title=_t("title", lang, n=len(shown)), box=box.SIMPLE_HEAD, title_justify="left")
    for key in ("body", "type", "verdict", "error", "warning", "info", "crosscheck"):
        table.add_column(_t(key, lang), justify="right" if key in ("error", "warning", "info", "crosscheck") else "left")
    for r in shown:
        verdict = value_label("verdict", r.get("verdict"), lang)
        if r.get("status") != "ok":
            verdict = value_label("status", "input-error", lang)
        table.add_row(terminal(r.get("name") or r["file"]), value_label("type", r.get("type"), lang),
                      ("✖ " if r.get("verdict") == "fail" else "✓ ") + verdict,
                      *(str(r.get(k) or 0) for k in ("error", "warning", "info", "crosscheck")))
    console.print(table)
    if len(rows) > limit:
        console.print(_t("more", lang, n=len(rows) - limit), soft_wrap=True)
    totals = {k: sum(r.get(k) or 0 for r in result.rows) for k in ("error", "warning", "info", "justified")}
    failing = sum(1 for r in result.rows if r.get("verdict") == "fail")
    errors = sum(1 for r in result.rows if r.get("status") != "ok")
    console.print(_t("totals", lang, files=len(result.rows), failing=failing, input_errors=errors, fail_on=fail_on, **totals),
                  soft_wrap=True)
    console.print(_t("open", lang, path=terminal(result.out / "index.html")), soft_wrap=True)


def wrote(result, lang: str) -> list[str]:
    """'wrote PATH' lines in the language, the folder of the bodies' pages last."""
    from .outputs import PAGES

    pages = sum(1 for r in result.rows if r.get("status") == "ok")
    return [_t("wrote", lang, path=terminal(p)) for p in result.paths] + [
        _t("pages", lang, path=terminal(result.out / PAGES), n=pages)]
