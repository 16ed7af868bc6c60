"""The library entry point of the verification sheet: strategy + progress → checked, judged, laid out.

    from checker.progress.report import progress_sheet
    sheet = progress_sheet("examples/midorigawa/strategy.yaml", year=2025)
    from checker.progress.render_text import render_text
    print(render_text(sheet))
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..api import check_strategy, get_pack
from ..config import Config
from ..engine.pack import Pack
from ..graph import build_graph
from ..load import InputError, load
from .assess import assess
from .attach import progress_for
from .load import YearSource, load_progress
from .sheet import Sheet, build_sheet

AREA = "progress"


@dataclass
class SheetResult:
    sheet: Sheet
    findings: list
    """Every finding of the check (the sheet shows those of the progress area)."""


def load_sources(paths: list[str], encoding: str | None = None) -> list[YearSource]:
    """Read progress files; every problem of every file is raised together (InputError)."""
    sources, problems = [], []
    for path in paths:
        try:
            sources.append(load_progress(path, encoding))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return sources


def progress_sheet(strategy_path: str, progress_paths: list[str] | None = None, *, year: int | None = None,
                   config: Config | None = None, pack: Pack | None = None, today: _dt.date | None = None,
                   encoding: str | None = None) -> SheetResult:
    """Load a strategy and its progress (the files given, else those beside it), check and judge it, and lay out
    the sheet of fiscal year `year` (default: the latest year recorded).  Raises InputError on bad input."""
    config = config or Config()
    pack = pack or get_pack(config)
    strategy = load(strategy_path, encoding=encoding)
    given = load_sources(progress_paths, encoding) if progress_paths else None
    if given is not None:
        strays = [s for s in given if s.strategy_id != strategy.id]
        if strays:
            import difflib

            s = strays[0]
            close = difflib.get_close_matches(s.strategy_id, [strategy.id], n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise InputError.at(s.file, *s.loc, f"this progress file names strategy '{s.strategy_id}', but {strategy_path} is '{strategy.id}'{hint}")
    data = progress_for(strategy, config, given, encoding)
    if year is None:
        if data is None or data.latest_year is None:
            raise InputError.at(strategy_path, 1, 1, "no progress recorded for this strategy: add progress files "
                                "(progress/2024.yaml beside it) or name the fiscal year with --year")
        year = data.latest_year
    findings = check_strategy(strategy, config=config, pack=pack, today=today, progress=data)
    from ..progress.schemes import get_scheme

    scheme = data.scheme if data is not None else get_scheme(config.progress_scheme)
    a = assess(build_graph(strategy), data, scheme, decrease_words=pack.reference.decrease_signals, upto=year)
    shown = [f for f in findings if f.area == AREA]
    return SheetResult(build_sheet(a, year, shown, pack.reference), findings)
