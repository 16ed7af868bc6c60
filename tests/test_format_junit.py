"""JUnit XML output: valid against the Jenkins/Ant junit-10.xsd, one suite per file, one test per rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lxml import etree

from checker import get_pack
from checker.api import FileResult
from checker.engine.finding import Basis, Finding, Severity, Text
from checker.report import Options, render

from .ci_helpers import SAMPLE, SELECT, assert_golden, run
from .conftest import ROOT

XSD = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "schemas" / "junit-10.xsd")))


def junit(*args: str) -> tuple[str, int]:
    proc = run("check", *args, "--format", "junit")
    assert proc.stdout, proc.stderr
    return proc.stdout, proc.returncode


def validate(text: str) -> ET.Element:
    doc = etree.fromstring(text.encode("utf-8"))
    assert XSD.validate(doc), XSD.error_log
    return ET.fromstring(text)


def cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {c.get("name").split()[0]: c for c in suite.iter("testcase")}


def test_real_output_with_findings_deviations_and_input_errors_is_valid():
    text, code = junit("examples/toyonaka.yaml", SAMPLE, "tests/fixtures/ci/broken.yaml", "--lang", "en")
    assert code == 2
    root = validate(text)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(["examples/toyonaka.yaml", SAMPLE, "tests/fixtures/ci/broken.yaml"])
    rules = len(get_pack().rules)
    tests = {s.get("name"): int(s.get("tests")) for s in suites}
    assert tests == {"examples/toyonaka.yaml": rules, SAMPLE: rules, "tests/fixtures/ci/broken.yaml": 1}  # a test per rule
    assert int(root.get("tests")) == 2 * rules + 1
    assert int(root.get("errors")) == 1


def test_failures_only_at_or_above_the_threshold():
    text, code = junit(SAMPLE, *SELECT, "--lang", "en")
    assert code == 0
    suite = validate(text).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "0", "0")
    assert "below the threshold" in cases(suite)["OL07"].find("system-out").text

    text, code = junit(SAMPLE, *SELECT, "--lang", "en", "--fail-on", "warning")
    assert code == 1
    suite = validate(text).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "2")
    failure = cases(suite)["OL07"].find("failure")
    assert failure.get("type") == "warning"
    assert failure.text.startswith(f"{SAMPLE}:30:13: warning OL07 measure-without-kpi [手引き 4-2]")
    assert "fix: " in failure.text
    assert "justified deviations" in cases(suite)["OL07"].find("system-out").text


def test_a_rule_with_only_justified_deviations_is_skipped_with_the_reason(tmp_path):
    only = tmp_path / "only-justified.yaml"
    text = (ROOT / SAMPLE).read_text(encoding="utf-8")
    only.write_text(text.replace("node: m-3", "node: m-2").replace("          - id: m-3\n            name: 移住相談窓口のオンライン化\n", ""), encoding="utf-8")
    out, code = junit(str(only), "--select", "OL07", "--fail-on", "info", "--lang", "en")
    assert code == 0
    suite = validate(out).find("testsuite")
    skipped = cases(suite)["OL07"].find("skipped")
    assert suite.get("skipped") == "1" and "justified" in skipped.get("message")
    assert "移住相談の効果" in skipped.text


def test_a_rule_that_does_not_apply_to_the_body_is_skipped():
    pack = get_pack()
    only_prefecture = [r for r in pack.rules if r.applies_to.value == "prefecture"]
    if not only_prefecture:
        return  # no prefecture-only rule in this edition yet
    rule = only_prefecture[0]
    from checker import check_file

    result = check_file(str(ROOT / SAMPLE))
    root = validate(render("junit", [result], pack, Options(lang="en", rules=(rule.code,))))
    assert "does not apply to a municipality" in cases(root.find("testsuite"))[rule.code].find("skipped").get("message")


def test_characters_xml_cannot_carry_are_replaced():
    f = Finding("OL07", "measure-without-kpi", "outline", ("4-2",), Severity.error, Text("bad \x00\x1b end", "bad \x00\x1b end"), "x.yaml", 3, 1, "m", "measure", "m", Basis.not_stated)
    root = validate(render("junit", [FileResult(file="x.yaml", findings=[f])], get_pack(), Options(rules=("OL07",))))
    assert "\ufffd" in root.find(".//failure").get("message")


def test_golden():
    text, code = junit(SAMPLE, *SELECT, "--lang", "en", "--fail-on", "warning")
    assert code == 1
    assert_golden("sample.junit.xml", text)
