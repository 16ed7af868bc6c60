"""The verification sheet as a page, in a real browser (headless Chromium over the DevTools pipe):
the charts render with the trajectory, the target line and a dot per actual value, the grades are
shown, nothing is logged as an error and nothing outside the page is requested."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.progress.page import progress_page
from checker.progress.report import progress_sheet

from .chromium import Browser, find_chromium
from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "midorigawa" / "strategy.yaml"


@pytest.fixture(scope="module")
def sheet():
    return progress_sheet(str(EXAMPLE), year=2025, today=dt.date(2026, 12, 4)).sheet


def test_the_page_is_self_contained_and_escapes_text(sheet):
    html = progress_page(sheet, "ja")
    assert "<script src" not in html and "<link" not in html and "<img" not in html and 'style="' not in html
    assert "default-src &#39;none&#39;" in html  # the shell's CSP (escaped in the attribute): nothing can be fetched
    assert html.count('<svg class="spark"') == len(sheet.lines())  # one chart per KPI row
    assert "移住相談とお試し居住" in html and "要因分析" in html


def test_english_page(sheet):
    html = progress_page(sheet, "en")
    assert "Verification sheet FY2025" in html and "slightly behind" in html


@pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")
def test_the_page_renders_its_charts_in_a_browser(sheet, tmp_path):
    path = tmp_path / "progress.html"
    path.write_text(progress_page(sheet, "ja"), encoding="utf-8")
    url = path.as_uri()
    with Browser() as browser:
        page = browser.open(url)
        charts = page.evaluate("document.querySelectorAll('svg.spark').length")
        dots = page.evaluate("document.querySelectorAll('svg.spark circle.pt').length")
        targets = page.evaluate("document.querySelectorAll('svg.spark line.target').length")
        drawn = page.evaluate("Array.from(document.querySelectorAll('svg.spark')).every(s => s.getBoundingClientRect().width > 100)")
        behind = page.evaluate("getComputedStyle(document.querySelector('.grade.lv-behind')).color")
        sections = page.evaluate("Array.from(document.querySelectorAll('h2')).map(h => h.textContent)")
        png = page.screenshot(width=1400)
        assert page.console_errors == [], page.console_errors
        assert set(page.requests) <= {url}, page.requests
    assert charts == len(sheet.lines())
    assert dots == sum(1 for line in sheet.lines() for a in line.values.values() if a.value is not None)
    assert targets >= charts - 2  # relative targets without a level have no line
    assert drawn and behind == "rgb(179, 38, 30)"
    assert any("効果検証の実施状況" in s for s in sections) and any("委員会で確認したい点" in s for s in sections)
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
