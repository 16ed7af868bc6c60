"""SHACL shapes (ontologies/shapes.ttl) and the Python engine agree on the mirrored rules.

Every rule fixture (tests/fixtures/rules/<CODE>/{pass,fail}.yaml) is exported and validated with
pySHACL (inference off); for every rule a shape mirrors (tbk:mirrorsRule), the shape reports
if and only if the engine reports that rule.  The integrity shapes report nothing on any
valid strategy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyshacl")

from hypothesis import HealthCheck, given, settings

from checker import build_graph, load, run_pack
from checker.rdf import to_graph
from checker.rdf.shacl import mirrored_rules, shapes_graph, validate

from .conftest import FIXTURES, ROOT, TODAY
from .strategies import build_strategy, strategy_data

MIRRORED = mirrored_rules()
_SEVERITY = {"error": "Violation", "warning": "Warning", "info": "Info"}
RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*/*.yaml"))
TOYONAKA = ROOT / "examples" / "toyonaka.yaml"


def _verdicts(path: Path, pack):
    strategy = load(str(path))
    engine = {f.code for f in run_pack(build_graph(strategy), pack, today=TODAY)}
    _, results = validate(to_graph(strategy))
    return strategy, engine, results


def test_shapes_mirror_rules_of_the_pack(pack):
    assert len(MIRRORED) >= 30
    unknown = sorted(set(MIRRORED) - set(pack.by_code))
    assert not unknown, f"shapes mirror rules the pack does not have: {unknown}"


def test_shape_severity_is_the_rules(pack):
    """A rule shape and each of its property shapes report with the rule's severity."""
    from rdflib.namespace import SH

    from checker.rdf.findings import SEVERITY

    g = shapes_graph()
    wrong = []
    for code, shape in MIRRORED.items():
        expected = SEVERITY[pack.by_code[code].severity]
        for s in [shape, *g.objects(shape, SH.property)]:
            if g.value(s, SH.severity) != expected:
                wrong.append(code)
    assert not wrong


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shacl_and_engine_agree_on_fixture(path, pack):
    _, engine, results = _verdicts(path, pack)
    shacl = {r.rule for r in results if r.rule}
    disagree = {code: ("engine" if code in engine else "shacl") for code in MIRRORED if (code in engine) != (code in shacl)}
    assert not disagree, f"only one side reports: {disagree}"
    integrity = [r for r in results if r.rule is None]
    assert not integrity, integrity[:3]
    severities = {(r.rule, r.severity) for r in results if r.rule}
    assert all(sev == _SEVERITY[pack.by_code[code].severity.value] for code, sev in severities), severities


def test_every_mirrored_rule_is_exercised_by_its_fixtures(pack):
    """Each mirrored rule's own fail fixture makes the shape report (so agreement is not vacuous)."""
    missing = []
    for code in MIRRORED:
        fail = FIXTURES / "rules" / code / "fail.yaml"
        if not fail.is_file():
            missing.append(code)
            continue
        _, _, results = _verdicts(fail, pack)
        if code not in {r.rule for r in results}:
            missing.append(code)
    assert not missing


def test_toyonaka_validates_and_agrees(pack):
    strategy, engine, results = _verdicts(TOYONAKA, pack)
    assert not [r for r in results if r.rule is None], "integrity shapes report on the example"
    assert {r.rule for r in results if r.rule} == engine & set(MIRRORED)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=strategy_data())
def test_generated_strategies_validate_and_agree(data, pack):
    """On generated strategies too: integrity shapes report nothing, rule shapes agree with the engine."""
    strategy = build_strategy(data)
    engine = {f.code for f in run_pack(build_graph(strategy), pack, today=TODAY)}
    _, results = validate(to_graph(strategy))
    assert not [r for r in results if r.rule is None]
    shacl = {r.rule for r in results if r.rule}
    assert {c for c in MIRRORED if (c in engine) != (c in shacl)} == set()
