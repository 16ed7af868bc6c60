"""The SPARQL examples of docs/linked-data.md run against exports of the examples and give the right rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytest.importorskip("rdflib")

from checker import load
from checker.model import Indicator, IndicatorKind
from checker.model.walk import iter_parts
from checker.rdf import parse_rdf, serialize, to_graph

from .conftest import ROOT

DOC = ROOT / "docs" / "linked-data.md"
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))


def _query(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(rf"<!-- sparql: {name} -->\s*```sparql\n(.*?)```", text, re.S)
    assert found, f"docs/linked-data.md has no sparql block '{name}'"
    return found[1]


@pytest.fixture(scope="module")
def strategies():
    return [load(str(p)) for p in EXAMPLES]


@pytest.fixture(scope="module")
def exported(strategies):
    """As the doc does it: one Turtle file for all the examples, parsed back."""
    return parse_rdf(serialize(to_graph(strategies, with_findings=True, today=dt.date(2025, 4, 1)), "turtle"), "turtle")


def test_output_kpis_query(exported, strategies):
    rows = list(exported.query(_query("output-kpis")))
    expected = set()
    for s in strategies:
        for path, part in iter_parts(s):
            if isinstance(part, Indicator) and part.kind is IndicatorKind.output and path[-2] == "kpis":
                expected.add((s.body.name, part.id))
    got = {(str(r.body), str(r.kpi).rsplit("/", 1)[-1]) for r in rows}
    assert got == expected
    assert rows, "the examples declare output KPIs; the query should find them"
    assert all(r.target is None or r.period is not None for r in rows)


def test_findings_query(exported, strategies):
    rows = list(exported.query(_query("findings")))
    assert rows
    codes = {str(r.code) for r in rows}
    assert "OL05" in codes
    assert all(str(r.section).startswith("https://w3id.org/tebiki/guide/tebiki-2022-12/") for r in rows)
