"""Helpers for the CI-integration tests: run the CLI as a user does, compare with golden files.

Golden files live in tests/golden/.  After an intended change of output (or of the
messages of the few rules the fixtures select), regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_format_*.py

and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from checker import __version__

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
CI_FIXTURES = ROOT / "tests" / "fixtures" / "ci"
SAMPLE = "tests/fixtures/ci/sample.yaml"
"""The format fixture, as a path relative to the repository root (how CI passes it)."""
SELECT = ("--select", "OL06,OL07")
"""Only these rules, so that golden files do not change as the pack grows."""


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`tebiki ARGS...` (as `python -m checker`), capturing text output."""
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True, text=True, cwd=cwd, timeout=180, env={**os.environ, **(env or {})},
    )


def normalise(text: str) -> str:
    """Output with the tool's version replaced, so a release does not change golden files."""
    return text.replace(__version__, "<version>")


def assert_golden(name: str, text: str) -> None:
    """`text` equals tests/golden/NAME (rewritten instead when UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    text = normalise(text)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"output differs from {path} (UPDATE_GOLDEN=1 regenerates it; review the diff)"
