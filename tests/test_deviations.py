"""Deviation records turn exactly the findings they name into justified deviations, reported apart."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from checker import Config, check_strategy, loads

from .conftest import FIXTURES, ROOT, TODAY

BASE = (FIXTURES / "rules" / "OL07" / "fail.yaml").read_text(encoding="utf-8")
# In that fixture OL07 fires on m-2 only.


def findings(text: str, **kw):
    strategy = loads(text, "s.yaml")
    return check_strategy(strategy, config=Config(**kw), today=TODAY)


def with_deviations(block: str) -> str:
    return BASE + "deviations:\n" + block


def test_a_justified_record_turns_the_finding_into_a_deviation():
    fs = findings(with_deviations("  - rule: OL07\n    node: m-2\n    justification: 目標単位で検証するため。\n    approver: 課長\n"))
    ol07 = [f for f in fs if f.code == "OL07"]
    assert len(ol07) == 1 and ol07[0].justified
    assert ol07[0].deviation.justification == "目標単位で検証するため。"
    assert ol07[0].deviation.approver == "課長"
    assert not [f for f in fs if f.code.startswith("DV")]


def test_a_record_without_node_covers_every_finding_of_the_rule():
    fs = findings(with_deviations("  - rule: measure-without-kpi\n    justification: 理由。\n"))
    assert all(f.justified for f in fs if f.code == "OL07")


def test_no_deviations_shows_everything_as_without_records():
    text = with_deviations("  - rule: OL07\n    node: m-2\n    justification: 理由。\n  - rule: XX99\n    justification: ''\n")
    fs = findings(text, deviations=False)
    assert [f.justified for f in fs if f.code == "OL07"] == [False]
    assert not [f for f in fs if f.code.startswith("DV")]


def test_bad_records_are_reported_and_not_applied():
    text = with_deviations(
        "  - rule: OL07\n    node: m-2\n    justification: '  '\n"          # DV01
        "  - rule: OL07\n    node: m-2\n    justification: 理由。\n    expires: 2020-01-01\n"  # DV02
        "  - rule: OL01\n    justification: 理由。\n"                         # DV03 (OL01 does not fire)
    )
    fs = findings(text)
    assert [f.justified for f in fs if f.code == "OL07"] == [False]
    assert {f.code for f in fs if f.code.startswith("DV")} == {"DV01", "DV02", "DV03"}
    dv = {f.code: f for f in fs if f.code.startswith("DV")}
    lines = BASE.count("\n") + 2
    assert dv["DV01"].line == lines and dv["DV02"].line == lines + 3 and dv["DV03"].line == lines + 7


def test_a_record_removes_exactly_its_finding():
    two_measures = BASE.replace("          - id: m-2", "          - id: m-3\n            name: 追加の施策\n          - id: m-2")
    assert sorted(f.node_id for f in findings(two_measures) if f.code == "OL07") == ["m-2", "m-3"]
    text = two_measures + "deviations:\n  - rule: OL07\n    node: m-3\n    justification: 理由。\n"
    assert {(f.node_id, f.justified) for f in findings(text) if f.code == "OL07"} == {("m-2", False), ("m-3", True)}


def test_expiry_is_relative_to_today():
    text = with_deviations("  - rule: OL07\n    node: m-2\n    justification: 理由。\n    expires: 2025-04-01\n")
    strategy = loads(text, "s.yaml")
    on_day = check_strategy(strategy, today=dt.date(2025, 4, 1))
    after = check_strategy(strategy, today=dt.date(2025, 4, 2))
    assert [f.justified for f in on_day if f.code == "OL07"] == [True]
    assert [f.justified for f in after if f.code == "OL07"] == [False]
    assert "DV02" in {f.code for f in after}


def test_cli_reports_justified_deviations_apart_and_they_do_not_fail(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(with_deviations("  - rule: OL07\n    node: m-2\n    justification: 目標単位で検証するため。\n"), encoding="utf-8")
    args = [sys.executable, "-m", "checker", "check", str(path), "--select", "OL07,DV", "--fail-on", "warning"]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "正当化された逸脱" in proc.stdout and "目標単位で検証するため。" in proc.stdout
    proc = subprocess.run(args + ["--no-deviations"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    doc = json.loads(subprocess.run(args + ["--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=120).stdout)
    (finding,) = [f for f in doc["findings"] if f["code"] == "OL07"]
    assert finding["justified"] is True and finding["deviation"]["justification"] == "目標単位で検証するため。"
