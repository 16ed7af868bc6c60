"""Every finding says what it rests on (contradicts / not-stated / inferred), in every output format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from checker import build_graph, get_pack, run_pack
from checker.engine.finding import Basis
from checker.engine.pack import RuleRecord
from checker.load import loads

from .ci_helpers import CI_FIXTURES, run

BASIS_FILE = CI_FIXTURES / "basis.yaml"


def _findings(text: str):
    return run_pack(build_graph(loads(text, "mem.yaml")), get_pack())


HEAD = """\
format: 1
id: t
title: ○○市総合戦略
body: {name: ○○市, level: municipality}
period: {start: 令和5年度, end: 令和9年度}
goals: [{id: g, name: 人の流れをつくる, directions: [{id: d, name: 移住, measures: [{id: m, name: 移住相談}]}]}]
"""


def test_every_rule_record_states_a_basis():
    for rule in get_pack().rules:
        assert isinstance(rule.basis, Basis), rule.code
    data = get_pack().rules[0].model_dump(mode="json")
    del data["basis"]
    with pytest.raises(ValueError, match="basis"):
        RuleRecord.model_validate(data)


def test_a_field_left_out_is_silence_and_stated_false_is_a_contradiction():
    silent = {f.code: f for f in _findings(HEAD + "governance: {pdca: {text: 毎年度検証します。}}\n")}
    stated = {
        f.code: f
        for f in _findings(HEAD + "governance: {pdca: {text: 毎年度検証します。, kpi_review: false, cycle_years: 5}, publication: {published: false}}\n")
    }
    assert silent["PD03"].basis is Basis.not_stated and stated["PD03"].basis is Basis.contradicts
    assert silent["PD05"].basis is Basis.not_stated and stated["PD05"].basis is Basis.contradicts
    assert silent["PD02"].basis is Basis.not_stated and stated["PD02"].basis is Basis.contradicts


def test_a_direction_only_assumed_is_an_inference():
    text = HEAD.replace(
        "name: 移住相談}",
        "name: 移住相談, kpis: [{id: k, name: 相談件数, unit: 件, baseline: {value: 10, as_of: 令和4年度}, target: {value: 5, year: 令和9年度}}]}",
    )
    kq09 = [f for f in _findings(text) if f.code == "KQ09"]
    assert [f.basis for f in kq09] == [Basis.inferred]
    declared = text.replace("name: 相談件数,", "name: 相談件数, better: higher,")
    assert [f.basis for f in _findings(declared) if f.code == "KQ09"] == [Basis.contradicts]


SELECT = ("--select", "PD02,PD05")


@pytest.mark.parametrize(
    "fmt, lang, shown",
    [
        ("text", "ja", ["(記載と相違)", "(記載なし)"]),
        ("text", "en", ["(contradicts)", "(not stated)"]),
        ("github", "en", ["; contradicts)", "; not stated)"]),
        ("markdown", "ja", ["| 記載と相違 |", "| 記載なし |", "| 根拠 |"]),
        ("html", "en", ["contradicts", "not stated", "<th>Basis</th>"]),
    ],
)
def test_shown_in_each_human_format(fmt, lang, shown):
    proc = run("check", str(BASIS_FILE), *SELECT, "--format", fmt, "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    for label in shown:
        assert label in proc.stdout, (fmt, label)


def test_shown_in_concise_text():
    proc = run("check", str(BASIS_FILE), *SELECT, "--concise")
    lines = [line for line in proc.stdout.splitlines() if " PD0" in line]
    assert len(lines) == 2 and all("(記載" in line for line in lines)


def test_machine_formats_carry_the_value():
    data = json.loads(run("check", str(BASIS_FILE), *SELECT, "--format", "json").stdout)
    assert {f["code"]: f["basis"] for f in data["findings"]} == {"PD02": "contradicts", "PD05": "not-stated"}
    sarif = json.loads(run("check", str(BASIS_FILE), *SELECT, "--format", "sarif").stdout)
    run0 = sarif["runs"][0]
    assert {r["ruleId"]: r["properties"]["basis"] for r in run0["results"]} == {"PD02": "contradicts", "PD05": "not-stated"}
    assert {r["id"]: r["properties"]["basis"] for r in run0["tool"]["driver"]["rules"]} == {"PD02": "not-stated", "PD05": "not-stated"}
    junit = ET.fromstring(run("check", str(BASIS_FILE), *SELECT, "--format", "junit", "--fail-on", "info").stdout)
    failures = "\n".join(f.text for f in junit.iter("failure"))
    assert "(記載と相違)" in failures and "(記載なし)" in failures


def test_basis_is_not_part_of_the_fingerprint():
    (f,) = [f for f in _findings(HEAD + "governance: {pdca: {text: 毎年度検証します。, cycle_years: 5}}\n") if f.code == "PD02"]
    assert f.fingerprint == "PD02:#pdca"
