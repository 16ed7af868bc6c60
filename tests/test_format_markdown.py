"""Markdown summary for a pull-request comment: counts, a table per file, justified deviations apart."""

from __future__ import annotations

from checker.report.fmt_markdown import cell

from .ci_helpers import SAMPLE, SELECT, assert_golden, run


def test_cells_cannot_break_a_table_or_inject_html():
    assert cell("a | b\nc <b>d</b> `e`") == "a \\| b c &lt;b&gt;d&lt;/b&gt; \\`e\\`"


def test_counts_tables_and_deviations_apart():
    proc = run("check", SAMPLE, "tests/fixtures/ci/broken.yaml", *SELECT, "--format", "markdown", "--lang", "en")
    assert proc.returncode == 2
    text = proc.stdout
    assert "**✖ Failed (--fail-on error)** — 0 error(s), 2 warning(s), 0 info, 1 justified deviation(s) in 2 file(s), 1 file(s) could not be loaded" in text
    assert f"| {SAMPLE} | 0 | 2 | 0 | 1 |" in text
    findings = text.split("### Findings")[1].split("### Files that could not be loaded")[0]
    assert findings.count("`OL07`") == 1 and "移住相談窓口" not in findings  # the justified one is apart
    assert "<summary>Justified deviations (1)</summary>" in text and "移住相談の効果は" in text
    for line in text.splitlines():
        if line.startswith("| ") and "UIJ" in line:
            assert line.count(" | ") == 6  # the pipe in the measure's name is escaped


def test_passing_run():
    proc = run("check", "tests/fixtures/ci/clean.yaml", "--select", "OL", "--format", "markdown")
    assert proc.returncode == 0
    assert "**✓ 合格（--fail-on error）**" in proc.stdout and "指摘はありません。" in proc.stdout


def test_concise_is_counts_and_files_only():
    proc = run("check", SAMPLE, *SELECT, "--format", "markdown", "--lang", "en", "--concise")
    assert "| Errors | Warnings |" in proc.stdout and "### Findings" not in proc.stdout and "<details>" not in proc.stdout


def test_golden():
    for lang in ("en", "ja"):
        proc = run("check", SAMPLE, *SELECT, "--format", "markdown", "--lang", lang)
        assert proc.returncode == 0
        assert_golden(f"sample.{lang}.md", proc.stdout)
