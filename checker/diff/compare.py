"""What changed between two versions of a strategy: the rows of a 新旧対照表.

`compare(old, new)` flattens both (`parts.flatten`), matches their parts (`match.match`) and
returns a `Comparison`: one `Change` per part added or removed, per part renamed or moved, and
per field whose printed value changed, each with where it is in both files and the chapter of
the strategy it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.finding import Text
from ..model import Strategy
from ..text import norm
from .match import match
from .parts import FRONT, GOVERNANCE_TITLES, INDICATOR_KINDS, KIND_TITLES, NODE_KINDS, SECTION_TITLES, Part, flatten

KINDS = ("added", "removed", "renamed", "moved", "changed")


@dataclass(frozen=True)
class Change:
    """One row of the comparison."""

    kind: str
    """added, removed, renamed, moved or changed."""
    part: str
    """The kind of part: strategy, period, vision, pillar, goal, direction, measure, kpi, governance …"""
    chapter: str
    """The chapter key: a front-matter section, 'governance', 'lineage' or a goal's key (the new one's when matched)."""
    where: Text
    """The part's place from the chapter down (e.g. '第1章－1 妊娠・出産・子育て支援の充実 › とよふぁみ登録者数'), in both languages."""
    field: str | None = None
    """For changed: the field (title, text, target, unit …); for renamed: name; for moved: parent."""
    old: str | None = None
    """The old value as printed (None when added)."""
    new: str | None = None
    old_id: str | None = None
    new_id: str | None = None
    old_loc: tuple[int, int] | None = None
    new_loc: tuple[int, int] | None = None
    page: str | None = None
    """The page or section the source document prints it on, when the strategy records it."""


@dataclass
class Comparison:
    """Two versions and what changed between them."""

    old: Strategy
    new: Strategy
    changes: list[Change]
    pairs: dict[str, str]
    """Old part key → new part key."""
    old_parts: dict[str, Part] = field(default_factory=dict)
    new_parts: dict[str, Part] = field(default_factory=dict)
    chapters: list[tuple[str, str, str]] = field(default_factory=list)
    """(key, Japanese title, English title) of every chapter, in the new strategy's order."""

    def new_key(self, old_key: str) -> str | None:
        return self.pairs.get(old_key)

    def node_map(self) -> dict[str, str]:
        """Old node id → new node id for matched parts that are nodes (for findings)."""
        out = {self.old.id: self.new.id}
        for o, n in self.pairs.items():
            op, np_ = self.old_parts[o], self.new_parts[n]
            if op.id is not None and np_.id is not None:
                out[op.id] = np_.id
        return out


def printed(value) -> str:
    """A comparable value as one line of text: the printed text of a value or year where there is one."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "、".join(printed(v) for v in value)
    if isinstance(value, dict):
        if "text" in value and value["text"]:
            extra = [printed(value[k]) for k in ("year", "as_of", "period") if k in value and norm(printed(value[k])) not in norm(value["text"])]
            return value["text"] + (f"（{'、'.join(extra)}）" if extra else "")
        return "、".join(f"{k}: {printed(v)}" for k, v in value.items())
    return str(value)


def _label(part: Part) -> str:
    label = getattr(part.obj, "label", None)
    name = part.name or KIND_TITLES.get(part.kind, (part.kind,))[0]
    return f"{label} {name}" if label else name


def _where(part: Part, parts: dict[str, Part]) -> Text:
    """The part's place from its chapter down, in Japanese and English (names as printed)."""
    chain, p = [], part
    while p is not None:
        if p.kind == "governance":
            field = p.key.split(".", 1)[1]
            ja, en = GOVERNANCE_TITLES.get(field, (field, field))
            chain.append((f"{KIND_TITLES['governance'][0]} › {ja}", f"{KIND_TITLES['governance'][1]} › {en}"))
        elif p.kind in NODE_KINDS:
            chain.append((_label(p), _label(p)))
        elif p.kind != "strategy" or p is part:
            chain.append(KIND_TITLES[p.kind])
        p = parts.get(p.parent) if p.parent else None
    chain.reverse()
    return Text(" › ".join(ja for ja, _ in chain), " › ".join(en for _, en in chain))


def _page(part: Part) -> str | None:
    source = getattr(part.obj, "source", None)
    if source is None or part.kind == "strategy":
        return None
    bits = [f"p.{source.page}" if source.page is not None else None, source.note]
    return " ".join(b for b in bits if b) or None


def compare(old: Strategy, new: Strategy) -> Comparison:
    """Every difference between two versions of a strategy, in the new one's order of chapters."""
    old_list, new_list = flatten(old), flatten(new)
    olds, news = {p.key: p for p in old_list}, {p.key: p for p in new_list}
    pairs = match(old_list, new_list)
    back = {n: o for o, n in pairs.items()}
    changes: list[Change] = []

    def old_chapter(o: Part) -> str:
        """The chapter an old part is shown under: its goal's match, or its removed goal."""
        if o.chapter not in olds:
            return o.chapter
        return pairs.get(o.chapter, f"old:{o.chapter}")

    def row(kind, o: Part | None, n: Part | None, name=None, old=None, new=None):
        ref = n or o
        chapter = n.chapter if n is not None else old_chapter(o)
        changes.append(Change(
            kind, ref.kind, chapter, _where(ref, news if n is not None else olds), name, old, new,
            o.id if o else None, n.id if n else None, o.loc if o else None, n.loc if n else None, _page(ref),
        ))

    for n in new_list:
        o = olds.get(back[n.key]) if n.key in back else None
        if o is None:
            row("added", None, n, old=None, new=_summary(n))
            continue
        if (o.name or "") != (n.name or "") and n.kind in NODE_KINDS:
            row("renamed", o, n, "name", o.name or "", n.name or "")
        if (pairs.get(o.parent) if o.parent and not o.parent.startswith("#") else o.parent) != n.parent:
            row("moved", o, n, "parent", _where(olds[o.parent], olds).ja if o.parent in olds else "", _where(news[n.parent], news).ja if n.parent in news else "")
        for name in dict.fromkeys([*n.values, *o.values]):  # the format's order of fields
            a, b = printed(o.values.get(name)), printed(n.values.get(name))
            if a != b:
                row("changed", o, n, name, a or None, b or None)
    for o in old_list:
        if o.key not in pairs:
            row("removed", o, None, old=_summary(o), new=None)
    chapters = _chapters(new_list, old_list, pairs)
    rank = {key: i for i, (key, _, _) in enumerate(chapters)}

    def sort_key(c: Change):
        line = (c.new_loc or c.old_loc or (0, 0))
        return (rank.get(c.chapter, len(rank)), 0 if c.new_loc else 1, line, KINDS.index(c.kind))

    changes.sort(key=sort_key)  # stable: a part's fields stay in the order the format declares them
    return Comparison(old, new, changes, pairs, olds, news, chapters)


def _summary(part: Part) -> str:
    """An added or removed part in one line: its name, and for an indicator its baseline and target."""
    if part.kind in INDICATOR_KINDS:
        values = [printed(part.values.get(k)) for k in ("baseline", "target")]
        if any(values):
            return f"{part.name}: {values[0] or '—'} → {values[1] or '—'}"
    return part.name or printed(part.values.get("text")) or KIND_TITLES.get(part.kind, (part.kind,))[0]


def _chapters(new_list: list[Part], old_list: list[Part], pairs: dict[str, str]) -> list[tuple[str, str, str]]:
    out = [(key, *SECTION_TITLES[key]) for key in FRONT]
    for g in new_list:
        if g.kind == "goal":
            out.append((g.key, _label(g), _label(g)))
    for g in old_list:
        if g.kind == "goal" and g.key not in pairs:
            out.append((f"old:{g.key}", _label(g), _label(g)))
    out += [(key, *SECTION_TITLES[key]) for key in ("governance", "lineage")]
    return out
