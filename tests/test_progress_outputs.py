"""The progress rules work with everything the checker offers for findings: SARIF, JUnit, GitHub
annotations, JSON, baselines, deviation records and the configuration's selectors and severities."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

TODAY = ["--today", "2026-12-04"]


@pytest.fixture()
def city(tmp_path):
    folder = tmp_path / "city"
    shutil.copytree(ROOT / "examples" / "midorigawa", folder)
    return folder


def _tebiki(*args, cwd):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=cwd)


def test_sarif_junit_github_and_json_point_into_the_progress_files(city):
    sarif = json.loads(_tebiki("check", "strategy.yaml", "-f", "sarif", *TODAY, cwd=city).stdout)
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"].startswith("PG")]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert {"progress/2024.yaml", "progress/2025.yaml"} <= uris
    assert any(rule["id"] == "PG11" for rule in sarif["runs"][0]["tool"]["driver"]["rules"])
    github = _tebiki("check", "strategy.yaml", "-f", "github", *TODAY, cwd=city).stdout
    assert "file=progress/2025.yaml,line=32" in github and "PG02" in github
    junit = _tebiki("check", "strategy.yaml", "-f", "junit", *TODAY, cwd=city).stdout
    assert "PG08" in junit and "progress/2025.yaml" in junit
    data = json.loads(_tebiki("check", "strategy.yaml", "-f", "json", *TODAY, cwd=city).stdout)
    pg = [f for f in data["findings"] if f["area"] == "progress"]
    assert {f["code"] for f in pg} == {"PG01", "PG02", "PG05", "PG07", "PG08", "PG10", "PG11"}
    assert all(f["basis"] for f in pg)


def test_baselines_and_deviations(city):
    assert _tebiki("check", "strategy.yaml", "--write-baseline", "baseline.json", *TODAY, cwd=city).returncode == 0
    entries = json.loads((city / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert any(e["code"] == "PG11" and e["node"] == "m-2-1" for e in entries)
    again = _tebiki("check", "strategy.yaml", "--baseline", "baseline.json", "--fail-on", "info", "-f", "json", *TODAY, cwd=city)
    assert again.returncode == 0 and json.loads(again.stdout)["findings"] == []
    text = (city / "strategy.yaml").read_text(encoding="utf-8")
    (city / "strategy.yaml").write_text(text + """deviations:
  - rule: PG11
    node: m-2-1
    justification: 推進会議で、見直し後の2年目の実績を見てから判断することとした。
    approver: 企画政策課長
""", encoding="utf-8")
    data = json.loads(_tebiki("check", "strategy.yaml", "-f", "json", *TODAY, cwd=city).stdout)
    pg11 = [f for f in data["findings"] if f["code"] == "PG11"]
    assert pg11 and all(f["justified"] for f in pg11)


def test_configuration_selects_the_area_and_sets_severities_and_the_scheme(city):
    (city / "tebiki.toml").write_text('select = ["progress"]\n[severity]\nPG05 = "warning"\n[progress]\nscheme = "three-levels"\n',
                                      encoding="utf-8")
    data = json.loads(_tebiki("check", "strategy.yaml", "-f", "json", *TODAY, cwd=city).stdout)
    assert {f["area"] for f in data["findings"]} == {"progress"}
    assert next(f for f in data["findings"] if f["code"] == "PG05")["severity"] == "warning"
    sheet = _tebiki("progress", "strategy.yaml", "--year", "2025", *TODAY, cwd=city).stdout
    assert "評価方式: 順調・おおむね順調・努力を要する" in sheet and "おおむね順調" in sheet
    (city / "tebiki.toml").write_text('[progress]\nschem = "a-d"\n', encoding="utf-8")
    bad = _tebiki("check", "strategy.yaml", *TODAY, cwd=city)
    assert bad.returncode == 2 and "unknown key 'schem' in [progress]; did you mean 'scheme'?" in bad.stderr


def test_progress_command_formats_and_exit_codes(city):
    for fmt in ("text", "json", "markdown", "csv", "html"):
        run = _tebiki("progress", "strategy.yaml", "-f", fmt, "--lang", "en", *TODAY, cwd=city)
        assert run.returncode == 0, (fmt, run.stderr)
        assert run.stdout
    assert _tebiki("progress", "strategy.yaml", "--fail-on", "warning", *TODAY, cwd=city).returncode == 1
    bad = _tebiki("progress", "strategy.yaml", "--year", "来年", *TODAY, cwd=city)
    assert bad.returncode == 2 and bad.stderr.startswith("--year: '来年' is not a year")
    nothing = _tebiki("progress", "strategy.yaml", "--scheme", "abcd", cwd=city)
    assert nothing.returncode == 2 and "no grading scheme 'abcd' (presets: a-d, marks, national-grant, standard, three-levels" in nothing.stderr
