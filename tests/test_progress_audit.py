"""The audit follows progress: per municipality the share of KPIs on track, the missing actual values and
the publication, a municipality × goal heat map, and audit-progress.csv."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from checker.audit import run_audit

from .conftest import ROOT


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    result = run_audit(ROOT / "examples" / "prefecture", out, jobs=1, today=dt.date(2026, 12, 4))
    return out, result


def _rows(path):
    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_progress_files_are_read_with_their_strategies_not_as_strategies(audit):
    out, result = audit
    assert not result.problems
    assert len(result.rows) == 7  # the strategies only; the ten progress files are not rows of their own


def test_the_rows_have_the_progress_columns(audit):
    out, result = audit
    rows = {r["name"]: r for r in result.rows}
    assert rows["東山市"]["progress_year"] == 2025 and rows["東山市"]["progress_on_track_share"] == 1.0
    assert rows["東山市"]["progress_missing"] == 0 and rows["北浜市"]["progress_missing"] == 1  # kpi-2-1-1 in FY2024
    assert rows["南野村"]["progress_on_track_share"] == 0.75 and rows["桜ヶ丘市"]["progress_published"] == "no"
    assert rows["西川町"]["progress_year"] is None and rows["西川町"]["progress_published"] == "none"
    csv_rows = {r["団体名"]: r for r in _rows(out / "audit.csv")}
    assert csv_rows["東山市"]["順調以上の割合"] == "1.000" and csv_rows["西川町"]["検証結果の公表"] == "進捗の記録なし"


def test_the_heat_map_csv_and_page(audit):
    out, _ = audit
    heat = _rows(out / "audit-progress.csv")
    assert {(r["団体名"], r["目標ID"], r["順調以上の割合"]) for r in heat} >= {("東山市", "goal-1", "1.000"), ("南野村", "goal-2", "0.500")}
    assert sum(1 for r in heat if r["団体名"] == "架空県") == 5
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="progress"' in page and "progress-heat" in page and "進捗の記録なし" in page
    import openpyxl

    assert "進捗（目標別）" in openpyxl.load_workbook(out / "audit.xlsx", read_only=True).sheetnames
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    higashiyama = next(s for s in data["strategies"] if s["name"] == "東山市")
    assert [g["share"] for g in higashiyama["progress_goals"]] == [1.0, 1.0]
