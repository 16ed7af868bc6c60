"""The SPARQL examples of docs/linked-data.md run against exports of the examples and give the right rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytest.importorskip("rdflib")

from checker import load
from checker.model import Indicator, IndicatorKind
from checker.model.walk import iter_parts
from checker.progress.load import is_progress_file
from checker.rdf import parse_rdf, serialize, to_graph

from .conftest import ROOT

DOC = ROOT / "docs" / "linked-data.md"
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.yaml") if not is_progress_file(p))  # strategies, not progress files


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


def test_doc_lists_the_mirrored_rules():
    """The list of rules mirrored in SHACL in the doc is the one in ontologies/shapes.ttl."""
    from checker.rdf.shacl import mirrored_rules

    text = DOC.read_text(encoding="utf-8")
    listed = re.search(r"exactly where the Python engine reports[^:]*:(.*?)\.\s+Rules that need", text, re.S)
    assert listed, "docs/linked-data.md no longer lists the mirrored rules"
    codes = set()
    for token in re.findall(r"[A-Z]{2}\d{2}(?:–[A-Z]{2}\d{2})?", listed[1]):
        first, _, last = token.partition("–")
        if last:
            codes.update(f"{first[:2]}{n:02d}" for n in range(int(first[2:]), int(last[2:]) + 1))
        else:
            codes.add(first)
    assert codes == set(mirrored_rules())
