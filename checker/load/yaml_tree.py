"""Safe YAML → plain Python data, keeping the line and column of every value.

Built directly on the libyaml event stream (pure-Python parser as a fallback),
so that, unlike `yaml.safe_load`, it:
- reports duplicate keys instead of silently keeping the last one;
- bounds nesting depth (deep flow nesting crashes libyaml's recursive composer);
- bounds what aliases expand to (alias bombs);
- refuses tags other than the YAML core ones (no object construction at all);
- drops extension keys starting with ``x-``.

Scalars follow the YAML 1.2 core schema (``yes``/``no`` stay text), plus ISO dates.
"""

from __future__ import annotations

import datetime as _dt
import re

import yaml

from .errors import InputError

try:  # libyaml is the fast path; the pure-Python parser gives identical events.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser

MAX_DEPTH = 64
"""The format needs about a dozen levels; deeper input is not a strategy."""
MAX_VALUES = 200_000
"""Values after alias expansion; a large strategy has a few thousand."""

Path = tuple  # of str keys and int indices

_INT = re.compile(r"^[-+]?[0-9]+$")  # YAML 1.2 core: leading zeros are still decimal
_HEX_OCT = re.compile(r"^0x[0-9a-fA-F]+$|^0o[0-7]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_CORE = "tag:yaml.org,2002:"


class Tree:
    """Plain data (dicts, lists, scalars) with 1-based locations by path.

    The parser's marks are kept as they come and turned into (line, column) only
    when a location is asked for: most values are never asked about.
    """

    __slots__ = ("data", "_marks", "_key_marks")

    def __init__(self, data: object = None, marks: dict | None = None, key_marks: dict | None = None):
        self.data = data
        self._marks: dict[Path, object] = {} if marks is None else marks
        self._key_marks: dict[Path, object] = {} if key_marks is None else key_marks

    @property
    def locs(self) -> dict[Path, tuple[int, int]]:
        """Where each value starts."""
        return {path: (m.line + 1, m.column + 1) for path, m in self._marks.items()}

    @property
    def key_locs(self) -> dict[Path, tuple[int, int]]:
        """Where the key of each mapping value starts."""
        return {path: (m.line + 1, m.column + 1) for path, m in self._key_marks.items()}

    def exact(self, path: Path) -> tuple[int, int] | None:
        """The location of exactly `path`, if it has one."""
        mark = self._marks.get(path)
        return None if mark is None else (mark.line + 1, mark.column + 1)

    def loc(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The location of `path` (its key if `key`), or of its nearest located ancestor."""
        if key and path in self._key_marks:
            mark = self._key_marks[path]
            return (mark.line + 1, mark.column + 1)
        marks = self._marks
        while path:
            if path in marks:
                mark = marks[path]
                return (mark.line + 1, mark.column + 1)
            path = path[:-1]
        mark = marks.get(())
        return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _plain(value: str, file: str, mark) -> object:
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    c = value[0]
    if c.isdigit() or c in "+-.":
        if _INT.match(value) or _HEX_OCT.match(value):
            try:
                return int(value, 0) if value[:2] in ("0x", "0o") else int(value)
            except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits())
                raise InputError.at(file, mark.line + 1, mark.column + 1, f"a number of {len(value):,} digits is not a value of a strategy") from None
        if _FLOAT.match(value):
            return float(value)
        special = _SPECIAL_FLOAT.get(value.lower())
        if special is not None:
            return special
        if _DATE.match(value):
            try:
                return _dt.date.fromisoformat(value)
            except ValueError:
                raise InputError.at(file, mark.line + 1, mark.column + 1, f"'{value}' is not a valid date") from None
    return value


def _tagged(value: str, tag: str, file: str, mark) -> object:
    if tag in ("!", _CORE + "str"):
        return value
    if tag == _CORE + "null":
        return None
    if tag in (_CORE + "int", _CORE + "float", _CORE + "bool"):
        resolved = _plain(value, file, mark)
        ok = {
            _CORE + "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
            _CORE + "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            _CORE + "bool": lambda v: isinstance(v, bool),
        }[tag]
        if ok(resolved):
            return float(resolved) if tag.endswith("float") else resolved
        raise InputError.at(file, mark.line + 1, mark.column + 1, f"'{value}' is not a valid {tag[len(_CORE):]}")
    raise _tag_error(tag, file, mark)


def _tag_error(tag: str, file: str, mark) -> InputError:
    shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
    return InputError.at(file, mark.line + 1, mark.column + 1, f"YAML tag '{shown}' is not allowed in a strategy file")


class _Frame:
    """A mapping or sequence being built.

    `start` is the count of values before it, so its size (for aliases to it) is the
    count at its end minus `start`.  Duplicate keys are found in `value` itself; keys
    that are not stored there (``<<`` and ``x-`` extensions) are remembered in `unstored`.
    """

    __slots__ = ("value", "is_map", "path", "key", "has_key", "key_mark", "start", "anchor", "merges", "unstored")

    def __init__(self, value, is_map, path, anchor, start):
        self.value = value
        self.is_map = is_map
        self.path = path
        self.key = None
        self.has_key = False
        self.key_mark = None
        self.start = start
        self.anchor = anchor
        self.merges = []
        self.unstored: dict[object, object] | None = None


def _syntax_error(exc: yaml.MarkedYAMLError, file: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = exc.problem or "invalid YAML"
    if exc.context:
        where = f" at line {exc.context_mark.line + 1}" if exc.context_mark else ""
        message = f"{message} ({exc.context}{where})"
    return InputError.at(file, line, col, f"YAML syntax error: {message}")


def parse_tree(text: str, file: str) -> Tree:
    """Parse one YAML document into plain data with locations; raise InputError on any problem."""
    try:
        return _build(text, file)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, file) from None
    except yaml.YAMLError as exc:  # e.g. reader errors without a mark
        raise InputError.at(file, 1, 1, f"YAML error: {exc}") from None


def _build(text: str, file: str) -> Tree:
    parser = _Parser(text)
    tree = Tree(data=None)
    locs, key_locs = tree._marks, tree._key_marks
    anchors: dict[str, tuple[object, int]] = {}
    stack: list[_Frame] = []
    total = 0
    documents = 0
    root_set = False
    plain_values: dict[str, object] = {}
    """Plain scalars already resolved in this file (keys repeat on every part)."""
    Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    MapEnd, SeqEnd, Alias = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent

    def fail(mark, message: str) -> InputError:
        return InputError.at(file, mark.line + 1, mark.column + 1, message)

    def child_path(mark) -> Path:
        if not stack:
            return ()
        top = stack[-1]
        if top.is_map:
            return top.path + (top.key,)
        return top.path + (len(top.value),)

    def unstored(top: _Frame, key) -> None:
        if top.unstored is None:
            top.unstored = {}
        top.unstored[key] = top.key_mark

    def duplicate(top: _Frame, key, mark) -> InputError:
        first = (top.unstored or {}).get(key) or key_locs[top.path + (key,)]
        return fail(mark, f"duplicate key '{key}' (first at line {first.line + 1}): YAML would silently keep only the last one")

    def attach(value, mark, path: Path) -> None:
        """Put a finished value into its parent (or make it the document root)."""
        nonlocal root_set
        if not stack:
            tree.data = value
            root_set = True
            return
        top = stack[-1]
        if not top.is_map:
            top.value.append(value)
            return
        if not top.has_key:  # this value is a key
            if isinstance(value, (dict, list)):
                raise fail(mark, "mapping keys must be plain text")
            if value in top.value or (top.unstored and value in top.unstored):
                raise duplicate(top, value, mark)
            top.key, top.has_key, top.key_mark = value, True, mark
            return
        key = top.key
        top.has_key = False
        if key == "<<" and top.key_mark is not None:
            merges = value if isinstance(value, list) else [value]
            if not all(isinstance(m, dict) for m in merges):
                raise fail(mark, "a merge key '<<' needs a mapping or a list of mappings")
            top.merges.extend(merges)
            unstored(top, key)
            return
        if isinstance(key, str) and key.startswith("x-"):
            unstored(top, key)
            return
        top.value[key] = value
        key_locs[top.path + (key,)] = top.key_mark

    while True:
        event = parser.get_event()
        kind = type(event)
        mark = event.start_mark
        if kind is Scalar:
            tag = event.tag
            if tag is None and event.implicit[0]:
                text_value = event.value
                value = plain_values.get(text_value, plain_values)
                if value is plain_values:
                    value = plain_values[text_value] = _plain(text_value, file, mark)
            elif tag is None:
                value = event.value
            else:
                value = _tagged(event.value, tag, file, mark)
            total += 1
            if stack and not event.anchor:  # fast path: the common plain key or value
                top = stack[-1]
                if not top.is_map:
                    locs[top.path + (len(top.value),)] = mark
                    top.value.append(value)
                    continue
                if not top.has_key:
                    if value not in top.value and not top.unstored:
                        top.key, top.has_key, top.key_mark = value, True, mark
                        continue
                else:
                    key = top.key
                    if key != "<<" and not (key.__class__ is str and key.startswith("x-")):
                        path = top.path + (key,)
                        locs[path] = mark
                        key_locs[path] = top.key_mark
                        top.value[key] = value
                        top.has_key = False
                        continue
            path = child_path(mark)
            is_key = bool(stack) and stack[-1].is_map and not stack[-1].has_key
            if not is_key:
                locs[path] = mark
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            attach(value, mark, path)
        elif kind is MapStart or kind is SeqStart:
            if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
                raise _tag_error(event.tag, file, mark)
            if len(stack) >= MAX_DEPTH:
                raise fail(mark, f"nesting deeper than {MAX_DEPTH} levels; this is not a strategy file")
            if stack and stack[-1].is_map and not stack[-1].has_key:
                raise fail(mark, "mapping keys must be plain text")
            path = child_path(mark)
            locs[path] = mark
            is_map = kind is MapStart
            stack.append(_Frame({} if is_map else [], is_map, path, event.anchor, total))
            total += 1
        elif kind is MapEnd or kind is SeqEnd:
            frame = stack.pop()
            for merged in frame.merges:
                for k, v in merged.items():
                    frame.value.setdefault(k, v)
            if frame.anchor:
                anchors[frame.anchor] = (frame.value, total - frame.start)
            attach(frame.value, mark, frame.path)
        elif kind is Alias:
            if event.anchor not in anchors:
                raise fail(mark, f"alias '*{event.anchor}' refers to no anchor")
            value, size = anchors[event.anchor]
            total += size
            if total > MAX_VALUES:
                raise fail(mark, f"aliases expand to more than {MAX_VALUES:,} values (an alias bomb?)")
            path = child_path(mark)
            if not (stack and stack[-1].is_map and not stack[-1].has_key):
                locs[path] = mark
            attach(value, mark, path)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise fail(mark, "only one YAML document per file ('---' starts a second one)")
        elif kind is yaml.StreamEndEvent:
            break
        if total > MAX_VALUES:
            raise fail(mark, f"more than {MAX_VALUES:,} values; this is not a strategy file")
    if not root_set:
        tree.data = None
    return tree
