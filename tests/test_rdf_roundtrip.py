"""Export → import gives back the same strategy, in every RDF format.

Compared with `to_data` (model `==` also compares file locations, which RDF does not carry).
"""

from __future__ import annotations

import pytest

pytest.importorskip("rdflib")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import load
from checker.model.dump import to_data
from checker.rdf import from_graph, parse_rdf, serialize, to_graph

from .conftest import ROOT
from .strategies import build_strategy, strategy_data

FORMATS = ["turtle", "jsonld", "ntriples"]
TOYONAKA = ROOT / "examples" / "toyonaka.yaml"


def _round_trip(strategy, fmt: str):
    text = serialize(to_graph(strategy), fmt)
    return from_graph(parse_rdf(text, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_toyonaka_round_trips(fmt):
    strategy = load(str(TOYONAKA))
    assert to_data(_round_trip(strategy, fmt)) == to_data(strategy)


def test_toyonaka_round_trips_with_findings_in_the_graph():
    """Findings, rules and derived triples in the same graph are ignored by the import."""
    import datetime as dt

    strategy = load(str(TOYONAKA))
    text = serialize(to_graph(strategy, with_findings=True, today=dt.date(2025, 4, 1)), "turtle")
    assert to_data(from_graph(parse_rdf(text, "turtle"))) == to_data(strategy)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=strategy_data(), fmt=st.sampled_from(FORMATS))
def test_generated_strategies_round_trip(data, fmt):
    strategy = build_strategy(data)
    assert to_data(_round_trip(strategy, fmt)) == to_data(strategy)


def test_several_strategies_in_one_graph_are_read_back_by_iri():
    first = load(str(TOYONAKA))
    second = first.model_copy(update={"id": "toyonaka-copy"})
    graph = to_graph([first, second])
    back = from_graph(graph, "toyonaka-copy")
    assert back.id == "toyonaka-copy" and to_data(back) == to_data(second)
    from checker.rdf import RdfImportError

    with pytest.raises(RdfImportError, match="several strategies"):
        from_graph(graph)
