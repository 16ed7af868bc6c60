"""Where two printed values differ, character by character (Japanese has no spaces to split on):
the old and the new text as runs of (changed, text), for highlighting in a 新旧対照表."""

from __future__ import annotations

from difflib import SequenceMatcher

MIN_SAME = 3
"""Equal runs shorter than this between two changes are shown as changed, so that a rewritten
sentence reads as one change rather than as scattered characters."""


def _merge(runs: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    out: list[tuple[bool, str]] = []
    for changed, text in runs:
        if out and out[-1][0] == changed:
            out[-1] = (changed, out[-1][1] + text)
        elif text:
            out.append((changed, text))
    return out


def inline(old: str | None, new: str | None) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """The old and the new value as runs of (changed, text); a missing side is an empty list."""
    old, new = old or "", new or ""
    if not old or not new:
        return ([(True, old)] if old else []), ([(True, new)] if new else [])
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    a: list[tuple[bool, str]] = []
    b: list[tuple[bool, str]] = []
    for i, (tag, i1, i2, j1, j2) in enumerate(ops):
        short = tag == "equal" and 0 < i < len(ops) - 1 and i2 - i1 < MIN_SAME
        changed = tag != "equal" or short
        a.append((changed, old[i1:i2]))
        b.append((changed, new[j1:j2]))
    return _merge(a), _merge(b)
