"""Snapshot of the full report on examples/toyonaka.yaml, in text (ja and en) and JSON.

Any change of a rule, a message or the example shows up here as a diff to review;
regenerate with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_toyonaka_report.py`.
"""

import pytest

from .ci_helpers import assert_golden, run


@pytest.mark.parametrize(
    "name, args",
    [
        ("toyonaka.ja.txt", ()),
        ("toyonaka.en.txt", ("--lang", "en")),
        ("toyonaka.json", ("--format", "json")),
    ],
)
def test_full_toyonaka_report(name, args):
    proc = run("check", "examples/toyonaka.yaml", "--fail-on", "error", *args, env={"NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    assert_golden(name, proc.stdout)
