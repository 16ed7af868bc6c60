"""The comparison as text: the header, the rows by chapter (old and new under each other), then the
revision checks, the findings resolved and introduced, and a summary line."""

from __future__ import annotations

from ..engine.finding import Finding
from ..safetext import terminal
from .run import DiffResult
from .words import chapter_titles, dates_line, field_label, kind_label, loc, words


def finding_line(f: Finding, lang: str) -> str:
    return terminal(f"{f.file}:{f.line}:{f.col}: {f.severity.value} {f.code} {f.name} [手引き {', '.join(f.sections)}] {f.message.get(lang)}")


def _value(label: str, value: str | None, none: str) -> str:
    """`label: value`, a value of several lines indented under its first."""
    lines = [terminal(line) for line in (value if value is not None else none).split("\n")]
    return "\n".join([f"     {label}: {lines[0]}", *(f"        {line}" for line in lines[1:])])


def header(result: DiffResult, lang: str) -> list[str]:
    w = words(lang)
    c = result.comparison
    lines = [terminal(f"{w['title']}: {result.old_file} → {result.new_file}")]
    for label, strategy in ((w["old"], c.old), (w["new"], c.new)):
        dates = dates_line(strategy, lang)
        lines.append(terminal(f"  {label}: {strategy.title}" + (f"（{dates}）" if dates and lang != "en" else f" ({dates})" if dates else "")))
    lines.append(f"  {result.edition.head(lang)}")
    lines.append(f"  {w['both']}")
    if result.edition.notice is not None:
        lines.append(f"  {result.edition.notice.get(lang)}")
    return lines


def render(result: DiffResult, lang: str = "ja") -> str:
    w = words(lang)
    out = header(result, lang) + [""]
    titles = chapter_titles(result.comparison, lang)
    chapter = None
    if not result.changes:
        out += [w["no_changes"], ""]
    for i, c in enumerate(result.changes, 1):
        if c.chapter != chapter:
            chapter = c.chapter
            out.append(terminal(f"■ {titles.get(chapter, chapter)}"))
        where = f"{w['old']} {loc(c.old_loc)}" if c.old_loc else ""
        where += (" / " if where and c.new_loc else "") + (f"{w['new']} {loc(c.new_loc)}" if c.new_loc else "")
        field = f" — {field_label(c, lang)}" if c.field else ""
        page = f" {c.page}" if c.page else ""
        out.append(terminal(f"  {i}. [{kind_label(c, lang)}] {c.where.get(lang)}{field}  ({where}){page}"))
        if c.kind != "added":
            out.append(_value(w["old"], c.old, w["none"]))
        if c.kind != "removed":
            out.append(_value(w["new"], c.new, w["none"]))
    out.append("")
    for title, found in ((w["revision"], result.revision), (w["resolved"], result.resolved), (w["introduced"], result.introduced)):
        out.append(f"{title} ({len(found)})")
        out.extend(f"  {finding_line(f, lang)}" for f in found)
        out.append("")
    out.append(w["summary"].format(**result.counts()))
    return "\n".join(out) + "\n"
