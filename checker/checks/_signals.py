"""Signal-word helpers shared by the national-directions, vision and digital checks.

A *signal* is a word of the pack's reference data (NFKC, no spaces) that
suggests what a text is about.  These helpers say which signals a node's text
contains and which words matched, so that findings can show why a suggestion
was made.  They read only the graph and the words they are given; the words
themselves live in ``rules/<edition>/pack.yaml``.
"""

from __future__ import annotations

from typing import Iterable

from ..engine.registry import prepare
from ..graph import EdgeType, NodeType, StrategyGraph
from ..text import norm

_ATTACHED = (EdgeType.has_numerical_target, EdgeType.has_supplementary)


SEPARATOR = "\x00"
"""Between the pieces of a planned text: no YAML text and no signal word contains it, so a
word is found in the joined text exactly when it is found in one of the pieces."""


def planned_text(g: StrategyGraph, node: str, *, indicators: bool = True) -> str:
    """The normalised words of a goal, direction or measure, for matching signals.

    Name, description, main examples (主な取組み例) and concrete projects; with
    `indicators`, also the names of the KPIs set at this level (re-listed ones
    too), its numerical targets and its supplementary indicators (補足指標):
    what a planner chose to measure says what the part is meant to achieve.
    Each piece is normalised on its own and the pieces are joined by `SEPARATOR`.
    """
    key = ("planned_text", node, indicators)
    cached = g.memo.get(key)
    if cached is not None:
        return cached
    if indicators:
        names = [norm(g.name(i)) for i in g.kpis(node) + g.out(node, *_ATTACHED)]
        text = SEPARATOR.join([planned_text(g, node, indicators=False), *names])
    else:
        text = SEPARATOR.join([norm(p) for p in pieces(g, node)])
    g.memo[key] = text
    return text


def pieces(g: StrategyGraph, node: str) -> list[str]:
    """The non-empty texts of a goal, direction or measure, as written: name, description, main examples, projects."""
    fields = g.part(node).__dict__  # not getattr: a model without the field would take pydantic's slow path
    found_pieces = [g.name(node), fields.get("text") or "", *(fields.get("main_examples") or ()), *(fields.get("projects") or ())]
    return [p for p in found_pieces if p]


_CACHE_LIMIT = 256
"""Entries per identity cache: they are built from the pack's word lists, a few per pack."""


def _by_identity(cache: dict, owner: object, build):
    """`build()`, cached by the identity of `owner` (a word list or a tuple of them from the pack).

    The entry keeps `owner`, so its id cannot be reused by another object while cached.
    """
    entry = cache.get(id(owner))
    if entry is None or entry[0] is not owner:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        entry = cache[id(owner)] = (owner, build())
    return entry[1]


_NORMALISED: dict[int, tuple] = {}


def _normalised(words: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(word as written, word normalised) for each non-empty word, without repeats (cached for a list or tuple)."""
    def pairs() -> tuple[tuple[str, str], ...]:
        return tuple((w, norm(w)) for w in dict.fromkeys(words) if norm(w))

    return _by_identity(_NORMALISED, words, pairs) if isinstance(words, (list, tuple)) else pairs()


class _Index:
    """The words of one or more lists, by the first character of their normalised form.

    A word can occur in a text only if its first character does, so a text is
    tested against the words starting with one of its characters rather than
    against every word of every list: the same answer as `n in text` for each
    word, with a fraction of the tests.
    """

    __slots__ = ("by_char", "firsts", "size")

    def __init__(self, lists: tuple):
        self.size = len(lists)
        self.by_char: dict[str, list[tuple[int, int, str, str]]] = {}
        for li, words in enumerate(lists):
            for pos, (w, n) in enumerate(_normalised(words)):
                self.by_char.setdefault(n[0], []).append((li, pos, n, w))
        self.firsts = frozenset(self.by_char)

    def find(self, text: str) -> list[list[str]]:
        """For each list, its words (as written) that occur in the normalised text, in the list's order."""
        result: list[list[str]] = [[] for _ in range(self.size)]
        hits = [entry for ch in self.firsts.intersection(text) for entry in self.by_char[ch] if entry[2] in text]
        if hits:
            hits.sort()  # by list, then position in it (unique, so the words are never compared)
            for li, _, _, w in hits:
                result[li].append(w)
        return result


_INDEXES: dict[int, tuple] = {}


def found(text: str, words: Iterable[str]) -> list[str]:
    """The words (as written in the pack) that occur in an already normalised text, without repeats."""
    if not isinstance(words, (list, tuple)):
        return [w for w, n in _normalised(words) if n in text]
    return _by_identity(_INDEXES, words, lambda: _Index((words,))).find(text)[0]


@prepare
def index_pack_words(reference) -> None:
    """Index the pack's signal word lists when it loads, not while checking the first strategy."""
    found("", reference.digital_signals)


def subtree(g: StrategyGraph, node: str) -> list[str]:
    """A goal or direction and every direction and measure below it (a measure alone for a measure)."""
    if g.type(node) is NodeType.measure:
        return [node]
    return [node, *g.descendants(node)]


def quote(items: Iterable[str], limit: int = 6) -> str:
    """Words joined for a message: 「a」「b」… with at most `limit` shown."""
    items = list(items)
    shown = "".join(f"「{w}」" for w in items[:limit])
    return shown + (f"ほか{len(items) - limit}語" if len(items) > limit else "")


def quote_en(items: Iterable[str], limit: int = 6) -> str:
    """Words joined for an English message: 'a', 'b' … with at most `limit` shown."""
    items = list(items)
    shown = ", ".join(f"'{w}'" for w in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
