"""`tebiki init`: a skeleton from 手引き §4 that loads, whose findings say what is left to fill in."""

from __future__ import annotations

import pytest

from checker import check_file, load

from .ci_helpers import run


def test_the_skeleton_loads_and_follows_the_tebiki_example(tmp_path):
    proc = run("init", "s.yaml", "--body-name", "豊中市", "--code", "272035", "--prefecture", "大阪府", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "wrote s.yaml" in proc.stderr and "tebiki schema -o strategy.schema.json" in proc.stderr
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=strategy.schema.json\n")
    s = load(str(tmp_path / "s.yaml"))
    assert (s.id, s.body.name, s.body.code, s.body.level.value, s.body.prefecture) == ("strategy-272035", "豊中市", "272035", "municipality", "大阪府")
    assert (s.period.start.fy, s.period.end.fy) == (2023, 2027)
    assert s.vision is not None and s.vision.name
    (goal,) = s.goals
    assert goal.name == "本市への人の流れをつくる" and [t.name for t in goal.numerical_targets] == [
        "「転職なき移住」の推進による人口の社会増", "市外への転出者数",
    ]
    assert [d.label for d in goal.directions] == ["（ア）", "（イ）"]
    measures = [m for d in goal.directions for m in d.measures]
    assert len(measures) == 3 and all(m.kpis and m.projects for m in measures)
    assert s.considers.prefectural_strategy.title == "大阪府デジタル田園都市国家構想総合戦略"
    for part in ("地域ビジョン", "目標", "数値目標", "基本的方向", "具体的な施策", "KPI", "regional vision", "Numerical targets"):
        assert part in text


def test_findings_tell_what_is_left_to_fill_in(tmp_path):
    assert run("init", "s.yaml", cwd=tmp_path).returncode == 0
    result = check_file(str(tmp_path / "s.yaml"))
    assert result.ok
    codes = {f.code for f in result.findings}
    assert not {f.code for f in result.findings if f.code.startswith("OL") and f.code != "OL09"}  # the outline is complete
    assert "OL09" in codes, "the skeleton's ○○ placeholders are reported until replaced"
    indicators = {"target-1-1", "target-1-2", "kpi-1-1-1", "kpi-1-1-2", "kpi-1-2-1"}
    for code in ("KQ01", "KQ04"):  # baseline and target of every indicator are left to the planner
        if code in codes:
            assert {f.node_id for f in result.findings if f.code == code} == indicators
    assert "KQ04" in codes or "KQ01" in codes, sorted(codes)
    assert not [f for f in result.findings if f.severity.value == "error"], [f.code for f in result.findings]
    proc = run("check", "s.yaml", "--select", "OL", cwd=tmp_path)
    assert proc.returncode == 0


@pytest.mark.parametrize(
    "args, level, word",
    [
        (("--code", "270008", "--body-name", "大阪府"), "prefecture", "本府"),  # level from the code
        (("--body-name", "○○町"), "municipality", "本町"),
        (("--body-name", "○○県", "--level", "prefecture"), "prefecture", "本県"),
    ],
)
def test_identity_options(tmp_path, args, level, word):
    assert run("init", "s.yaml", *args, cwd=tmp_path).returncode == 0
    s = load(str(tmp_path / "s.yaml"))
    assert s.body.level.value == level and s.goals[0].name.startswith(word)
    if level == "prefecture":
        assert s.body.prefecture is None and s.considers.prefectural_strategy is None
        assert s.goals[0].numerical_targets[1].name == f"{word[1]}外への転出者数"


def test_never_overwrites(tmp_path):
    target = tmp_path / "s.yaml"
    target.write_text("mine\n", encoding="utf-8")
    proc = run("init", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "s.yaml:1:1: already exists; tebiki init never overwrites a file"
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_a_bad_code_writes_nothing(tmp_path):
    proc = run("init", "s.yaml", "--code", "123456", cwd=tmp_path)
    assert proc.returncode == 2 and "check digit" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "s.yaml").exists() and not list(tmp_path.iterdir())


def test_schema_option_and_folders(tmp_path):
    proc = run("init", "plans/2025/s.yaml", "--schema", "https://example.org/strategy.schema.json", cwd=tmp_path)
    assert proc.returncode == 0 and "tebiki schema" not in proc.stderr
    text = (tmp_path / "plans" / "2025" / "s.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=https://example.org/strategy.schema.json"
