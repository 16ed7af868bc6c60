"""Packs that build on another: where each rule record comes from in a pack that inherits.

A pack that names another in `pack.inherits` holds only what differs (see `load_pack`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..load.errors import InputError, Problem
from ..load.yaml_tree import Tree
from .packmeta import Drop

if TYPE_CHECKING:
    from .pack import Pack


_LOADING: set[Path] = set()
"""Packs whose parents are being loaded (to refuse packs that inherit from each other)."""


@dataclass(frozen=True)
class Source:
    """Where a rule record was read: its data, its tree (for locations) and its file."""

    data: dict
    tree: Tree
    file: str


def parent_pack(root: Path, tree: Tree, load) -> "Pack | None":
    """The pack that `pack.inherits` names (loaded with `load`), or None."""
    raw = tree.data
    inherits = (raw.get("pack") or {}).get("inherits") if isinstance(raw.get("pack"), dict) else None
    if inherits is None:
        return None
    file = str(root / "pack.yaml")
    if not isinstance(inherits, str) or Path(inherits).name != inherits:
        raise InputError.at(file, *tree.loc(("pack", "inherits")), "pack.inherits must name an edition (a folder beside this one)")
    if inherits == root.name:
        raise InputError.at(file, *tree.loc(("pack", "inherits")), f"pack {root.name} cannot inherit from itself")
    parent_dir = root.parent / inherits
    if parent_dir.resolve() in _LOADING:
        raise InputError.at(file, *tree.loc(("pack", "inherits")), f"pack.inherits: {root.name} and {inherits} inherit from each other")
    if not (parent_dir / "pack.yaml").is_file():
        known = ", ".join(sorted(p.name for p in root.parent.iterdir() if (p / "pack.yaml").is_file() and p != root)) or "none"
        raise InputError.at(file, *tree.loc(("pack", "inherits")), f"pack.inherits: no pack '{inherits}' beside this one (available: {known})")
    _LOADING.add(root.resolve())
    try:
        return load(parent_dir)
    finally:
        _LOADING.discard(root.resolve())


def rule_sources(root: Path, parent: "Pack | None", drops: list[Drop], file: str, tree: Tree, read) -> tuple[dict[str, Source], list[Problem]]:
    """Each rule's record: the parent's (less those dropped), each overlaid key by key with this folder's file of that code."""
    sources: dict[str, Source] = dict(parent.sources) if parent is not None else {}
    problems = []
    for i, drop in enumerate(drops):
        if sources.pop(drop.code, None) is None:
            problems.append(Problem(file, *tree.loc(("drops", i, "code")), f"drops: the parent pack has no rule {drop.code}"))
    for rule_path in sorted(root.glob("[A-Z][A-Z][0-9][0-9].yaml")):
        rule_tree = read(rule_path)
        inherited = sources.get(rule_path.stem)
        data = {**inherited.data, **rule_tree.data} if inherited is not None else rule_tree.data
        sources[rule_path.stem] = Source(data, rule_tree, str(rule_path))
    return sources, problems
