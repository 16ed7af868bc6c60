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

import lxml.html

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


def _doc(html: str):
    return lxml.html.fromstring(html.encode("utf-8"))


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def q(el, path: str) -> list:
    """XPath with `.c(name)` for 'has the class name' (lxml's cssselect needs a package we do not install)."""
    return el.xpath(re.sub(r"\.c\(([\w-]+)\)", lambda m: _cls(m.group(1)), path))


def test_report_command_writes_a_self_contained_page(tmp_path):
    out = tmp_path / "toyonaka.html"
    proc = run_cli("report", "examples/toyonaka.yaml", "--out", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    assert f"{out} を書き出しました" in proc.stderr and "エラー" in proc.stderr, "report says what it wrote and the counts"
    html = out.read_text(encoding="utf-8")
    _self_contained(html)
    assert "豊中市" in html and "子育て世帯に選ばれ、住み続けたくなるまち" in html
    doc = _doc(html)
    for ident in ("s-fix", "s-overview", "s-tree", "s-other", "s-findings", "s-rules"):
        assert doc.get_element_by_id(ident) is not None, ident
    result = check_file("examples/toyonaka.yaml")
    pack = load_pack(pack_dir())
    # every finding: once in the table, once at its node (or with the findings outside the tree),
    # once in its rule's group; each with its fix and a link to its rule's explanation
    assert len(q(doc, "//table[.c(findings-table)]/tbody/tr")) == len(result.findings)
    at_nodes = q(doc, "//*[@id='s-tree']//li[.c(finding)]") + q(doc, "//ul[.c(others)]/li[.c(finding)]")
    assert len(at_nodes) == len(result.findings)
    assert len(q(doc, "//details[.c(group)]//li[.c(finding)]")) == len(result.findings)
    for li in at_nodes:
        code = li.get("data-code")
        assert pack.by_code[code].fix.ja in li.text_content()
        link = q(li, ".//a[.c(code)]")[0].get("href")
        assert link == f"#s-rule-{code}" and doc.get_element_by_id(link[1:]) is not None
    for code in {f.code for f in result.findings}:
        section = doc.get_element_by_id(f"s-rule-{code}")
        assert pack.by_code[code].rationale.ja in section.text_content()
    # findings sit at the node they concern
    node_finding = next(f for f in result.findings if f.node_type in ("measure", "direction", "kpi"))
    node = doc.get_element_by_id(f"n-{node_finding.node_id}")
    assert node_finding.code in [li.get("data-code") for li in q(node, ".//li[.c(finding)]")]


def test_fix_first_then_reference_then_justified(tmp_path):
    result = check_file("examples/prefecture/nishikawa.yaml")
    pack = load_pack(pack_dir())
    doc = _doc(strategy_page(result.strategy, result.findings, pack))
    fix = q(doc, "//article/details[.c(group)]")
    keys = [d.get("data-sev") for d in fix]
    assert keys and set(keys) <= {"error", "warning"}, "only errors and warnings come first"
    sizes = [(k, len(q(d, ".//li[.c(finding)]"))) for k, d in zip(keys, fix)]
    assert sizes == sorted(sizes, key=lambda x: ({"error": 0, "warning": 1}[x[0]], -x[1])), "most severe, then most frequent"
    reference = doc.get_element_by_id("s-reference")
    assert reference.tag == "details" and reference.get("open") is None, "info is collapsed"
    assert {d.get("data-sev") for d in q(reference, ".//details[.c(group)]")} == {"info"}
    other = check_file("examples/prefecture/higashiyama.yaml")
    justified = _doc(strategy_page(other.strategy, other.findings, pack)).get_element_by_id("s-justified")
    assert q(justified, ".//li[.c(finding)]//*[.c(f-dev)]"), "a justified deviation shows its reason"


def test_verdict_banner_follows_fail_on(tmp_path):
    default = tmp_path / "default.html"
    strict = tmp_path / "strict.html"
    assert run_cli("report", "examples/toyonaka.yaml", "--out", str(default)).returncode == 0
    assert run_cli("report", "examples/toyonaka.yaml", "--out", str(strict), "--fail-on", "warning").returncode == 1
    ok = q(_doc(default.read_text(encoding="utf-8")), "//section[.c(banner)]")[0]
    bad = q(_doc(strict.read_text(encoding="utf-8")), "//section[.c(banner)]")[0]
    warnings = sum(1 for f in check_file("examples/toyonaka.yaml").findings if f.severity.value == "warning" and not f.justified)
    assert "banner-pass" in ok.get("class") and "合格" in ok.text_content() and "--fail-on error" in ok.text_content()
    assert "banner-fail" in bad.get("class") and "不合格" in bad.text_content() and "--fail-on warning" in bad.text_content()
    assert f"警告以上の指摘が {warnings} 件" in bad.text_content()
    counts = {b.get("data-only"): int(q(b, ".//*[.c(n)]")[0].text) for b in q(bad, ".//button[.c(count-btn)]")}
    assert counts["warning"] == warnings and set(counts) == {"error", "warning", "info", "justified"}


def test_headings_follow_the_tree_and_pictures_are_inline():
    result = check_file("examples/toyonaka.yaml")
    html = strategy_page(result.strategy, result.findings, load_pack(pack_dir()))
    doc = _doc(html)
    levels = {}
    for section in q(doc, "//*[@id='s-tree']//section[.c(node)]"):
        heading = section[0]
        depth = len([a for a in section.iterancestors("section") if "node" in (a.get("class") or "")])
        levels.setdefault(section.get("data-type"), set()).add((depth, heading.tag))
    assert levels["goal"] == {(0, "h2")}
    assert (1, "h3") in levels["direction"] and (2, "h4") in levels["direction"]
    assert all(tag == f"h{depth + 2}" for depth, tag in levels["measure"])
    # the diagrams: the vision and goals, then one per goal; every box links to its node
    diagrams = q(doc, "//figure[.c(diagram)]/*[local-name()='svg']")
    assert len(diagrams) == 1 + 4
    ids = set(doc.xpath("//@id"))
    hrefs = [a.get("href") for svg in diagrams for a in svg.xpath(".//*[local-name()='a']")]
    assert hrefs and all(h[1:] in ids for h in hrefs)
    assert len(q(doc, "//*[local-name()='svg'][.c(kbar)]")) >= 5, "baseline → target bars"
    assert len(q(doc, "//*[local-name()='svg'][starts-with(@aria-labelledby, 't-s-g')]")) >= 2, "measures and kinds by goal"
    for cls in ("code", "sections", "where"):
        assert q(doc, f"//td[.c({cls})]"), cls
    assert "td.code" in html and "white-space: nowrap" in html


def test_run_record_and_print_rules():
    result = check_file("examples/toyonaka.yaml")
    pack = load_pack(pack_dir())
    html = strategy_page(result.strategy, result.findings, pack)
    record = q(_doc(html), "//footer/dl[.c(record)]")[0].text_content()
    assert re.search(r"\d{4}-\d{2}-\d{2}", record) and "examples/toyonaka.yaml" in record
    assert pack.edition in record and "tebiki-checker" in record and "--fail-on error" in record
    assert "@page { size: A4 portrait" in html and "counter(page)" in html


def test_english_page_is_english():
    result = check_file("examples/toyonaka.yaml")
    html = strategy_page(result.strategy, result.findings, load_pack(pack_dir()), "en")
    doc = _doc(html)
    text = " ".join(el.text_content() for el in q(doc, "//section[.c(banner)] | //nav[.c(toc)] | //h2[not(.c(node-h))] | //*[.c(toolbar)] | //thead | //footer"))
    assert "Fix first" in text and "Passed" in text
    assert not re.search(r"[ぁ-んァ-ヶ]", text.replace("手引き", "")), text
    assert "municipality" in q(doc, "//dl[.c(facts)]")[0].text_content()


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
    assert re.search(r"&lt;script&gt;alert\((&quot;|&#34;)x(&quot;|&#34;)\)&lt;/script&gt;", html)


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
    doc = _doc(html)
    for ident in ("overview", "heat", "periods", "distributions", "directions", "rules", "crosscheck"):
        assert doc.get_element_by_id(ident) is not None, ident
    for code in ("XP03", "XP04", "XP05", "XP06"):
        assert code in html
    assert "@page { size: A4 landscape" in html


def test_check_format_html(tmp_path):
    files = ("examples/toyonaka.yaml", "examples/prefecture/minato.yaml", "tests/fixtures/ci/broken.yaml")
    first = run_cli("check", *files, "--format", "html")
    second = run_cli("check", *reversed(files), "--format", "html")
    assert first.returncode == second.returncode == 2
    assert first.stdout == second.stdout
    html = first.stdout
    _self_contained(html)
    assert html.count('<article class="strategy"') == 2
    assert "読み込めなかったファイル" in html
    assert "broken.yaml" in html and "港町" in html and "豊中市" in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids stay unique with several strategies on one page"
    one = run_cli("check", "examples/toyonaka.yaml", "--format", "html", "--output", str(tmp_path / "one.html"))
    assert one.returncode in (0, 1)
    report = run_cli("report", "examples/toyonaka.yaml", "--out", str(tmp_path / "report.html"))
    assert (tmp_path / "one.html").read_text(encoding="utf-8") == (tmp_path / "report.html").read_text(encoding="utf-8")
    assert report.returncode == one.returncode
