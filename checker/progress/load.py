"""Load progress records: progress files (``progress/2024.yaml``) and a strategy's inline `progress:`.

A progress file is read like a strategy file (the same YAML reader: ``file:line:col``, duplicate
keys, no tags; the same pydantic validation with located messages), then its references are
checked against the strategy it names: every KPI, segment and measure must exist, and an
unknown id is named with a "did you mean".  `attach` merges the records of all years into one
`ProgressData` (see `checker.progress.data`); every problem raises `InputError` (exit code 2).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..load import InputError, Problem, parse_tree
from ..load.source import read_text
from ..load.validate import attach_locations, validate_as
from ..model import ProgressFile, ProgressYear, Strategy
from ..years import YearError, parse_year

_TOP_STRATEGY = re.compile(r"""^["']?strategy["']?\s*:""", re.M)
_FLOW_STRATEGY = re.compile(r"""^\s*\{[^#]*?["']?\bstrategy["']?\s*:""")
_SNIFF_BYTES = 64 * 1024
_STRATEGY_LINE = re.compile(r"""^["']?strategy["']?\s*:\s*["']?([A-Za-z0-9][A-Za-z0-9_.\-]*)["']?\s*(?:#.*)?$""", re.M)


@dataclass(frozen=True)
class YearSource:
    """One fiscal year's record and where it was read from."""

    file: str
    record: ProgressYear
    strategy_id: str | None = None
    """The strategy the file names (None for a strategy's inline record)."""

    @property
    def fy(self) -> int:
        return self.record.fiscal_year.fy

    @property
    def loc(self) -> tuple[int, int]:
        return self.record.loc or (1, 1)


def looks_like_progress(text: str) -> bool:
    """Whether a YAML text is a progress file: its top level has a `strategy:` key (a strategy file never has one)."""
    head = text[:_SNIFF_BYTES].lstrip("\ufeff")
    return bool(_TOP_STRATEGY.search(head) or _FLOW_STRATEGY.match(head))


def is_progress_file(path: str | os.PathLike) -> bool:
    """Whether the file at `path` is a progress file (read its beginning only; unreadable files are not)."""
    return sniff(path)[0]


def sniff(path: str | os.PathLike) -> tuple[bool, str | None]:
    """(whether the file at `path` is a progress file, the strategy id its top-level ``strategy: id`` line
    names, or None when the id cannot be read off the text without loading it, e.g. in flow style),
    from the file's beginning only; unreadable files are not progress files."""
    head = read_head(path, _SNIFF_BYTES)
    if head is None or not looks_like_progress(head):
        return False, None
    m = _STRATEGY_LINE.search(head.lstrip("\ufeff"))
    return True, m.group(1) if m else None


def read_head(path: str | os.PathLike, size: int) -> str | None:
    """The first `size` bytes of a regular file as text (None when it cannot be read, or is a FIFO,
    device or socket: those are opened non-blocking and refused, never waited on)."""
    from ..fileio import open_input

    try:
        with open_input(path) as fh:
            return fh.read(size).decode("utf-8", errors="replace")
    except OSError:
        return None


def loads_progress(text: str, file: str = "<string>") -> YearSource:
    """Read a progress file's text; raise InputError (file:line:col) on any problem."""
    tree = parse_tree(text, file)
    record = validate_as(tree, file, ProgressFile, "a progress file needs at least strategy and fiscal_year",
                         "a progress file must be a mapping of keys (strategy:, fiscal_year:, actuals:, ...)")
    attach_locations(record, tree)
    _check_file_name(record, file, tree.loc(("fiscal_year",)))
    return YearSource(file, record, record.strategy)


def load_progress(path: str | os.PathLike, encoding: str | None = None) -> YearSource:
    """Read a progress file (UTF-8 unless `encoding` is given)."""
    return loads_progress(read_text(str(path), encoding), str(path))


def _check_file_name(record: ProgressFile, file: str, loc: tuple[int, int]) -> None:
    """A file named after a fiscal year (2024.yaml, R6.yaml) must record that year: a copied file left unchanged is a mistake."""
    stem = Path(file).stem
    if not re.fullmatch(r"(?:FY)?\d{4}|[RrHh]\d{1,2}|令和\S+|平成\S+", stem):
        return
    try:
        named = parse_year(stem)
    except YearError:
        return
    if named.fy != record.fiscal_year.fy:
        raise InputError.at(
            file, *loc,
            f"the file name says fiscal year {named.fy} but fiscal_year is '{record.fiscal_year.text}' "
            f"({record.fiscal_year.fy}): rename the file or correct fiscal_year",
        )


def inline_sources(strategy: Strategy) -> list[YearSource]:
    """The strategy's own `progress:` records."""
    return [YearSource(strategy.file, record) for record in strategy.progress]


def discover(strategy_file: str | os.PathLike) -> list[str]:
    """Progress files in the `progress/` folder beside a strategy file (searched recursively), sorted."""
    return [path for path, _ in discover_named(strategy_file)]


def discover_named(strategy_file: str | os.PathLike) -> list[tuple[str, str | None]]:
    """(path, the strategy id it names as `sniff` reads it) of the progress files `discover` finds."""
    from ..paths import walk

    folder = Path(strategy_file).parent / "progress"
    if not folder.is_dir():
        return []
    return [(p, named) for p in walk(folder) for found, named in (sniff(p),) if found]


def problem(file: str, loc: tuple[int, int] | None, message: str) -> Problem:
    line, col = loc or (1, 1)
    return Problem(file, line, col, message)
