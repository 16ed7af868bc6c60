"""The comparison as a self-contained HTML 新旧対照表: old and new side by side, what changed
highlighted, grouped by the strategy's chapters, then the revision checks and the findings the
revision resolved and introduced.  Printable on A4 (landscape, so that the two columns keep their
width); rendered with the shared templating (checker/html/templating.py)."""

from __future__ import annotations

from ..html.templating import RunRecord, render_page
from .inline import inline
from .run import DiffResult
from .words import KIND_LABELS, chapter_titles, dates_line, field_label, kind_label, loc, pick, words

LABELS = {
    "filter": ("表示する変更", "Show changes"),
    "contents": ("目次", "Contents"),
    "changes": ("変更点", "Changes"),
    "lines": ("行", "line"),
    "edition_reason": ("点検に使った版", "Edition used"),
}


def _runs(value: str | None, other: str | None, kind: str, side: str):
    """The value as runs of (changed, text): all changed for an added or removed part, else by character."""
    if value is None:
        return []
    if kind != "changed":
        return [(True, value)]
    old, new = inline(other if side == "new" else value, value if side == "new" else other)
    return new if side == "new" else old


def render(result: DiffResult, lang: str = "ja") -> str:
    w = words(lang)
    c = result.comparison
    titles = chapter_titles(c, lang)
    chapters: list[dict] = []
    for i, ch in enumerate(result.changes, 1):
        if not chapters or chapters[-1]["key"] != ch.chapter:
            chapters.append({"key": ch.chapter, "title": titles.get(ch.chapter, ch.chapter), "rows": []})
        chapters[-1]["rows"].append({
            "no": i,
            "kind": ch.kind,
            "kind_label": kind_label(ch, lang),
            "where": ch.where.get(lang),
            "field": field_label(ch, lang),
            "page": ch.page,
            "old_loc": loc(ch.old_loc),
            "new_loc": loc(ch.new_loc),
            "old": _runs(ch.old, ch.new, ch.kind, "old"),
            "new": _runs(ch.new, ch.old, ch.kind, "new"),
        })
    versions = [
        {"label": w[side], "title": s.title, "file": f, "dates": dates_line(s, lang)}
        for side, s, f in (("old", c.old, result.old_file), ("new", c.new, result.new_file))
    ]
    counts = result.counts()
    extra = ((pick(LABELS["edition_reason"], lang), result.edition.head(lang)),)
    record = RunRecord.now(inputs=[result.old_file, result.new_file], pack=result.pack, extra=extra)
    sections = [
        {"id": "revision", "title": w["revision"], "findings": result.revision},
        {"id": "resolved", "title": w["resolved"], "findings": result.resolved},
        {"id": "introduced", "title": w["introduced"], "findings": result.introduced},
    ]
    return render_page(
        "diff.html", package=__package__, lang=lang, title=f"{w['title']}: {c.new.title}", record=record,
        styles=("diff.css",), scripts=("diff.js",), paper="landscape", labels=LABELS,
        w=w, versions=versions, edition=result.edition, chapters=chapters, sections=sections, counts=counts,
        kinds=[(k, pick(v, lang)) for k, v in KIND_LABELS.items()], summary=w["summary"].format(**counts),
    )
