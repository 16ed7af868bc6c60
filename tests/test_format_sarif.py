"""SARIF 2.1.0 output: valid against the official OASIS schema, and carrying what code scanning needs."""

from __future__ import annotations

import json

import jsonschema
import pytest

from checker import get_pack
from checker.api import FileResult
from checker.report import Options, render
from checker.report.fmt_sarif import FINGERPRINT, artifact_uri

from .ci_helpers import SAMPLE, SELECT, assert_golden, run
from .conftest import ROOT

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def sarif(*args: str) -> tuple[dict, int]:
    proc = run("check", *args, "--format", "sarif")
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout), proc.returncode


def validate(doc: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_the_schema_copy_is_the_official_one():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_real_output_with_findings_deviations_and_input_errors_is_valid(tmp_path):
    broken = "tests/fixtures/ci/broken.yaml"
    doc, code = sarif("examples/toyonaka.yaml", SAMPLE, broken, "--lang", "en")
    assert code == 2
    validate(doc)
    run_ = doc["runs"][0]
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    assert [a["location"]["uri"] for a in run_["artifacts"]] == sorted(["examples/toyonaka.yaml", SAMPLE, broken])  # files in report order
    assert run_["results"] and any("suppressions" in r for r in run_["results"])


def test_every_rule_has_a_distinct_id_and_its_documentation():
    doc, _ = sarif(SAMPLE, "--lang", "en")
    validate(doc)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    pack = get_pack()
    assert [r["id"] for r in rules] == [r.code for r in pack.rules]  # no --select: every rule ran
    assert len({r["id"] for r in rules}) == len(rules)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor in rules:
        rule = pack.by_code[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.title.en
        assert descriptor["fullDescription"]["text"] == rule.rationale.en
        assert descriptor["helpUri"].endswith(f"/docs/rules/{rule.code}.md")
        assert rule.fix.en in descriptor["help"]["text"] and rule.fix.en in descriptor["help"]["markdown"]
        assert descriptor["properties"]["sections"] == rule.sections
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity.value]


def test_results_point_at_their_rule_line_and_column():
    doc, _ = sarif(SAMPLE, *SELECT, "--lang", "en")
    as_json = json.loads(run("check", SAMPLE, *SELECT, "--lang", "en", "--format", "json").stdout)
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["OL06", "OL07"]  # only the rules that ran
    assert len(run_["results"]) == len(as_json["findings"]) == 3
    for result, finding in zip(run_["results"], as_json["findings"]):
        assert result["ruleId"] == finding["code"] == rules[result["ruleIndex"]]["id"]
        assert result["message"]["text"] == finding["message"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SAMPLE
        assert result["level"] == "warning"
        assert result["partialFingerprints"] == {FINGERPRINT: finding["fingerprint"]}


def test_justified_deviation_is_an_accepted_suppression_with_its_reason():
    doc, _ = sarif(SAMPLE, *SELECT)
    suppressed = [r for r in doc["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    (s,) = suppressed[0]["suppressions"]
    assert s["kind"] == "inSource" and s["state"] == "accepted"
    assert s["justification"] == "移住相談の効果は目標1の数値目標（転入者数）で検証する。"
    assert s["properties"] == {"approver": "総合戦略推進本部"}
    assert s["location"]["physicalLocation"]["region"]["startLine"] == 48  # the deviation record (`- rule: OL07`)


def test_messages_follow_lang():
    ja, _ = sarif(SAMPLE, *SELECT)
    en, _ = sarif(SAMPLE, *SELECT, "--lang", "en")
    assert "目標" in ja["runs"][0]["results"][0]["message"]["text"]
    assert ja["runs"][0]["language"] == "ja" and en["runs"][0]["language"] == "en"
    assert en["runs"][0]["results"][0]["message"]["text"].startswith("Measure")


def test_fingerprints_do_not_change_when_lines_move(tmp_path):
    moved = tmp_path / "moved.yaml"
    text = (ROOT / SAMPLE).read_text(encoding="utf-8")
    moved.write_text("# a new comment\n# and another\n\n" + text, encoding="utf-8")
    before, _ = sarif(SAMPLE, *SELECT)
    after, _ = sarif(str(moved), *SELECT)

    def prints(doc):
        return [(r["ruleId"], r["partialFingerprints"][FINGERPRINT]) for r in doc["runs"][0]["results"]]

    def lines(doc):
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in doc["runs"][0]["results"]]

    assert prints(before) == prints(after)
    assert [line + 3 for line in lines(before)] == lines(after)


def test_a_file_that_cannot_be_loaded_is_a_tool_execution_notification():
    doc, code = sarif("tests/fixtures/ci/broken.yaml")
    assert code == 2
    validate(doc)
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "272036" in note["message"]["text"]
    location = note["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "tests/fixtures/ci/broken.yaml"
    assert location["region"] == {"startLine": 5, "startColumn": 25}
    assert doc["runs"][0]["results"] == []


def test_repeated_findings_on_one_node_get_distinct_fingerprints():
    from checker.engine.finding import Basis, Finding, Severity, Text

    f = Finding("OL07", "measure-without-kpi", "outline", ("4-2",), Severity.warning, Text("a", "a"), "x.yaml", 3, 1, "m-1", "measure", "m", Basis.not_stated)
    g = Finding("OL07", "measure-without-kpi", "outline", ("4-2",), Severity.warning, Text("b", "b"), "x.yaml", 9, 1, "m-1", "measure", "m", Basis.not_stated)
    doc = json.loads(render("sarif", [FileResult(file="x.yaml", findings=[f, g])], get_pack(), Options(rules=("OL07",))))
    validate(doc)
    assert [r["partialFingerprints"][FINGERPRINT] for r in doc["runs"][0]["results"]] == ["OL07:m-1", "OL07:m-1:2"]


@pytest.mark.parametrize(
    "path, uri",
    [("examples/toyonaka.yaml", "examples/toyonaka.yaml"), ("戦略/豊中 市.yaml", "%E6%88%A6%E7%95%A5/%E8%B1%8A%E4%B8%AD%20%E5%B8%82.yaml")],
)
def test_artifact_uris_are_relative_and_encoded(path, uri):
    assert artifact_uri(path) == uri


def test_empty_run_is_valid():
    validate(json.loads(render("sarif", [], get_pack(), Options())))


def test_golden():
    proc = run("check", SAMPLE, *SELECT, "--lang", "en", "--format", "sarif")
    assert proc.returncode == 0, proc.stderr
    assert_golden("sample.sarif", proc.stdout)
