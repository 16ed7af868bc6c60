"""The comparison in Markdown (a pull-request comment, a wiki page): the header, one table per
chapter with the old and new values side by side, then the revision checks and the findings
resolved and introduced.  Text from the strategies is escaped for table cells."""

from __future__ import annotations

from ..report.fmt_markdown import cell
from .fmt_text import finding_line
from .inline import inline
from .run import DiffResult
from .words import chapter_titles, dates_line, field_label, kind_label, words


def _runs(runs, mark: str) -> str:
    return "".join(f"{mark}{cell(text).strip()}{mark}" if changed and cell(text).strip() else cell(text) for changed, text in runs)


def _marked(change) -> tuple[str, str]:
    """Old and new values for a table cell: what the revision deleted ~~struck~~, what it inserted **bold**."""
    if change.kind != "changed":
        return cell(change.old or ""), cell(change.new or "")
    old, new = inline(change.old, change.new)
    return _runs(old, "~~"), _runs(new, "**")


def render(result: DiffResult, lang: str = "ja") -> str:
    w = words(lang)
    c = result.comparison
    out = [f"## {w['title']}", ""]
    for label, file, strategy in ((w["old"], result.old_file, c.old), (w["new"], result.new_file, c.new)):
        dates = dates_line(strategy, lang)
        out.append(f"- **{label}**: {cell(strategy.title)} (`{cell(file)}`{', ' + cell(dates) if dates else ''})")
    out += [f"- {cell(result.edition.head(lang))} {cell(w['both'])}"]
    if result.edition.notice is not None:
        out.append(f"- {cell(result.edition.notice.get(lang))}")
    out += ["", f"**{cell(w['summary'].format(**result.counts()))}**", ""]
    titles = chapter_titles(c, lang)
    chapter = None
    if not result.changes:
        out += [w["no_changes"], ""]
    for i, ch in enumerate(result.changes, 1):
        if ch.chapter != chapter:
            if chapter is not None:
                out.append("")
            chapter = ch.chapter
            out += [f"### {cell(titles.get(chapter, chapter))}", "",
                    f"| {w['no']} | {w['where']} | {w['kind']} | {w['old']} | {w['new']} |", "|---:|---|---|---|---|"]
        field = f" — {field_label(ch, lang)}" if ch.field else ""
        old, new = _marked(ch)
        out.append(f"| {i} | {cell(ch.where.get(lang) + field)} | {kind_label(ch, lang)} | {old} | {new} |")
    out.append("")
    for title, found in ((w["revision"], result.revision), (w["resolved"], result.resolved), (w["introduced"], result.introduced)):
        out += [f"### {title} ({len(found)})", ""]
        out += [f"- {cell(finding_line(f, lang))}" for f in found]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
