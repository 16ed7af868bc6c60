"""The exit-code table of docs/ci.md is what the tool does: every example in it is run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from checker.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

from .ci_helpers import run
from .conftest import ROOT

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def table() -> list[tuple[int, str, str]]:
    """(code, meaning, example) for each row of the 'Exit codes' table."""
    section = DOC.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        m = re.match(r"^\| (\d) \| (.+) \| `([^`]+)` \|$", line)
        if m:
            rows.append((int(m[1]), m[2], m[3]))
    return rows


ROWS = table()


def test_the_table_covers_every_exit_code():
    assert {code for code, _, _ in ROWS} == {EXIT_OK, EXIT_FINDINGS, EXIT_ERROR} == {0, 1, 2}
    assert len(ROWS) >= 6


@pytest.mark.parametrize("code, meaning, example", ROWS, ids=[f"{c}: {e}" for c, _, e in ROWS])
def test_documented_example_exits_with_its_code(code, meaning, example):
    args = shlex.split(example)
    assert args[0] == "tebiki"
    written = [Path(a) for a, prev in zip(args[1:], args) if prev == "--write-baseline"]
    try:
        proc = run(*args[1:])
    finally:
        for path in written:
            path.unlink(missing_ok=True)
    assert proc.returncode == code, f"{example}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    assert "Traceback" not in proc.stderr
    if code == EXIT_ERROR:
        assert proc.stderr.strip(), "exit code 2 always says why on standard error"


def test_summary_line_on_stderr_for_machine_formats_only():
    for fmt in ("json", "sarif", "junit", "github", "markdown"):
        proc = run("check", "tests/fixtures/ci/sample.yaml", "--select", "OL06,OL07", "--format", fmt, "--lang", "en")
        assert proc.stderr.strip().splitlines()[-1] == "1 file(s): 0 error(s), 2 warning(s), 0 info, 1 justified deviation(s)", fmt
    text = run("check", "tests/fixtures/ci/sample.yaml", "--select", "OL06,OL07", "--lang", "en")
    assert text.stderr == "" and text.stdout.strip().splitlines()[-1].startswith("1 file(s): 0 error(s), 2 warning(s)")


def test_many_files_directories_and_globs_in_one_run():
    proc = run("check", "tests/fixtures/ci/clean.yaml", "tests/fixtures/ci/", "tests/fixtures/ci/s*.yaml", "--select", "OL", "--format", "json")
    import json

    doc = json.loads(proc.stdout)
    expected = sorted(
        str(Path("tests/fixtures/ci") / p.name) for p in (ROOT / "tests" / "fixtures" / "ci").glob("*.yaml")
    )
    assert sorted(doc["files"]) == expected  # each file once, though named three ways
    assert proc.returncode == 2  # broken.yaml is among them
    assert doc["summary"]["input_errors"] == 1
