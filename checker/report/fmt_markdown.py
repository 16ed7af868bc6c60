"""A Markdown summary for a pull-request comment or a job summary ($GITHUB_STEP_SUMMARY).

Counts first (with the verdict against `--fail-on`), then a table of files,
then the findings of each file in a table (line, severity, rule, 手引き
sections, basis, message, fix), then files that could not be loaded, then justified
deviations apart in a collapsed section, and what a baseline hid.
Deterministic; text from the strategy is escaped so it cannot break the tables
or inject HTML.  `--concise` keeps only the verdict, counts and the table of
files, for strategies whose findings would exceed a comment's size limit.
"""

from __future__ import annotations

from ..api import FileResult
from ..engine.finding import Finding
from ..engine.pack import Pack
from ..safetext import html_text
from . import Options, counts, edition_lines

_WORDS = {
    "ja": {
        "title": "tebiki-checker: {edition}",
        "pass": "✓ 合格（--fail-on {fail_on}）",
        "fail": "✖ 不合格（--fail-on {fail_on}）",
        "counts": "エラー {error} 件、警告 {warning} 件、情報 {info} 件、正当化された逸脱 {justified} 件（{files} ファイル）",
        "input": "、読み込めないファイル {input_errors} 件",
        "files": "ファイル別",
        "file": "ファイル",
        "error": "エラー",
        "warning": "警告",
        "info": "情報",
        "justified": "逸脱",
        "findings": "指摘",
        "line": "行",
        "severity": "重大度",
        "rule": "規則",
        "section": "手引き",
        "basis": "根拠",
        "message": "内容",
        "fix": "対応",
        "none": "指摘はありません。",
        "problems": "読み込めないファイル",
        "deviations": "正当化された逸脱 ({n} 件)",
        "reason": "理由",
        "baseline": "ベースライン",
    },
    "en": {
        "title": "tebiki-checker: {edition}",
        "pass": "✓ Passed (--fail-on {fail_on})",
        "fail": "✖ Failed (--fail-on {fail_on})",
        "counts": "{error} error(s), {warning} warning(s), {info} info, {justified} justified deviation(s) in {files} file(s)",
        "input": ", {input_errors} file(s) could not be loaded",
        "files": "By file",
        "file": "File",
        "error": "Errors",
        "warning": "Warnings",
        "info": "Info",
        "justified": "Justified",
        "findings": "Findings",
        "line": "Line",
        "severity": "Severity",
        "rule": "Rule",
        "section": "手引き",
        "basis": "Basis",
        "message": "Message",
        "fix": "Fix",
        "none": "No findings.",
        "problems": "Files that could not be loaded",
        "deviations": "Justified deviations ({n})",
        "reason": "Reason",
        "baseline": "Baseline",
    },
}

_ICONS = {
    "ja": {"error": "**✖ エラー**", "warning": "▲ 警告", "info": "● 情報"},
    "en": {"error": "**✖ error**", "warning": "▲ warning", "info": "● info"},
}
"""Severity as a word (the symbol only repeats it; no emoji, which screen readers name by colour)."""


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, line breaks, HTML or control characters."""
    value = html_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    return " ".join(value.split())


def _code(text: str) -> str:
    return f"`{text.replace('`', '')}`"


def _finding_row(f: Finding, lang: str, pack: Pack, heading: str | None = None) -> str:
    rule = pack.by_code.get(f.code)
    fix = cell(rule.fix.en if lang == "en" else rule.fix.ja) if rule is not None else ""
    where = f"{f.line}:{f.col}" if heading is None or f.file == heading else f"{cell(f.file)}:{f.line}:{f.col}"
    return (
        f"| {where} | {_ICONS[lang][f.severity.value]} | {_code(f.code)} {cell(f.name)} "
        f"| {cell(', '.join(f.sections))} | {cell(f.basis.label(lang))} | {cell(f.message.get(lang))} | {fix} |"
    )


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    lang = "en" if options.lang == "en" else "ja"
    w = _WORDS[lang]
    total = counts(results)
    failing = any(r.failing(options.fail_on) for r in results) or total["input_errors"]
    out = [f"## {w['title'].format(edition=cell(pack.meta.title))}", ""]
    verdict = (w["fail"] if failing else w["pass"]).format(fail_on=options.fail_on.value)
    summary = w["counts"].format(**total) + (w["input"].format(**total) if total["input_errors"] else "")
    out += [f"**{verdict}** — {summary}", ""]
    editions = edition_lines(results, lang)  # which edition judged the files, and why
    if editions:
        out += ["  \n".join(f"> {cell(line)}" for line in editions), ""]

    out += [f"### {w['files']}", "", f"| {w['file']} | {w['error']} | {w['warning']} | {w['info']} | {w['justified']} |", "|---|---:|---:|---:|---:|"]
    for r in results:
        c = counts([r])
        name = cell(r.file) + (f" （{w['problems']}）" if r.problems and lang == "ja" else f" ({w['problems']})" if r.problems else "")
        out.append(f"| {name} | {c['error']} | {c['warning']} | {c['info']} | {c['justified']} |")
    out.append("")

    if options.concise:  # counts only: fits any comment size limit (GitHub: 65,536 characters)
        return "\n".join(out).rstrip("\n") + "\n"
    open_results = [(r, [f for f in r.findings if not f.justified]) for r in results]
    out += [f"### {w['findings']}", ""]
    if not any(found for _, found in open_results):
        out += [w["none"], ""]
    for r, found in open_results:
        if not found:
            continue
        out += [
            f"#### {cell(r.file)}",
            "",
            f"| {w['line']} | {w['severity']} | {w['rule']} | {w['section']} | {w['basis']} | {w['message']} | {w['fix']} |",
            "|---|---|---|---|---|---|---|",
        ]
        out += [_finding_row(f, lang, pack, r.file) for f in found]  # a progress file's finding says its file
        out.append("")

    problems = [p for r in results for p in r.problems]
    if problems:
        out += [f"### {w['problems']}", ""]
        out += [f"- {cell(p.file)}:{p.line}:{p.col}: {cell(p.message)}" for p in problems]
        out.append("")

    justified = [f for r in results for f in r.findings if f.justified]
    if justified:
        out += ["<details>", f"<summary>{cell(w['deviations'].format(n=len(justified)))}</summary>", ""]
        out += [f"| {w['file']} | {w['line']} | {w['rule']} | {w['message']} | {w['reason']} |", "|---|---|---|---|---|"]
        for f in justified:
            out.append(
                f"| {cell(f.file)} | {f.line}:{f.col} | {_code(f.code)} {cell(f.name)} | {cell(f.message.get(lang))} | {cell(f.deviation.justification)} |"
            )
        out += ["", "</details>", ""]

    if options.baseline is not None:
        from ..baseline import describe

        lines = describe(options.baseline, lang)
        out += [f"### {w['baseline']}", "", cell(lines[0]), ""]
        out += [f"- {cell(line.strip())}" for line in lines[1:]]
        if len(lines) > 1:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
