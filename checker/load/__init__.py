"""Load a strategy file: bytes → text → YAML tree with locations → validated model → link check.

Every problem raises `InputError`, whose lines read `file:line:col: message`.
"""

from __future__ import annotations

from ..model import Strategy
from .errors import InputError, Problem
from .links import check_links
from .source import decode, read_text
from .validate import attach_locations, validate
from .yaml_tree import Tree, parse_tree

__all__ = ["InputError", "Problem", "Tree", "load", "loads", "parse_tree"]


def loads(text: str, file: str = "<string>") -> Strategy:
    """Load a strategy from YAML text; `file` is the name used in messages and findings."""
    tree = parse_tree(text, file)
    strategy = validate(tree, file)
    check_links(strategy, file, attach_locations(strategy, tree))
    strategy._file = file
    return strategy


def load(path: str, encoding: str | None = None) -> Strategy:
    """Load a strategy file (UTF-8 unless `encoding` is given, e.g. 'cp932')."""
    return loads(read_text(str(path), encoding), str(path))
