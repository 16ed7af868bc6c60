"""Fuzzing the loader and the CLI with mutated files; the cases and the checks are in tests/fuzz.py.

CI runs FUZZ_CASES (default 10,000) cases in-process through the click command `tebiki` runs,
and FUZZ_PROCESSES (default 40) as real processes, the 50 MB file among them, under time and
memory limits.  Every case ends with exit 0, 1 or 2 and a message, never a traceback or a hang.

Bigger runs: ``FUZZ_CASES=100000 FUZZ_SEED=11 .venv/bin/python -m pytest tests/test_fuzz.py``
or ``.venv/bin/python -m tests.fuzz --cases 100000 --seed 11``.
"""

from __future__ import annotations

import os
import random
import resource

from . import fuzz

CASES = int(os.environ.get("FUZZ_CASES", "10000"))
PROCESSES = int(os.environ.get("FUZZ_PROCESSES", "40"))
SEED = int(os.environ.get("FUZZ_SEED", "7"))
MEMORY_GROWTH = 600 << 20
"""The in-process cases may not make this process grow by more than this (ru_maxrss)."""


def _summary(report: fuzz.Report) -> str:
    return (f"{report.cases} cases in {report.seconds:.1f} s (exit 0: {report.by_exit[0]}, 1: {report.by_exit[1]}, "
            f"2: {report.by_exit[2]}); slowest {report.slowest[0] * 1000:.0f} ms ({report.slowest[1]})")


def test_fuzz_in_process(tmp_path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    report = fuzz.run_inprocess(fuzz.cases(CASES, SEED), tmp_path, random.Random(SEED), fuzz.Report())
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    print(_summary(report))
    assert not report.failures, "\n".join(report.failures)
    assert report.cases == CASES >= 10_000 or "FUZZ_CASES" in os.environ
    assert report.by_exit[2] and report.by_exit[0] + report.by_exit[1], "the cases reach both the loader's errors and the rules"
    assert grown < MEMORY_GROWTH, f"peak memory grew by {grown >> 20} MiB"


def test_fuzz_in_real_processes(tmp_path):
    report = fuzz.Report()
    fuzz.run_processes(fuzz.process_cases(max(PROCESSES - 1, 0), SEED), tmp_path, report)
    big = fuzz.make_big_file(tmp_path / "big.yaml")
    assert big.stat().st_size >= 50 << 20
    fuzz._run_big_file(big, report)
    print(_summary(report))
    assert not report.failures, "\n".join(report.failures)
    assert report.cases == PROCESSES


def test_the_special_inputs_are_there():
    names = {c.name for c in fuzz.special_cases()}
    for wanted in ("flow-nesting-100000", "alias-bomb-12", "random-bytes-4096", "cp932", "utf-16-le-no-bom",
                   "utf-16-be-no-bom", "latin-1", "empty", "python-tag", "huge-int"):
        assert wanted in names
    fields = {c.name.split(" <- ")[0] for c in fuzz.fixed_cases() if c.name.startswith("wrong-type")}
    assert any(".kpis.*.baseline" in f for f in fields) and any("governance" in f for f in fields)
    assert len(fields) >= 100, "every field position of the seeds is given a wrong type"


def test_a_judged_failure_is_reported():
    case = fuzz.Case("x", b"id: a\n")
    assert fuzz.judge(case, 3, "", "", "f.yaml") == "exit code 3"
    assert "traceback" in fuzz.judge(case, 2, "", "Traceback (most recent call last):", "f.yaml")
    assert fuzz.judge(case, 2, "", "something went wrong\n", "f.yaml").startswith("exit 2 without a file:line:col")
    assert fuzz.judge(case, 2, "", "f.yaml:99:1: far away\n", "f.yaml").startswith("problem outside the file")
    assert fuzz.judge(case, 2, "", "f.yaml:1:1: the file is empty\n", "f.yaml") is None
    assert fuzz.judge(case, 0, "", "", "f.yaml") == "exit 0 without a report"
