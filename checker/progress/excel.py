"""The Excel round trip as library calls: make the template of a fiscal year, read a filled one back.

    from checker.progress.excel import make_template, read_back
    data, rows = make_template("strategy.yaml", None, 2025)          # .xlsx bytes
    text, findings = read_back("sheet.xlsx", "strategy.yaml")         # canonical YAML + the progress findings
"""

from __future__ import annotations

import datetime as _dt

from ..api import check_strategy, get_pack
from ..config import Config
from ..engine.pack import Pack
from ..graph import build_graph
from ..load import load
from .assess import assess
from .attach import progress_for, sources_for
from .data import attach
from .dump import canonical, dump_progress
from .load import YearSource
from .readback import find_strategy, read_workbook, workbook_year
from .report import load_sources
from .schemes import get_scheme


def _assessment(strategy, data, config: Config, pack: Pack, year: int):
    scheme = (data.scheme if data is not None else None) or get_scheme(config.progress_scheme)
    return assess(build_graph(strategy), data, scheme, decrease_words=pack.reference.decrease_signals, upto=year)


def make_template(strategy_path: str, progress_paths: list[str] | None, year: int, *, config: Config | None = None,
                  pack: Pack | None = None, encoding: str | None = None) -> tuple[bytes, int]:
    """(the workbook for fiscal year `year`, the number of indicator rows); filled with the year's record if there is one."""
    from .workbook import template

    config = config or Config()
    pack = pack or get_pack(config)
    strategy = load(strategy_path, encoding=encoding)
    given = load_sources(progress_paths, encoding) if progress_paths else None
    data = progress_for(strategy, config, given, encoding)
    a = _assessment(strategy, data, config, pack, year)
    source = data.years.get(year) if data is not None else None
    return template(a, year, source.record if source else None, strategy_path), len(a.rows)


def read_back(book: str, strategy_path: str | None = None, *, config: Config | None = None, pack: Pack | None = None,
              encoding: str | None = None, today: _dt.date | None = None, output: str | None = None) -> tuple[str, list[str]]:
    """(the progress file's YAML text, the findings of the progress rules on the workbook's year, as lines).

    The other years' records beside the strategy are read too, so that grades and rules see the whole period;
    a record of the same year (the file being replaced) is left out.  Findings on the workbook's records are
    located at their cells (book.xlsx:Sheet!C12)."""
    config = config or Config()
    pack = pack or get_pack(config)
    strategy_path = find_strategy(book, strategy_path)
    strategy = load(strategy_path, encoding=encoding)
    year = workbook_year(book)
    rest = [s for s in sources_for(strategy, config, None, encoding) if s.fy != year]
    a = _assessment(strategy, attach(strategy, rest) if rest else None, config, pack, year)
    record, cells = read_workbook(book, strategy, a)
    merged = attach(strategy, [*rest, YearSource(book, record, record.strategy)], graph=a.graph)
    merged.scheme = get_scheme(config.progress_scheme)
    lines = []
    for f in check_strategy(strategy, config=config, pack=pack, today=today, progress=merged):
        if f.area == "progress" and f.file == book:
            sheet, cell = cells[f.line - 1] if 0 < f.line <= len(cells) else ("説明", "A1")
            lines.append(f"{book}:{sheet}!{cell}: {f.severity.value} {f.code} {f.message.get(config.lang)}")
    header = f"# Read from {book} by tebiki progress read.\n"
    return header + dump_progress(canonical(record, a.graph)), lines
