"""Every kind of bad input gives one located, readable problem (and `check` exits 2 without a traceback)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker.load import InputError, load, loads
from checker.load.yaml_tree import MAX_DEPTH

from .conftest import ROOT

GOOD = """\
id: s
title: ○○市デジタル田園都市国家構想総合戦略
body: {name: ○○市, code: "272035", level: municipality}
"""


def problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(InputError) as info:
        loads(text, "f.yaml")
    return [(p.line, p.col, p.message) for p in info.value.problems]


def only(text: str) -> tuple[int, int, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_good_file_loads():
    s = loads(GOOD, "f.yaml")
    assert s.body.prefecture_code == "270008"
    assert s.loc == (1, 1)


def test_syntax_error_is_located():
    line, col, msg = only(GOOD + "goals: [\n  {id: g1\n")
    assert line >= 5 and "YAML syntax error" in msg


def test_duplicate_key_is_an_error_not_a_silent_overwrite():
    line, col, msg = only(GOOD + "title: again\n")
    assert (line, col) == (4, 1)
    assert "duplicate key 'title'" in msg and "first at line 2" in msg


def test_unknown_field_suggests_the_right_one():
    line, col, msg = only(GOOD + "goals:\n  - id: g1\n    name: x\n    directoins: []\n")
    assert (line, col) == (7, 5)
    assert "unknown key 'directoins'" in msg and "did you mean 'directions'" in msg


def test_missing_required_field():
    line, col, msg = only("id: s\nbody: {name: x, level: municipality}\n")
    assert (line, col) == (1, 1)
    assert "missing required key 'title'" in msg


def test_wrong_type():
    line, col, msg = only(GOOD + "goals: {id: g1}\n")
    assert (line, col) == (4, 8)
    assert "'goals' should be a list" in msg


def test_wrong_enum_value():
    line, col, msg = only(GOOD.replace("municipality", "city"))
    assert (line, col) == (3, 42)
    assert "'level' cannot be 'city'" in msg and "prefecture" in msg


def test_bad_body_code_check_digit():
    line, col, msg = only(GOOD.replace("272035", "272036"))
    assert (line, col) == (3, 25)
    assert "check digit 6, expected 5" in msg


def test_bad_year():
    line, col, msg = only(GOOD + "period: {start: 令和5年度, end: 令和ゼロ年度}\n")
    assert (line, col) == (4, 29)
    assert "'令和ゼロ年度' is not a year" in msg


def test_period_ending_before_start():
    line, col, msg = only(GOOD + "period: {start: R9, end: R5}\n")
    assert line == 4 and "ends (R5) before it starts (R9)" in msg


def test_duplicate_id():
    line, col, msg = only(GOOD + "goals:\n  - {id: g1, name: a}\n  - {id: g1, name: b}\n")
    assert (line, col) == (6, 5)
    assert "duplicate id 'g1' (first used at line 5)" in msg


def test_link_to_missing_id():
    text = GOOD + "vision: {id: v, pillars: [{id: p-child, name: 子育て}]}\ngoals:\n  - {id: g1, name: a, pillars: [p-chlid]}\n"
    line, col, msg = only(text)
    assert line == 6 and "pillar 'p-chlid' does not exist; did you mean 'p-child'?" in msg


def test_link_to_wrong_kind_of_node():
    text = GOOD + "goals:\n  - id: g1\n    name: a\n    pillars: [g1]\n"
    line, col, msg = only(text)
    assert "'g1' is a goal, not a pillar" in msg


def test_kpi_reference_must_exist():
    line, col, msg = only(GOOD + "goals:\n  - id: g1\n    name: a\n    kpis: [{ref: kpi-9}]\n")
    assert (line, col) == (7, 12) and "KPI 'kpi-9' does not exist" in msg


def test_empty_file():
    assert only("") == (1, 1, "the file is empty: a strategy needs at least id, title and body")
    assert only("# only a comment\n")[2].startswith("the file is empty")


def test_not_a_mapping():
    line, col, msg = only("- a\n- b\n")
    assert (line, col) == (1, 1) and "must be a mapping" in msg


def test_two_documents():
    line, col, msg = only(GOOD + "---\nid: t\n")
    assert line == 4 and "only one YAML document" in msg


def test_python_tags_are_refused():
    line, col, msg = only(GOOD + "note: !!python/object/apply:os.system ['echo hi']\n")
    assert line == 4 and "YAML tag '!!python/object/apply:os.system' is not allowed" in msg


def test_alias_bomb_is_bounded():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    line, col, msg = only("\n".join(lines) + "\n")
    assert "alias bomb" in msg


def test_deep_nesting_is_bounded_not_a_crash():
    line, col, msg = only("x: " + "[" * 200 + "]" * 200 + "\n")
    assert (line, col) == (1, 3 + MAX_DEPTH) and f"deeper than {MAX_DEPTH}" in msg
    # Far deeper input would crash libyaml's recursive composer; the event parser stops it first.
    line, col, msg = only("x: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert line == 1 and ("deeper than" in msg or "maximum nesting depth" in msg)


def test_deep_block_nesting_is_bounded():
    text = "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5))
    line, col, msg = only(text)
    assert f"deeper than {MAX_DEPTH}" in msg


def test_extension_keys_are_ignored():
    s = loads(GOOD + "x-office-memo: 課内用メモ\n", "f.yaml")
    assert s.title.startswith("○○市")


def test_yes_no_stay_text():
    s = loads(GOOD + "short_title: no\n", "f.yaml")
    assert s.short_title == "no"


def test_cp932_file_gets_a_hint_and_loads_with_encoding(tmp_path):
    path = tmp_path / "sjis.yaml"
    path.write_bytes(GOOD.encode("cp932"))
    with pytest.raises(InputError) as info:
        load(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (2, 8)
    assert "not UTF-8" in problem.message and "--encoding cp932" in problem.message
    assert load(path, encoding="cp932").title.startswith("○○市")


def test_utf8_bom_and_utf16_are_accepted(tmp_path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(GOOD.encode("utf-16"))
    assert load(bom).id == load(utf16).id == "s"


def test_binary_file(tmp_path):
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\x00\xff\xfe\x00garbage")
    with pytest.raises(InputError) as info:
        load(path)
    assert "binary" in info.value.problems[0].message or "not UTF-8" in info.value.problems[0].message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "absent.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)


def test_huge_file_is_refused_quickly(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="MB; strategy files over"):
        load(path)


BAD_INPUTS = {
    "syntax": "id: [\n",
    "duplicate": GOOD + "id: t\n",
    "unknown": GOOD + "titel: x\n",
    "empty": "",
    "bomb": "a: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"{n}: &{n} [" + ",".join([f"*{p}"] * 10) + "]\n" for p, n in zip("abcdefg", "bcdefgh")
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_cli_exit_2_one_line_no_traceback(tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(BAD_INPUTS[name], encoding="utf-8")
    before = path.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr + proc.stdout
    err_lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(err_lines) == 1 and err_lines[0].startswith(f"{path}:"), proc.stderr
    assert path.read_bytes() == before, "the input file must never be modified"


def test_unquoted_body_code_with_leading_zero_is_read_as_the_code():
    s = loads(GOOD.replace('code: "272035"', "code: 011002"), "f.yaml")
    assert s.body.code == "011002"


def test_a_national_direction_code_with_underscores_is_told_what_the_codes_are():
    line, col, message = only(GOOD + "goals:\n  - id: g\n    name: 人の流れ\n    national_directions: [people_flow]\n")
    assert (line, col) == (7, 27)
    assert "not a national direction code" in message and "did you mean 'people-flow'" in message
    assert "jobs, people-flow, family, attractive-region" in message and "valid id" not in message


def test_an_id_with_other_characters_is_told_what_ids_allow():
    line, col, message = only(GOOD + "goals:\n  - id: 目標1\n    name: 人の流れ\n")
    assert "is not a valid id" in message
