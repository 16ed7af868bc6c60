"""Baselines: write the current findings, edit the strategy, and only what is new fails."""

from __future__ import annotations

import json
import shutil

import pytest

from checker import check_file
from checker.baseline import apply_baseline, dumps_baseline, load_baseline, write_baseline
from checker.load.errors import InputError

from .ci_helpers import CI_FIXTURES, SELECT, run
from .conftest import ROOT

NEW_MEASURE = """          - id: m-new
            name: 二地域居住の推進
"""


def edited(text: str) -> str:
    """The sample moved down by a comment block, its measures reordered, and one new defect (m-new has no KPI)."""
    text = text.replace("format: 1\n", "# 令和6年度改訂\n# (lines move)\n\nformat: 1\n", 1)
    m2 = "          - id: m-2\n            name: 'UIJターン: 起業・就業者 100%, \"創出\" | <b>`相談`</b>'\n"
    assert m2 in text
    text = text.replace(m2, "")
    return text.replace("          - id: m-3\n", m2 + NEW_MEASURE + "          - id: m-3\n", 1)


@pytest.fixture
def project(tmp_path):
    """A copy of the sample strategy in a folder of its own, as a repository would have it."""
    folder = tmp_path / "repo"
    (folder / "strategies").mkdir(parents=True)
    shutil.copy(CI_FIXTURES / "sample.yaml", folder / "strategies" / "sample.yaml")
    return folder


def test_round_trip_only_the_new_defect_fails(project):
    strategy = project / "strategies" / "sample.yaml"
    args = ("check", "strategies/", *SELECT, "--fail-on", "warning", "--lang", "en")
    assert run(*args, cwd=project).returncode == 1  # two warnings

    wrote = run(*args, "--write-baseline", ".tebiki-baseline.json", cwd=project)
    assert wrote.returncode == 0, wrote.stderr
    assert "wrote .tebiki-baseline.json: 2 finding(s) accepted" in wrote.stderr
    assert run(*args, "--baseline", ".tebiki-baseline.json", cwd=project).returncode == 0

    strategy.write_text(edited(strategy.read_text(encoding="utf-8")), encoding="utf-8")
    proc = run(*args, "--baseline", ".tebiki-baseline.json", "--format", "json", cwd=project)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    open_findings = [f for f in doc["findings"] if not f["justified"]]
    assert [(f["code"], f["node"]["id"]) for f in open_findings] == [("OL07", "m-new")]
    assert doc["baseline"] == {"file": ".tebiki-baseline.json", "matched": 2, "gone": []}
    assert any(f["justified"] for f in doc["findings"])  # deviations are still listed

    text = run(*args, "--baseline", ".tebiki-baseline.json", cwd=project)
    assert text.returncode == 1
    assert "m-new" in text.stdout and "'UIJ" not in text.stdout
    assert "baseline .tebiki-baseline.json: 2 known finding(s) not reported" in text.stdout


def test_gone_entries_are_reported_in_text_and_json(project):
    strategy = project / "strategies" / "sample.yaml"
    args = ("check", "strategies/sample.yaml", *SELECT, "--lang", "en")
    assert run(*args, "--write-baseline", "b.json", cwd=project).returncode == 0
    # Fix OL06: give goal-2 a numerical target.
    text = strategy.read_text(encoding="utf-8").replace(
        "    name: 結婚・出産・子育ての希望をかなえる\n",
        "    name: 結婚・出産・子育ての希望をかなえる\n    numerical_targets:\n      - {id: target-2, name: 出生数, unit: 人}\n",
    )
    strategy.write_text(text, encoding="utf-8")
    proc = run(*args, "--baseline", "b.json", "--format", "json", cwd=project)
    assert proc.returncode == 0
    gone = json.loads(proc.stdout)["baseline"]["gone"]
    assert gone == [{"file": "strategies/sample.yaml", "code": "OL06", "name": "goal-without-numerical-target", "node": "goal-2", "count": 1}]
    assert "1 no longer found" in proc.stderr
    text_out = run(*args, "--baseline", "b.json", cwd=project).stdout
    assert "gone: strategies/sample.yaml OL06 goal-without-numerical-target node goal-2" in text_out


def test_the_baseline_file_is_deterministic_without_lines_and_relative_to_itself(project):
    a = run("check", "strategies", *SELECT, "--write-baseline", "a.json", cwd=project)
    b = run("check", str(project / "strategies" / "sample.yaml"), *SELECT, "--write-baseline", "sub/b.json", cwd=project)
    assert a.returncode == b.returncode == 0
    doc = json.loads((project / "a.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["edition"] == "tebiki-2022-12"
    assert doc["entries"] == [
        {"file": "strategies/sample.yaml", "code": "OL06", "name": "goal-without-numerical-target", "node": "goal-2", "count": 1},
        {"file": "strategies/sample.yaml", "code": "OL07", "name": "measure-without-kpi", "node": "m-2", "count": 1},
    ]
    assert "line" not in (project / "a.json").read_text(encoding="utf-8")
    assert json.loads((project / "sub" / "b.json").read_text(encoding="utf-8"))["entries"][0]["file"] == "../strategies/sample.yaml"
    # The same baseline matches from another working directory.
    elsewhere = run("check", "sample.yaml", *SELECT, "--fail-on", "warning", "--baseline", "../a.json", cwd=project / "strategies")
    assert elsewhere.returncode == 0, elsewhere.stdout


def test_duplicates_on_one_node_are_counted(tmp_path):
    from dataclasses import replace

    result = check_file(str(CI_FIXTURES / "sample.yaml"))
    dup = [f for f in result.findings if f.code == "OL07" and not f.justified][0]
    twice = replace(result, findings=result.findings + [replace(dup, line=dup.line + 100)])
    doc = json.loads(dumps_baseline([twice], tmp_path))
    assert [e["count"] for e in doc["entries"] if e["node"] == "m-2"] == [2]
    path = tmp_path / "b.json"
    write_baseline(path, [result])  # one accepted ...
    kept, outcome = apply_baseline([twice], load_baseline(path))
    assert [f.node_id for f in kept[0].findings if f.code == "OL07" and not f.justified] == ["m-2"]  # ... the second is new
    assert outcome.gone == ()


def test_checking_a_subset_does_not_declare_the_rest_gone(project):
    assert run("check", "strategies", *SELECT, "--write-baseline", "b.json", cwd=project).returncode == 0
    only_ol07 = run("check", "strategies", "--select", "OL07", "--baseline", "b.json", "--format", "json", cwd=project)
    assert json.loads(only_ol07.stdout)["baseline"]["gone"] == []
    other = project / "other.yaml"
    shutil.copy(CI_FIXTURES / "clean.yaml", other)
    only_other = run("check", "other.yaml", *SELECT, "--baseline", "b.json", "--format", "json", cwd=project)
    assert json.loads(only_other.stdout)["baseline"]["gone"] == []


def test_bad_baselines_are_input_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1,\n "entries": [}', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.json:2:14: baseline is not valid JSON"):
        load_baseline(bad)
    proc = run("check", str(ROOT / "tests/fixtures/ci/clean.yaml"), "--baseline", str(tmp_path / "missing.json"))
    assert proc.returncode == 2 and "no such baseline file" in proc.stderr and "Traceback" not in proc.stderr
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"version": 1, "entries": [{"file": "a.yaml"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="entry 1 needs file, code, node"):
        load_baseline(wrong)


def test_no_baseline_is_written_when_a_file_cannot_be_loaded(tmp_path):
    proc = run("check", "tests/fixtures/ci/sample.yaml", "tests/fixtures/ci/broken.yaml", "--write-baseline", str(tmp_path / "b.json"))
    assert proc.returncode == 2
    assert "baseline not written" in proc.stderr and not (tmp_path / "b.json").exists()
