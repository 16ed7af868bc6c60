"""Human-readable output: findings grouped by file and ordered by line, each with its fix; then
justified deviations; then the open findings by rule area and the counts.

Files that could not be loaded are not repeated here: the command prints their problems once,
on standard error, and the counts say how many there were."""

from __future__ import annotations

from ..api import FileResult
from ..engine.finding import Finding, Severity
from ..engine.pack import Pack
from ..labels import node_type
from . import Options, counts

_COLORS = {Severity.error: "\033[31m", Severity.warning: "\033[33m", Severity.info: "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"

_WORDS = {
    "ja": {
        "node": "対象",
        "fix": "対応",
        "justified": "正当化された逸脱",
        "reason": "理由",
        "approver": "承認",
        "expires": "期限",
        "none": "指摘はありません。",
        "summary": "{files} ファイル: エラー {error} 件、警告 {warning} 件、情報 {info} 件、正当化された逸脱 {justified} 件",
        "input": "、読み込めないファイル {input_errors} 件",
        "areas": "領域別: ",
        "sep": "、",
        "hidden": "（min-severity {level} のため{what}を表示していません）",
        "hidden_what": {"warning": "警告 {n} 件", "info": "情報 {n} 件"},
        "and": "・",
    },
    "en": {
        "node": "node",
        "fix": "fix",
        "justified": "Justified deviations",
        "reason": "reason",
        "approver": "approved by",
        "expires": "expires",
        "none": "No findings.",
        "summary": "{files} file(s): {error} error(s), {warning} warning(s), {info} info, {justified} justified deviation(s)",
        "input": ", {input_errors} file(s) could not be loaded",
        "areas": "By area: ",
        "sep": ", ",
        "hidden": " (not shown below min-severity {level}: {what})",
        "hidden_what": {"warning": "{n} warning(s)", "info": "{n} info"},
        "and": ", ",
    },
}


def _paint(text: str, code: str, options: Options) -> str:
    return f"{code}{text}{_RESET}" if options.color else text


def _head(f: Finding, options: Options) -> str:
    sev = _paint(f.severity.value, _COLORS[f.severity], options)
    sections = ", ".join(f.sections)
    basis = f.basis.label(options.lang)
    return f"{f.file}:{f.line}:{f.col}: {sev} {_paint(f.code, _BOLD, options)} {f.name} [手引き {sections}] ({basis})"


def _finding(f: Finding, pack: Pack, options: Options) -> list[str]:
    words = _WORDS[options.lang]
    if options.concise:
        return [f"{_head(f, options)} {f.message.get(options.lang)}"]
    lines = [_head(f, options), f"    {f.message.get(options.lang)}"]
    kind = node_type(f.node_type, options.lang) if f.node_type else ""
    lines.append(_paint(f"    {words['node']}: {f.node_id} ({kind}) {f.node_name}", _DIM, options))
    rule = pack.by_code.get(f.code)
    if rule is not None:
        lines.append(f"    {words['fix']}: {getattr(rule.fix, options.lang)}")
    return lines


def _justified(f: Finding, options: Options) -> list[str]:
    words = _WORDS[options.lang]
    d = f.deviation
    extra = "".join(
        f"; {label}: {value}" for label, value in ((words["approver"], d.approver), (words["expires"], d.expires)) if value
    )
    return [
        f"{f.file}:{f.line}:{f.col}: {f.code} {f.name} [手引き {', '.join(f.sections)}] ({f.basis.label(options.lang)}) "
        f"{f.message.get(options.lang)}",
        f"    {words['reason']}: {d.justification}{extra}",
    ]


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    words = _WORDS[options.lang]
    out: list[str] = []
    for result in results:
        open_ = [f for f in result.findings if not f.justified]
        justified = [f for f in result.findings if f.justified]
        if not (open_ or justified):
            continue
        out.append(_paint(result.file, _BOLD, options))
        for f in open_:
            out.extend(_finding(f, pack, options))
        if justified:
            out.append(f"  {words['justified']}:")
            out.extend("  " + line for f in justified for line in _justified(f, options))
        out.append("")
    total = counts(results)
    if not any(total[k] for k in ("error", "warning", "info", "justified", "input_errors")):
        out.append(words["none"])
    by_area = area_line(results, pack, options.lang)
    if by_area:
        out.append(by_area)
    out.append(summary_line(results, options.lang, options.hidden))
    if options.baseline is not None:
        from ..baseline import describe

        out.extend(describe(options.baseline, options.lang))
    return "\n".join(out) + "\n"


def summary_line(results: list[FileResult], lang: str = "ja", hidden: dict[str, int] | None = None) -> str:
    """The one-line summary with counts (also printed on standard error for the machine formats);
    `hidden` counts findings left out by --min-severity."""
    words = _WORDS["en" if lang == "en" else "ja"]
    total = counts(results)
    summary = words["summary"].format(**total)
    if total["input_errors"]:
        summary += words["input"].format(**total)
    if hidden and any(hidden.values()):
        level = "warning" if hidden.get("info") and not hidden.get("warning") else "error"
        what = words["and"].join(words["hidden_what"][k].format(n=n) for k, n in hidden.items() if n)
        summary += words["hidden"].format(level=level, what=what)
    return summary


_SYMBOL = {"error": "✖", "warning": "▲", "info": "●"}


def area_line(results: list[FileResult], pack: Pack, lang: str = "ja") -> str:
    """The open findings by rule area on one line, the areas in the pack's order ('' when none)."""
    from ..engine.pack import ordered_areas

    counts_by: dict[str, dict[str, int]] = {}
    for r in results:
        for f in r.findings:
            if not f.justified:
                c = counts_by.setdefault(f.area, {"error": 0, "warning": 0, "info": 0})
                c[f.severity.value] += 1
    if not counts_by:
        return ""
    words = _WORDS["en" if lang == "en" else "ja"]
    parts = []
    for area in ordered_areas(counts_by):
        c = counts_by[area]
        marks = " ".join(f"{_SYMBOL[k]}{c[k]}" for k in ("error", "warning", "info") if c[k])
        parts.append(f"{pack.area_title(area, lang)} {marks}")
    return words["areas"] + words["sep"].join(parts)
