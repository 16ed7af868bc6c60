"""Escaping for text that leaves the tool: the terminal, spreadsheet cells and HTML pages.

MINIMAL STAND-IN: the full module (bidirectional controls, full-width formula triggers, plain
negative numbers kept as numbers, property tests) is being written on its own branch; when it
reaches main, its version replaces this file whole.  The function names and their meaning are
the same, so the callers do not change:

- ``terminal(text)``: text printed as one line; control characters shown as escapes.
- ``cell(value)``: a CSV cell; a text that starts like a formula gets a leading apostrophe.
- ``xlsx_cell(target, value)``: the same for an openpyxl cell (never a formula).
- ``html_text(text)``: text for a page (before HTML escaping), control characters removed.
- ``jinja_finalize(value)``: ``html_text`` as a Jinja2 ``finalize`` hook (None → "").
"""

from __future__ import annotations

import re

__all__ = ["cell", "html_text", "is_formula", "jinja_finalize", "terminal", "xlsx_cell"]

FORMULA_TRIGGERS = "=+-@\t\r＝＋－＠"
_TERMINAL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEGATIVE_NUMBER = re.compile(r"-(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?", re.ASCII)


def terminal(value: object) -> str:
    """`value` as text safe to print on one line of a terminal."""
    text = value if isinstance(value, str) else str(value)
    return _TERMINAL.sub(lambda m: "\\n" if m.group() == "\n" else f"\\x{ord(m.group()):02x}", text)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet program would read `text`, as a cell, as a formula."""
    stripped = text.lstrip(" \u3000")
    if not stripped or stripped[0] not in FORMULA_TRIGGERS:
        return False
    return not (len(stripped) == len(text) and _NEGATIVE_NUMBER.fullmatch(text))


def cell(value: object) -> str:
    """The text of a CSV cell, neutralised against formula injection (None is an empty cell)."""
    if value is None:
        return ""
    text = html_text(value)
    return "'" + text if is_formula(text) else text


def xlsx_cell(target, value: object) -> None:
    """Put `value` into an openpyxl cell: numbers and booleans as they are, text never as a formula."""
    if value is None or isinstance(value, (bool, int, float)):
        target.value = value
        return
    text = html_text(value)
    target.value = text
    target.data_type = "s"
    if is_formula(text):
        target.quotePrefix = True


def html_text(value: object) -> str:
    """`value` as text for an HTML page (before HTML escaping): control characters removed."""
    text = value if isinstance(value, str) else str(value)
    return _HTML.sub("", text) if _HTML.search(text) else text


def jinja_finalize(value: object) -> object:
    """A Jinja2 ``finalize`` hook: None → "", text through `html_text` (``Markup`` stays ``Markup``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        cleaned = html_text(value)
        return value if cleaned == value else type(value)(cleaned)
    return value
