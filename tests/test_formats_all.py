"""Every output format: deterministic, complete with findings, deviations and load failures, writable with -o."""

from __future__ import annotations

import pytest

from checker.report import FORMATS

from .ci_helpers import SAMPLE, run

FILES = ("examples/toyonaka.yaml", SAMPLE, "tests/fixtures/ci/broken.yaml")


def test_the_ci_formats_are_available():
    assert {"text", "json", "sarif", "junit", "github", "markdown"} <= set(FORMATS)


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown", "json", "text"])
def test_deterministic_and_the_same_through_output_files(fmt, tmp_path):
    first = run("check", *FILES, "--format", fmt)
    second = run("check", *reversed(FILES), "--format", fmt)  # order of arguments does not matter
    assert first.returncode == second.returncode == 2
    assert first.stdout == second.stdout and first.stdout.endswith("\n")
    out = tmp_path / f"report.{fmt}"
    written = run("check", *FILES, "--format", fmt, "--output", str(out))
    assert written.returncode == 2 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == first.stdout
    assert "1 ファイル" not in written.stderr and "3 ファイル: " in written.stderr  # summary on stderr
