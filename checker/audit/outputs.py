"""Writing the audit's files from what the run gathered: audit.csv, audit-findings.csv,
audit-progress.csv (municipality × goal), audit.json, audit.xlsx and index.html (each body's own page is written where the body is checked).

Every file is written atomically (`checker.fileio`); the large parts (the JSON entries and the
rows of findings) are streamed from spool files, so memory does not grow with the findings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..engine.finding import Finding
from ..engine.pack import Pack
from .aggregate import Layout, _csv_value, to_csv, write_csv
from ..progress.summary import goal_rows
from .columns import GOAL_COLUMNS
from .tables import FINDING_COLUMNS, RULE_COLUMNS, Table, area_table_columns, rule_rows

JSON_VERSION = 1
OUTPUTS = ("audit.csv", "audit-findings.csv", "audit-progress.csv", "audit.json", "audit.xlsx", "index.html")
PAGES = "bodies"
"""The folder of the bodies' own report pages, beside index.html."""


@dataclass
class Gathered:
    """Everything the files need, gathered while the strategies were checked."""

    directory: str
    outdir: Path
    layout: Layout
    pack: Pack
    lang: str
    rows: list[dict]
    pages: list[str | None]
    """Each row's page (relative to outdir), None when it has none."""
    summary: dict
    basis: dict
    stats: dict[str, dict]
    crosscheck: list[Finding]
    related: list[Finding]
    problems: list
    prefecture: str | None
    pref_facts: object | None
    goal_rows: list[tuple] = field(default_factory=list)
    index_of: dict[str, int] = field(default_factory=dict)
    fail_on: str = "error"
    record: object | None = None
    shown_crosscheck: list[Finding] = field(default_factory=list)
    """The cross-check's findings and the related per-file findings, in file order, for the index."""


def _finding_rows(first: list[dict], spool: Path):
    """The prefecture's rows of findings (made last, shown first), then the municipalities' from the spool."""
    yield from first
    with open(spool, encoding="utf-8") as src:
        for line in src:
            yield json.loads(line)


def write_all(g: Gathered, entries_path: Path, pref_entry: str, pref_rows: list[dict], findings_path: Path) -> None:
    from ..fileio import write_atomic

    write_atomic(g.outdir / "audit.csv", to_csv(g.rows, g.layout, g.lang))
    lang = g.lang
    write_csv(g.outdir / "audit-findings.csv", [c.header(lang) for c in FINDING_COLUMNS],
              ([_csv_value(c, r.get(c.id), lang) for c in FINDING_COLUMNS] for r in _finding_rows(pref_rows, findings_path)))
    write_csv(g.outdir / "audit-progress.csv", [c.header(lang) for c in GOAL_COLUMNS],
              ([_csv_value(c, r.get(c.id), lang) for c in GOAL_COLUMNS] for r in goal_rows(g.rows)))
    _write_json(g, entries_path, pref_entry)
    from .xlsx import write_workbook

    write_workbook(g.outdir / "audit.xlsx", tables(g, _finding_rows(pref_rows, findings_path)), lang, g.record.date if g.record else None)
    from .html import write_index

    write_index(g)


def tables(g: Gathered, finding_rows) -> list[Table]:
    """The workbook's sheets: one row per strategy, per finding, per strategy × area, per rule."""
    title = lambda a: g.layout.title(a, g.lang)  # noqa: E731
    loaded = [r for r in g.rows if r.get("status") == "ok"]
    return [
        Table("strategies", "団体別", "Strategies", g.layout.specs(), g.rows, freeze_cols=2),
        Table("findings", "指摘", "Findings", list(FINDING_COLUMNS), finding_rows, freeze_cols=3),
        Table("areas", "領域別", "By area", area_table_columns(g.layout, g.lang), loaded, freeze_cols=1),
        Table("rules", "ルール別", "By rule", list(RULE_COLUMNS), rule_rows(g.stats, title, g.lang), freeze_cols=1),
        Table("progress", "進捗（目標別）", "Progress by goal", list(GOAL_COLUMNS), goal_rows(g.rows), freeze_cols=2),
    ]


def _assemble(path: Path, pieces) -> None:
    """Stream pieces (strings, or Paths whose contents are copied) into `path`, atomically."""
    from ..fileio import atomic_writer

    with atomic_writer(path) as fh:
        for piece in pieces:
            if isinstance(piece, Path):
                with open(piece, encoding="utf-8") as src:
                    while block := src.read(1 << 20):
                        fh.write(block)
            else:
                fh.write(piece)


def _write_json(g: Gathered, entries_path: Path, pref_entry: str) -> None:
    from ..report.fmt_json import finding_dict

    pack, layout, lang = g.pack, g.layout, g.lang
    directions = [{"code": d.code, "name": {"ja": d.name.ja, "en": d.name.en}} for d in pack.reference.directions]
    rules = [
        {"code": code, "name": s["name"], "area": s["area"], "severity": s["severity"], "sections": s["sections"],
         "findings": s["findings"], "justified": s["justified"], "strategies": len(s["strategies"])}
        for code, s in sorted(g.stats.items())
    ]
    head = {
        "version": JSON_VERSION,
        "tool": {"name": "tebiki-checker", "version": __version__, "edition": pack.edition},
        "folder": str(g.directory),
        "prefecture": g.prefecture,
        "lang": lang,
        "fail_on": g.fail_on,
        "basis": g.basis,
        "areas": list(layout.areas),
        "directions": directions,
        "columns": layout.columns(),
        "summary": g.summary,
        "rules": rules,
        "crosscheck": [finding_dict(f, lang) for f in g.crosscheck],
        "crosscheck_related": [finding_dict(f, lang) for f in g.related],
        "errors": [{"file": p.file, "line": p.line, "column": p.col, "message": p.message} for p in g.problems],
    }
    text = json.dumps(head, ensure_ascii=False, indent=2)
    assert text.endswith("}")
    pieces = [text[:-1].rstrip() + ',\n  "strategies": [\n']
    if pref_entry:
        pieces.append(pref_entry)
        if g.rows[1:]:
            pieces.append(",\n")
    pieces += [entries_path, "\n  ]\n}\n"]
    _assemble(g.outdir / "audit.json", pieces)
