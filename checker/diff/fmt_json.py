"""The comparison as one JSON document: the versions, the edition, every change, the revision
findings and the findings resolved and introduced (each as `tebiki check --format json` writes it)."""

from __future__ import annotations

import json

from .. import __version__
from ..report.fmt_json import finding_dict
from .run import DiffResult
from .words import chapter_titles, field_label, kind_label, part_label

SCHEMA_VERSION = 1


def _version(file: str, strategy) -> dict:
    return {"file": file, "id": strategy.id, "title": strategy.title, "dates": strategy.dates.model_dump(mode="json", exclude_none=True) if strategy.dates else {}}


def render(result: DiffResult, lang: str = "ja") -> str:
    c = result.comparison
    titles = chapter_titles(c, lang)
    changes = [
        {
            "kind": ch.kind,
            "kind_label": kind_label(ch, lang),
            "part": ch.part,
            "part_label": part_label(ch, lang),
            "chapter": ch.chapter,
            "chapter_title": titles.get(ch.chapter, ch.chapter),
            "where": ch.where.get(lang),
            "field": ch.field,
            "field_label": field_label(ch, lang),
            "old": ch.old,
            "new": ch.new,
            "old_id": ch.old_id,
            "new_id": ch.new_id,
            "old_line": ch.old_loc[0] if ch.old_loc else None,
            "new_line": ch.new_loc[0] if ch.new_loc else None,
            "page": ch.page,
        }
        for ch in result.changes
    ]
    indicators = [
        {"what": i.what, "old": i.old.id, "new": i.new.id if i.new else None, "name": (i.new or i.old).name, "detail": i.detail,
         "recorded": None if i.recorded is None else {"change": i.recorded.change.value, "reason": i.recorded.reason}}
        for i in result.indicators
    ]
    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "tebiki-checker", "version": __version__},
        "old": _version(result.old_file, c.old),
        "new": _version(result.new_file, c.new),
        "edition": result.edition.as_dict(),
        "chapters": [{"key": k, "title": {"ja": ja, "en": en}} for k, ja, en in c.chapters if any(ch.chapter == k for ch in result.changes)],
        "changes": changes,
        "indicators": indicators,
        "revision": [finding_dict(f, lang) for f in result.revision],
        "resolved": [finding_dict(f, lang) for f in result.resolved],
        "introduced": [finding_dict(f, lang) for f in result.introduced],
        "summary": result.counts(),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
