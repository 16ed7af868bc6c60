"""The verification sheet as text (for the terminal) and as Markdown (for pull requests and wikis).

Text from strategy and progress files goes through `checker.safetext.terminal` (text) or is
escaped for Markdown tables, so a record cannot forge lines or break the layout.
"""

from __future__ import annotations

from ..safetext import terminal
from .judge import show
from .sheet import Block, Line, Sheet, fy_label
from .words import (
    FORM_WORDS, change_label, decision_label, heading, pick, rollup_text, sectors_label, w, year_short,
)


def _history(line: Line, lang: str) -> str:
    parts = []
    for fy, j in line.history.items():
        actual = line.values.get(fy)
        shown = "—" if actual is None or actual.value is None else show(actual.value)
        if actual is not None and actual.status is not None and actual.status.value == "preliminary":
            shown += "(速報)" if lang == "ja" else " (prelim.)"
        parts.append(f"{year_short(fy, lang)} {shown} {j.label.get(lang)}")
    return " | ".join(parts)


def _line_text(line: Line, lang: str) -> list[str]:
    seg = f"（{line.segment}）" if line.segment and lang == "ja" else (f" ({line.segment})" if line.segment else "")
    unit = f" [{line.unit}]" if line.unit else ""
    j = line.judgement
    return [
        terminal(f"    {line.id} {line.name}{seg}{unit}  {w('baseline', lang)} {line.baseline} → {w('target', lang)} {line.target}"),
        terminal(f"      {_history(line, lang)}"),
        terminal(f"      → {j.label.get(lang)}: {j.how.get(lang)}"),
    ]


def _evaluation_text(sheet: Sheet, block: Block, lang: str) -> list[str]:
    e = block.evaluation
    if e is None:
        return []
    parts = []
    if e.grade:
        parts.append(f"{w('body_grade', lang)}: {e.grade}")
    parts.append(f"{w('decision', lang)}: {decision_label(sheet, e.decision, lang)}")
    if e.merged_into:
        parts.append(f"{w('merged_into', lang)}: {e.merged_into}")
    lines = [terminal(f"    {w('evaluation', lang)}（{year_short(sheet.year, lang)}）: " + "、".join(parts) if lang == "ja"
                      else f"    {w('evaluation', lang)} ({year_short(sheet.year, lang)}): " + "; ".join(parts))]
    for key, value in (("analysis", e.analysis), ("reason", e.reason)):
        if value:
            lines.append(terminal(f"      {w(key, lang)}: {value}"))
    return lines


def _block_text(sheet: Sheet, block: Block, lang: str) -> list[str]:
    title = " ".join(p for p in (block.label, block.name) if p)
    if block.ended is not None:
        fy, decision = block.ended
        title += f"（{year_short(fy, lang)}に{decision_label(sheet, decision, lang)}）" if lang == "ja" else f" ({decision_label(sheet, decision, lang)}, {year_short(fy, lang)})"
    out = [terminal(f"  {block.node} {title}  — {rollup_text(block.rollup, lang)}")]
    for line in block.lines:
        out.extend(_line_text(line, lang))
    out.extend(_evaluation_text(sheet, block, lang))
    return out


def _verification_text(sheet: Sheet, lang: str) -> list[str]:
    v = sheet.verification
    out = [w("verification", lang)]
    if v is None:
        return out + [f"  {w('not_recorded', lang)}"]
    for m in v.meetings:
        experts = {True: w("yes", lang), False: w("no", lang), None: "—"}[m.external_experts]
        sectors = sectors_label(m.sectors, lang)
        out.append(terminal(f"  {w('meeting', lang)}: {m.date.text if m.date else '—'} {m.body or ''}  {w('external', lang)}: {experts}"
                            + (f"  {w('sectors', lang)}: {sectors}" if sectors else "")))
        for opinion in m.opinions:
            out.append(terminal(f"    - {opinion}"))
    a = v.assembly
    out.append(terminal(f"  {w('assembly', lang)}: " + (
        f"{a.date.text if a.date else '—'} {pick(FORM_WORDS[a.form.value], lang) if a.form else ''} {a.committee or ''}".strip()
        if a is not None else w("not_recorded", lang))))
    r = v.residents
    if r is not None:
        out.append(terminal(f"  {w('residents', lang)}: {'、'.join(r.methods)} {r.summary or ''}".rstrip()))
    p = v.publication
    if p is None:
        shown = w("not_recorded", lang)
    elif p.published is False:
        shown = w("no", lang)
    else:
        shown = " ".join(x for x in (p.date.text if p.date else "", p.url or "") if x) or w("yes", lang)
    out.append(terminal(f"  {w('publication', lang)}: {shown}"))
    for key, value in (("conclusion", v.conclusion), ("summary", v.summary)):
        if value:
            out.append(terminal(f"  {w(key, lang)}: {value}"))
    return out


def _findings_text(sheet: Sheet, lang: str) -> list[str]:
    out = [w("findings", lang)]
    if not sheet.findings:
        return out + [f"  {w('no_findings', lang)}"]
    for f in sheet.findings:
        out.append(terminal(f"  {f.file}:{f.line}:{f.col}: {f.severity.value} {f.code} {f.message.get(lang)}"))
    return out


def render_text(sheet: Sheet, lang: str = "ja") -> str:
    scheme = sheet.scheme
    out = [terminal(heading(sheet, lang)),
           terminal(f"{w('scheme', lang)}: {scheme.name.get(lang)}" + (f" — {scheme.description.get(lang)}" if scheme.description else "")),
           terminal(f"{w('overall', lang)}: {rollup_text(sheet.overall, lang)}"), ""]
    if sheet.kgis:
        out.append(w("kgis", lang))
        for line in sheet.kgis:
            out.extend(_line_text(line, lang))
        out.append("")
    for section in sheet.sections:
        out.extend(_block_text(sheet, section.goal, lang))
        for block in section.blocks:
            out.extend("  " * block.depth + text for text in _block_text(sheet, block, lang))
        out.append("")
    for key, items in (("pillars", sheet.pillars), ("directions", sheet.directions)):
        if items:
            out.append(w(key, lang))
            out.extend(terminal(f"  {name.get(lang) if hasattr(name, 'get') else name}: {rollup_text(r, lang)}") for _, name, r in items)
            out.append("")
    out.extend(_verification_text(sheet, lang))
    out.append("")
    if sheet.revisions:
        out.append(w("revisions", lang))
        for rev, rec in sheet.revisions:
            reason = rev.reason or ("（理由の記録なし）" if lang == "ja" else "(no reason recorded)")
            out.append(terminal(f"  {year_short(rec.record_fy, lang)} {rev.kpi} {change_label(rev.change, lang)}: {rev.old or '—'} → {rev.new or '—'}  {reason}"))
        out.append("")
    out.extend(_findings_text(sheet, lang))
    return "\n".join(out) + "\n"


def _md(text: object) -> str:
    """A Markdown table cell: pipes and line breaks escaped, control characters made visible."""
    return terminal(str(text)).replace("\\n", "<br>").replace("|", "\\|")


def render_markdown(sheet: Sheet, lang: str = "ja") -> str:
    out = [f"# {_md(heading(sheet, lang))}", "",
           f"- {w('scheme', lang)}: {_md(sheet.scheme.name.get(lang))}",
           f"- {w('overall', lang)}: {_md(rollup_text(sheet.overall, lang))}", ""]
    years = sheet.years
    head = ["ID", w("kind", lang), "指標" if lang == "ja" else "indicator", w("baseline", lang), w("target", lang)]
    head += [year_short(y, lang) for y in years] + [w("grade", lang), w("how", lang)]

    def table(lines: list[Line]) -> list[str]:
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for line in lines:
            seg = f"（{line.segment}）" if line.segment else ""
            cells = [line.id, line.type.get(lang), f"{line.name}{seg}", line.baseline, line.target]
            for y in years:
                a = line.values.get(y)
                cells.append("—" if a is None or a.value is None else show(a.value))
            cells += [f"**{line.judgement.label.get(lang)}**", line.judgement.how.get(lang)]
            rows.append("| " + " | ".join(_md(c) for c in cells) + " |")
        return rows

    if sheet.kgis:
        out += [f"## {w('kgis', lang)}", "", *table(sheet.kgis), ""]
    for section in sheet.sections:
        g = section.goal
        out += [f"## {_md(' '.join(p for p in (g.label, g.name) if p))}", "", f"{_md(rollup_text(section.rollup, lang))}", ""]
        for block in [g, *section.blocks]:
            if block is not g:
                out += [f"### {_md(' '.join(p for p in (block.label, block.name) if p))}", ""]
            if block.lines:
                out += [*table(block.lines), ""]
            e = block.evaluation
            if e is not None:
                out.append(f"- {w('evaluation', lang)}: {_md(e.grade or '—')} / {w('decision', lang)}: {_md(decision_label(sheet, e.decision, lang))}")
                for key, value in (("analysis", e.analysis), ("reason", e.reason)):
                    if value:
                        out.append(f"  - {w(key, lang)}: {_md(value)}")
                out.append("")
    out += [f"## {w('verification', lang)}", ""] + [f"- {_md(x.strip())}" for x in _verification_text(sheet, lang)[1:]] + [""]
    if sheet.revisions:
        out += [f"## {w('revisions', lang)}", ""]
        for rev, rec in sheet.revisions:
            out.append(f"- {year_short(rec.record_fy, lang)} `{rev.kpi}` {change_label(rev.change, lang)}: {_md(rev.old or '—')} → {_md(rev.new or '—')} {_md(rev.reason or '')}")
        out.append("")
    out += [f"## {w('findings', lang)}", ""]
    out += [f"- `{f.file}:{f.line}:{f.col}` **{f.code}** {_md(f.message.get(lang))}" for f in sheet.findings] or [w("no_findings", lang)]
    return "\n".join(out) + "\n"


__all__ = ["fy_label", "render_markdown", "render_text"]
