"""The audit's revision columns: the edition that judged each strategy and why, the national strategy
it considers, its last adoption or revision, whether it is revised for the audit's edition (a filter
of index.html), and with --edition what each would need to revise."""

from __future__ import annotations

import csv
import json

import pytest

from .chromium import Browser, find_chromium
from .ci_helpers import run


def audit(tmp_path, *args):
    out = tmp_path / "out"
    proc = run("audit", "examples/prefecture", "--out", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader((out / "audit.csv").read_text(encoding="utf-8-sig").splitlines()))
    return out, {r["ファイル"].rsplit("/", 1)[1]: r for r in rows}


def test_who_has_revised_for_the_edition_in_force(tmp_path):
    out, rows = audit(tmp_path)
    minato = rows["minato.yaml"]
    assert minato["改訂状況"] == "未改訂" and minato["勘案する国の総合戦略"].endswith("（2014-12）")
    assert "パックのあるどの版よりも前" in minato["版の根拠"]
    others = [r for name, r in rows.items() if name != "minato.yaml"]
    assert {r["改訂状況"] for r in others} == {"改訂済み"} and {r["点検に使った版"] for r in rows.values()} == {"tebiki-2022-12"}
    assert rows["kakuu-ken.yaml"]["最後の策定・改訂"] == "策定 2023年3月28日"
    assert {r["見直しのポイント"] for r in rows.values()} == {""}  # only with --edition
    doc = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert {s["revised"] for s in doc["strategies"]} == {"revised", "not-revised"}


def test_with_an_edition_each_body_gets_what_it_would_need_to_revise(tmp_path):
    out, rows = audit(tmp_path, "--edition", "interim-2025-12")
    assert {r["改訂状況"] for r in rows.values()} == {"未改訂"}  # all consider the 2022 or 2014 strategy
    for name, r in rows.items():
        assert int(r["見直しのポイント"]) > 0, name
        assert "CO02" in r["見直しのポイントの規則"].split(), name
    assert "PE03" in rows["minamino.yaml"]["見直しのポイントの規則"].split()
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "暫定の点検です" in page  # the interim pack says so on the page
    assert 'data-f-revised="not-revised"' in page and "改訂状況" in page


@pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed")
def test_the_not_yet_revised_filter(tmp_path):
    out, _ = audit(tmp_path)
    with Browser(find_chromium()) as browser:
        page = browser.open((out / "index.html").as_uri())
        select = ("Array.from(document.querySelectorAll('select')).find(s => s.parentElement.textContent.includes('改訂状況'))")
        page.evaluate(f"var s = {select}; s.value = 'not-revised'; s.dispatchEvent(new Event('change', {{bubbles: true}})); 0")
        shown = page.evaluate("Array.from(document.querySelectorAll('#overview-table tbody tr')).filter(r => !r.hidden && r.offsetParent).map(r => r.cells[0].textContent.trim())")
        assert len(shown) == 1 and shown[0].startswith("港町"), shown
        assert page.console_errors == []
