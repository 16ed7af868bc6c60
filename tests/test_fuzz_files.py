"""Fuzzing configs, output paths and special files (the cases and the checks are in tests/fuzz_files.py).

CI runs FUZZ_FILE_CASES (default 400) cases in-process: every special file in every input role,
then mutated configs and output options aimed at inputs, special files and unwritable places.
Bigger runs: ``.venv/bin/python -m tests.fuzz_files --cases 20000 --seed 11``.
"""

from __future__ import annotations

import os

from . import fuzz_files

CASES = int(os.environ.get("FUZZ_FILE_CASES", "400"))
SEED = int(os.environ.get("FUZZ_SEED", "7"))


def test_fuzz_configs_outputs_and_special_files(tmp_path):
    report = fuzz_files.run(fuzz_files.cases(CASES, SEED), tmp_path, fuzz_files.Report())
    print(f"{report.cases} cases in {report.seconds:.1f} s, exits {report.by_exit}")
    assert not report.failures, "\n".join(report.failures)
    assert report.cases == CASES
    assert report.by_exit[2] and report.by_exit[0] + report.by_exit[1]


def test_every_family_is_drawn():
    names = [c.name for c in fuzz_files.cases(600, SEED)]
    assert sum(n.startswith("special-") for n in names) == len(fuzz_files.ROLES) * len(fuzz_files.KINDS)
    assert sum(n.startswith("config-") for n in names) > 200 and sum(n.startswith("output-") for n in names) > 200
    outputs = {n.split("-", 3)[-1] for n in names if n.startswith("output-")}
    assert {"toyonaka.yaml", "cfg.toml", "base.json", "t.ttl", "pipe", "null", "full", "link-to-input"} <= outputs


def test_a_judged_failure_is_reported(tmp_path):
    case = fuzz_files.Case("x", ["check", "toyonaka.yaml"], config=None)
    state = {"toyonaka.yaml": (0o100000, b"a", 1)}
    assert fuzz_files.judge(case, 3, "", tmp_path, {}, {}) == "exit code 3"
    assert fuzz_files.judge(case, 2, "", tmp_path, {}, {}).startswith("exit 2 without an error line")
    assert fuzz_files.judge(case, 0, "", tmp_path, state, {"toyonaka.yaml": (0o100000, b"b", 1)}) == "the input toyonaka.yaml changed"
    assert fuzz_files.judge(case, 0, "", tmp_path, {"pipe": (0o010000, None, 5)}, {"pipe": (0o100000, None, 6)}) == \
        "the special file pipe changed kind"
