"""Every rule has a fixture that triggers it and one that does not, run by one parametrised test.

`tests/fixtures/rules/<CODE>/fail.yaml` must produce a finding of <CODE>;
`pass.yaml` (and any further `pass-*.yaml`) must not.  A `# expect-at: LINE:COL`
comment in fail.yaml pins where the finding is reported.
"""

from __future__ import annotations

import re

import pytest

from checker import check_file
from checker.engine import load_pack, pack_dir

from .conftest import FIXTURES, TODAY

RULE_FIXTURES = FIXTURES / "rules"
PACK = load_pack(pack_dir())
CODES = [r.code for r in PACK.rules]


def _codes(path, code):
    result = check_file(str(path), pack=PACK, today=TODAY)  # with the progress the fixture records inline
    assert result.ok, result.problems
    return [f for f in result.findings if f.code == code and not f.justified]


@pytest.mark.parametrize("code", CODES)
def test_fail_fixture_triggers_the_rule(code):
    path = RULE_FIXTURES / code / "fail.yaml"
    assert path.is_file(), f"{code} has no fail fixture"
    hits = _codes(path, code)
    assert hits, f"{path} does not trigger {code}"
    expect = re.search(r"^# expect-at: (\d+):(\d+)", path.read_text(encoding="utf-8"), re.M)
    if expect:
        where = (int(expect[1]), int(expect[2]))
        assert where in {(f.line, f.col) for f in hits}, f"{code} reported at {[(f.line, f.col) for f in hits]}, expected {where}"


@pytest.mark.parametrize("code", CODES)
def test_pass_fixture_does_not_trigger_the_rule(code):
    path = RULE_FIXTURES / code / "pass.yaml"
    assert path.is_file(), f"{code} has no pass fixture"
    assert not _codes(path, code), f"{path} triggers {code}"


@pytest.mark.parametrize("path", sorted(RULE_FIXTURES.glob("*/pass-*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_further_pass_fixtures_do_not_trigger_the_rule(path):
    assert not _codes(path, path.parent.name), f"{path} triggers {path.parent.name}"


def test_every_fixture_folder_belongs_to_a_rule():
    folders = {p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()}
    assert folders <= set(CODES), f"fixtures without a rule: {sorted(folders - set(CODES))}"
