"""`python -m checker` from a checkout, with an interpreter that lacks the dependencies (here: this
interpreter without its site-packages, `-S`): it runs itself again with the checkout's .venv, or
says in one line how to set up and exits 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def _run(*extra_env: tuple[str, str]):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TEBIKI_IN_CHECKOUT_VENV")}
    env.update(extra_env)
    return subprocess.run([sys.executable, "-S", "-m", "checker", "check", "examples/toyonaka.yaml"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.skipif(not VENV_PYTHON.is_file(), reason="no .venv in the checkout")
def test_without_the_dependencies_it_runs_with_the_checkouts_venv():
    proc = _run()
    assert proc.returncode == 0, proc.stderr
    assert "1 ファイル" in proc.stdout


def test_without_a_venv_to_use_it_says_how_to_set_up_in_one_line():
    proc = _run(("TEBIKI_IN_CHECKOUT_VENV", "1"))
    assert proc.returncode == 2
    assert proc.stdout == "" and proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("tebiki: the package ") and "python3 -m venv .venv" in proc.stderr
