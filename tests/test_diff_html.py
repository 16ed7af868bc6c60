"""The HTML 新旧対照表 (`tebiki diff -f html`) in headless Chromium: it renders every row side by side
with the changes highlighted, the filter hides a kind of change, nothing is logged as an error or
requested beyond the page, the strategy's text stays text, and it prints on A4 landscape."""

from __future__ import annotations

import base64
import os

import pytest

from .chromium import Browser, find_chromium
from .ci_helpers import run
from .conftest import ROOT

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed: run `apt-get install -y chromium fonts-noto-cjk`")
OLD, NEW = "examples/toyonaka-2022-soan.yaml", "examples/toyonaka.yaml"


def _page(tmp_path, old=OLD, new=NEW, *args):
    out = tmp_path / "diff.html"
    proc = run("diff", str(old), str(new), "-f", "html", "-o", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_toyonaka_table_renders_side_by_side_and_filters(tmp_path):
    out = _page(tmp_path)
    url = out.as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        assert page.evaluate("document.querySelectorAll('table.shinkyu tr.row').length") == 14
        assert page.evaluate("document.querySelectorAll('section.chapter h2').length") == 8
        assert page.evaluate("document.querySelector('section.chapter h2').textContent") == "戦略の名称"
        assert page.evaluate("document.querySelectorAll('td.side.new ins.chg').length") >= 10
        assert page.evaluate("document.querySelectorAll('td.side.old del.chg').length") >= 5
        first = page.evaluate("document.querySelector('#row-1 td.side.old del.chg').textContent")
        assert first == "第3期"
        # the filter hides the added KPIs and the chapters that then show nothing
        page.evaluate("var b = document.querySelector('#filter input[value=added]'); b.checked = false; b.dispatchEvent(new Event('change', {bubbles: true})); 0")
        assert page.evaluate("document.querySelectorAll('tr.row.hidden').length") == 5
        assert page.evaluate("document.querySelectorAll('section.chapter.empty').length") == 4  # 第1章〜第4章 hold only added KPIs
        assert page.console_errors == [], page.console_errors
        assert set(page.requests) <= {url}, page.requests
        png = page.screenshot(width=1280, height=1400, full_page=False)
        assert png.startswith(b"\x89PNG")
        (tmp_path / "diff-toyonaka.png").write_bytes(png)
        if os.environ.get("UPDATE_SCREENSHOTS"):
            (ROOT / "docs" / "images" / "diff-toyonaka.png").write_bytes(png)
        pdf = base64.b64decode(page.call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)["data"])
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox [0 0 841.9" in pdf or b"/MediaBox [0 0 842" in pdf  # A4 landscape


def test_text_from_a_strategy_stays_text(tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = (ROOT / "tests" / "fixtures" / "rules" / "RV01" / "pass.yaml").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("name: 子育てしやすいまちをつくる", "name: \"<script>document.title='x'</script><img src=x onerror=alert(1)>\""), encoding="utf-8")
    out = _page(tmp_path, old, new)
    with Browser(CHROMIUM) as browser:
        page = browser.open(out.as_uri())
        assert page.evaluate("document.querySelectorAll('script').length") == 1  # the page's own
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert "<script>" in page.evaluate("document.querySelector('td.side.new').textContent")
        assert page.evaluate("document.title").startswith("新旧対照表")
        assert page.console_errors == []
