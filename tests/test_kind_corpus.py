"""The outcome/output reading on the labelled corpus of real indicator names (tests/data/kpi_kinds.csv).

Each row: name, label (outcome/output), a one-line reason, the source it was taken from, the
body (団体名) and its prefecture, and the split: ``dev`` rows were seen while the lexicon was
built, ``heldout`` rows come from bodies that were not, collected and labelled after the
lexicon was last changed and only then scored.  The goal is at least 95% agreement with at
most 5% left undecided, on each split.  ``tools/kind_corpus.py --misses`` lists the rows read
wrongly.  Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from checker.kinds.read import _read

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "kpi_kinds.csv"
FIELDS = ["name", "label", "reason", "source", "body", "prefecture", "split"]
RESERVED = ("兵庫", "長野", "千葉")
"""Strategies of these prefectures and their municipalities are kept for evaluation: no row may come from them."""

GOAL_AGREEMENT, GOAL_UNDECIDED = 0.95, 0.05
HELDOUT_MEASURED = "66.7% agreement, 21.2% undecided on 33 held-out rows"
"""The held-out figures when this file last changed (the goal is not met: see docs/kpi-kinds.md)."""


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
        assert r["split"] in ("dev", "heldout"), r
    assert len({r["name"] for r in ROWS}) == len(ROWS), "a name is listed twice"


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


def _check(split: str, pack) -> None:
    rows = [r for r in ROWS if split == "all" or r["split"] == split]
    agreement, undecided, n = _score(rows, pack.reference.kinds)
    line = f"{split}: n={n} agreement {agreement:.1%} undecided {undecided:.1%}"
    print(line, file=sys.stderr)
    assert agreement >= GOAL_AGREEMENT and undecided <= GOAL_UNDECIDED, line


def test_agreement_on_the_development_rows(pack):
    _check("dev", pack)


@pytest.mark.xfail(strict=True, reason=f"the reading does not yet generalise to names it has not seen: {HELDOUT_MEASURED}")
def test_agreement_on_the_held_out_rows(pack):
    _check("heldout", pack)


@pytest.mark.xfail(strict=True, reason="the whole corpus includes the held-out rows")
def test_agreement_on_the_whole_corpus(pack):
    _check("all", pack)
