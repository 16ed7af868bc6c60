"""`tebiki check` stays fast: neither importing the CLI nor running a check loads rdflib or pySHACL."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

_PROBE = """
import sys
import checker, checker.cli
from typer.testing import CliRunner
loaded_on_import = sorted(m for m in ("rdflib", "pyshacl") if m in sys.modules)
result = CliRunner().invoke(checker.cli.app, ["check", sys.argv[1], "--format", "json"])
assert result.exit_code in (0, 1), result.output
loaded_after_check = sorted(m for m in ("rdflib", "pyshacl") if m in sys.modules)
print(loaded_on_import, loaded_after_check)
"""


def test_cli_import_and_check_do_not_load_rdflib():
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(ROOT / "examples" / "toyonaka.yaml")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout.strip()
    assert out == "[] []", out


def test_export_command_is_registered_without_loading_rdflib():
    code = "import sys, checker.cli as c; names = {x.name or x.callback.__name__ for x in c.app.registered_commands}; print(sorted({'export', 'import'} - names), 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
    assert out == "[] False", out


def test_export_without_rdflib_says_what_to_install():
    code = (
        "import sys; sys.modules['rdflib'] = None\n"
        "from typer.testing import CliRunner; from checker.cli import app\n"
        "r = CliRunner().invoke(app, ['export', sys.argv[1]]); print(r.exit_code, 'rdflib' in r.output and 'pip install' in r.output)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "examples" / "toyonaka.yaml")], capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
    assert out == "2 True", out
