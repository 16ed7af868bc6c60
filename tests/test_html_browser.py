"""The HTML reports in a real browser: Debian's headless Chromium, driven over the DevTools
protocol through a pipe (tests/chromium.py, standard library only; no browser is downloaded).

Checks that the pages render their sections, that sorting and filtering work, that nothing
is logged as an error and that no request leaves the page, and saves screenshots (under the
test's tmp folder; with UPDATE_SCREENSHOTS=1 also into docs/images/ for docs/audit.md).

.ci/run installs chromium and fonts-noto-cjk when missing (as root); elsewhere the test is
skipped, saying so, only when chromium is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from checker.audit import run_audit

from .chromium import Browser, find_chromium
from .conftest import ROOT

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed: run `apt-get install -y chromium fonts-noto-cjk` (.ci/run does so as root)",
)
DOCS_IMAGES = ROOT / "docs" / "images"


def _cjk_font_installed() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True).stdout
    return "Noto Sans CJK JP" in out


def _save(png: bytes, tmp_path, name: str) -> None:
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    (tmp_path / name).write_bytes(png)
    if os.environ.get("UPDATE_SCREENSHOTS"):
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        (DOCS_IMAGES / name).write_bytes(png)


def _unique_ids(page) -> None:
    ids = page.evaluate("Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def _no_errors_no_network(page, url: str) -> None:
    assert page.console_errors == [], page.console_errors
    assert set(page.requests) <= {url}, f"requests beyond the page itself: {page.requests}"


def _fonts(page) -> None:
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK JP" in family
    if _cjk_font_installed():
        assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK JP\"', '架空県')")


def test_audit_index_in_chromium(tmp_path):
    out = tmp_path / "audit"
    run_audit("examples/prefecture", out, jobs=1)
    url = (out / "index.html").resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        assert page.evaluate("document.documentElement.lang") == "ja"
        for ident in ("overview", "directions", "rules", "crosscheck", "sections"):
            assert page.evaluate(f"!!document.getElementById('{ident}')"), ident
        assert page.evaluate("document.querySelectorAll('section.strategy').length") == 7
        assert page.evaluate("document.querySelectorAll('svg.heatmap rect').length") > 7 * 7
        assert page.evaluate("document.querySelector('#overview-table tbody tr td.name').textContent").startswith("架空県")
        # sort by the warning column (4th), descending after two clicks: the body with the most warnings first
        import csv

        with open(out / "audit.csv", encoding="utf-8-sig") as fh:
            most = max(csv.DictReader(fh), key=lambda r: int(r["warning"] or 0))["name"]
        names = "Array.from(document.querySelectorAll('#overview-table tbody tr td.name')).map(td => td.textContent.trim())"
        page.evaluate("document.querySelectorAll('#overview-table thead th button')[3].click()")
        assert page.evaluate("document.querySelectorAll('#overview-table thead th')[3].getAttribute('aria-sort')") == "ascending"
        page.evaluate("document.querySelectorAll('#overview-table thead th button')[3].click()")
        assert page.evaluate(names)[0] == most
        # the filter hides rows that do not match
        page.evaluate("var i = document.querySelector('input[data-filter]'); i.value = '港町'; i.dispatchEvent(new Event('input'))")
        assert page.evaluate("Array.from(document.querySelectorAll('#overview-table tbody tr')).filter(r => !r.hidden).length") == 1
        page.evaluate("var i = document.querySelector('input[data-filter]'); i.value = ''; i.dispatchEvent(new Event('input'))")
        page.evaluate("document.querySelectorAll('#overview-table thead th button')[0].click()")
        _fonts(page)
        _unique_ids(page)
        _no_errors_no_network(page, url)
        _save(page.screenshot(height=1500, full_page=False), tmp_path, "audit-index.png")
        _save(page.screenshot_of("#directions", 1000), tmp_path, "audit-directions-crosscheck.png")


def test_strategy_report_in_chromium(tmp_path):
    out = tmp_path / "toyonaka.html"
    proc = subprocess.run(
        [os.sys.executable, "-m", "checker", "report", "examples/toyonaka.yaml", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr
    url = out.resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        for ident in ("s-summary", "s-tree", "s-other", "s-findings"):
            assert page.evaluate(f"!!document.getElementById('{ident}')"), ident
        assert page.evaluate("document.querySelectorAll('ul.tree li[data-type=goal]').length") == 4
        assert page.evaluate("document.querySelectorAll('ul.tree li[data-type=measure]').length") == 59
        assert page.evaluate("document.querySelectorAll('svg.chart').length") == 1
        _fonts(page)
        _unique_ids(page)
        _no_errors_no_network(page, url)
        _save(page.screenshot(height=1100, full_page=False), tmp_path, "report-toyonaka.png")
