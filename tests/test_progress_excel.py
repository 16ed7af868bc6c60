"""The Excel round trip: the template lists every KPI with data-validation lists, a filled workbook reads
back to the same progress file, and every bad cell is reported at its cell with exit code 2."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import build_graph, load
from checker.load import InputError
from checker.model import ProgressFile
from checker.progress.assess import assess
from checker.progress.dump import canonical, dump_progress
from checker.progress.excel import make_template, read_back
from checker.progress.load import load_progress, loads_progress
from checker.progress.readback import read_workbook
from checker.progress.schemes import get_scheme
from checker.progress.workbook import template

from .conftest import ROOT

FOLDER = ROOT / "examples" / "midorigawa"
STRATEGY = load(str(FOLDER / "strategy.yaml"))
GRAPH = build_graph(STRATEGY)


def _round_trip(record: ProgressFile, tmp_path) -> str:
    a = assess(GRAPH, None, get_scheme(), upto=record.fiscal_year.fy)
    book = tmp_path / "sheet.xlsx"
    book.write_bytes(template(a, record.fiscal_year.fy, record, str(FOLDER / "strategy.yaml")))
    read, _ = read_workbook(str(book), STRATEGY, a)
    return dump_progress(canonical(read, GRAPH))


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_the_examples_read_back_to_the_same_yaml(year, tmp_path):
    record = load_progress(str(FOLDER / "progress" / f"{year}.yaml")).record
    assert _round_trip(record, tmp_path) == dump_progress(canonical(record, GRAPH))


def test_the_template_lists_every_kpi_with_validation_lists(tmp_path):
    data, rows = make_template(str(FOLDER / "strategy.yaml"), None, 2026)
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    wb = openpyxl.load_workbook(path)
    ws = wb["実績"]
    keys = [c.value for c in ws[2]]
    ids = [ws.cell(r, keys.index("kpi") + 1).value for r in range(3, ws.max_row + 1)]
    assert rows == 16 and len(ids) == 16 and ids[0] == "kgi-1" and ids.count("kpi-3-2-1") == 2
    lists = {dv.formula1 for sheet in wb.worksheets for dv in sheet.data_validations.dataValidation}
    assert '"確定,速報"' in lists and '"はい,いいえ"' in lists and '"報告,議決,審議"' in lists
    assert any("拡充" in f and "廃止" in f for f in lists) and any("やや遅れ" in f for f in lists)
    assert wb["_tebiki"].sheet_state == "hidden"


def test_the_national_grant_scheme_offers_its_next_steps(tmp_path):
    from checker.config import Config

    data, _ = make_template(str(FOLDER / "strategy.yaml"), None, 2026, config=Config(progress_scheme="national-grant"))
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    lists = {dv.formula1 for dv in openpyxl.load_workbook(path)["施策評価"].data_validations.dataValidation}
    assert '"事業拡大,改善し継続,現状通り継続,中止・廃止,終了"' in lists


def _fill(path, sheet, values: dict[tuple[int, str], object]):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    keys = {c.value: i + 1 for i, c in enumerate(ws[2])}
    for (row, key), value in values.items():
        ws.cell(row, keys[key] if isinstance(key, str) else key).value = value
    wb.save(path)


def test_bad_cells_are_reported_at_their_cells_and_nothing_is_written(tmp_path):
    book = tmp_path / "sheet.xlsx"
    book.write_bytes(make_template(str(FOLDER / "strategy.yaml"), None, 2026)[0])
    _fill(book, "実績", {(3, "value"): "約120", (4, "status"): "たぶん", (5, "name"): "別の名前", (5, "value"): 1,
                       (6, 30): "はみ出し", (40, "kpi"): "kpi-1-1-9", (40, "value"): 3, (8, "as_of"): "来年"})
    out = tmp_path / "2026.yaml"
    run = subprocess.run([sys.executable, "-m", "checker", "progress", "read", str(book), "-o", str(out),
                          "--strategy", str(FOLDER / "strategy.yaml")], capture_output=True, text=True)
    assert run.returncode == 2 and not out.exists()
    lines = run.stderr.splitlines()
    assert f"{book}:実績!L3: '約120' is not a number" in lines[0]
    assert any(line.startswith(f"{book}:実績!M4: 'たぶん' is not one of 確定、速報") for line in lines)
    assert any(line.startswith(f"{book}:実績!E5: this grey column") for line in lines)
    assert any(line.startswith(f"{book}:実績!AD6: 'はみ出し' is outside the columns") for line in lines)
    assert any(line.startswith(f"{book}:実績!N8: '来年' is not a year") for line in lines)
    assert any(line == f"{book}:実績!A40: KPI 'kpi-1-1-9' does not exist in strategy 'midorigawa-2023'; did you mean 'kpi-1-1-1'?" for line in lines)
    assert "Traceback" not in run.stderr


def test_read_writes_the_progress_file_and_reports_the_years_points(tmp_path):
    book = tmp_path / "sheet.xlsx"
    book.write_bytes(make_template(str(FOLDER / "strategy.yaml"), None, 2026)[0])
    _fill(book, "実績", {(4, "value"): 32100, (4, "status"): "確定", (4, "source"): "市推計", (5, "value"): 5})
    _fill(book, "施策評価", {(3, "decision"): "継続"})  # m-1-1, whose running total 95 is behind the 120 expected
    text, points = read_back(str(book), str(FOLDER / "strategy.yaml"))
    record = loads_progress(text, "2026.yaml").record
    assert record.fiscal_year.fy == 2026 and record.actuals[0].kpi == "nt-1" and record.actuals[0].source == "市推計"
    assert f"{book}:施策評価!A3: warning PG02 2026年度、「創業支援センターによる伴走支援」のKPI「創業支援を受けて創業した件数」が計画より遅れています（やや遅れ）が、要因分析が記録されていません。" in points


def test_a_formula_without_a_value_is_reported_not_lost(tmp_path):
    book = tmp_path / "sheet.xlsx"
    book.write_bytes(make_template(str(FOLDER / "strategy.yaml"), None, 2026)[0])
    _fill(book, "実績", {(4, "value"): "=32000+100"})
    with pytest.raises(InputError) as err:
        read_back(str(book), str(FOLDER / "strategy.yaml"))
    assert str(err.value).startswith(f"{book}:実績!L4: a formula without a computed value")


def test_a_workbook_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match="not a workbook made by tebiki progress template"):
        read_back(str(path), str(FOLDER / "strategy.yaml"))
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="not an Excel workbook"):
        read_back(str(path), str(FOLDER / "strategy.yaml"))


_text = st.text(alphabet="緑川市推計調査=+-@ abcXYZ0123", min_size=1, max_size=12).map(str.strip).filter(bool)
_number = st.one_of(st.integers(-100_000, 100_000), st.integers(-99_999, 99_999).map(lambda n: n / 100))
_kpis = [(n, None) for n in ("kgi-1", "nt-1", "kpi-1-1-1", "nt-2", "kpi-2-1-1", "kpi-4-1-2")] + [
    ("kpi-3-2-1", "未就学児の保護者"), ("kpi-3-2-1", "小学生の保護者")]


@st.composite
def _records(draw) -> str:
    lines = ["strategy: midorigawa-2023", "fiscal_year: 令和7年度", "actuals:"]
    for kpi, segment in draw(st.lists(st.sampled_from(_kpis), unique=True, min_size=1)):
        item = {"kpi": kpi, "segment": segment, "value": draw(st.one_of(st.none(), _number)),
                "status": draw(st.sampled_from([None, "確定", "速報"])), "as_of": draw(st.sampled_from([None, "2026-03-31", "令和8年3月末"])),
                "source": draw(st.one_of(st.none(), _text)), "note": draw(st.one_of(st.none(), _text))}
        lines.append("  - {" + ", ".join(f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {v}" for k, v in item.items() if v is not None) + "}")
    lines.append("evaluations:")
    for measure in draw(st.lists(st.sampled_from(["m-1-1", "m-2-1", "goal-2", "m-4-1"]), unique=True)):
        lines.append(f"  - {{measure: {measure}, decision: {draw(st.sampled_from(['拡充', '継続', '見直し', '廃止']))}, "
                     f"analysis: {draw(_text)!r}}}")
    if lines[-1] == "evaluations:":
        lines[-1] = "evaluations: []"
    if draw(st.booleans()):
        lines += ["verification:", "  meetings:", f"    - {{date: 2026-08-24, external_experts: {str(draw(st.booleans())).lower()}, "
                  f"sectors: [産, 学], opinions: [{draw(_text)!r}, {draw(_text)!r}]}}",
                  f"  publication: {{published: {str(draw(st.booleans())).lower()}, url: 'https://example.jp/{draw(st.integers(0, 9))}'}}"]
    return "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_records())
def test_a_template_filled_with_the_same_values_reads_back_to_the_same_yaml(text, tmp_path_factory):
    record = loads_progress(text, "2025.yaml").record
    assert _round_trip(record, tmp_path_factory.mktemp("rt")) == dump_progress(canonical(record, GRAPH))
