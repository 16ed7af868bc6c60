"""Configuration: which rules run, at what severity, and when a run fails.

Read from ``tebiki.toml`` / ``.tebiki.toml`` (top-level keys) or the
``[tool.tebiki]`` table of ``pyproject.toml``, found by walking up from the
current directory, or named with ``--config``.  ``extends`` names another
config file (a prefecture's shared settings): ``ignore``, ``severity`` and
``per-file-ignores`` are merged with it, other keys replace its values.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .engine.finding import Severity
from .engine.pack import Pack, RuleRecord
from .load.errors import InputError, Problem

CONFIG_NAMES = ("tebiki.toml", ".tebiki.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 4 * 1024 * 1024
"""A config (with a few thousand per-file ignores) is tens of kilobytes."""
_KEYS = {"extends", "edition", "select", "ignore", "severity", "fail-on", "min-severity", "lang", "per-file-ignores", "deviations",
         "progress"}
_PROGRESS_KEYS = {"scheme", "discover"}


def _close(key: str, known: set[str]) -> list[str]:
    """The known key `key` is most likely a misspelling of (at most one)."""
    import difflib  # here: only a config with an unknown key needs it

    return difflib.get_close_matches(key, sorted(known), n=1)


@dataclass
class Config:
    """Resolved configuration.  The defaults run every rule and fail on errors."""

    edition: str | None = None
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.error
    min_severity: Severity = Severity.info
    """Findings below this severity are not shown by `tebiki check` (``--min-severity``)."""
    lang: str = "ja"
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    deviations: bool = True
    """Apply the deviation records in the strategy files."""
    files: list[str] = field(default_factory=list)
    """The config files this was read from, base first."""
    progress_scheme: str | None = None
    """The grading scheme of progress: a preset id, or the path of a scheme file (absolute)."""
    progress_discover: bool = True
    """Read the progress files in the `progress/` folder beside each strategy."""

    given: dict[str, str] = field(default_factory=dict)
    """Selectors given on the command line → the option that gave them (``--select``, ``--ignore``)."""

    def enabled(self, pack: Pack, file: str | None = None) -> list[RuleRecord]:
        """The pack's rules that this configuration runs for `file` (linear in the number of
        selectors: each is looked up in an index of the pack, once per configuration)."""
        select = _selectors(self, "select", self.select)
        ignored = [_selectors(self, "ignore", self.ignore)]
        if file is not None:
            file, name = os.path.normcase(file), os.path.normcase(Path(file).name)
            for pattern, selectors in self.per_file_ignores.items():
                pattern = os.path.normcase(pattern)
                if glob_matches(pattern, file) or glob_matches(pattern, name):
                    ignored.append(_selectors(self, "per-file:" + pattern, selectors))
        return [r for r in pack.rules if select.names(r) and not any(i.names(r) for i in ignored)]

    def severity_of(self, rule: RuleRecord) -> Severity:
        """The rule's severity after overrides (the most specific selector wins: code, name, section, area, prefix)."""
        if not self.severity:
            return rule.severity
        best = _selectors(self, "severity", self.severity, list(self.severity.values())).best(rule)
        return best[1] if best is not None else rule.severity


def specificity(selector: str, rule: RuleRecord) -> int:
    """How precisely a selector names a rule (0: not at all)."""
    s = selector.strip()
    if s.upper() == rule.code or s == rule.name:
        return 5
    if s in rule.sections:
        return 4
    if s == rule.area.value:
        return 3
    if re.fullmatch(r"[A-Za-z]{1,2}\d?", s) and rule.code.startswith(s.upper()):
        return 2
    if s.upper() == "ALL":
        return 1
    return 0


def matches(selector: str, rule: RuleRecord) -> bool:
    """A selector matches by code, code prefix (KQ), name, 手引き section (3-2), area, or ALL."""
    return specificity(selector, rule) > 0


class Selectors:
    """A list of selectors indexed by kind, so that whether (and how specifically) they name a
    rule costs a few dictionary lookups, however many there are: a config with tens of thousands
    of entries costs time in proportion to its size.  `specificity` is the definition; this
    gives the same answers.  Each selector may carry a value (a severity)."""

    _PREFIX = re.compile(r"[A-Za-z]{1,2}\d?")

    def __init__(self, selectors, values=None) -> None:
        self.by_rank: dict[int, dict[str, tuple[int, object]]] = {5: {}, 4: {}, 3: {}, 2: {}, 1: {}}
        for order, selector in enumerate(selectors):
            value = values[order] if values is not None else None
            s = selector.strip()
            keys = [(5, s.upper()), (5, s), (4, s), (3, s)]
            if self._PREFIX.fullmatch(s):
                keys.append((2, s.upper()))
            if s.upper() == "ALL":
                keys.append((1, "ALL"))
            for rank, key in keys:
                self.by_rank[rank].setdefault(key, (order, value))

    def best(self, rule: RuleRecord) -> tuple[int, object] | None:
        """(rank, value) of the most specific selector naming `rule` (the first among equals), or None."""
        lookups = (
            (5, (rule.code, rule.name)), (4, rule.sections), (3, (rule.area.value,)),
            (2, (rule.code[:1], rule.code[:2], rule.code[:3])), (1, ("ALL",)),
        )
        for rank, keys in lookups:
            table = self.by_rank[rank]
            hits = [table[k] for k in keys if k in table]
            if hits:
                return rank, min(hits, key=lambda hit: hit[0])[1]
        return None

    def names(self, rule: RuleRecord) -> bool:
        """Whether any selector names `rule`."""
        return self.best(rule) is not None


def _selectors(config: "Config", key: str, selectors, values=None) -> Selectors:
    """The Selectors of a list of the config's, built once per content."""
    cache = config.__dict__.setdefault("_selectors", {})
    held = cache.get(key)
    content = tuple(selectors) if values is None else tuple(zip(selectors, values))
    if held is None or held[0] != content:
        held = cache[key] = (content, Selectors(list(selectors), values))
    return held[1]


def _error(path: Path, key: str, message: str) -> InputError:
    line = 1
    try:
        lines = _read(path).splitlines()
        assignment = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
        quoted = re.compile(rf"[\"']{re.escape(key)}[\"']")
        line = next((i for i, text in enumerate(lines, 1) if assignment.match(text)), None) or next(
            (i for i, text in enumerate(lines, 1) if quoted.search(text)), 1
        )
    except (OSError, UnicodeDecodeError, InputError):
        pass
    return InputError.at(str(path), line, 1, message)


def _read(path: Path) -> str:
    from .fileio import open_input

    with open_input(path) as fh:
        data = fh.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise InputError.at(str(path), 1, 1, f"a config file over {MAX_CONFIG_BYTES // 1024} KB is not a tebiki config")
    return data.decode("utf-8")


def _table(path: Path) -> dict | None:
    import tomllib  # here: a run without a config file does not need it

    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m[1]), int(m[2])) if m else (1, 1)
        raise InputError.at(str(path), line, col, f"TOML syntax error: {str(exc).split(' (at')[0]}") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise InputError.at(str(path), 1, 1, f"cannot read the config file: {reason}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("tebiki")
    return data


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start` (a pyproject.toml counts only with [tool.tebiki])."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
                return candidate
    return None


def _bad_glob(pattern: str) -> str | None:
    """Why a per-file-ignores pattern cannot be what its author meant (None when it is fine)."""
    if not pattern.strip():
        return "it is empty"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in pattern):
        return "it contains a control character"
    i = 0
    while i < len(pattern):
        if pattern[i] == "[":
            j = i + 1
            if j < len(pattern) and pattern[j] in "!^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            close = pattern.find("]", j)
            if close < 0:
                return "'[' opens a set of characters that is never closed (write [[] for a literal '[')"
            i = close
        i += 1
    return None


def glob_matches(pattern: str, text: str) -> bool:
    """fnmatch.fnmatchcase(text, pattern), without compiling a regular expression for the common
    patterns that use only '*' (so that tens of thousands of per-file-ignores cost little)."""
    if "?" in pattern or "[" in pattern:
        return fnmatch.fnmatchcase(text, pattern)
    parts = pattern.split("*")
    if len(parts) == 1:
        return text == pattern
    head, *middle, tail = parts
    if len(text) < len(head) + len(tail) or not text.startswith(head) or not text.endswith(tail):
        return False
    at, end = len(head), len(text) - len(tail)
    for piece in middle:
        found = text.find(piece, at, end)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def _toml(value: object) -> str:
    """A value as it is written in TOML, for messages."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return '"' + value[:40] + ('..."' if len(value) > 40 else '"')
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def _severity(path: Path, key: str, value: object) -> Severity:
    try:
        if not isinstance(value, str):
            raise ValueError
        return Severity(value)
    except ValueError:
        raise _error(path, key, f"severity '{value}' must be error, warning or info") from None


def _strings(path: Path, key: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _error(path, key, f"'{key}' must be a list of strings")
    return list(value)


def load_config(path: Path, _seen: tuple[Path, ...] = ()) -> Config:
    """Read a config file and the files it extends."""
    try:
        path = path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop (RuntimeError before Python 3.13)
        raise InputError.at(str(path), 1, 1, "cannot read the config file: a loop of symbolic links") from None
    if path in _seen:
        raise InputError.at(str(path), 1, 1, "config files extend each other in a cycle")
    if not os.path.lexists(path):
        raise InputError.at(str(path), 1, 1, "no such config file")
    table = _table(path)
    if table is None:
        raise InputError.at(str(path), 1, 1, "pyproject.toml has no [tool.tebiki] table")
    original = {k.replace("_", "-"): k for k in table}
    table = {k.replace("_", "-"): v for k, v in table.items()}
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        key = unknown[0]
        close = _close(key, _KEYS)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(_KEYS))})"
        raise _error(path, original[key], f"unknown config key '{original[key]}'{hint}")
    config = Config()
    if "extends" in table:
        if not isinstance(table["extends"], str) or not table["extends"].strip():
            raise _error(path, "extends", f"'extends' must be the path of one config file (text), not {_toml(table['extends'])}")
        base = Path(table["extends"])
        config = load_config(base if base.is_absolute() else path.parent / base, _seen + (path,))
    if "edition" in table:
        if not isinstance(table["edition"], str):
            raise _error(path, "edition", f"'edition' must be a pack name or folder (text), not {_toml(table['edition'])}")
        config.edition = table["edition"]
    if "select" in table:
        config.select = _strings(path, "select", table["select"])
    if "ignore" in table:
        config.ignore = config.ignore + _strings(path, "ignore", table["ignore"])
    if "severity" in table:
        if not isinstance(table["severity"], dict):
            raise _error(path, "severity", "'severity' must be a table of selector = \"error|warning|info\"")
        for selector, value in table["severity"].items():
            config.severity[selector] = _severity(path, selector, value)
    if "fail-on" in table:
        config.fail_on = _severity(path, "fail-on", table["fail-on"])
    if "min-severity" in table:
        config.min_severity = _severity(path, "min-severity", table["min-severity"])
    if "lang" in table:
        if table["lang"] not in ("ja", "en"):
            raise _error(path, "lang", "'lang' must be ja or en")
        config.lang = table["lang"]
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise _error(path, "per-file-ignores", "'per-file-ignores' must be a table of glob = [selectors]")
        for pattern, selectors in pfi.items():
            if (why := _bad_glob(pattern)) is not None:
                raise _error(path, pattern, f"'{pattern}' is not a valid file pattern: {why}")
            config.per_file_ignores.setdefault(pattern, []).extend(_strings(path, pattern, selectors))
    if "deviations" in table:
        if not isinstance(table["deviations"], bool):
            raise _error(path, "deviations", f"'deviations' must be true or false, not {_toml(table['deviations'])}")
        config.deviations = table["deviations"]
    if "progress" in table:
        _progress(path, table["progress"], config)
    config.files = config.files + [str(path)]
    return config


def _progress(path: Path, table: object, config: Config) -> None:
    """The [progress] table: scheme = "a-d" or "grading.yaml" (relative to this file), discover = true|false."""
    if not isinstance(table, dict):
        raise _error(path, "progress", "'progress' must be a table ([progress] with scheme = ..., discover = ...)")
    unknown = sorted(set(table) - _PROGRESS_KEYS)
    if unknown:
        close = _close(unknown[0], _PROGRESS_KEYS)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(sorted(_PROGRESS_KEYS))})"
        raise _error(path, unknown[0], f"unknown key '{unknown[0]}' in [progress]{hint}")
    if "scheme" in table:
        scheme = table["scheme"]
        if not isinstance(scheme, str) or not scheme:
            raise _error(path, "scheme", "'scheme' must be a preset's id or the path of a scheme file")
        if scheme.endswith((".yaml", ".yml")) and not Path(scheme).is_absolute():
            scheme = str(path.parent / scheme)
        config.progress_scheme = scheme
    if "discover" in table:
        if not isinstance(table["discover"], bool):
            raise _error(path, "discover", "'discover' must be true or false")
        config.progress_discover = table["discover"]


class _OptionProblem(Problem):
    """A problem with a command-line option: '--select: message'."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def validate_selectors(config: Config, pack: Pack) -> None:
    """Every selector in the config must match at least one rule of the pack (typos fail loudly)."""
    file = Path(config.files[-1]) if config.files else Path("<config>")
    selectors = list(config.select) + list(config.ignore) + list(config.severity)
    for group in config.per_file_ignores.values():
        selectors.extend(group)
    keys: set[str] = {"ALL"}
    for r in pack.rules:
        keys.update((r.code, r.name, r.area.value, *r.sections))
    prefixes = {r.code[:n] for r in pack.rules for n in (1, 2, 3)}
    for s in dict.fromkeys(selectors):
        t = s.strip()
        if not (t.upper() in keys or t in keys or (Selectors._PREFIX.fullmatch(t) and t.upper() in prefixes)):
            hint = f"matches no rule of {pack.edition} (use a code, name, section, area or ALL)"
            if s in config.given:  # from the command line: say so, there is no file to point at
                raise InputError([_OptionProblem(config.given[s], 0, 0, f"'{s}' {hint}")])
            raise _error(file, s, f"'{s}' {hint}")
