"""The HTML reports: `tebiki report FILE --out FILE.html` and the audit's index.html.

Static checks here (self-contained, escaped, sections present); tests/test_html_browser.py opens
them in headless Chromium.
"""

from __future__ import annotations

import re
from html import unescape
import subprocess
import sys

from checker import check_file
from checker.audit import run_audit
from checker.engine import load_pack, pack_dir
from checker.html import strategy_page

from .conftest import ROOT

HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def _self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="ja">' in html
    assert "Noto Sans CJK JP" in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp and "default-src 'none'" in unescape(csp.group(1))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "no external resources"
    assert "@import" not in html and "@font-face" not in html and "url(http" not in html
    assert len(re.findall(r"<script\b", html)) == 1, "one inline script, no external script"


def test_report_command_writes_a_self_contained_page(tmp_path):
    out = tmp_path / "toyonaka.html"
    proc = run_cli("report", "examples/toyonaka.yaml", "--out", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    html = out.read_text(encoding="utf-8")
    _self_contained(html)
    assert "豊中市" in html and "子育て世帯に選ばれ、住み続けたくなるまち" in html
    for ident in ("s-summary", "s-tree", "s-other", "s-findings"):
        assert f'id="{ident}"' in html
    result = check_file("examples/toyonaka.yaml")
    shown = len(re.findall(r'<li class="finding"', html))
    assert shown == len(result.findings), "every finding appears once at its node (or with the others)"
    # findings sit at the node they concern
    node_finding = next(f for f in result.findings if f.node_type == "measure")
    li = re.search(rf'<li id="n-{re.escape(node_finding.node_id)}"[^>]*>(.*?)</li>', html, re.S)
    assert li and f'data-code="{node_finding.code}"' in li.group(1)


def test_report_input_error_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: [\n", encoding="utf-8")
    proc = run_cli("report", str(bad), "--out", str(tmp_path / "bad.html"))
    assert proc.returncode == 2 and f"{bad}:" in proc.stderr
    assert not (tmp_path / "bad.html").exists()


def _hostile_strategy(tmp_path):
    text = (ROOT / "examples" / "prefecture" / "sakuragaoka.yaml").read_text(encoding="utf-8")
    text = text.replace("title: 桜ヶ丘市デジタル田園都市国家構想総合戦略", f"title: '{HOSTILE}'")
    text = text.replace("name: 安全・安心に暮らせるまち", f"name: '{HOSTILE}'")
    text = text.replace("name: 桜ヶ丘市\n", f"name: '{HOSTILE}'\n")
    path = tmp_path / "in" / "hostile.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _escaped(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_user_text_is_escaped_in_the_report(tmp_path):
    path = _hostile_strategy(tmp_path)
    result = check_file(str(path))
    assert result.ok, result.problems
    html = strategy_page(result.strategy, result.findings, load_pack(pack_dir()))
    _escaped(html)


def test_user_text_is_escaped_in_the_audit(tmp_path):
    path = _hostile_strategy(tmp_path)
    import shutil

    shutil.copy(ROOT / "examples" / "prefecture" / "kakuu-ken.yaml", path.parent)
    run_audit(path.parent, tmp_path / "out", jobs=1)
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    _self_contained(html)
    _escaped(html)


def test_audit_index_has_the_sections(tmp_path):
    run_audit("examples/prefecture", tmp_path, jobs=1)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    _self_contained(html)
    for ident in ("overview", "directions", "rules", "crosscheck", "sections"):
        assert f'id="{ident}"' in html
    assert html.count('<section class="strategy"') == 7
    assert '<table class="sortable" id="overview-table">' in html
    assert 'class="chart heatmap"' in html and "<pattern" in html
    for code in ("XP03", "XP04", "XP05", "XP06"):
        assert code in html


def test_check_format_html(tmp_path):
    files = ("examples/toyonaka.yaml", "examples/prefecture/minato.yaml", "tests/fixtures/ci/broken.yaml")
    first = run_cli("check", *files, "--format", "html")
    second = run_cli("check", *reversed(files), "--format", "html")
    assert first.returncode == second.returncode == 2
    assert first.stdout == second.stdout
    html = first.stdout
    _self_contained(html)
    assert html.count('<section class="strategy"') == 3
    assert "broken.yaml" in html and "港町" in html and "豊中市" in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids stay unique with several strategies on one page"
    one = run_cli("check", "examples/toyonaka.yaml", "--format", "html", "--output", str(tmp_path / "one.html"))
    assert one.returncode in (0, 1)
    report = run_cli("report", "examples/toyonaka.yaml", "--out", str(tmp_path / "report.html"))
    assert (tmp_path / "one.html").read_text(encoding="utf-8") == (tmp_path / "report.html").read_text(encoding="utf-8")
    assert report.returncode == one.returncode
