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

Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
MapEnd, SeqEnd, Alias = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent
DocStart, StreamEnd = yaml.DocumentStartEvent, yaml.StreamEndEvent

_INT = re.compile(r"^[-+]?[0-9]+$")  # YAML 1.2 core: leading zeros are still decimal
_HEX_OCT = re.compile(r"^0x[0-9a-fA-F]+$|^0o[0-7]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_CORE = "tag:yaml.org,2002:"
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a stream (YAML 1.1 / 1.2 c-printable)."""
_CONTROL_NAMES = {"\x00": "a NUL character", "\x1b": "an escape character", "\x07": "a bell character",
                  "\x08": "a backspace character", "\x7f": "a delete character"}


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
        found = _NOT_PRINTABLE.search(text)
        if found is not None:
            from .source import text_line_col

            line, col = text_line_col(text, found.start())
            ch = found.group()
            name = _CONTROL_NAMES.get(ch, "a control character")
            raise InputError.at(file, line, col, f"{name} (U+{ord(ch):04X}) is not allowed in a YAML file") from None
        raise InputError.at(file, 1, 1, f"YAML error: {' '.join(str(exc).split())}") from None


def _build(text: str, file: str) -> Tree:
    """One pass over the event stream, by recursive descent: a mapping or sequence reads its own
    events, so whether an event is a key or a value is where the code is, not state kept aside.
    Plain scalars, the common case, are handled inline in both loops."""
    get = _Parser(text).get_event
    tree = Tree(data=None)
    locs, key_locs = tree._marks, tree._key_marks
    anchors: dict[str, tuple[object, int]] = {}
    total = 0
    plain_values: dict[str, object] = {}
    """Plain scalars already resolved in this file (keys repeat on every part)."""

    def fail(mark, message: str) -> InputError:
        return InputError.at(file, mark.line + 1, mark.column + 1, message)

    def scalar(event) -> object:
        tag = event.tag
        if tag is None:
            if not event.implicit[0]:
                return event.value
            text_value = event.value
            value = plain_values.get(text_value, plain_values)
            if value is plain_values:
                value = plain_values[text_value] = _plain(text_value, file, event.start_mark)
            return value
        return _tagged(event.value, tag, file, event.start_mark)

    def too_many(mark) -> InputError:
        return fail(mark, f"more than {MAX_VALUES:,} values; this is not a strategy file")

    def count(mark) -> None:
        nonlocal total
        total += 1
        if total > MAX_VALUES:
            raise too_many(mark)

    def opened(event, depth: int) -> None:
        """Check the start of a mapping or sequence: a core tag at most, and not too deep."""
        if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
            raise _tag_error(event.tag, file, event.start_mark)
        if depth >= MAX_DEPTH:
            raise fail(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels; this is not a strategy file")

    def alias(event) -> object:
        nonlocal total
        mark = event.start_mark
        if event.anchor not in anchors:
            raise fail(mark, f"alias '*{event.anchor}' refers to no anchor")
        value, size = anchors[event.anchor]
        total += size
        if total > MAX_VALUES:
            raise fail(mark, f"aliases expand to more than {MAX_VALUES:,} values (an alias bomb?)")
        return value

    def collection(event, kind, path: Path, depth: int) -> object:
        """A mapping or sequence whose start event has been read; returns it when its end has been."""
        opened(event, depth)
        start = total
        count(event.start_mark)
        value = mapping(path, depth + 1) if kind is MapStart else sequence(path, depth + 1)
        if event.anchor:
            anchors[event.anchor] = (value, total - start)
        return value

    def node(event, path: Path, depth: int) -> object:
        """Any value (not a key): record where it starts and build it."""
        kind = type(event)
        locs[path] = event.start_mark
        if kind is Scalar:
            value = scalar(event)
            count(event.start_mark)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            return value
        if kind is Alias:
            return alias(event)
        return collection(event, kind, path, depth)

    def sequence(path: Path, depth: int) -> list:
        nonlocal total
        items: list = []
        i = 0
        while True:
            event = get()
            kind = type(event)
            if kind is SeqEnd:
                return items
            item_path = path + (i,)
            if kind is Scalar and not event.anchor and event.tag is None:  # fast path: a plain or quoted item
                locs[item_path] = event.start_mark
                items.append(scalar(event))
                total += 1
                if total > MAX_VALUES:  # count() inlined: the hot path
                    raise too_many(event.start_mark)
            else:
                items.append(node(event, item_path, depth))
            i += 1

    def mapping(path: Path, depth: int) -> dict:
        nonlocal total
        result: dict = {}
        unstored: dict | None = None  # keys not kept in the result ('<<', 'x-…'), for duplicates
        merges: list = []
        while True:
            event = get()
            kind = type(event)
            if kind is MapEnd:
                break
            key_mark = event.start_mark
            if kind is Scalar:
                key = scalar(event)
                count(key_mark)
                if event.anchor:
                    anchors[event.anchor] = (key, 1)
            elif kind is Alias:
                key = alias(event)
                if isinstance(key, (dict, list)):
                    raise fail(key_mark, "mapping keys must be plain text")
            else:
                opened(event, depth)  # a bad tag or depth is the first thing to report, as for a value
                raise fail(key_mark, "mapping keys must be plain text")
            if key in result or (unstored and key in unstored):
                first = (unstored or {}).get(key) or key_locs[path + (key,)]
                raise fail(key_mark, f"duplicate key '{key}' (first at line {first.line + 1}): "
                           "YAML would silently keep only the last one")
            value_path = path + (key,)
            event = get()
            if type(event) is Scalar and not event.anchor and event.tag is None:  # fast path: a plain or quoted value
                locs[value_path] = event.start_mark
                value = scalar(event)
                total += 1  # keys are checked against the budget: every value here follows one
            else:
                value = node(event, value_path, depth)
            if key.__class__ is str and (key == "<<" or key.startswith("x-")):
                if key == "<<":
                    found = value if isinstance(value, list) else [value]
                    if not all(isinstance(m, dict) for m in found):
                        raise fail(event.start_mark, "a merge key '<<' needs a mapping or a list of mappings")
                    merges.extend(found)
                if unstored is None:
                    unstored = {}
                unstored[key] = key_mark
                continue
            result[key] = value
            key_locs[value_path] = key_mark
        for merged in merges:
            for k, v in merged.items():
                result.setdefault(k, v)
        return result

    documents = 0
    try:
        while True:
            event = get()
            kind = type(event)
            if kind is DocStart:
                documents += 1
                if documents > 1:
                    raise fail(event.start_mark, "only one YAML document per file ('---' starts a second one)")
                tree.data = node(get(), (), 0)
            elif kind is StreamEnd:
                break
    finally:
        # The readers above refer to each other through this function's cells: a reference cycle that would
        # keep the parser and every mark alive until a full garbage collection (a batch run grew by each file).
        scalar = collection = node = sequence = mapping = None  # noqa: F841
    return tree
