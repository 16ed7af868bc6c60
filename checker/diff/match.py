"""Match the parts of two versions of a strategy.

Parts are matched kind by kind, parents before children: first by id; then, where ids changed,
by normalised name under the same (matched) parent; then by a name found once on each side
anywhere (a part that moved); last, under the same parent, by the most similar name (a part that
was renamed and got a new id).  Indicators match across their kinds (a KPI that became a
numerical target) only by id or by name.
"""

from __future__ import annotations

import difflib
from collections import Counter

from .parts import INDICATOR_KINDS, Part

RENAMED_AT = 0.6
"""How similar two names under the same parent must be to be taken as one part renamed."""

_ORDER = ("strategy", "period", "national_strategy", "prefectural_strategy", "population_vision", "comprehensive_plan",
          "vision", "pillar", "goal", "direction", "measure", "indicator", "governance", "predecessor")


def _family(kind: str) -> str:
    return "indicator" if kind in INDICATOR_KINDS else kind


def _depth(part: Part, by_key: dict[str, Part]) -> int:
    depth = 0
    while part.parent is not None and part.parent in by_key:
        part, depth = by_key[part.parent], depth + 1
    return depth


def match(old: list[Part], new: list[Part]) -> dict[str, str]:
    """Old part key → new part key for every pair taken as the same part."""
    old_by_key, new_by_key = {p.key: p for p in old}, {p.key: p for p in new}
    pairs: dict[str, str] = {}
    for family in _ORDER:
        olds = sorted((p for p in old if _family(p.kind) == family), key=lambda p: (_depth(p, old_by_key), p.order))
        news = [p for p in new if _family(p.kind) == family]
        _match_family(olds, news, pairs)
    return pairs


def _match_family(olds: list[Part], news: list[Part], pairs: dict[str, str]) -> None:
    taken: set[str] = set(pairs.values())
    free_new = {p.key: p for p in news if p.key not in taken}

    def pair(o: Part, n: Part) -> None:
        pairs[o.key] = n.key
        free_new.pop(n.key, None)

    def same_place(o: Part, n: Part) -> bool:
        return o.parent == n.parent if o.parent is None or o.parent.startswith("#") else pairs.get(o.parent) == n.parent

    # 1. the same id (or the same fixed key) and the same kind of part
    for o in olds:
        n = free_new.get(o.key)
        if n is not None and (n.kind == o.kind or _family(n.kind) == "indicator"):
            pair(o, n)
    rest = [o for o in olds if o.key not in pairs]
    # 2. the same name under the same parent
    for o in rest:
        n = next((n for n in free_new.values() if n.norm_name and n.norm_name == o.norm_name and same_place(o, n)), None)
        if n is not None:
            pair(o, n)
    rest = [o for o in rest if o.key not in pairs]
    # 3. a name found once on each side: the part moved
    old_names = Counter(o.norm_name for o in rest)
    new_names = Counter(n.norm_name for n in free_new.values())
    for o in rest:
        if o.norm_name and old_names[o.norm_name] == 1 and new_names[o.norm_name] == 1:
            n = next(n for n in free_new.values() if n.norm_name == o.norm_name)
            pair(o, n)
    rest = [o for o in rest if o.key not in pairs]
    # 4. under the same parent, the most similar name: renamed with a new id
    candidates = []
    for o in rest:
        for n in free_new.values():
            if n.kind == o.kind and same_place(o, n) and o.norm_name and n.norm_name:
                ratio = difflib.SequenceMatcher(None, o.norm_name, n.norm_name).ratio()
                if ratio >= RENAMED_AT:
                    candidates.append((-ratio, o.order, n.order, o, n))
    for _, _, _, o, n in sorted(candidates, key=lambda c: c[:3]):
        if o.key not in pairs and n.key in free_new:
            pair(o, n)
