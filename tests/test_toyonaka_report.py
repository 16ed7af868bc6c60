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


def test_docs_toyonaka_summary_matches_the_report():
    """docs/toyonaka.md explains every finding: its summary table has each rule and count of the report."""
    import json
    import re
    from collections import Counter

    from .conftest import ROOT

    doc = (ROOT / "docs" / "toyonaka.md").read_text(encoding="utf-8")
    table = {m[1]: int(m[2]) for m in re.finditer(r"^\| ([A-Z]{2}\d{2}) \|[^\n]*\| (\d+) \|$", doc, re.M)}
    report = json.loads((ROOT / "tests" / "golden" / "toyonaka.json").read_text(encoding="utf-8"))
    assert table == dict(Counter(f["code"] for f in report["findings"]))
    for code in table:
        assert re.search(rf"^\*\*[^*\n]*\b{code}\b", doc, re.M), f"docs/toyonaka.md does not explain {code}"
