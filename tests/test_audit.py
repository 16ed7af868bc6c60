"""The prefecture audit on the fictional example prefecture and on generated strategies.

The rule pack grows while this is written, so the tests assert what the audit itself controls
(periods, verification bodies, declared directions, outcome shares from declared kinds, the
cross-check) and, for counts by severity, consistency with `check_file`, not fixed totals.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from checker import check_file
from checker.audit import OUTPUTS, Layout, crosscheck_records, run_audit
from checker.audit.run import UsageError
from checker.config import Config
from checker.engine import load_pack, pack_dir

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "prefecture"
PREFECTURE = "examples/prefecture/kakuu-ken.yaml"


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    result = run_audit("examples/prefecture", out, jobs=1)
    doc = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    rows = {r["name"]: r for r in doc["strategies"]}
    return result, out, doc, rows


def test_writes_csv_json_and_html(example):
    result, out, doc, rows = example
    assert [p.name for p in result.paths] == list(OUTPUTS)
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0
    assert result.prefecture == PREFECTURE
    assert not result.problems
    assert set(rows) == {"架空県", "桜ヶ丘市", "北浜市", "東山市", "西川町", "南野村", "港町"}
    assert doc["strategies"][0]["level"] == "prefecture", "the prefecture's row comes first"
    files = [r["file"] for r in doc["strategies"][1:]]
    assert files == sorted(files), "municipalities in file order"


def test_aggregates_the_audit_controls(example):
    _, _, doc, rows = example
    assert (rows["東山市"]["period_start"], rows["東山市"]["period_end"], rows["東山市"]["period_years"]) == (2023, 2028, 6)
    assert (rows["港町"]["period_start"], rows["港町"]["period_end"]) == (2015, 2019)
    assert rows["桜ヶ丘市"]["period_years"] == 5
    assert rows["西川町"]["verification_body"] is False
    assert all(r["verification_body"] for n, r in rows.items() if n != "西川町")
    assert rows["南野村"]["prefectural_strategy"] == "missing"
    assert rows["桜ヶ丘市"]["prefectural_strategy"] == "named"
    assert rows["架空県"]["prefectural_strategy"] is None
    assert rows["港町"]["prefectural_strategy_id"] == "kakuu-ken-2015"
    # directions declared in the files
    four = ["jobs", "people-flow", "family", "attractive-region"]
    assert [rows["桜ヶ丘市"][f"nd:{c}"] for c in four] == ["declared"] * 4
    assert rows["桜ヶ丘市"]["directions_declared"] == 4
    assert rows["北浜市"]["directions_declared"] == 2
    assert rows["南野村"]["directions_declared"] == 0, "南野村 declares none; at most suggested"
    assert all(rows["南野村"][f"nd:{c}"] in (None, "suggested") for c in four)
    assert rows["架空県"]["nd:digital-talent"] == rows["架空県"]["nd:inclusion"] == "declared"
    # every KPI of the examples declares its kind, so the share does not depend on the classifier
    assert (rows["北浜市"]["kpis"], rows["北浜市"]["kpis_outcome"], rows["北浜市"]["outcome_share"]) == (3, 0, 0.0)
    assert (rows["桜ヶ丘市"]["kpis"], rows["桜ヶ丘市"]["outcome_share"]) == (6, 1.0)
    assert (rows["南野村"]["kpis_output"], rows["南野村"]["outcome_share"]) == (1, 0.5)
    assert rows["東山市"]["justified"] == 2, "the 6-year period is recorded as two justified deviations"


def test_counts_by_severity_agree_with_check_file(example):
    _, _, doc, _ = example
    pack = load_pack(pack_dir())
    for row in doc["strategies"]:
        result = check_file(row["file"], pack=pack)
        xp = [f for f in row["findings"] if f["code"].startswith("XP")]
        for severity in ("error", "warning", "info"):
            expected = sum(1 for f in result.findings if f.severity.value == severity and not f.justified)
            expected += sum(1 for f in xp if f["severity"] == severity and not f["justified"])
            assert row[severity] == expected, (row["file"], severity)
        assert row["justified"] == sum(1 for f in result.findings if f.justified)
        assert row["crosscheck"] == len(xp)
        assert len(row["findings"]) == len(result.findings) + len(xp)


def test_area_columns_come_from_the_pack(example):
    _, _, doc, rows = example
    pack = load_pack(pack_dir())
    pack_areas = {r.area.value for r in pack.rules}
    xp_areas = {r.area.value for r in crosscheck_records()}
    assert set(doc["areas"]) == pack_areas | xp_areas
    for row in doc["strategies"]:
        assert {k[5:] for k in row if k.startswith("area:")} == set(doc["areas"])
        assert all(row[f"area:{a}"] in ("error", "warning", "info", "justified", "none") for a in doc["areas"])
        assert all(isinstance(row[f"n:{a}"], int) for a in doc["areas"])
    # an area shows its worst open severity and its count: a warning is a warning, not a failure
    assert rows["西川町"]["area:verification"] == "warning" and rows["西川町"]["n:verification"] >= 1
    assert rows["港町"]["area:period"] == "warning", "XP04 is a warning in the period area"
    assert rows["東山市"]["area:period"] in ("justified", "info", "none"), "the justified 6-year period is no warning"
    assert rows["港町"]["verdict"] == "pass", "warnings do not fail --fail-on error"
    assert rows["港町"]["type"] == "town" and rows["南野村"]["type"] == "village" and rows["架空県"]["type"] == "prefecture"


def test_cross_check_findings(example):
    _, _, doc, _ = example
    found = {(f["code"], f["file"].rsplit("/", 1)[-1]) for f in doc["crosscheck"]}
    assert ("XP03", "minato.yaml") in found
    assert ("XP04", "minato.yaml") in found
    assert ("XP05", "kakuu-ken.yaml") in found
    xp06 = {f["message"] for f in doc["crosscheck"] if f["code"] == "XP06"}
    assert any("デジタル人材" in m for m in xp06) and any("誰一人取り残され" in m for m in xp06)
    assert not any(name in m for m in xp06 for name in ("地方に仕事をつくる", "人の流れ", "子育て", "魅力的な地域"))
    # 南野村 names no prefectural strategy: the pack's CO03 says so; XP01 does not repeat it
    assert not any(code == "XP01" for code, _ in found)
    assert any(f["code"] == "CO03" and f["file"].endswith("minamino.yaml") for f in doc["crosscheck_related"])
    for f in doc["crosscheck"]:
        assert f["line"] >= 1 and f["column"] >= 1 and f["file"].startswith("examples/prefecture/")
    xp05 = next(f for f in doc["crosscheck"] if f["code"] == "XP05")
    text = (ROOT / PREFECTURE).read_text(encoding="utf-8").splitlines()
    assert "goal-5" in text[xp05["line"] - 1], "XP05 points at the uncovered goal"
    minato = (EXAMPLE / "minato.yaml").read_text(encoding="utf-8").splitlines()
    xp03 = next(f for f in doc["crosscheck"] if f["code"] == "XP03")
    assert "strategy_id" in minato[xp03["line"] - 1]


def test_csv_is_excel_friendly_and_matches_the_json(example):
    _, out, doc, _ = example
    data = (out / "audit.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so that Excel reads Japanese correctly"
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    layout = Layout.of(load_pack(pack_dir()), tuple(sorted({r.area.value for r in crosscheck_records()})))
    assert list(rows[0]) == [c.ja for c in layout.specs()], "Japanese headers with --lang ja (the default)"
    assert [c.id for c in layout.specs()] == doc["columns"]
    assert [r["ファイル"] for r in rows] == [s["file"] for s in doc["strategies"]]
    by_name = {r["団体名"]: r for r in rows}
    assert by_name["西川町"]["検証機関"] == "なし" and by_name["桜ヶ丘市"]["検証機関"] == "あり"
    assert by_name["北浜市"]["アウトカム指標の割合"] == "0.000"
    assert by_name["東山市"]["計画期間（年数）"] == "6"
    assert by_name["西川町"]["効果検証と参画"] == "警告" and by_name["西川町"]["種別"] == "町"
    assert by_name["桜ヶ丘市"]["団体コード"] == '="482013"', "a code stays text in Excel (leading zeros kept)"


def test_layout_columns_follow_the_pack():
    pack = load_pack(pack_dir())
    layout = Layout.of(pack)
    cols = layout.columns()
    assert [c[5:] for c in cols if c.startswith("area:")] == list(layout.areas)
    assert [c[3:] for c in cols if c.startswith("nd:")] == [d.code for d in pack.reference.directions]


def test_crosscheck_records_are_valid_rule_records():
    records = crosscheck_records()
    assert [r.code for r in records] == [f"XP0{i}" for i in range(1, 8)]
    assert len({r.name for r in records}) == len(records)
    from checker.audit import crosscheck

    for r in records:
        assert hasattr(crosscheck, "check_municipality")
        assert r.check in {*crosscheck.RELATED_CHECKS, "prefectural_strategy_id", "period_overlaps_prefecture",
                           "prefectural_goals_covered", "prefectural_directions_covered", "municipality_in_prefecture"}


def _copy_example(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_a_broken_file_is_reported_and_the_rest_still_run(tmp_path):
    folder = _copy_example(tmp_path)
    (folder / "broken.yaml").write_text("format: 1\nid: x\ntitle: 壊れ\nbody: {name: 壊れ市, level: municipality\n", encoding="utf-8")
    proc = run_cli("audit", str(folder), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2, proc.stderr
    assert f"{folder / 'broken.yaml'}:5:1:" in proc.stderr or f"{folder / 'broken.yaml'}:" in proc.stderr
    assert "\r[" not in proc.stderr, "no progress bar when standard error is not a terminal"
    doc = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert len(doc["strategies"]) == 8
    assert doc["summary"]["input_errors"] == 1
    broken = next(s for s in doc["strategies"] if s["file"].endswith("broken.yaml"))
    assert broken["status"] == "input-error" and broken["problems"][0]["line"] >= 1
    assert doc["errors"][0]["file"].endswith("broken.yaml")
    assert "broken.yaml" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_exit_codes_as_check(tmp_path):
    proc = run_cli("audit", "examples/prefecture", "--out", str(tmp_path / "a"))
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("audit", "examples/prefecture", "--out", str(tmp_path / "b"), "--fail-on", "warning")
    assert proc.returncode == 1
    proc = run_cli("audit", "examples/prefecture", "--out", str(tmp_path / "c"), "--prefecture", "examples/prefecture/minato.yaml")
    assert proc.returncode == 2 and "prefecture" in proc.stderr
    proc = run_cli("audit", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "d"))
    assert proc.returncode == 2
    proc = run_cli("audit", "examples/prefecture", "--out", str(tmp_path / "e"), "--select", "XP9")
    assert proc.returncode == 2


def test_several_prefectures_need_a_choice(tmp_path):
    folder = _copy_example(tmp_path)
    text = (folder / "kakuu-ken.yaml").read_text(encoding="utf-8").replace("id: kakuu-ken-2023", "id: kakuu-ken-copy")
    (folder / "kakuu-ken-copy.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match="--prefecture"):
        run_audit(folder, tmp_path / "out", jobs=1)
    result = run_audit(folder, tmp_path / "out", jobs=1, prefecture=str(folder / "kakuu-ken.yaml"))
    assert result.prefecture.endswith("kakuu-ken.yaml")


def test_municipality_of_another_prefecture_and_deferral_to_the_pack(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE / "kakuu-ken.yaml", folder)
    shutil.copy(ROOT / "examples" / "toyonaka.yaml", folder)  # 豊中市 of 大阪府 (270008)
    wrong = (EXAMPLE / "sakuragaoka.yaml").read_text(encoding="utf-8").replace('body_code: "480002"', 'body_code: "490008"')
    (folder / "wrong-code.yaml").write_text(wrong, encoding="utf-8")
    result = run_audit(folder, tmp_path / "out", jobs=1)
    codes = {(f.code, f.file.rsplit("/", 1)[-1]) for f in result.crosscheck}
    assert ("XP07", "toyonaka.yaml") in codes
    # 490008 is not the municipality's own prefecture: the pack's CO04 reports it, XP02 defers
    assert ("XP02", "wrong-code.yaml") not in codes
    doc = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert any(f["code"] == "CO04" for f in doc["crosscheck_related"])
    # without the pack's rule, the cross-check reports it itself
    ignored = run_audit(folder, tmp_path / "out2", jobs=1, config=Config(ignore=["CO04", "CO03"]))
    codes = {(f.code, f.file.rsplit("/", 1)[-1]) for f in ignored.crosscheck}
    assert ("XP02", "wrong-code.yaml") in codes
    assert ("XP01", "toyonaka.yaml") in codes
    line = (folder / "wrong-code.yaml").read_text(encoding="utf-8").splitlines()
    xp02 = next(f for f in ignored.crosscheck if f.code == "XP02")
    assert "body_code" in line[xp02.line - 1]


def test_select_and_ignore_apply_to_xp_codes(tmp_path):
    result = run_audit("examples/prefecture", tmp_path / "out", jobs=1, config=Config(ignore=["XP05", "XP06"]))
    assert {f.code for f in result.crosscheck} == {"XP03", "XP04"}


def test_no_prefecture_no_cross_check(tmp_path):
    folder = _copy_example(tmp_path)
    (folder / "kakuu-ken.yaml").unlink()
    result = run_audit(folder, tmp_path / "out", jobs=1)
    assert result.prefecture is None and not result.crosscheck
    doc = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    assert not any(f["code"].startswith("XP") for s in doc["strategies"] for f in s["findings"])


def _generate(count, seed, out, broken=0):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import generate_strategies
    finally:
        sys.path.pop(0)
    return generate_strategies.generate(count, seed, out, broken)


def test_generator_is_deterministic_and_valid(tmp_path):
    a = _generate(12, 7, tmp_path / "a", broken=3)
    b = _generate(12, 7, tmp_path / "b", broken=3)
    assert [p.name for p in a] == [p.name for p in b] and len(a) == 1 + 12 + 3
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    c = _generate(12, 8, tmp_path / "c")
    assert any(x.read_bytes() != y.read_bytes() for x, y in zip(a[1:13], c[1:13]))
    pack = load_pack(pack_dir())
    for path in a:
        result = check_file(str(path), pack=pack)
        assert result.ok == (not path.name.startswith("zz-broken")), (path, result.problems)
        assert path.read_text(encoding="utf-8").startswith("# FICTIONAL")


def test_parallel_and_serial_audits_give_the_same_files(tmp_path):
    _generate(24, 3, tmp_path / "in", broken=1)
    serial = run_audit(tmp_path / "in", tmp_path / "serial", jobs=1)
    parallel = run_audit(tmp_path / "in", tmp_path / "parallel", jobs=2)
    assert len(serial.problems) == len(parallel.problems) == 1
    for name in OUTPUTS:
        assert (tmp_path / "serial" / name).read_bytes() == (tmp_path / "parallel" / name).read_bytes(), name
    assert not list((tmp_path / "parallel").glob(".tebiki-audit-*")), "spool files are removed"
