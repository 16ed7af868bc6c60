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


def test_the_csv_has_the_progress_columns(audit):
    out, _ = audit
    rows = {r["name"]: r for r in _rows(out / "audit.csv")}
    assert rows["東山市"]["progress_year"] == "2025" and rows["東山市"]["progress_on_track_share"] == "1.000"
    assert rows["東山市"]["progress_missing"] == "0" and rows["北浜市"]["progress_experts"] == "not-recorded"
    assert int(rows["北浜市"]["progress_missing"]) > 0 and rows["南野村"]["progress_published"] == "yes"
    assert rows["西川町"]["progress_year"] == "" and rows["西川町"]["progress_published"] == "none"


def test_the_heat_map_csv_and_page(audit):
    out, _ = audit
    heat = _rows(out / "audit-progress.csv")
    assert {(r["name"], r["goal"], r["share"]) for r in heat} >= {("東山市", "goal-1", "1.000"), ("南野村", "goal-2", "0.000")}
    assert sum(1 for r in heat if r["name"] == "架空県") == 5
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="progress"' in page and "progress-heat" in page and "進捗の記録なし" in page
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    higashiyama = next(s for s in data["strategies"] if s["name"] == "東山市")
    assert [g["share"] for g in higashiyama["progress_goals"]] == [1.0, 1.0]
