"""The HTML pages in a real browser: Debian's headless Chromium, driven over the DevTools protocol
through a pipe (tests/chromium.py, standard library only; no browser is downloaded), and the
PDFs it prints read with poppler-utils (tests/pdf.py).

Checks that the filters, the counts and the verdict banner work; that printing gives A4 pages
(landscape for the audit) with every table inside the page, collapsed sections opened, page
numbers and the date, and no screen-only instructions; that a 390 px wide phone gets stacked
cards and no sideways scrolling; that nothing is logged as an error and no request leaves the
page.  Screenshots are saved under the test's tmp folder, and with UPDATE_SCREENSHOTS=1 also
into docs/images/ for docs/audit.md.

.ci/run installs chromium, fonts-noto-cjk and poppler-utils when missing (as root); elsewhere
the tests are skipped, saying so, only when chromium is not installed.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys

import pytest

from checker import check_file
from checker.audit import run_audit

from . import pdf
from .chromium import Browser, find_chromium
from .conftest import ROOT

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed: run `apt-get install -y chromium fonts-noto-cjk poppler-utils` (.ci/run does so as root)",
)
needs_poppler = pytest.mark.skipif(not pdf.POPPLER, reason="poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed")
DOCS_IMAGES = ROOT / "docs" / "images"
A4_PORTRAIT_PX, A4_LANDSCAPE_PX = 718, 1047
"""The width inside the page margins in CSS pixels: 210 or 297 mm minus 2 × 10 mm, at 96 px per inch."""


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


def _montage(browser, pages: list[bytes], tmp_path, width: int) -> bytes:
    """PDF pages side by side on a grey background, as one screenshot."""
    names = []
    for i, png in enumerate(pages):
        (tmp_path / f"pdf-{i}.png").write_bytes(png)
        names.append(f"pdf-{i}.png")
    html = tmp_path / "montage.html"
    imgs = "".join(f'<img src="{n}" style="margin:10px;box-shadow:0 0 6px #888;background:#fff">' for n in names)
    html.write_text(f'<!DOCTYPE html><body style="margin:0;background:#ccc;white-space:nowrap">{imgs}</body>', encoding="utf-8")
    page = browser.open(html.resolve().as_uri())
    height = int(page.evaluate("document.body.scrollHeight"))
    page.viewport(width, height)
    return base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])


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


VISIBLE = "(el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length))"


def _count(page, selector: str, visible: bool = True) -> int:
    test = VISIBLE if visible else "(el => true)"
    return page.evaluate(f"Array.from(document.querySelectorAll({selector!r})).filter({test}).length")


def _tables_fit(page, width: int) -> list[str]:
    """Tables or charts wider than `width` CSS pixels (what printing would cut)."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('table, svg.chart, figure, pre')).filter(e => e.getClientRects().length)"
        f".filter(e => e.getBoundingClientRect().right > {width} + 1 || e.scrollWidth > e.clientWidth + 1 && e.tagName === 'TABLE')"
        ".map(e => (e.id || e.className.baseVal || e.className || e.tagName) + ':' + Math.round(e.getBoundingClientRect().right))"
    )


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => e.getClientRects().length && !e.closest('.wrap, .scroll'))"
        f".filter(e => e.getBoundingClientRect().right > {width} + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert wide == [], wide


def _printed(page, landscape: bool, pages: tuple[int, int], heading: str, screen_only: str) -> tuple[bytes, str]:
    """Print `page` as Chromium does; check the paper, the page count, the heading, the page numbers
    and that a screen-only instruction is left out; return the PDF and its text."""
    data = page.pdf()
    meta = pdf.info(data)
    assert pdf.is_a4(meta["Page size"], landscape=landscape), meta
    assert pages[0] <= meta["Pages"] <= pages[1], meta
    text = pdf.text(data)
    assert heading in text and f"1 / {meta['Pages']} ページ" in text
    assert screen_only not in text, "no screen-only instructions"
    return data, text


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "toyonaka.html"
    proc = subprocess.run([sys.executable, "-m", "checker", "report", "examples/toyonaka.yaml", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return out


@pytest.fixture(scope="module")
def audit7(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit7")
    run_audit("examples/prefecture", out, jobs=1)
    return out


def test_report_filters_counts_and_banner(report, tmp_path):
    url = report.resolve().as_uri()
    result = check_file("examples/toyonaka.yaml")
    n = {k: sum(1 for f in result.findings if not f.justified and f.severity.value == k) for k in ("error", "warning", "info")}
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        page.viewport(1280, 1100)
        assert page.evaluate("document.querySelector('section.banner').classList.contains('banner-pass')")
        assert "--fail-on error" in page.evaluate("document.querySelector('section.banner').textContent")
        rows = "#s-table tbody tr"
        assert _count(page, rows) == len(result.findings)
        total = len(result.findings)
        assert page.evaluate("document.querySelector('output.tb-shown').textContent").startswith(f"{total} / {total}")
        # a count shows only its severity, in the table, the tree and the groups; clicked again, everything
        page.evaluate("document.querySelector('button[data-only=warning]').click()")
        assert page.evaluate("document.querySelector('button[data-only=warning]').getAttribute('aria-pressed')") == "true"
        assert _count(page, rows) == n["warning"]
        assert _count(page, "#s-tree li.finding[data-sev=info]") == 0
        assert _count(page, "#s-tree li.finding[data-sev=warning]", visible=False) == _count(page, "#s-tree li.finding[data-sev=warning]", visible=True)
        assert not page.evaluate("document.querySelector('input[data-sev=info]').checked")
        page.evaluate("document.querySelector('button[data-only=warning]').click()")
        assert _count(page, rows) == len(result.findings)
        # a checkbox hides its severity everywhere
        page.evaluate("var b = document.querySelector('input[data-sev=info]'); b.click()")
        assert _count(page, rows) == n["warning"] + n["error"]
        assert _count(page, "li.finding[data-sev=info]") == 0 and _count(page, "details.group[data-sev=info]") == 0
        page.evaluate("document.querySelector('input[data-sev=info]').click()")
        # only nodes with findings: every node left shows a finding, and some nodes are hidden
        all_nodes = _count(page, "#s-tree .node")
        page.evaluate("document.getElementById('only-findings').click()")
        shown_nodes = _count(page, "#s-tree .node")
        assert 0 < shown_nodes < all_nodes
        assert page.evaluate(
            f"Array.from(document.querySelectorAll('#s-tree .node')).filter({VISIBLE})"
            f".every(n => Array.from(n.querySelectorAll('li.finding')).some({VISIBLE}))"
        )
        page.evaluate("document.getElementById('only-findings').click()")
        # the groups open to message, fix and location
        page.evaluate("document.querySelector('#s-fix ~ details.group summary, article > details.group summary').click()")
        first = "document.querySelector('article > details.group')"
        assert page.evaluate(f"{first}.open")
        assert page.evaluate(f"!!{first}.querySelector('.g-fix') && !!{first}.querySelector('.f-loc .loc')")
        # links to the rules' explanations and the tree's nodes resolve
        broken = page.evaluate("Array.from(document.querySelectorAll('a[href^=\"#\"]')).map(a => a.getAttribute('href'))"
                               ".filter(h => h.length > 1 && !document.getElementById(h.slice(1)))")
        assert broken == []
        _fonts(page)
        _unique_ids(page)
        _no_errors_no_network(page, url)
        page.evaluate("window.scrollTo(0, 0)")
        _save(page.screenshot(height=1100, full_page=False), tmp_path, "report-toyonaka.png")
        _save(page.screenshot_of("#n-goal-1", 1100), tmp_path, "report-toyonaka-tree.png")


@needs_poppler
def test_report_prints_on_a4(report, tmp_path):
    url = report.resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        data, text = _printed(page, False, (15, 80), "まず直すべき指摘", "件数を押すと")
        assert "データの出典（data_source）が示されていません" in text.split("指摘の一覧")[0], "collapsed info groups print opened"
        assert "指摘のある節点のみ" not in text, "no filters on paper"
        assert "tebiki-2022-12" in text
        page.media("print")
        page.viewport(A4_PORTRAIT_PX, 1000)
        assert _tables_fit(page, A4_PORTRAIT_PX) == []
        assert page.evaluate("getComputedStyle(document.querySelector('#s-table thead')).display") == "table-header-group"
        _save(_montage(browser, pdf.pages_png(data, 1, 3, dpi=50), tmp_path, 1340), tmp_path, "report-toyonaka-pdf.png")


def test_report_on_a_390px_phone(report, tmp_path):
    url = report.resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        page.viewport(390, 844)
        page.navigate(url)
        _no_sideways_scroll(page, 390)
        assert page.evaluate("getComputedStyle(document.querySelector('#s-table tbody tr')).display") == "block", "findings as stacked cards"
        assert page.evaluate("getComputedStyle(document.querySelector('#s-table thead')).display") == "none"
        widths = page.evaluate("Array.from(document.querySelectorAll('svg.chart')).filter(s => s.getClientRects().length).map(s => s.getBoundingClientRect().width)")
        assert widths and max(widths) <= 390, "charts scale to the width"
        assert not page.evaluate("document.querySelector('details.diagram-box').open"), "the goals' diagrams start closed"
        _no_errors_no_network(page, url)
        _save(page.screenshot(width=390, height=1500, full_page=False), tmp_path, "report-toyonaka-390.png")
        _save(page.screenshot_of("#s-findings", 1300, width=390), tmp_path, "report-toyonaka-390-cards.png")


def test_audit_index_filters_sort_and_sticky_header(audit7, tmp_path):
    url = (audit7 / "index.html").resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        page.viewport(1280, 1500)
        assert page.evaluate("document.documentElement.lang") == "ja"
        for ident in ("overview", "heat", "periods", "distributions", "directions", "rules", "crosscheck"):
            assert page.evaluate(f"!!document.getElementById('{ident}')"), ident
        names = "Array.from(document.querySelectorAll('#overview-table tbody tr')).filter(r => !r.hidden).map(r => r.cells[0].textContent.trim().split(' ')[0])"
        first = page.evaluate(names)
        assert first[0] == "西川町", "worst first: the most warnings"
        assert len(first) == 7
        # column filters: type, an area with a severity, text
        page.evaluate("var s = document.querySelector('select[data-col=type]'); s.value = 'town'; s.dispatchEvent(new Event('change'))")
        assert sorted(page.evaluate(names)) == ["港町", "西川町"]
        assert "2 / 7" in page.evaluate("document.querySelector('output.tb-shown').textContent")
        page.evaluate("var s = document.querySelector('select[data-col=type]'); s.value = ''; s.dispatchEvent(new Event('change'))")
        page.evaluate("var a = document.getElementById('f-area'); a.value = 'period'; a.dispatchEvent(new Event('change'))")
        page.evaluate("var s = document.getElementById('f-sev'); s.value = 'warning'; s.dispatchEvent(new Event('change'))")
        assert page.evaluate(names) == ["港町"], "only 港町 has a warning in the period area"
        heat = "Array.from(document.querySelectorAll('#heat-table tbody tr')).filter(r => !r.hidden).length"
        assert page.evaluate(heat) == 1, "the filters apply to the heat map too"
        page.evaluate("var s = document.getElementById('f-sev'); s.value = ''; s.dispatchEvent(new Event('change'))")
        page.evaluate("var a = document.getElementById('f-area'); a.value = ''; a.dispatchEvent(new Event('change'))")
        page.evaluate("var i = document.getElementById('f-text'); i.value = '483427'; i.dispatchEvent(new Event('input'))")
        assert page.evaluate(names) == ["港町"]
        page.evaluate("var i = document.getElementById('f-text'); i.value = ''; i.dispatchEvent(new Event('input'))")
        # sorting by a column, then back
        page.evaluate("Array.from(document.querySelectorAll('#overview-table thead th button')).find(b => b.textContent.includes('KPI数')).click()")
        assert page.evaluate("document.querySelector('#overview-table thead th[aria-sort]').textContent").startswith("KPI数")
        # the header stays in view while the table scrolls
        assert page.evaluate("getComputedStyle(document.querySelector('#overview-table thead th')).position") == "sticky"
        # the names open the bodies' own pages
        hrefs = page.evaluate("Array.from(document.querySelectorAll('#overview-table td.name a')).map(a => a.getAttribute('href'))")
        assert all(h.startswith("bodies/") and (audit7 / h).is_file() for h in hrefs)
        # Japanese throughout: no English labels or area ids as headers
        heads = page.evaluate("Array.from(document.querySelectorAll('th, h2, h3, label, .card')).map(e => e.textContent).join(' ')")
        for word in ("municipality", "missing", "outline", "kpi-quality", "Error", "Warning"):
            assert word not in heads, word
        _fonts(page)
        _unique_ids(page)
        _no_errors_no_network(page, url)
        page.evaluate("location.reload()")
        page.navigate(url)
        _save(page.screenshot(height=1500, full_page=False), tmp_path, "audit-index.png")
        _save(page.screenshot_of("#heat", 1400), tmp_path, "audit-heat-periods.png")


@needs_poppler
def test_audit_prints_on_a4_landscape(audit7, tmp_path):
    url = (audit7 / "index.html").resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        data, _ = _printed(page, True, (2, 12), "団体別の一覧", "団体名を押すと")
        page.media("print")
        page.viewport(A4_LANDSCAPE_PX, 1000)
        assert _tables_fit(page, A4_LANDSCAPE_PX) == []
        _save(_montage(browser, pdf.pages_png(data, 1, 2, dpi=50), tmp_path, 1240), tmp_path, "audit-pdf.png")


def test_audit_on_a_390px_phone(audit7, tmp_path):
    url = (audit7 / "index.html").resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        page.viewport(390, 844)
        page.navigate(url)
        _no_sideways_scroll(page, 390)
        assert page.evaluate("getComputedStyle(document.querySelector('#overview-table tbody tr')).display") == "block"
        _no_errors_no_network(page, url)
        _save(page.screenshot(width=390, height=1500, full_page=False), tmp_path, "audit-390.png")


@needs_poppler
def test_audit_of_200_strategies(tmp_path):
    folder = tmp_path / "in"
    subprocess.run([sys.executable, "tools/generate_strategies.py", "--count", "200", "--seed", "1", "--out", str(folder)],
                   cwd=ROOT, check=True, capture_output=True)
    out = tmp_path / "out"
    run_audit(folder, out, jobs=2)
    url = (out / "index.html").resolve().as_uri()
    with Browser(CHROMIUM) as browser:
        page = browser.open(url)
        page.viewport(1280, 1500)
        assert _count(page, "#overview-table tbody tr") == 201
        assert page.evaluate("document.querySelectorAll('#periods svg rect').length") < 100, "periods grouped when many"
        _no_errors_no_network(page, url)
        _save(page.screenshot(height=1500, full_page=False), tmp_path, "audit-200.png")
        _save(page.screenshot_of("#heat", 1200), tmp_path, "audit-200-heat.png")
        data, _ = _printed(page, True, (5, 200), "団体別の一覧", "団体名を押すと")
        _save(_montage(browser, pdf.pages_png(data, 1, 2, dpi=50), tmp_path, 1240), tmp_path, "audit-200-pdf.png")
        page.media("print")
        page.viewport(A4_LANDSCAPE_PX, 1000)
        assert _tables_fit(page, A4_LANDSCAPE_PX) == []
