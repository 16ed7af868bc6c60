"""What a new user meets on the command line: --version, readable --help, one clear line for each
mistake (in the language of --lang), summaries that say what happened, and nothing passing by
accident (a folder without strategies)."""

from __future__ import annotations

import re
import tomllib

import pytest

from checker import __version__

from .ci_helpers import run
from .conftest import ROOT

TOYONAKA = "examples/toyonaka.yaml"


def _flat(text: str) -> str:
    """Text of a rich panel (help, usage errors) without its frame and line breaks."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def test_version():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"tebiki-checker {__version__}"


@pytest.mark.parametrize("command", ["check", "audit", "report", "rules", "explain", "export", "init"])
def test_help_reads_naturally(command):
    proc = run(command, "--help", env={"COLUMNS": "120"})
    assert proc.returncode == 0
    for noise in ("<bool>", "<list[str]>", "<str>", "<path>", "<int>", "Value error"):
        assert noise not in proc.stdout, (command, noise)


def test_check_help_names_what_to_write():
    text = _flat(run("check", "--help", env={"COLUMNS": "160"}).stdout)
    assert re.search(r"--select\s+RULES", text) and re.search(r"--min-severity\s+error\|warning\|info", text)
    assert re.search(r"--concise\s+Print each finding on one line", text)
    assert "pyproject.toml with a tool.tebiki table" in text


def _info_count() -> int:
    from checker import check_file

    return sum(1 for f in check_file(str(ROOT / TOYONAKA)).findings if f.severity.value == "info" and not f.justified)


def test_min_severity_hides_info_and_says_so(tmp_path):
    info = _info_count()
    shown = run("check", TOYONAKA, "--min-severity", "warning")
    assert shown.returncode == 0
    assert " info " not in shown.stdout and "warning" in shown.stdout
    assert f"情報 {info} 件を表示していません" in shown.stdout.splitlines()[-1]
    (tmp_path / "tebiki.toml").write_text('min-severity = "warning"\n', encoding="utf-8")
    config = run("check", str(ROOT / TOYONAKA), cwd=tmp_path)
    assert " info " not in config.stdout and f"情報 {info} 件を表示していません" in config.stdout
    bad = run("check", TOYONAKA, "--min-severity", "loud")
    assert bad.returncode == 2 and "'loud' is not one of: error, warning, info" in _flat(bad.stderr)


def test_check_summarises_by_area():
    out = run("check", TOYONAKA).stdout.splitlines()
    assert out[-2].startswith("領域別: ") and "KPIの質 ▲2 ●3" in out[-2]
    english = run("check", TOYONAKA, "--lang", "en").stdout.splitlines()
    assert english[-2].startswith("By area: ") and "KPI quality ▲2 ●3" in english[-2]


def test_an_input_error_appears_once_on_stderr_in_the_language(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    ja = run("check", str(bad))
    assert ja.returncode == 2
    assert ja.stderr.count("必須のキー「title」がありません（戦略）") == 1
    assert "bad.yaml:" not in ja.stdout, "not repeated in the report"
    en = run("check", str(bad), "--lang", "en", "--format", "json")
    assert en.stderr.count("missing required key 'title' in strategy") == 1
    report = run("report", str(bad), "--out", str(tmp_path / "r.html"))
    assert report.returncode == 2 and "必須のキー「title」" in report.stderr


def test_a_bad_selector_names_the_command_line():
    proc = run("check", TOYONAKA, "--select", "XX99")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "--select: 'XX99' matches no rule of tebiki-2022-12 (use a code, name, section, area or ALL)"
    assert "<config>" not in proc.stderr


def test_unknown_format_lists_the_formats():
    proc = run("check", TOYONAKA, "--format", "xml")
    assert proc.returncode == 2
    assert "'xml' is not one of: github, html, json, junit, markdown, sarif, text" in _flat(proc.stderr)
    assert "Value error" not in proc.stderr


def test_a_folder_without_strategies_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    proc = run("check", str(tmp_path / "empty"))
    assert proc.returncode == 2 and "no strategy files" in proc.stderr
    both = run("check", TOYONAKA, str(tmp_path / "empty"))
    assert both.returncode == 2, "one folder pointed at by mistake is enough to fail"


def test_rules_accepts_only_what_it_implements():
    assert run("rules", "--format", "json").returncode == 0
    proc = run("rules", "--format", "sarif")
    assert proc.returncode == 2 and "'sarif' is not one of: text, json" in _flat(proc.stderr)


def test_explain_prints_text_and_markdown_on_request():
    text = run("explain", "OL07").stdout
    assert text.startswith("OL07 measure-without-kpi: KPIで測られていない具体的な施策")
    assert "](" not in text and "|---|" not in text, "no Markdown links or tables in the terminal"
    assert "checker/checks/outline.py: measure_covered_by_kpi" in text and "直し方" in text
    english = run("explain", "OL07", "--lang", "en").stdout
    assert "How to fix" in english and "直し方" not in english
    markdown = run("explain", "OL07", "--format", "markdown").stdout
    assert markdown.startswith("# OL07 measure-without-kpi") and "](" in markdown


def test_audit_prints_a_summary_table(tmp_path):
    proc = run("audit", "examples/prefecture", "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("監査の結果")
    table = "\n".join(lines)
    assert table.index("西川町") < table.index("桜ヶ丘市"), "worst first"
    import json

    warnings = sum(r["warning"] for r in json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))["strategies"])
    assert f"7 団体: 不合格 0、エラー 0 件、警告 {warnings} 件" in table and "index.html" in lines[-1]  # the count grows as progress falls due
    assert "audit.xlsx を書き出しました" in proc.stderr and "団体ごとの報告書 7 件" in proc.stderr


def test_readme_states_the_python_version_of_pyproject():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    version = requires.removeprefix(">=")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {version}+" in readme and f"Python {version} 以上" in readme
    assert re.search(r"test suite takes about", readme)


def test_docs_speak_of_the_project_not_of_issue_numbers():
    offenders = []
    for path in [*ROOT.glob("docs/*.md"), ROOT / "README.md", *ROOT.glob("checker/**/*.py"), *ROOT.glob("tests/*.py"),
                 *ROOT.glob("bench/*.py")]:
        if re.search(r"\bissue #?\d+|GitHub issue", path.read_text(encoding="utf-8")) and path.name != "test_cli_paper_cuts.py":
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_init_placeholders_are_reported_until_replaced(tmp_path):
    new = tmp_path / "strategy.yaml"
    assert run("init", str(new), "--body-name", "豊中市", "--code", "272035", "--prefecture", "大阪府").returncode == 0
    text = run("check", str(new), "--select", "OL09").stdout
    assert "OL09" in text and "○○" in text, "the skeleton's placeholders are reported"
    filled = new.read_text(encoding="utf-8").replace("○○", "大学")
    new.write_text(filled, encoding="utf-8")
    again = run("check", str(new), "--select", "OL09")
    assert "OL09" not in again.stdout and again.returncode == 0
