"""Baselines: accept the findings a strategy has today, and fail later only on new ones.

A baseline file (JSON, deterministic) lists the unjustified findings of a run,
keyed by (file, rule code, node id) with how many findings share that key, so
that a rule reporting twice on one node is handled.  Line numbers are never
part of the key: moving text around does not make a known finding "new".

File paths are stored relative to the baseline file's folder (POSIX form), so
the same baseline works whatever the current directory of the run.

    >>> from checker.baseline import write_baseline, load_baseline, apply_baseline
    >>> write_baseline("tebiki-baseline.json", results, edition="tebiki-2022-12")
    >>> kept, outcome = apply_baseline(results, load_baseline("tebiki-baseline.json"))

`apply_baseline` drops the findings the baseline knows (up to each key's
count), keeps new ones and justified deviations, and reports the entries that
are gone (fixed, or now justified) so the baseline can be refreshed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from .api import FileResult
from .engine.finding import Finding
from .load.errors import InputError
from .safetext import terminal

BASELINE_VERSION = 1
"""Version of the baseline file format."""

MAX_BASELINE_BYTES = 64 * 1024 * 1024
"""A baseline lists at most a few findings per rule and node; anything larger is not one."""

Key = tuple[str, str, str]
"""(file relative to the baseline's folder, rule code, node id)."""


@dataclass(frozen=True)
class Entry:
    """One key of the baseline and how many findings it accepts (or, when gone, how many are no longer found)."""

    file: str
    code: str
    node: str
    count: int = 1
    name: str = ""
    """The rule's readable name, for people reading the file; not used to match."""

    @property
    def key(self) -> Key:
        return (self.file, self.code, self.node)

    def as_dict(self) -> dict:
        return {"file": self.file, "code": self.code, "name": self.name, "node": self.node, "count": self.count}


@dataclass
class Baseline:
    """A loaded baseline file."""

    path: Path
    entries: dict[Key, Entry] = field(default_factory=dict)
    edition: str | None = None

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent


@dataclass(frozen=True)
class Outcome:
    """What applying a baseline did: findings it accepted, and its entries no longer found."""

    path: str
    matched: int
    """Findings hidden because the baseline lists them."""
    gone: tuple[Entry, ...] = ()
    """Entries (with the number of findings no longer found) of files and rules that were checked."""

    def as_dict(self) -> dict:
        return {"file": self.path, "matched": self.matched, "gone": [e.as_dict() for e in self.gone]}


def relative_file(file: str, folder: Path) -> str:
    """`file` as a POSIX path relative to `folder` (absolute when it cannot be made relative)."""
    absolute = Path(os.path.abspath(file))
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def _open_findings(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if not f.justified]


def entries_of(results: list[FileResult], folder: Path) -> list[Entry]:
    """The baseline entries for these results: unjustified findings counted by (file, rule, node), sorted."""
    counts: Counter[Key] = Counter()
    names: dict[Key, str] = {}
    for result in results:
        file = relative_file(result.file, folder)
        for f in _open_findings(result):
            key = (file, f.code, f.node_id)
            counts[key] += 1
            names[key] = f.name
    return [Entry(*key, count=n, name=names[key]) for key, n in sorted(counts.items())]


def dumps_baseline(results: list[FileResult], folder: Path, edition: str | None = None) -> str:
    """The baseline file's text: deterministic JSON, one entry per (file, rule, node)."""
    doc = {
        "version": BASELINE_VERSION,
        "tool": "tebiki-checker",
        "edition": edition,
        "entries": [e.as_dict() for e in entries_of(results, folder)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str | os.PathLike, results: list[FileResult], edition: str | None = None) -> int:
    """Write the baseline for `results` to `path` (atomically); return the number of findings it accepts.

    Refuses (InputError) when a file could not be loaded: a baseline without that
    file's findings would make all of them "new" once the file loads again; and
    (checker.fileio.OutputError) when `path` is one of the checked files or another input.
    """
    from .fileio import write_output

    broken = [r.file for r in results if r.problems]
    if broken:
        raise InputError.at(str(path), 1, 1, f"baseline not written: {len(broken)} file(s) could not be loaded ({', '.join(broken)})")
    target = Path(path)
    write_output(target, dumps_baseline(results, target.resolve().parent, edition), option="--write-baseline",
                 inputs=[r.file for r in results])
    return sum(len(_open_findings(r)) for r in results)


def load_baseline(path: str | os.PathLike) -> Baseline:
    """Read a baseline file; any problem is an InputError (file:line:col: message)."""
    target = Path(path)
    file = str(path)
    from .fileio import open_input

    try:
        with open_input(target) as fh:
            text = fh.read(MAX_BASELINE_BYTES + 1).decode("utf-8")
        if len(text) > MAX_BASELINE_BYTES:
            raise InputError.at(file, 1, 1, f"a baseline file over {MAX_BASELINE_BYTES // 1048576} MB is refused")
    except FileNotFoundError:
        raise InputError.at(file, 1, 1, "no such baseline file (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.at(file, 1, 1, f"cannot read the baseline file: {exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.at(file, exc.lineno, exc.colno, f"baseline is not valid JSON: {exc.msg}") from None
    if not isinstance(doc, dict) or doc.get("version") != BASELINE_VERSION or not isinstance(doc.get("entries"), list):
        raise InputError.at(file, 1, 1, f"not a tebiki baseline (expected version {BASELINE_VERSION} and a list of entries)")
    baseline = Baseline(path=target, edition=doc.get("edition"))
    for i, item in enumerate(doc["entries"]):
        try:
            count = item.get("count", 1)
            if type(count) is not int or not all(isinstance(item[k], str) for k in ("file", "code", "node")):
                raise TypeError
            entry = Entry(file=item["file"], code=item["code"], node=item["node"], count=count, name=str(item.get("name", "")))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InputError.at(file, 1, 1, f"baseline entry {i + 1} needs file, code, node and a whole-number count") from None
        if entry.count < 1:
            raise InputError.at(file, 1, 1, f"baseline entry {i + 1} has count {entry.count}; it must be at least 1")
        if entry.key in baseline.entries:  # the same key twice: add the counts up
            entry = replace(entry, count=entry.count + baseline.entries[entry.key].count)
        baseline.entries[entry.key] = entry
    return baseline


def apply_baseline(
    results: list[FileResult], baseline: Baseline, ran: set[str] | None = None
) -> tuple[list[FileResult], Outcome]:
    """Drop the findings the baseline accepts; report its entries that are gone.

    For each (file, rule, node) the first `count` unjustified findings (in report
    order) are accepted; any more are new.  Entries are "gone" only for files that
    were checked and loaded in this run, and, when `ran` is given (the codes of
    the rules that ran), only for those rules: checking one file, or one rule,
    does not declare the rest of the baseline fixed.
    """
    folder = baseline.folder
    used: Counter[Key] = Counter()
    kept_results: list[FileResult] = []
    checked: set[str] = set()
    matched = 0
    for result in results:
        file = relative_file(result.file, folder)
        if result.ok:
            checked.add(file)
        kept: list[Finding] = []
        for f in result.findings:
            key = (file, f.code, f.node_id)
            entry = baseline.entries.get(key)
            if not f.justified and entry is not None and used[key] < entry.count:
                used[key] += 1
                matched += 1
                continue
            kept.append(f)
        kept_results.append(replace(result, findings=kept))
    gone = tuple(
        replace(entry, count=entry.count - used[key])
        for key, entry in sorted(baseline.entries.items())
        if entry.file in checked and (ran is None or entry.code in ran) and used[key] < entry.count
    )
    return kept_results, Outcome(path=str(baseline.path), matched=matched, gone=gone)


WORDS = {
    "ja": {
        "head": "ベースライン {path}: 既知の指摘 {matched} 件を除外",
        "gone": "、解消済み {gone} 件（--write-baseline で更新できます）",
        "entry": "  解消: {file} {code} {name} 対象 {node}",
    },
    "en": {
        "head": "baseline {path}: {matched} known finding(s) not reported",
        "gone": ", {gone} no longer found (refresh it with --write-baseline)",
        "entry": "  gone: {file} {code} {name} node {node}",
    },
}


def describe(outcome: Outcome, lang: str = "ja") -> list[str]:
    """Lines saying what the baseline did, for text reports: a head line, then one line per gone entry."""
    words = WORDS["en" if lang == "en" else "ja"]
    gone = sum(e.count for e in outcome.gone)
    head = words["head"].format(path=outcome.path, matched=outcome.matched)
    if gone:
        head += words["gone"].format(gone=gone)
    lines = [terminal(head)]
    for e in outcome.gone:
        line = terminal(words["entry"].format(file=e.file, code=e.code, name=e.name, node=e.node))
        lines.append(line + (f" ×{e.count}" if e.count > 1 else ""))
    return lines
