"""`tebiki export` / `tebiki import`: deterministic output, stable IRIs, findings as EARL."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("rdflib")

from rdflib import Literal, URIRef
from rdflib import namespace as ns
from typer.testing import CliRunner

from checker import load
from checker.cli import app
from checker.model.dump import to_data
from checker.rdf import parse_rdf, serialize, to_graph
from checker.rdf.namespaces import EARL, SDMX_DIMENSION, SDMX_MEASURE, TBK, concept, section_iri

from .conftest import ROOT

TOYONAKA = ROOT / "examples" / "toyonaka.yaml"
S = "https://w3id.org/tebiki/id/272035/toyonaka-digital-2023"
TODAY = dt.date(2025, 4, 1)


@pytest.fixture(scope="module")
def toyonaka():
    return load(str(TOYONAKA))


@pytest.fixture(scope="module")
def checked(toyonaka):
    return to_graph(toyonaka, with_findings=True, today=TODAY)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "ntriples"])
def test_same_input_same_bytes(toyonaka, fmt):
    first = serialize(to_graph(toyonaka, with_findings=True, today=TODAY), fmt)
    second = serialize(to_graph(load(str(TOYONAKA)), with_findings=True, today=TODAY), fmt)
    assert first == second


def test_same_bytes_across_processes_and_hash_seeds(toyonaka):
    """Set iteration order changes with PYTHONHASHSEED; the output must not."""
    code = (
        "import sys; from checker import load; from checker.rdf import serialize, to_graph;"
        "g = to_graph(load(sys.argv[1]));"
        "sys.stdout.write(serialize(g, 'jsonld') + serialize(g, 'ntriples') + serialize(g, 'turtle'))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code, str(TOYONAKA)], capture_output=True, text=True, env=env, check=True).stdout
    g = to_graph(toyonaka)
    assert out == serialize(g, "jsonld") + serialize(g, "ntriples") + serialize(g, "turtle")


def test_ntriples_blank_nodes_are_named_from_their_subject(toyonaka):
    text = serialize(to_graph(toyonaka), "ntriples")
    labels = {tok for line in text.splitlines() for tok in line.split() if tok.startswith("_:")}
    assert labels and all(label.startswith("_:l") for label in labels)


def test_iris_come_from_body_code_and_ids_not_from_order(toyonaka):
    g = to_graph(toyonaka)
    goal = URIRef(f"{S}/goal-1")
    assert (URIRef(S), TBK.hasGoal, goal) in g
    assert (goal, ns.DCTERMS.identifier, Literal("goal-1")) in g
    assert (URIRef(S), ns.DCTERMS.publisher, URIRef("https://w3id.org/tebiki/id/272035")) in g
    reordered = toyonaka.model_copy(update={"goals": list(reversed(toyonaka.goals))})
    g2 = to_graph(reordered)
    assert (URIRef(S), TBK.hasGoal, goal) in g2
    assert (goal, TBK.position, Literal(len(toyonaka.goals))) in g2


def test_kpi_values_are_data_cube_observations(toyonaka):
    g = to_graph(toyonaka)
    target = URIRef(f"{S}/kpi-1-1/target")
    assert (target, TBK.forIndicator, URIRef(f"{S}/kpi-1-1")) in g
    assert (target, TBK.valueRole, concept("value-role", "target")) in g
    assert (target, SDMX_MEASURE.obsValue, Literal(73, datatype=ns.XSD.integer)) in g
    assert (target, SDMX_DIMENSION.refPeriod, URIRef("https://w3id.org/tebiki/period/FY2027")) in g
    baseline = URIRef(f"{S}/kpi-1-1/baseline")
    assert (baseline, SDMX_MEASURE.obsValue, Literal("68.1", datatype=ns.XSD.decimal)) in g
    assert (baseline, TBK.asOf, Literal("令和3年度")) in g  # as written
    seg = URIRef(f"{S}/kpi-1-3/segments-2/target")
    assert (seg, TBK.population, Literal("18歳以下の子どもがいない40歳未満の市民")) in g


def test_findings_are_earl_assertions_linked_to_rule_and_section(checked):
    g = checked
    failed = [a for a in g.subjects(ns.RDF.type, EARL.Assertion) if (g.value(g.value(a, EARL.result), EARL.outcome)) == EARL.failed]
    assert failed
    one = URIRef(f"{S}/_check/tebiki-2022-12/OL05/dir-2-2-2")
    assert one in failed
    rule = g.value(one, EARL.test)
    assert rule == URIRef("https://w3id.org/tebiki/rules/tebiki-2022-12/OL05")
    assert (rule, ns.DCTERMS.source, section_iri("tebiki-2022-12", "3-8")) in g
    assert (rule, ns.RDFS.label, Literal("具体的な施策のない基本的方向", lang="ja")) in g
    assert g.value(one, EARL.subject) == URIRef(f"{S}/dir-2-2-2")
    result = g.value(one, EARL.result)
    assert g.value(g.value(result, EARL.pointer), URIRef("http://www.w3.org/2009/pointers#lineNumber")).toPython() > 1
    assert {lit.language for lit in g.objects(result, ns.DCTERMS.description)} == {"ja", "en"}
    run = g.value(one, URIRef("http://www.w3.org/ns/prov#wasGeneratedBy"))
    assert (run, ns.DCTERMS.date, Literal("2025-04-01", datatype=ns.XSD.date)) in g
    passed = URIRef(f"{S}/_check/tebiki-2022-12/OL01")
    assert g.value(g.value(passed, EARL.result), EARL.outcome) == EARL.passed


def test_jsonld_context_is_inline(toyonaka):
    data = json.loads(serialize(to_graph(toyonaka), "jsonld"))
    assert isinstance(data["@context"], dict) and data["@context"]["tbk"] == str(TBK)
    assert isinstance(data["@graph"], list) and data["@graph"]


# -- the commands ---------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_export_then_import_gives_the_same_strategy(tmp_path, toyonaka):
    out = tmp_path / "toyonaka.ttl"
    result = runner.invoke(app, ["export", str(TOYONAKA), "--to", "turtle", "-o", str(out)])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["import", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert to_data(load(str(back))) == to_data(toyonaka)


@pytest.mark.parametrize("fmt", ["jsonld", "ntriples"])
def test_cli_export_to_stdout_parses(fmt):
    result = runner.invoke(app, ["export", str(TOYONAKA), "--to", fmt, "--with-findings"])
    assert result.exit_code == 0, result.output
    g = parse_rdf(result.stdout, fmt)
    assert any(g.subjects(ns.RDF.type, EARL.Assertion))


def test_cli_export_reports_input_errors_in_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: t\nbody: {name: 市, level: city}\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:3:" in result.output


def test_cli_import_refuses_what_it_cannot_read(tmp_path):
    bad = tmp_path / "x.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad)])
    assert result.exit_code == 2 and "cannot parse" in result.output
    empty = tmp_path / "e.ttl"
    empty.write_text("<https://e.org/a> <https://e.org/b> <https://e.org/c> .", encoding="utf-8")
    result = runner.invoke(app, ["import", str(empty)])
    assert result.exit_code == 2 and "no tbk:Strategy" in result.output


def test_two_files_with_the_same_iri_are_refused(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(TOYONAKA.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["export", str(tmp_path)])
    assert result.exit_code == 2 and "same body code and strategy id" in result.output


def test_edition_given_as_a_pack_directory_names_the_edition(toyonaka):
    g = to_graph(toyonaka, edition=str(ROOT / "rules" / "tebiki-2022-12"), with_findings=True, today=TODAY)
    assert (URIRef(f"{S}/_check/tebiki-2022-12/OL01"), EARL.test, URIRef("https://w3id.org/tebiki/rules/tebiki-2022-12/OL01")) in g
