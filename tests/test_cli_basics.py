"""The CLI as a user runs it: JSON output, the schema, python -m checker."""

import json
import subprocess
import sys

import jsonschema
import yaml

from .conftest import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_json_output_is_valid_json_with_the_documented_fields():
    proc = run("check", "examples/toyonaka.yaml", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["files"] == ["examples/toyonaka.yaml"]
    for f in doc["findings"]:
        assert {"code", "name", "sections", "severity", "message", "file", "line", "column", "node", "justified"} <= set(f)
        assert {"id", "type", "name"} == set(f["node"])


def test_schema_validates_the_example():
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    with open(ROOT / "examples" / "toyonaka.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    data = json.loads(json.dumps(data, default=str))  # dates as text, as editors see them
    jsonschema.validate(data, schema)


def test_output_is_deterministic():
    a = run("check", "examples/toyonaka.yaml", "--format", "json").stdout
    b = run("check", "examples/toyonaka.yaml", "--format", "json").stdout
    assert a == b


def test_rules_and_explain():
    assert "OL07" in run("rules").stdout
    proc = run("explain", "measure-without-kpi")
    assert proc.returncode == 0 and proc.stdout.startswith("OL07 measure-without-kpi")
    proc = run("explain", "measure-without-kpi", "--format", "markdown")
    assert proc.returncode == 0 and "# OL07 measure-without-kpi" in proc.stdout
    assert run("explain", "XX99").returncode == 2
