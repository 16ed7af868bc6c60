"""Progress files load like strategy files: one located line per problem, exit code 2, and every
reference to the strategy checked with a 'did you mean'."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from checker import loads
from checker.load import InputError
from checker.model import Decision
from checker.progress.data import attach
from checker.progress.load import loads_progress, looks_like_progress

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "midorigawa"


def _strategy():
    return loads((EXAMPLE / "strategy.yaml").read_text(encoding="utf-8"), "strategy.yaml")


def _attach(text: str, file: str = "progress/2024.yaml"):
    return attach(_strategy(), [loads_progress(text, file)])


def _problems(text: str, file: str = "progress/2024.yaml") -> list[str]:
    with pytest.raises(InputError) as err:
        _attach(text, file)
    return [str(p) for p in err.value.problems]


HEAD = "strategy: midorigawa-2023\nfiscal_year: 令和6年度\n"


def test_unknown_kpi_is_named_with_a_suggestion():
    lines = _problems(HEAD + "actuals:\n  - {kpi: kpi-1-1-2, value: 3}\n")
    assert lines == ["progress/2024.yaml:4:5: KPI 'kpi-1-1-2' does not exist in strategy 'midorigawa-2023'; did you mean 'kpi-1-1-1'?"]


def test_unknown_measure_and_segment():
    lines = _problems(HEAD + "actuals:\n  - {kpi: kpi-3-2-1, segment: 未就学児の保護車, value: 3}\n"
                      "evaluations:\n  - {measure: m-2-3, decision: 継続}\n")
    assert "segment '未就学児の保護車'; did you mean '未就学児の保護者'?" in lines[0]
    assert lines[1].startswith("progress/2024.yaml:6:5: measure 'm-2-3' does not exist") and "did you mean 'm-2-" in lines[1]


def test_a_segmented_kpi_needs_its_segment():
    assert "give 'segment:'" in _problems(HEAD + "actuals:\n  - {kpi: kpi-3-2-1, value: 3}\n")[0]


def test_duplicate_keys_and_bad_values_are_located():
    with pytest.raises(InputError) as err:
        loads_progress(HEAD + "fiscal_year: 令和7年度\n", "p.yaml")
    assert str(err.value).startswith("p.yaml:3:1: duplicate key 'fiscal_year'")
    with pytest.raises(InputError) as err:
        loads_progress(HEAD + "actuals:\n  - {kpi: nt-1, value: 約3万, status: 確定}\n", "p.yaml")
    assert "p.yaml:4:24: value: '約3万' is not a number" in str(err.value)
    with pytest.raises(InputError) as err:
        loads_progress(HEAD + "evaluations:\n  - {measure: m-1-1, decision: やめる}\n", "p.yaml")
    assert str(err.value).startswith("p.yaml:4:32: decision: 'やめる' is not one of 拡充, 継続, 見直し, 統合, 廃止, 終了")
    with pytest.raises(InputError) as err:
        loads_progress(HEAD + "actual:\n  - {kpi: nt-1, value: 1}\n", "p.yaml")
    assert "unknown key 'actual' in progress file; did you mean 'actuals'?" in str(err.value)


def test_the_japanese_words_offices_write_are_read():
    record = loads_progress(HEAD + "evaluations:\n  - {measure: m-1-1, decision: 中止・廃止}\n  - {measure: m-1-2, decision: 改善し継続}\n"
                            "actuals:\n  - {kpi: nt-1, value: '32,380', status: 速報値}\n", "p.yaml").record
    assert [e.decision for e in record.evaluations] == [Decision.abolish, Decision.revise]
    assert record.actuals[0].value == 32380 and record.actuals[0].status.value == "preliminary"


def test_a_file_named_after_another_year_is_refused():
    with pytest.raises(InputError) as err:
        loads_progress(HEAD, "progress/2025.yaml")
    assert "file name says fiscal year 2025 but fiscal_year is '令和6年度'" in str(err.value)


def test_a_year_recorded_twice_and_corrections():
    strategy = _strategy()
    a = loads_progress(HEAD + "actuals:\n  - {kpi: nt-1, value: 1}\n", "a.yaml")
    b = loads_progress(HEAD, "b.yaml")
    with pytest.raises(InputError, match="fiscal year 2024 is recorded twice"):
        attach(strategy, [a, b])
    c = loads_progress("strategy: midorigawa-2023\nfiscal_year: 令和7年度\nactuals:\n  - {kpi: nt-1, year: 令和6年度, value: 2}\n", "c.yaml")
    assert attach(strategy, [c, a]).actual("nt-1", None, 2024).value == 2  # the later record corrects the value
    e = loads_progress("strategy: midorigawa-2023\nfiscal_year: 令和7年度\nactuals:\n  - {kpi: nt-1, year: 令和6年度, value: 2, status: 速報}\n", "e.yaml")
    f = loads_progress(HEAD + "actuals:\n  - {kpi: nt-1, value: 1, status: 確定}\n", "f.yaml")
    assert attach(strategy, [e, f]).actual("nt-1", None, 2024).value == 1  # a final value beats a later preliminary one


def test_a_record_cannot_hold_a_later_year():
    assert "cannot hold a value for 2025" in _problems(HEAD + "actuals:\n  - {kpi: nt-1, year: 2025, value: 1}\n")[0]


def test_progress_files_are_recognised():
    assert looks_like_progress(HEAD)
    assert looks_like_progress('{"strategy": "x", "fiscal_year": 2024}')
    assert not looks_like_progress((ROOT / "examples" / "toyonaka.yaml").read_text(encoding="utf-8"))


def _tebiki(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_reports_a_bad_progress_file_with_exit_code_2(tmp_path):
    folder = tmp_path / "city"
    shutil.copytree(EXAMPLE, folder)
    bad = folder / "progress" / "2024.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("kpi: nt-1,", "kpi: nt-l,"), encoding="utf-8")
    for args in (["check", str(folder / "strategy.yaml")], ["progress", str(folder / "strategy.yaml")]):
        run = _tebiki(*args, "--today", "2026-12-04")
        assert run.returncode == 2, run.stderr
        assert f"{bad}:10:5: KPI 'nt-l' does not exist in strategy 'midorigawa-2023'; did you mean 'nt-1'?" in run.stderr
        assert "Traceback" not in run.stderr


def _schema_data(path):
    import datetime as dt

    import yaml

    def plain(o):
        if isinstance(o, dict):
            return {k: plain(v) for k, v in o.items()}
        if isinstance(o, list):
            return [plain(v) for v in o]
        return o.isoformat() if isinstance(o, dt.date) else o

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


PROGRESS_FILES = sorted(p for p in (ROOT / "examples").rglob("progress/**/*.yaml"))


@pytest.mark.parametrize("path", [p for p in PROGRESS_FILES if "sectors" not in p.read_text(encoding="utf-8")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_example_progress_files_validate_against_the_progress_schema(path):
    import jsonschema

    from checker.schema import progress_schema

    jsonschema.validate(_schema_data(path), progress_schema())


def test_kanji_sectors_validate_against_the_progress_schema():
    import jsonschema

    from checker.schema import progress_schema

    jsonschema.validate(_schema_data(EXAMPLE / "progress" / "2023.yaml"), progress_schema())
