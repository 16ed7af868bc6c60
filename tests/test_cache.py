"""The start-up cache (checker/cache.py): what it is meant to keep can be kept, and a run that
reads it prints exactly what a run without it prints."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cache import _validation_only
from checker.model import ProgressFile, Strategy

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("model", [Strategy, ProgressFile], ids=lambda m: m.__name__)
def test_the_validators_core_schema_can_be_kept(model):
    """A closure in a core schema (a validator made by a local function, a constraint pydantic
    wraps in Python) cannot be pickled, and the validator is then rebuilt on every run."""
    model.model_rebuild(force=True)
    schema = _validation_only(model.__pydantic_core_schema__)
    kept = pickle.loads(pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL))
    assert kept.keys() == schema.keys()


def _run(args: list[str], cache: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEBIKI_CACHE_DIR": cache}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, env=env, capture_output=True, timeout=120)


@pytest.mark.parametrize("args", [
    ["check", "examples/midorigawa/strategy.yaml", "--format", "json"],  # a strategy with progress files
    ["check", "examples/toyonaka.yaml", "--edition", "interim-2025-12", "--format", "sarif"],  # an inherited pack
], ids=["progress", "inherited-pack"])
def test_runs_from_the_cache_print_what_a_run_without_it_prints(tmp_path, args):
    cache = tmp_path / "cache"
    without = _run(args, "")
    first, second = _run(args, str(cache)), _run(args, str(cache))
    kinds = sorted(p.name.split("-", 1)[0] for p in cache.iterdir())
    assert kinds.count("pack") >= 1
    assert kinds.count("validator") == (2 if "midorigawa" in args[1] else 1)  # the strategy's, the progress file's
    for run in (first, second):
        assert (run.returncode, run.stdout, run.stderr) == (without.returncode, without.stdout, without.stderr)
