"""The outcome/output reading on the labelled corpus of real indicator names (tests/data/kpi_kinds.csv).

Each row: name, label (outcome/output), a one-line reason, the source it was taken from, the
body (団体名) and its prefecture, and the part it belongs to:

- ``dev``: the names the reading was built and tuned on;
- ``A``: a held-out set from bodies not in ``dev``, labelled before the reader was run on
  it, then used to guide the structural changes (so no longer unseen);
- ``B``: a second held-out set from further bodies, labelled at the same time and read by
  the reader once, after the last change: the figure that says how the reading does on
  names it has not seen.

The goal is at least 95% agreement with at most 5% left undecided; the test prints the
figures of each part and asserts the goal on each part; a part (or the whole) that does not
reach it is an expected failure that records its measured figures.
``tools/kind_corpus.py --misses`` lists the rows read wrongly.  Run with ``-s`` to see the
figures.
"""

from __future__ import annotations

import csv
import sys

import pytest

from checker.kinds.read import _read

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "kpi_kinds.csv"
FIELDS = ["name", "label", "reason", "source", "body", "prefecture", "split"]
PARTS = ("dev", "A", "B")
RESERVED = ("兵庫", "長野", "千葉")
"""Strategies of these prefectures and their municipalities are kept for evaluation: no row may come from them."""

GOAL_AGREEMENT, GOAL_UNDECIDED = 0.95, 0.05
B_MEASURED = (
    "set B (93 names): 87.1% agreement, 1.1% undecided when first read; 89.2% after one later structural "
    "change found on other names (a share of residents who take part, wherever the residents are named)"
)
"""Set B's figures: when it was first read, and after the only change made since."""


def _rows() -> list[dict]:
    with open(CORPUS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _rows()


def test_corpus_shape():
    assert len(ROWS) >= 400
    assert list(ROWS[0]) == FIELDS
    for r in ROWS:
        assert all(r[k].strip() for k in FIELDS), r
        assert r["label"] in ("outcome", "output"), r
        assert r["split"] in PARTS, r
    assert len({r["name"] for r in ROWS}) == len(ROWS), "a name is listed twice"
    sizes = {part: sum(r["split"] == part for r in ROWS) for part in PARTS}
    assert sizes["dev"] >= 400 and sizes["A"] >= 100 and sizes["B"] >= 90, sizes


def test_held_out_sets_come_from_bodies_not_seen_before():
    """A held-out name's body is in no earlier part: A's bodies are not dev's, B's are neither."""
    bodies = {part: {r["body"].split("（")[0] for r in ROWS if r["split"] == part} for part in PARTS}
    assert not bodies["A"] & bodies["dev"]
    assert not bodies["B"] & (bodies["dev"] | bodies["A"])


def test_no_row_comes_from_a_reserved_prefecture():
    for r in ROWS:
        for reserved in RESERVED:
            assert reserved not in r["prefecture"] and reserved not in r["body"], r


def test_the_corpus_holds_every_toyonaka_indicator_and_the_tebiki_examples(pack):
    from checker import build_graph, load

    names = {r["name"] for r in ROWS}
    g = build_graph(load(ROOT / "examples" / "toyonaka.yaml"))
    assert {g.name(n) for n in g.indicators()} <= names
    assert {k for d in pack.reference.directions for k in d.kpi_examples} <= names


def _score(rows, lexicon) -> tuple[float, float, int]:
    agreed = undecided = 0
    for r in rows:
        kind = _read(r["name"], None, lexicon).kind
        agreed += kind is not None and kind.value == r["label"]
        undecided += kind is None
    return agreed / len(rows), undecided / len(rows), len(rows)


def _check(part: str, pack) -> None:
    rows = [r for r in ROWS if part == "all" or r["split"] == part]
    agreement, undecided, n = _score(rows, pack.reference.kinds)
    line = f"{part}: n={n} agreement {agreement:.1%} undecided {undecided:.1%}"
    print(line, file=sys.stderr)
    assert agreement >= GOAL_AGREEMENT and undecided <= GOAL_UNDECIDED, line


def test_agreement_on_the_development_rows(pack):
    _check("dev", pack)


def test_agreement_on_held_out_set_a(pack):
    _check("A", pack)


@pytest.mark.xfail(strict=True, reason=f"the reading does not reach the goal on names it has not seen: {B_MEASURED}")
def test_agreement_on_held_out_set_b(pack):
    _check("B", pack)


def test_agreement_on_the_whole_corpus(pack):
    _check("all", pack)
