"""The library's entry points: load → graph → check, for one strategy or one file.

    >>> from checker import check_file
    >>> result = check_file("examples/toyonaka.yaml")
    >>> [f.code for f in result.findings][:3]
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .config import Config
from .engine.finding import Finding, Severity
from .engine.pack import Pack, load_pack, pack_dir
from .engine.run import run_pack
from .graph import StrategyGraph, build_graph
from .load import InputError, Problem, load
from .model import Strategy


@dataclass
class FileResult:
    """What checking one file produced: its findings, or the problems that stopped it loading."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    strategy: Strategy | None = None
    graph: StrategyGraph | None = field(default=None, repr=False, compare=False)
    """The strategy's graph, when the caller asked to keep it (`check_file(keep_graph=True)`)."""
    progress: object | None = field(default=None, repr=False, compare=False)
    """The strategy's merged progress records (`checker.progress.data.ProgressData`), when it has any."""

    @property
    def ok(self) -> bool:
        """Loaded without input problems."""
        return not self.problems

    def failing(self, threshold: Severity) -> list[Finding]:
        """Unjustified findings at or above the threshold."""
        return [f for f in self.findings if not f.justified and f.severity.at_least(threshold)]


def get_pack(config: Config | None = None) -> Pack:
    """The rule pack the configuration names (the default edition otherwise)."""
    return load_pack(pack_dir(config.edition if config else None))


def check_strategy(
    strategy: Strategy,
    *,
    config: Config | None = None,
    pack: Pack | None = None,
    today: _dt.date | None = None,
    progress=None,
) -> list[Finding]:
    """Check a loaded strategy with the configured rules; findings are sorted by line, then rule.

    `progress`: the strategy's merged progress records (`checker.progress.progress_for`), for the progress rules.
    """
    return _check(strategy, config, pack, today, progress)[1]


def _check(strategy: Strategy, config: Config | None, pack: Pack | None, today: _dt.date | None, progress=None) -> tuple[StrategyGraph, list[Finding]]:
    config = config or Config()
    pack = pack or get_pack(config)
    graph = build_graph(strategy)
    return graph, run_pack(
        graph,
        pack,
        config.enabled(pack, strategy.file),
        severity_of=config.severity_of,
        today=today,
        deviations=config.deviations,
        progress=progress,
    )


def check_file(
    path: str,
    *,
    config: Config | None = None,
    pack: Pack | None = None,
    encoding: str | None = None,
    today: _dt.date | None = None,
    keep_graph: bool = False,
    progress: list | None = None,
) -> FileResult:
    """Load and check one file, with its progress records; input problems are returned, not raised.

    `keep_graph`: keep the graph the rules ran on in the result (the audit reads its facts off it).
    `progress`: progress files already read (`checker.progress.load.YearSource`), of this strategy or
    others; None: read those in the ``progress/`` folder beside the file (see `checker.progress.attach`).
    """
    from .progress.attach import progress_for

    try:
        strategy = load(path, encoding=encoding)
        data = progress_for(strategy, config, progress, encoding)
    except InputError as exc:
        return FileResult(file=str(path), problems=exc.problems)
    graph, findings = _check(strategy, config, pack, today, data)
    return FileResult(file=str(path), findings=findings, strategy=strategy, graph=graph if keep_graph else None,
                      progress=data)
