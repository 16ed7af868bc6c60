"""The library's entry points: load → graph → check, for one strategy or one file.

    >>> from checker import check_file
    >>> result = check_file("examples/toyonaka.yaml")
    >>> [f.code for f in result.findings][:3]
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import Config
from .engine.edition import EditionChoice, choose, given, relax
from .engine.finding import Finding, Severity, Text
from .engine.pack import DEFAULT_EDITION, Pack, load_pack, pack_dir
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
    edition: EditionChoice | None = None
    """The edition that judged it, and why."""
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
    predecessor: Strategy | None = None,
    edition: EditionChoice | None = None,
    progress=None,
) -> list[Finding]:
    """Check a loaded strategy with the configured rules; findings are sorted by line, then rule.

    `predecessor`: the version the strategy revises, for the revision rules (RV01–RV03).
    `edition`: judge as this choice says (`edition_for`), with `pack` its pack.
    `progress`: the strategy's merged progress records (`checker.progress.progress_for`), for the progress rules.
    """
    return _check(strategy, config, pack, today, predecessor, edition, progress)[1]


def edition_for(strategy: Strategy, config: Config | None = None, pack: Pack | None = None) -> tuple[Pack, EditionChoice]:
    """The pack that judges the strategy and why: the configured edition (``--edition``), a pack
    the caller gives that is not the default one, or else the edition in force on the strategy's
    date (`checker.engine.edition`).  A default pack the caller loaded is reused when it is the one."""
    if config is not None and config.edition:
        pack = pack if pack is not None else get_pack(config)
        return pack, given(pack, strategy)
    if pack is not None and pack.path.resolve() != pack_dir(DEFAULT_EDITION).resolve():
        return pack, given(pack, strategy, _GIVEN)
    choice = choose(strategy)
    if pack is None or pack.edition != choice.edition:
        pack = load_pack(choice.path)
    title, notice = pack.meta.title, pack.meta.notice.text if pack.meta.notice is not None else None
    return pack, replace(choice, title=title, interim=pack.interim, notice=notice)


_GIVEN = Text("呼び出し側が指定したパック", "the pack given by the caller")


def _check(
    strategy: Strategy,
    config: Config | None,
    pack: Pack | None,
    today: _dt.date | None,
    predecessor: Strategy | None = None,
    choice: EditionChoice | None = None,
    progress=None,
) -> tuple[StrategyGraph, list[Finding], EditionChoice]:
    config = config or Config()
    if choice is None or pack is None:
        pack, choice = edition_for(strategy, config, pack)
    graph = build_graph(strategy)
    findings = run_pack(
        graph,
        pack,
        config.enabled(pack, strategy.file),
        severity_of=config.severity_of,
        today=today,
        deviations=config.deviations,
        predecessor=predecessor,
        progress=progress,
    )
    return graph, relax(findings, pack, choice), choice


def load_predecessor(strategy: Strategy, encoding: str | None = None) -> Strategy | None:
    """The strategy file that `predecessor.file` names (relative to the strategy's own file), if any.

    Raises InputError: one problem at `predecessor.file`, then the predecessor's own problems.
    """
    ref = strategy.predecessor
    if ref is None or not ref.file:
        return None
    path = Path(strategy.file).parent / ref.file
    try:
        return load(str(path), encoding=encoding)
    except InputError as exc:
        line, col = ref.loc or (1, 1)
        head = Problem(strategy.file, line, col, f"predecessor.file: {ref.file} cannot be loaded")
        raise InputError([head, *exc.problems]) from None


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
        predecessor = load_predecessor(strategy, encoding)
        data = progress_for(strategy, config, progress, encoding)
    except InputError as exc:
        return FileResult(file=str(path), problems=exc.problems)
    graph, findings, choice = _check(strategy, config, pack, today, predecessor, progress=data)
    return FileResult(file=str(path), findings=findings, strategy=strategy, graph=graph if keep_graph else None,
                      edition=choice, progress=data)
