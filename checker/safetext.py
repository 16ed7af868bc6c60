"""Escaping for text that leaves the tool: the terminal, spreadsheet cells and HTML pages.

Strategy files are written by people, copied from PDFs and word processors, and sometimes by
someone who means harm.  Their text reaches three places where some characters are not just
text, and each output escapes what it writes with the function for its place:

- ``terminal(text)``: for anything printed as lines (the text format, messages on standard
  error, load errors).  Control characters (ESC, BEL, CR, NUL, DEL, the C1 range, the line and
  paragraph separators) and the Unicode bidirectional controls (U+061C, U+200E, U+200F,
  U+202A–U+202E, U+2066–U+2069, the ``Bidi_Control`` set that "Trojan Source" uses) are shown as
  Python-style escapes (``\\x1b``, ``\\u202e``).  A newline becomes the two characters ``\\n``,
  so a value can never start a second line that looks like ``file:line:col: …``.  A file name's
  undecodable bytes (held by Python as U+DC80–U+DCFF) are shown as the bytes (``\\xff``).
  Tabs are kept.  Backslashes are not doubled: the output is for reading, not for parsing back.
- ``cell(value)``: for every CSV or spreadsheet cell of text.  As OWASP recommends against
  formula ("CSV") injection, a cell whose first character (after leading spaces) is ``=``,
  ``+``, ``-``, ``@``, TAB or CR, or their full-width forms ``＝ ＋ － ＠`` (Excel with a Japanese
  input method treats those as the half-width ones), gets a leading apostrophe ``'``, which
  spreadsheet programs read as "this is text".  One exception keeps numbers readable: a cell
  that is exactly a plain negative decimal number (``-3``, ``-0.25``, ``-1,234``, optionally
  with ``%``) is left alone; Excel reads it as the number it is, and no formula can hide in it.
  A cell first loses the characters ``html_text`` removes (a NUL would hide what follows it).
  ``xlsx_cell(cell, value)`` does the same for an openpyxl cell: it never lets a text become a
  formula, and marks a neutralised text with Excel's own "quote prefix" instead of showing an
  apostrophe.
- ``html_text(text)``: for text put into a page.  HTML's special characters are escaped by
  Jinja2's autoescape (or ``html.escape``); this removes what escaping leaves: NUL and the other
  C0 and C1 control characters except TAB, LF and CR, Unicode non-characters, and lone
  surrogates (which cannot be written as UTF-8: replaced by U+FFFD).  The bidirectional controls
  are made visible as in ``terminal`` so that a strategy's text cannot reorder the page around
  it.  ``jinja_finalize`` is the same as a Jinja2 ``finalize`` hook: it keeps ``Markup`` as
  ``Markup`` and turns None into an empty string.

All functions take any value (``str()`` of it) and are pure and idempotent: escaping twice
gives the same text as escaping once.
"""

from __future__ import annotations

import re

__all__ = [
    "BIDI_CONTROLS", "FORMULA_TRIGGERS", "cell", "html_text", "is_formula", "jinja_finalize", "terminal",
    "xlsx_cell",
]

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The Unicode ``Bidi_Control`` characters: marks, embeddings, overrides and isolates."""

FORMULA_TRIGGERS = "=+-@\t\r＝＋－＠"
"""First characters that make a spreadsheet program read a cell as a formula (OWASP, plus full width)."""

# C0 except TAB, DEL, C1, line/paragraph separators, bidi controls, lone surrogates.
_TERMINAL = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\x1b"}

# C0 except TAB, LF, CR; DEL; C1; non-characters; lone surrogates; bidi controls.
_HTML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff" + BIDI_CONTROLS + "]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff"
    "\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff"
    "\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff"
    "\U0010fffe\U0010ffff]"
)

_NEGATIVE_NUMBER = re.compile(r"-(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?", re.ASCII)
_LEADING_SPACE = " \u3000"


def _visible(ch: str) -> str:
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def terminal(value: object) -> str:
    """`value` as text safe to print on one line of a terminal (see the module's docstring)."""
    text = value if isinstance(value, str) else str(value)
    if not _TERMINAL.search(text):
        return text
    return _TERMINAL.sub(lambda m: _visible(m.group()), text)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet program would read `text`, as a cell, as a formula."""
    stripped = text.lstrip(_LEADING_SPACE)
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
    """Put `value` into an openpyxl cell safely: numbers and booleans as they are; text always as
    text (never a formula), with Excel's quote prefix when it starts like a formula."""
    if value is None or isinstance(value, (bool, int, float)):
        target.value = value
        return
    text = html_text(value)  # control characters are not allowed in the workbook's XML
    target.value = text
    target.data_type = "s"  # openpyxl would make a text that starts with '=' a formula
    if is_formula(text):
        target.quotePrefix = True


def html_text(value: object) -> str:
    """`value` as text for an HTML page (before HTML escaping), see the module's docstring."""
    text = value if isinstance(value, str) else str(value)
    if not _HTML.search(text):
        return text
    return _HTML.sub(_html_replacement, text)


def _html_replacement(m: re.Match) -> str:
    ch = m.group()
    if ch in BIDI_CONTROLS:
        return _visible(ch)
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return ""


def jinja_finalize(value: object) -> object:
    """A Jinja2 ``finalize`` hook: None → "", text (``Markup`` stays ``Markup``) through `html_text`."""
    if value is None:
        return ""
    if isinstance(value, str):
        cleaned = html_text(value)
        return value if cleaned == value else type(value)(cleaned)
    return value
