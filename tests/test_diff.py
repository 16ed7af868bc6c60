"""The comparison of two versions: parts matched by id, then by name and place; what counts as added,
removed, renamed, moved and changed; findings resolved and introduced; the revision rules (RV01–RV03)
judged against a predecessor; `tebiki revise`."""

from __future__ import annotations

import csv
import io
import json

import pytest

from checker import check_file, load, loads
from checker.diff.compare import compare
from checker.diff.inline import inline
from checker.diff.run import diff_strategies
from checker.revise import revise

from .ci_helpers import run
from .conftest import TODAY

BASE = """
format: 1
id: s
title: ○○市まち・ひと・しごと創生総合戦略
body: {name: ○○市, code: "272035", level: municipality, prefecture: 大阪府}
period: {start: 令和5年度, end: 令和9年度}
goals:
  - id: goal-1
    label: 第1章
    name: 子育てしやすいまちをつくる
    directions:
      - id: dir-1
        name: 子育て支援の充実
        measures:
          - id: m-1
            name: 子育て相談窓口の充実
            kpis:
              - id: kpi-1
                name: 子育てしやすいと感じる市民の割合
                unit: "%"
                baseline: {value: 60, as_of: 令和4年度}
                target: {value: 80, year: 令和9年度}
              - id: kpi-2
                name: 待機児童数
                unit: 人
                baseline: {value: 30, as_of: 令和4年度}
                target: {value: 0, year: 令和9年度}
          - id: m-2
            name: 保育所の整備
  - id: goal-2
    label: 第2章
    name: 安心して暮らせるまちをつくる
    directions:
      - id: dir-2
        name: 地域防災力の向上
"""


def edited(*pairs: tuple[str, str], base: str = BASE) -> str:
    text = base
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def changes(old: str, new: str):
    return compare(loads(old), loads(new)).changes


def test_identical_versions_have_no_changes():
    assert changes(BASE, BASE) == []


def test_an_id_changed_is_matched_by_name_under_the_same_parent():
    found = changes(BASE, edited(("id: kpi-1\n", "id: kpi-a\n")))
    assert found == []


def test_renamed_with_a_new_id_under_the_same_parent():
    [c] = changes(BASE, edited(("id: m-2\n            name: 保育所の整備", "id: m-9\n            name: 保育所の整備・運営")))
    assert (c.kind, c.part, c.old, c.new, c.chapter) == ("renamed", "measure", "保育所の整備", "保育所の整備・運営", "goal-1")


def test_moved_to_another_parent():
    moved = edited(
        ("          - id: m-2\n            name: 保育所の整備\n", ""),
        ("        name: 地域防災力の向上\n", "        name: 地域防災力の向上\n        measures:\n          - {id: m-2, name: 保育所の整備}\n"),
    )
    [c] = changes(BASE, moved)
    assert (c.kind, c.part, c.field, c.chapter) == ("moved", "measure", "parent", "goal-2")
    assert c.old.endswith("子育て支援の充実") and c.new.endswith("地域防災力の向上")


def test_added_removed_and_changed_fields_with_lines():
    new = edited(("target: {value: 80, year: 令和9年度}", "target: {value: 85, year: 令和9年度}"),
                 ("          - id: m-2\n            name: 保育所の整備\n", "          - id: m-3\n            name: 病児保育の実施\n"))
    found = {(c.kind, c.part, c.field): c for c in changes(BASE, new)}
    target = found[("changed", "kpi", "target")]
    assert (target.old, target.new) == ("value: 80、year: 令和9年度", "value: 85、year: 令和9年度")
    assert target.old_loc and target.new_loc and target.where.ja.endswith("子育てしやすいと感じる市民の割合")
    assert found[("added", "measure", None)].new == "病児保育の実施"
    assert found[("removed", "measure", None)].old == "保育所の整備"


def test_inline_marks_what_changed():
    old, new = inline("市民の割合を増やす", "市民の割合を大きく増やす")
    assert old == [(False, "市民の割合を増やす")] or "".join(t for _, t in old) == "市民の割合を増やす"
    assert (True, "大きく") in new


# -- revisions ---------------------------------------------------------------------------------

LOWERED = edited(("target: {value: 80, year: 令和9年度}", "target: {value: 70, year: 令和9年度}"))


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def test_a_lowered_target_without_a_reason_is_rv01_and_with_a_record_is_not():
    result = diff_strategies(loads(BASE), loads(LOWERED), today=TODAY)
    [rv] = result.revision
    assert rv.code == "RV01" and rv.node_id == "kpi-1" and "80 → 70" in rv.message.ja
    [lowered] = [i for i in result.indicators if i.what == "lowered"]
    assert lowered.recorded is None
    recorded = LOWERED + "revisions:\n  - {kpi: kpi-1, change: target, old: '80', new: '70', reason: 効果検証で伸びの鈍化が確認されたため}\n"
    again = diff_strategies(loads(BASE), loads(recorded), today=TODAY)
    assert again.revision == [] and again.indicators[0].recorded.reason.startswith("効果検証")


def test_lower_is_better_indicators_are_lowered_when_the_target_rises():
    worse = edited(("target: {value: 0, year: 令和9年度}", "target: {value: 10, year: 令和9年度}"))
    assert codes(diff_strategies(loads(BASE), loads(worse), today=TODAY).revision) == ["RV01"]
    better = edited(("target: {value: 0, year: 令和9年度}", "target: {value: 0, year: 令和8年度}"))
    assert diff_strategies(loads(BASE), loads(better), today=TODAY).revision == []
    later = edited(("target: {value: 80, year: 令和9年度}", "target: {value: 80, year: 令和11年度}"), ("end: 令和9年度", "end: 令和11年度"))
    assert codes(diff_strategies(loads(BASE), loads(later), today=TODAY).revision) == ["RV01"]  # put off


def test_a_dropped_kpi_is_rv02_unless_its_removal_is_recorded():
    dropped = edited(("              - id: kpi-2\n                name: 待機児童数\n                unit: 人\n"
                      "                baseline: {value: 30, as_of: 令和4年度}\n                target: {value: 0, year: 令和9年度}\n", ""))
    [rv] = diff_strategies(loads(BASE), loads(dropped), today=TODAY).revision
    assert rv.code == "RV02" and "待機児童数" in rv.message.ja
    recorded = dropped + "revisions:\n  - {kpi: kpi-2, change: removed, reason: 待機児童ゼロを3年続けて達成したため}\n"
    assert diff_strategies(loads(BASE), loads(recorded), today=TODAY).revision == []


def test_a_kpi_kept_under_its_name_but_redefined_is_rv03():
    redefined = edited(("name: 子育てしやすいと感じる市民の割合\n                unit: \"%\"",
                        "name: 子育てしやすいと感じる市民の割合\n                unit: \"%\"\n                population: 18歳以上"))
    [rv] = diff_strategies(loads(BASE), loads(redefined), today=TODAY).revision
    assert rv.code == "RV03" and "population" in rv.message.en


def test_check_judges_the_revision_against_a_recorded_predecessor(tmp_path):
    (tmp_path / "old.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(LOWERED + "predecessor: {title: 旧戦略, file: old.yaml}\n", encoding="utf-8")
    result = check_file(str(tmp_path / "new.yaml"), today=TODAY)
    assert "RV01" in codes(result.findings)
    (tmp_path / "new.yaml").write_text(LOWERED + "predecessor: {title: 旧戦略, file: missing.yaml}\n", encoding="utf-8")
    broken = check_file(str(tmp_path / "new.yaml"), today=TODAY)
    lines = [str(p) for p in broken.problems]
    assert any(line.startswith(f"{tmp_path / 'new.yaml'}:") and "predecessor.file: missing.yaml cannot be loaded" in line for line in lines), lines
    assert any(line.startswith(f"{tmp_path / 'missing.yaml'}:1:1:") for line in lines), lines
    proc = run("check", str(tmp_path / "new.yaml"))
    assert proc.returncode == 2 and "predecessor.file" in proc.stderr and "Traceback" not in proc.stderr


def test_findings_resolved_and_introduced_follow_renamed_nodes():
    old = edited(("          - id: m-2\n            name: 保育所の整備\n", "          - id: m-2\n            name: 保育所の整備\n            kpis:\n"
                  "              - {id: kpi-3, name: 保育所の定員, unit: 人, target: {value: 100, year: 令和9年度}}\n"))
    new = edited(("          - id: m-2\n            name: 保育所の整備\n", "          - id: m-9\n            name: 保育所の整備\n            kpis:\n"
                  "              - {id: kpi-9, name: 保育所の定員, unit: 人, baseline: {value: 80, as_of: 令和4年度}, target: {value: 100, year: 令和9年度}}\n"))
    result = diff_strategies(loads(old), loads(new), today=TODAY)
    assert "KQ01" in codes(result.resolved)  # the baseline was added
    assert not [f for f in result.introduced if f.node_id in ("m-9", "kpi-9") and f.code != "KQ12"]


# -- the command ---------------------------------------------------------------------------------


def test_diff_command_formats_exit_codes_and_input_errors(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(LOWERED, encoding="utf-8")
    text = run("diff", str(old), str(new), "--lang", "en")
    assert text.returncode == 0 and "Revision checks" in text.stdout and "RV01" in text.stdout
    assert run("diff", str(old), str(new), "--fail-on", "warning").returncode == 1
    out = tmp_path / "table.csv"
    assert run("diff", str(old), str(new), "-f", "csv", "-o", str(out)).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["No", "章", "該当箇所", "種類", "項目"] and rows[1][4] == "目標値"
    doc = json.loads(run("diff", str(old), str(new), "-f", "json").stdout)
    assert doc["indicators"][0]["what"] == "lowered" and doc["revision"][0]["code"] == "RV01"
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: [\n", encoding="utf-8")
    proc = run("diff", str(old), str(bad))
    assert proc.returncode == 2 and proc.stderr.startswith(f"{bad}:") and "Traceback" not in proc.stderr
    assert run("diff", str(old), str(new), "-o", str(old)).returncode == 2  # never overwrite an input
    assert old.read_text(encoding="utf-8") == BASE


def test_a_hostile_value_cannot_forge_lines_or_formulas(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(edited(("name: 保育所の整備", 'name: "=HYPERLINK(\\"x\\")\\nx.yaml:1:1: error"')), encoding="utf-8")
    text = run("diff", str(old), str(new)).stdout
    assert "\nx.yaml:1:1" not in text
    table = run("diff", str(old), str(new), "-f", "csv").stdout
    assert "\"'=HYPERLINK" in table and ",=HYPERLINK" not in table and '"=HYPERLINK' not in table


# -- tebiki revise -------------------------------------------------------------------------------


def test_revise_lists_what_the_interim_pack_asks_of_toyonaka():
    result = revise(load("examples/toyonaka.yaml"), "interim-2025-12", today=TODAY)
    points = {p.rule.code: p for p in result.points}
    assert {"PE03", "CO02", "ND08"} <= set(points)
    assert result.target.interim and "--to" in result.target.reason.en
    assert all(not p.relaxed for p in result.points)
    from checker import check_file

    same_basis = [f for f in check_file("examples/toyonaka.yaml", today=TODAY).findings if f.code not in points]
    assert result.kept >= len(same_basis) - 5 > 10  # the rules whose basis is unchanged give the same findings


def test_revise_lists_the_requirements_a_later_edition_added_as_points():
    result = revise(load("examples/toyonaka-2022-soan.yaml"), "tebiki-2022-12", today=TODAY)
    relaxed = {p.rule.code for p in result.points if p.relaxed}
    assert {"DG03", "EV04", "EV06", "VI07"} <= relaxed
    assert all(p.rule.introduced == "tebiki-2022-12" for p in result.points if p.relaxed)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_revise_command(fmt):
    proc = run("revise", "examples/toyonaka.yaml", "--to", "interim-2025-12", "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert "PE03" in proc.stdout and "2025" in proc.stdout
    assert "暫定の点検です" in proc.stdout  # the interim pack says so
    if fmt == "json":
        doc = json.loads(proc.stdout)
        assert doc["target"]["interim"] and {p["code"] for p in doc["points"]} >= {"PE03", "CO02"}
    assert run("revise", "examples/toyonaka.yaml", "--to", "nope").returncode == 2
