"""`tebiki diff OLD NEW`: the comparison of two versions, with what the revision did to the findings.

Both versions are judged by the same pack — the one that judges the new version (its edition in
force, or the one asked for) — with nothing relaxed, so that a finding present in one and not the
other is the revision's doing.  Findings are matched through the parts' matching (a node whose id
changed keeps its findings), by rule and node: those only the old version has are *resolved*,
those only the new one has are *introduced*.  The revision rules (RV01–RV03) judge the new
version against the old one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..api import edition_for
from ..config import Config
from ..engine.edition import EditionChoice
from ..engine.finding import Finding, Severity
from ..engine.pack import Pack
from ..model import Strategy
from .compare import KINDS, Comparison, compare
from .judge import IndicatorChange, indicator_changes


@dataclass
class DiffResult:
    """What `tebiki diff` reports."""

    old_file: str
    new_file: str
    comparison: Comparison
    pack: Pack
    edition: EditionChoice
    """The edition that judged both versions, and why (the new version's)."""
    resolved: list[Finding]
    """Findings of the old version that the new one no longer has."""
    introduced: list[Finding]
    """Findings of the new version that the old one did not have (revision rules apart)."""
    kept: int
    """Findings present in both."""
    revision: list[Finding]
    """The revision rules' findings on the new version, judged against the old one."""
    indicators: list[IndicatorChange]
    """Targets lowered, indicators dropped or redefined, recorded or not."""

    @property
    def changes(self):
        return self.comparison.changes

    def counts(self) -> dict[str, int]:
        kinds = Counter(c.kind for c in self.changes)
        return {
            **{k: kinds.get(k, 0) for k in KINDS},
            "resolved": len(self.resolved),
            "introduced": len(self.introduced),
            "kept": self.kept,
            "revision": len([f for f in self.revision if not f.justified]),
        }

    def failing(self, threshold: Severity) -> list[Finding]:
        """Unjustified revision and introduced findings at or above the threshold (for the exit code)."""
        return [f for f in self.revision + self.introduced if not f.justified and f.severity.at_least(threshold)]


def _key(f: Finding, node_map: dict[str, str]) -> tuple[str, str]:
    node = node_map.get(f.node_id) or (f.node_id if f.node_id.startswith("#") else f"old:{f.node_id}")
    return f.code, node


def _excess(mine: list[Finding], theirs: list[Finding], key_of, their_key_of) -> list[Finding]:
    """Findings of `mine` beyond those `theirs` has for the same rule and node (different messages first)."""
    counts = Counter(their_key_of(f) for f in theirs)
    messages = defaultdict(set)
    for f in theirs:
        messages[their_key_of(f)].add(f.message.en)
    groups = defaultdict(list)
    for f in mine:
        groups[key_of(f)].append(f)
    out = []
    for key, found in groups.items():
        extra = len(found) - counts.get(key, 0)
        if extra > 0:
            found = sorted(found, key=lambda f: f.message.en in messages[key])  # unmatched messages first
            out.extend(found[:extra])
    return sorted(out, key=lambda f: f.sort_key)


def diff_strategies(old: Strategy, new: Strategy, *, config: Config | None = None, today=None) -> DiffResult:
    """Compare two loaded versions and judge both with the new version's edition."""
    from ..api import check_strategy

    config = config or Config()
    pack, choice = edition_for(new, config)
    judged = replace(config, edition=str(pack.path))  # the same pack for both, nothing relaxed
    old_findings = check_strategy(old, config=judged, pack=pack, today=today)
    new_findings = check_strategy(new, config=judged, pack=pack, today=today, predecessor=old)
    comparison = compare(old, new)
    node_map = comparison.node_map()
    revision = [f for f in new_findings if f.area == "revision"]
    new_findings = [f for f in new_findings if f.area != "revision"]
    old_findings = [f for f in old_findings if f.area != "revision"]
    old_key = lambda f: _key(f, node_map)  # noqa: E731
    new_key = lambda f: (f.code, f.node_id)  # noqa: E731
    resolved = _excess(old_findings, new_findings, old_key, new_key)
    introduced = _excess(new_findings, old_findings, new_key, old_key)
    kept = len(new_findings) - len(introduced)
    changes = indicator_changes(comparison, pack.reference.decrease_signals)
    return DiffResult(old.file, new.file, comparison, pack, choice, resolved, introduced, kept, revision, changes)


def diff_files(old_path: str, new_path: str, *, config: Config | None = None, encoding: str | None = None, today=None) -> DiffResult:
    """Load two strategy files and compare them; raise InputError (file:line:col) if either cannot be loaded."""
    from ..load import InputError, load

    problems, loaded = [], []
    for path in (old_path, new_path):
        try:
            loaded.append(load(path, encoding=encoding))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return diff_strategies(*loaded, config=config, today=today)
