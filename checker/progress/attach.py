"""Find and attach a strategy's progress records: inline, given, or in the `progress/` folder beside it.

Where `tebiki check` (and the audit, and CI) find progress records, in order:

1. the strategy file's own `progress:` list;
2. progress files named on the command line, or found in the folders named there (a progress
   file is recognised by its top-level `strategy:` key), for the strategy whose id they name;
3. unless files were given (or ``[progress] discover = false``), the ``progress/`` folder beside the
   strategy file, searched recursively, for the files that name the strategy's id.
"""

from __future__ import annotations

from ..config import Config
from ..model import Strategy
from .data import ProgressData, attach
from .load import YearSource, discover, inline_sources, load_progress
from .schemes import get_scheme


def sources_for(strategy: Strategy, config: Config, given: list[YearSource] | None, encoding: str | None = None) -> list[YearSource]:
    """The records of `strategy`: inline ones, plus `given` (when not None) or those discovered beside it."""
    sources = inline_sources(strategy)
    if given is not None:
        sources += [s for s in given if s.strategy_id == strategy.id]
    elif config.progress_discover:
        for path in discover(strategy.file):
            source = load_progress(path, encoding)
            if source.strategy_id == strategy.id:
                sources.append(source)
    return sources


def progress_for(strategy: Strategy, config: Config | None = None, given: list[YearSource] | None = None,
                 encoding: str | None = None) -> ProgressData | None:
    """The merged progress of `strategy` (None when it has no records); raises InputError on bad records."""
    config = config or Config()
    sources = sources_for(strategy, config, given, encoding)
    if not sources:
        return None
    data = attach(strategy, sources)
    data.scheme = get_scheme(config.progress_scheme)
    return data
