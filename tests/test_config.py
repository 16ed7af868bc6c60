"""Configuration: select/ignore by code, prefix, name, section or area; severity overrides; extends; fail-on."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from checker import check_file
from checker.config import Config, find_config, load_config, validate_selectors
from checker.engine.finding import Severity
from checker.load import InputError

from .conftest import FIXTURES, ROOT, TODAY

OL07_FAIL = FIXTURES / "rules" / "OL07" / "fail.yaml"


def codes(config: Config, path=OL07_FAIL) -> set[str]:
    return {f.code for f in check_file(str(path), config=config, today=TODAY).findings}


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("selector", ["OL07", "ol07", "OL", "OL0", "measure-without-kpi", "4-2", "outline"])
def test_selectors(pack, selector):
    config = Config(select=[selector])
    enabled = {r.code for r in config.enabled(pack)}
    assert "OL07" in enabled
    assert "DV01" not in enabled


def test_ignore_wins_over_select(pack):
    config = Config(select=["OL"], ignore=["measure-without-kpi"])
    assert "OL07" not in {r.code for r in config.enabled(pack)}
    assert "OL07" not in codes(config)


def test_severity_override_most_specific_wins(pack):
    config = Config(severity={"outline": Severity.info, "OL07": Severity.error})
    rule = pack.rule("OL07")
    assert config.severity_of(rule) is Severity.error
    assert config.severity_of(pack.rule("OL04")) is Severity.info
    findings = check_file(str(OL07_FAIL), config=config, today=TODAY).findings
    assert {f.severity for f in findings if f.code == "OL07"} == {Severity.error}


def test_per_file_ignores(pack):
    config = Config(per_file_ignores={"*/OL07/*.yaml": ["OL07"]})
    assert "OL07" not in codes(config)


def test_extends_merges_ignore_and_severity_and_replaces_the_rest(tmp_path):
    base = write(tmp_path / "pref.toml", """
        ignore = ["OL05"]
        fail-on = "warning"
        severity = { "OL06" = "info" }
    """)
    child = write(tmp_path / "tebiki.toml", f"""
        extends = "{base.name}"
        ignore = ["OL04"]
        lang = "en"
    """)
    config = load_config(child)
    assert config.ignore == ["OL05", "OL04"]
    assert config.fail_on is Severity.warning
    assert config.severity == {"OL06": Severity.info}
    assert config.lang == "en"
    assert config.files == [str(base.resolve()), str(child.resolve())]


def test_pyproject_table_is_found_from_a_subfolder(tmp_path):
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "strategies"
        [tool.tebiki]
        select = ["OL"]
    """)
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    found = find_config(sub)
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found).select == ["OL"]


def test_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(tmp_path) in (None,) or find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_extends_cycle(tmp_path):
    write(tmp_path / "a.toml", 'extends = "b.toml"\n')
    write(tmp_path / "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(InputError, match="cycle"):
        load_config(tmp_path / "a.toml")


def test_unknown_key_and_bad_values_are_located(tmp_path):
    path = write(tmp_path / "tebiki.toml", 'select = ["OL"]\nfail_onn = "warning"\n')
    with pytest.raises(InputError) as info:
        load_config(path)
    problem = info.value.problems[0]
    assert problem.line == 2 and "unknown config key 'fail_onn'; did you mean 'fail-on'?" == problem.message
    path = write(tmp_path / "tebiki.toml", 'fail-on = "fatal"\n')
    with pytest.raises(InputError, match="must be error, warning or info"):
        load_config(path)
    path = write(tmp_path / "tebiki.toml", 'select = "OL"\n')
    with pytest.raises(InputError, match="must be a list"):
        load_config(path)
    path = write(tmp_path / "tebiki.toml", "select = [\n")
    with pytest.raises(InputError, match="TOML syntax error"):
        load_config(path)


def test_selector_matching_no_rule_fails_loudly(pack):
    with pytest.raises(InputError, match="'OL77' matches no rule"):
        validate_selectors(Config(ignore=["OL77"]), pack)


def run(args, cwd):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_uses_the_config_and_flags_override_it(tmp_path):
    strategy = tmp_path / "s.yaml"
    strategy.write_bytes(OL07_FAIL.read_bytes())
    write(tmp_path / "tebiki.toml", 'fail-on = "warning"\nselect = ["OL07"]\n')
    proc = run(["check", "s.yaml", "--concise"], tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # OL07 is a warning and fail-on is warning
    assert "OL07" in proc.stdout
    proc = run(["check", "s.yaml", "--fail-on", "error"], tmp_path)
    assert proc.returncode == 0
    proc = run(["check", "s.yaml", "--select", "OL01"], tmp_path)
    assert "OL07" not in proc.stdout
    write(tmp_path / "tebiki.toml", 'ignore = ["NOPE1"]\n')
    proc = run(["check", "s.yaml"], tmp_path)
    assert proc.returncode == 2 and "tebiki.toml:" in proc.stderr and "matches no rule" in proc.stderr
