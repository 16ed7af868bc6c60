"""The files a command is given: file names, folders (searched for *.yaml / *.yml) and globs.

Walking never follows a symbolic link to a folder (as git and pathlib's ``**`` do not), so a
link back to a parent or to itself cannot make a walk loop or list a file twice; a file reached
by two names (a link beside its target) is listed once, under the first name in sorted order.
A name that is not valid UTF-8 (Linux allows any bytes) cannot be shown in a report or written
into one; it is reported as a problem, with its bytes shown as ``\\xff``, and skipped.
"""

from __future__ import annotations

import fnmatch
import os

from .load.errors import Problem
from .safetext import terminal

SUFFIXES = (".yaml", ".yml")
GLOB_CHARS = "*?["


def bad_name(path: str) -> Problem | None:
    """The problem with a file name that is not valid UTF-8 (None when it is fine)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(terminal(path), 1, 1, "the file name is not valid UTF-8; rename the file")
    return None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def walk(root: str | os.PathLike, suffixes: tuple[str, ...] = SUFFIXES, *, hidden: bool = True) -> list[str]:
    """The regular files under `root` whose names end with one of `suffixes`, sorted (symbolic links
    to files are followed, to folders not; `hidden`: also inside folders whose names start with '.')."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        if not hidden:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
        dirs.sort()
        for name in files:
            if name.endswith(suffixes):
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    found.append(path)
    return _once(sorted(found))


def _once(paths: list[str]) -> list[str]:
    """`paths` without a file met before under another name (a link beside its target)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for path in paths:
        identity = _identity(path)
        if identity is not None:
            if identity in seen:
                continue
            seen.add(identity)
        kept.append(path)
    return kept


def _matches(names: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether path components `names` match glob components `parts` (``**``: zero or more folders).
    As in the shell and Python's glob, a wildcard does not match a name that starts with '.'
    unless the pattern's component does too."""
    if not parts:
        return not names
    head = parts[0]
    if head == "**":
        return any(_matches(names[i:], parts[1:]) for i in range(len(names) + 1)
                   if not any(n.startswith(".") for n in names[:i]))
    if not names:
        return False
    name = names[0]
    if name.startswith(".") and not head.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, head) and _matches(names[1:], parts[1:])


def _glob(pattern: str) -> list[str]:
    """Files matching a glob, sorted; folder links are not followed, so nothing loops."""
    parts = pattern.split("/")
    split = next(i for i, part in enumerate(parts) if any(ch in part for ch in GLOB_CHARS))
    anchor = "/".join(parts[:split]) or ("/" if pattern.startswith("/") else "")
    wanted = tuple(p for p in parts[split:] if p)
    deep = "**" in wanted
    found = []
    for folder, dirs, files in os.walk(anchor or ".", followlinks=False):
        rel = () if folder == (anchor or ".") else tuple(os.path.relpath(folder, anchor or ".").split(os.sep))
        if not deep and len(rel) >= len(wanted) - 1:
            dirs[:] = []
        for name in files:
            if _matches(rel + (name,), wanted):
                path = os.path.join(anchor, *rel, name) if anchor else os.path.join(*rel, name)
                if os.path.isfile(path):
                    found.append(path)
    return sorted(found)


def expand(paths: list[str]) -> tuple[list[str], list[Problem], list[str]]:
    """Files, folders (their *.yaml / *.yml, recursively) and globs → (files, problems, patterns
    that match nothing).  Files keep the order of the arguments, each group sorted, without
    repeats; the problems are the names that are not valid UTF-8."""
    found: list[str] = []
    unmatched: list[str] = []
    for p in paths:
        if any(ch in p for ch in GLOB_CHARS) and not os.path.exists(p):
            matches = _glob(p)
            if not matches:
                unmatched.append(p)
            found.extend(matches)
        elif os.path.isdir(p):
            found.extend(walk(p))
        else:
            found.append(p)
    files: list[str] = []
    problems: list[Problem] = []
    for path in _once(list(dict.fromkeys(found))):
        problem = bad_name(path)
        if problem is not None:
            problems.append(problem)
        else:
            files.append(path)
    return files, problems, unmatched
