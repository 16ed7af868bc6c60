"""Every rule has a fixture that triggers it and one that does not, run by one parametrised test.

`tests/fixtures/rules/<CODE>/fail.yaml` must produce a finding of <CODE>;
`pass.yaml` must not.  More cases of a rule sit beside them as `fail-<case>.yaml`
and `pass-<case>.yaml`.  Comments in a fail fixture pin what is reported:
`# expect-at: LINE:COL` (where), `# expect-count: N` (how many findings),
`# expect-severity: info` and `# expect-basis: not-stated` (of every finding).
The rules of the default pack run with it; a rule that another pack adds (one its
parent does not have) runs with that pack.
"""

from __future__ import annotations

import re

import pytest

from checker import build_graph, load, run_pack
from checker.engine import available_editions, load_pack, pack_dir
from checker.progress.attach import progress_for

from .conftest import FIXTURES, TODAY

RULE_FIXTURES = FIXTURES / "rules"
PACK = load_pack(pack_dir())
OWNER = {r.code: PACK for r in PACK.rules}
for _edition in available_editions():
    _pack = load_pack(pack_dir(_edition))
    if _pack.parent is not None:
        OWNER.update({r.code: _pack for r in _pack.rules if r.code not in _pack.parent.by_code})
CODES = sorted(OWNER)


def _codes(path, code):
    strategy = load(path)
    progress = progress_for(strategy)  # the progress the fixture records inline or beside it
    findings = run_pack(build_graph(strategy), OWNER[code], today=TODAY, progress=progress)
    return [f for f in findings if f.code == code and not f.justified]


def _cases(kind: str) -> list:
    return [
        pytest.param(code, path, id=f"{code}/{path.name}")
        for code in CODES
        for path in sorted((RULE_FIXTURES / code).glob(f"{kind}*.yaml"))
    ]


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_a_fail_and_a_pass_fixture(code):
    assert (RULE_FIXTURES / code / "fail.yaml").is_file(), f"{code} has no fail fixture"
    assert (RULE_FIXTURES / code / "pass.yaml").is_file(), f"{code} has no pass fixture"


@pytest.mark.parametrize("code, path", _cases("fail"))
def test_fail_fixture_triggers_the_rule(code, path):
    hits = _codes(path, code)
    assert hits, f"{path} does not trigger {code}"
    text = path.read_text(encoding="utf-8")
    expect = re.search(r"^# expect-at: (\d+):(\d+)", text, re.M)
    if expect:
        where = (int(expect[1]), int(expect[2]))
        assert where in {(f.line, f.col) for f in hits}, f"{code} reported at {[(f.line, f.col) for f in hits]}, expected {where}"
    count = re.search(r"^# expect-count: (\d+)", text, re.M)
    if count:
        assert len(hits) == int(count[1]), f"{path}: {len(hits)} findings of {code}, expected {count[1]}"
    for key, attr in (("severity", "severity"), ("basis", "basis")):
        want = re.search(rf"^# expect-{key}: ([a-z-]+)", text, re.M)
        if want:
            got = {getattr(f, attr).value for f in hits}
            assert got == {want[1]}, f"{path}: {key} {sorted(got)}, expected {want[1]}"


@pytest.mark.parametrize("code, path", _cases("pass"))
def test_pass_fixture_does_not_trigger_the_rule(code, path):
    assert not _codes(path, code), f"{path} triggers {code}"


def test_every_fixture_folder_belongs_to_a_rule():
    folders = {p.name for p in RULE_FIXTURES.iterdir() if p.is_dir()}
    assert folders <= set(CODES), f"fixtures without a rule: {sorted(folders - set(CODES))}"
