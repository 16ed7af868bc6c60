"""The audit's files for people: audit-findings.csv and audit.xlsx (read back as Excel would), the
per-body pages beside index.html, and the terminal summary."""

from __future__ import annotations

import csv
import io
import json
import shutil

import openpyxl
import pytest

from checker.audit import run_audit
from checker.audit.columns import COLUMNS
from checker.audit.tables import FINDING_COLUMNS
from checker.config import Config
from checker.engine import load_pack, pack_dir

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "prefecture"


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """The example prefecture, plus a municipality whose code has a leading zero and whose title starts like a formula."""
    folder = tmp_path_factory.mktemp("in") / "pref"
    shutil.copytree(EXAMPLE, folder)
    text = (folder / "minamino.yaml").read_text(encoding="utf-8")
    text = text.replace('code: "483818"', 'code: "011002"').replace("name: 南野村", "name: 札幌市")
    text = text.replace("title: 南野村", "title: =HYPERLINK(\"http://x\")南野村", 1)
    (folder / "sapporo.yaml").write_text(text, encoding="utf-8")
    (folder / "minamino.yaml").unlink()
    out = tmp_path_factory.mktemp("out")
    result = run_audit(folder, out, jobs=1)
    assert not result.problems, result.problems
    doc = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    return folder, out, doc


def _csv(path):
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_findings_csv_has_one_row_per_finding_with_its_fix(audited):
    _, out, doc = audited
    rows = _csv(out / "audit-findings.csv")
    assert list(rows[0]) == [c.ja for c in FINDING_COLUMNS]
    assert len(rows) == sum(len(s["findings"]) for s in doc["strategies"])
    pack = load_pack(pack_dir())
    for row in rows:
        code = row["ルール"]
        if code in pack.by_code:
            assert row["対応"] == pack.by_code[code].fix.ja
        assert row["重要度"] in ("エラー", "警告", "情報")
        assert row["手引きの節"].startswith('="') or "," in row["手引きの節"] or not row["手引きの節"][0].isdigit()
    files = [r["ファイル"] for r in rows]
    assert files[0].endswith("kakuu-ken.yaml"), "the prefecture first, then the municipalities in file order"
    sapporo = [r for r in rows if r["ファイル"].endswith("sapporo.yaml")]
    assert sapporo and all(r["団体コード"] == '="011002"' for r in sapporo), "Excel keeps the leading zero"
    assert any(r["ルール"] == "XP07" for r in sapporo), "the cross-check's findings are rows too"


def test_overview_csv_neutralises_formulas(audited):
    _, out, _ = audited
    rows = {r["ファイル"].rsplit("/", 1)[-1]: r for r in _csv(out / "audit.csv")}
    assert rows["sapporo.yaml"]["戦略名"].startswith("'=HYPERLINK"), "a formula is written as text"
    assert rows["sapporo.yaml"]["団体コード"] == '="011002"'


def test_english_files_have_english_headers(tmp_path):
    run_audit(EXAMPLE, tmp_path, jobs=1, config=Config(lang="en"))
    rows = _csv(tmp_path / "audit-findings.csv")
    assert list(rows[0]) == [c.en for c in FINDING_COLUMNS]
    assert {r["severity"] for r in rows} <= {"error", "warning", "info"}
    overview = _csv(tmp_path / "audit.csv")
    assert list(overview[0])[: len(COLUMNS)] == [c.en for c in COLUMNS]
    book = openpyxl.load_workbook(tmp_path / "audit.xlsx")
    assert book.sheetnames == ["Strategies", "Findings", "By area", "By rule", "Progress by goal"]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    for heading in ("Outcome share", "Verification body", "Findings by area (body × area)", "Plan periods"):
        assert heading in page, heading
    assert "団体別の一覧" not in page and "outcome_share</th>" not in page


def test_workbook_one_sheet_per_table_frozen_filtered_codes_as_text(audited):
    _, out, doc = audited
    book = openpyxl.load_workbook(out / "audit.xlsx")
    assert book.sheetnames == ["団体別", "指摘", "領域別", "ルール別", "進捗（目標別）"]
    findings = sum(len(s["findings"]) for s in doc["strategies"])
    expected_rows = {"団体別": len(doc["strategies"]), "指摘": findings, "領域別": len(doc["strategies"]), "ルール別": len(doc["rules"]),
                     "進捗（目標別）": sum(len(s.get("progress_goals") or []) for s in doc["strategies"])}
    for ws in book.worksheets:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), ws.title
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title
        assert ws.max_row == expected_rows[ws.title] + 1, ws.title
        assert all(ws.cell(1, c).font.b for c in range(1, ws.max_column + 1))
    overview = book["団体別"]
    header = [c.value for c in overview[1]]
    code_col = header.index("団体コード") + 1
    codes = [overview.cell(r, code_col) for r in range(2, overview.max_row + 1)]
    assert "011002" in [c.value for c in codes], "the code is the text 011002, not the number 11002"
    assert all(c.data_type == "s" and c.number_format == "@" for c in codes if c.value)
    title = next(overview.cell(r, header.index("戦略名") + 1) for r in range(2, overview.max_row + 1)
                 if overview.cell(r, code_col).value == "011002")
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK") and title.quotePrefix, "text, never a formula"
    share = overview.cell(2, header.index("アウトカム指標の割合") + 1)
    assert isinstance(share.value, (int, float)) and share.number_format == "0.0%"
    sections = book["指摘"].cell(2, [c.value for c in book["指摘"][1]].index("手引きの節") + 1)
    assert isinstance(sections.value, str)
    assert book["領域別"].freeze_panes == "B2"


def test_each_body_has_its_own_page_beside_the_index(audited):
    _, out, doc = audited
    index = (out / "index.html").read_text(encoding="utf-8")
    for s in doc["strategies"]:
        name = s["file"].rsplit("/", 1)[-1].replace(".yaml", ".html")
        page = out / "bodies" / name
        html = page.read_text(encoding="utf-8")
        assert f'href="bodies/{name}"' in index
        assert 'href="../index.html"' in html, "the page links back to the overview"
        assert s["title"] in html.replace("&#34;", '"')
        for f in s["findings"]:
            assert f'data-code="{f["code"]}"' in html
    assert 'id="s-rule-XP07"' in (out / "bodies" / "sapporo.html").read_text(encoding="utf-8"), "the cross-check's rules are explained too"
