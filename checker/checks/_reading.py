"""Reading national directions (手引き 3-7, 5-1) from wording: which directions a text serves, and why.

The words live in the pack (``rules/<edition>/pack.yaml``): each direction's stems
(``signals``) and generic words (``weak_signals``), the words that serve several
directions, none, or one only in a context (``direction_words``), and the words of
running the administration (``administrative_words``).  docs/directions.md explains
the reading with examples; in short, for each piece of a text (a name, a
description, an example, an indicator's name):

1. every word of the lexicon found in the piece is a candidate, except where it is
   part of a longer candidate found at the same place (「産業廃棄物」 is not 「産業」);
2. a ``direction_words`` entry counts only where one of its ``requires`` words and
   none of its ``unless`` words occurs in the piece;
3. the piece serves the directions of its specific words (stems, direction words,
   administrative words); only where it has none do its generic words count, and only
   in the name of a goal or basic direction.

The reader is built once per pack and reads a text with a handful of substring
tests: words are indexed by their first character, so a text is tested only
against the words that start with one of its characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..engine.registry import prepare
from ..text import norm
from ._signals import SEPARATOR, _by_identity


@dataclass(eq=False)
class Entry:
    """One word of the lexicon and what it means."""

    word: str
    """As written in the pack (shown in messages)."""
    key: str
    """Normalised, as matched."""
    codes: tuple[str, ...]
    """The directions it serves (empty: none)."""
    weak: bool = False
    administrative: bool = False
    requires: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    containers: list["Entry"] = field(default_factory=list)
    """Longer entries whose word contains this one's."""

    plain: bool = False
    """A specific word without conditions: it counts wherever it is found (set by the reader)."""


@dataclass
class Reading:
    """What a text's words say: direction code → deciding words, and the administrative words found."""

    words: dict[str, list[str]] = field(default_factory=dict)
    administrative: list[str] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        for code in entry.codes:
            found = self.words.setdefault(code, [])
            if entry.word not in found:
                found.append(entry.word)
        if entry.administrative and entry.word not in self.administrative:
            self.administrative.append(entry.word)


class Reader:
    """The lexicon of one pack, indexed for reading."""

    def __init__(self, reference):
        self.order = [d.code for d in reference.directions]
        entries: dict[str, Entry] = {}

        def put(word: str, codes, **kind) -> None:
            key = joined(norm(word))
            if not key:
                return
            old = entries.get(key)
            if old is not None and not kind and not old.weak and not old.requires and not old.unless:
                codes = tuple(dict.fromkeys(old.codes + tuple(codes)))  # a stem listed under two directions
            entries[key] = Entry(word, key, tuple(codes), **kind)

        for d in reference.directions:
            for w in d.weak_signals:
                put(w, (d.code,), weak=True)
        for d in reference.directions:
            for w in d.signals:
                put(w, (d.code,))
        for w in reference.administrative_words:
            put(w, (), administrative=True)
        for item in reference.direction_words:
            for w in item.words:
                put(w, tuple(item.directions), requires=tuple(norm(r) for r in item.requires),
                    unless=tuple(norm(u) for u in item.unless))
        self.entries = list(entries.values())
        for e in self.entries:
            e.plain = not e.weak and not e.requires and not e.unless and bool(e.codes or e.administrative)
        by_key = {e.key: e for e in self.entries}
        for f in self.entries:  # each entry's longer words, in the lexicon's order: by the substrings of each key
            inside = {f.key[i:j] for i in range(len(f.key)) for j in range(i + 1, len(f.key) + 1)} - {f.key}
            for key in inside & by_key.keys():
                by_key[key].containers.append(f)
        self.by_char: dict[str, list[Entry]] = {}
        for e in self.entries:
            self.by_char.setdefault(e.key[0], []).append(e)
        self.firsts = frozenset(self.by_char)
        self.word_rank = {e.word: i for i, e in enumerate(self.entries)}

    def candidates(self, text: str) -> list[Entry]:
        """The entries whose word occurs in the (normalised) text."""
        return [e for ch in self.firsts.intersection(text) for e in self.by_char[ch] if e.key in text]

    def read(self, text: str, *, weak: bool = True) -> Reading:
        """The directions a normalised text (pieces joined by `SEPARATOR`) serves, with the deciding words.

        Generic words count in the first piece only (a goal's or direction's name), and only with
        `weak`: in descriptions, measures and indicators they say too little.
        """
        reading = Reading()
        text = joined(text)
        found = self.candidates(text)
        if not found:
            return reading
        present = set(map(id, found))
        if all(e.plain and not any(id(f) in present for f in e.containers) for e in found):
            for e in found:  # nothing to weigh: every word counts
                reading.add(e)
            return self._ordered(reading)
        pieces = text.split(SEPARATOR) if SEPARATOR in text else [text]
        for i, piece in enumerate(pieces):
            here = [e for e in found if e.key in piece] if len(pieces) > 1 else found
            if here:
                self._read_piece(piece, here, reading, weak and i == 0)
        return self._ordered(reading)

    def _ordered(self, reading: Reading) -> Reading:
        """Directions in the pack's order, each one's words in the lexicon's order (the same whatever the path)."""
        rank = self.word_rank
        reading.words = {c: sorted(reading.words[c], key=rank.__getitem__) for c in self.order if c in reading.words}
        reading.administrative.sort(key=rank.__getitem__)
        return reading

    def _read_piece(self, piece: str, here: list[Entry], reading: Reading, weak: bool) -> None:
        present = set(map(id, here))
        kept = []
        for e in here:
            inside = [f for f in e.containers if id(f) in present]
            if inside and not _outside(piece, e.key, [f.key for f in inside]):
                continue
            if e.requires and not any(r in piece for r in e.requires):
                continue
            if e.unless and any(u in piece for u in e.unless):
                continue
            kept.append(e)
        strong = [e for e in kept if not e.weak and (e.codes or e.administrative)]
        for e in strong if strong or not weak else kept:
            reading.add(e)


def _outside(piece: str, key: str, longer: list[str]) -> bool:
    """Whether `key` occurs somewhere in `piece` that no occurrence of a `longer` word covers."""
    covered = set()
    for word in longer:
        start = piece.find(word)
        while start >= 0:
            covered.update(range(start, start + len(word)))
            start = piece.find(word, start + 1)
    start = piece.find(key)
    while start >= 0:
        if not covered.issuperset(range(start, start + len(key))):
            return True
        start = piece.find(key, start + 1)
    return False


_READERS: dict[int, tuple] = {}


def reader(reference) -> Reader:
    """The reader of a pack's reference data (built once per loaded pack)."""
    return _by_identity(_READERS, reference, lambda: Reader(reference))


def read(reference, text: str) -> Reading:
    """`Reader.read` of a text as written (normalised here): for a name or any single piece of text."""
    return reader(reference).read(joined(norm(text)))


_KATAKANA_DOT = re.compile("(?<=[\u30a1-\u30faー])・(?=[\u30a1-\u30faー])")


def joined(text: str) -> str:
    """A normalised text with the 中黒 between katakana words dropped (ワーク・ライフ・バランス = ワークライフバランス).

    Between other words the dot separates listed items (安全・安心) and stays.
    """
    return _KATAKANA_DOT.sub("", text) if "・" in text else text


@prepare
def build_reader(reference) -> None:
    """Build the pack's reader when it loads, not while checking the first strategy."""
    reader(reference)
