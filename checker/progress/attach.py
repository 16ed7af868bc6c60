"""Find and attach a strategy's progress records: inline, given, or in the `progress/` folder beside it.

Where `tebiki check` (and the audit, and CI) find progress records, in order:

1. the strategy file's own `progress:` list;
2. progress files named on the command line, or found in the folders named there (a progress
   file is recognised by its top-level `strategy:` key), for the strategy whose id they name;
3. unless files were given (or ``[progress] discover = false``), the ``progress/`` folder beside the
   strategy file, searched recursively, for the files that name the strategy's id.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from ..config import Config
from ..load import InputError, Problem
from ..model import Strategy
from .load import YearSource, discover, discover_named, inline_sources, is_progress_file, load_progress, read_head, sniff


def sources_for(strategy: Strategy, config: Config, given: list[YearSource] | None, encoding: str | None = None) -> list[YearSource]:
    """The records of `strategy`: inline ones, plus `given` (when not None) or those discovered beside it."""
    sources = inline_sources(strategy)
    if given is not None:
        sources += [s for s in given if s.strategy_id == strategy.id]
    elif config.progress_discover:
        for path, named in discover_named(strategy.file):
            if named is not None and named != strategy.id:
                continue  # another strategy's record (a folder of several): read by that strategy's check
            source = load_progress(path, encoding)
            if source.strategy_id == strategy.id:
                sources.append(source)
    return sources


def progress_for(strategy: Strategy, config: Config | None = None, given: list[YearSource] | None = None,
                 encoding: str | None = None):
    """The merged progress of `strategy` (`checker.progress.data.ProgressData`; None when it has no records);
    raises InputError on bad records."""
    config = config or Config()
    sources = sources_for(strategy, config, given, encoding)
    if not sources:
        return None
    from .data import attach  # merging and the grading scheme are imported only for a strategy with records
    from .schemes import get_scheme

    data = attach(strategy, sources)
    data.scheme = get_scheme(config.progress_scheme)
    return data


_ID_LINE = re.compile(r"""^id\s*:\s*["']?([A-Za-z0-9][A-Za-z0-9_.\-]*)["']?\s*(?:#.*)?$""", re.M)


def _strategy_id(path: str) -> str | None:
    """A strategy file's top-level id, read from its text without loading it (None if not found)."""
    head = read_head(path, 1 << 16)
    if head is None:
        return None
    m = _ID_LINE.search(head)
    return m.group(1) if m else None


def _beside(progress_file: str) -> list[str]:
    """Where the strategy of a progress file may be: its own folder, and the folder holding the nearest
    enclosing `progress/` folder."""
    path = Path(progress_file).resolve()
    folders = [path.parent]
    for parent in path.parents:
        if parent.name == "progress":
            folders.append(parent.parent)
            break
    found = []
    for folder in folders:
        for p in sorted(folder.glob("*.y*ml")):
            if p.suffix in (".yaml", ".yml") and not is_progress_file(p):
                try:
                    found.append(os.path.relpath(p))
                except ValueError:  # another drive (Windows)
                    found.append(str(p))
    return found


def gather(paths: list[str], config: Config, encoding: str | None = None) -> tuple[list[str], list[YearSource], list[Problem]]:
    """Sort the files of a run into strategies and progress records.

    Returns the strategy files to check (with the strategy of a progress file named alone, found beside
    it), every progress record of the run (named, or in a `progress/` folder beside a strategy, read
    once each) and the problems: files that cannot be read, and named progress files whose strategy is
    neither in the run nor beside them."""
    strategies = [p for p in paths if not is_progress_file(p)]
    named = [p for p in paths if p not in set(strategies)]
    sources: list[YearSource] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def read(path: str) -> YearSource | None:
        key = os.path.realpath(path)
        if key in seen:
            return None
        seen.add(key)
        try:
            source = load_progress(path, encoding)
        except InputError as exc:
            problems.extend(exc.problems)
            return None
        sources.append(source)
        return source

    explicit = [s for s in (read(p) for p in named) if s is not None]
    ids = {sid: p for p in strategies if (sid := _strategy_id(p))}
    for source in explicit:
        if source.strategy_id in ids:
            continue
        candidates = {sid: p for p in _beside(source.file) if (sid := _strategy_id(p))}
        if source.strategy_id in candidates:
            path = candidates[source.strategy_id]
            strategies.append(path)
            ids[source.strategy_id] = path
            continue
        known = sorted(set(ids) | set(candidates))
        close = difflib.get_close_matches(source.strategy_id, known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problems.append(Problem(source.file, *source.loc,
                                f"strategy '{source.strategy_id}' is not among the files checked nor beside this file{hint}"))
    if config.progress_discover:
        for folder in sorted({str(Path(p).parent) for p in strategies}):
            for path in discover(Path(folder) / "strategy.yaml"):
                read(path)
    return list(dict.fromkeys(strategies)), sources, problems


def index_progress(paths: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Split a folder's files into strategy files and progress files by the strategy id they name (read from
    their text, without loading them), so that a batch run reads each progress file once, for its strategy."""
    strategies: list[str] = []
    index: dict[str, list[str]] = {}
    for path in paths:
        found, named = sniff(path)
        if not found:
            strategies.append(path)
            continue
        index.setdefault(named or "", []).append(path)
    return strategies, index


def sources_in_index(strategy_file: str, index: dict[str, list[str]], encoding: str | None = None) -> list[YearSource] | None:
    """The progress records of a strategy file from `index_progress`'s index (None: none found by its id, so
    let the strategy's own folder be searched, e.g. for an id written in flow style)."""
    sid = _strategy_id(strategy_file)
    paths = index.get(sid or "", []) + index.get("", [])
    if sid is None:
        return None
    sources = []
    problems: list[Problem] = []
    for path in paths:
        try:
            source = load_progress(path, encoding)
        except InputError as exc:
            if path in index.get(sid, []):
                problems.extend(exc.problems)
            continue
        if source.strategy_id == sid:
            sources.append(source)
    if problems:
        raise InputError(problems)
    return sources
