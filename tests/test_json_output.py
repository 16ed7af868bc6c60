"""The JSON output follows its documented schema, for findings and input errors alike."""

import json

import jsonschema

from checker import check_file, get_pack
from checker.api import FileResult
from checker.report import Options, render

from .conftest import FIXTURES, ROOT, TODAY

SCHEMA = json.loads((ROOT / "docs" / "schemas" / "check-output.schema.json").read_text(encoding="utf-8"))


def test_output_with_findings_deviations_and_errors_matches_the_schema(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    results = [
        check_file(str(ROOT / "examples" / "toyonaka.yaml"), today=TODAY),
        check_file(str(FIXTURES / "rules" / "DV01" / "pass.yaml"), today=TODAY),
        check_file(str(bad), today=TODAY),
    ]
    doc = json.loads(render("json", results, get_pack(), Options(lang="en")))
    jsonschema.validate(doc, SCHEMA)
    assert doc["summary"]["input_errors"] == 1 and doc["errors"][0]["file"] == str(bad)
    assert any(f["justified"] for f in doc["findings"])
    keys = [(f["file"], f["line"], f["column"], f["code"]) for f in doc["findings"]]
    assert keys == sorted(keys)


def test_empty_result_matches_the_schema():
    doc = json.loads(render("json", [FileResult(file="x.yaml")], get_pack(), Options()))
    jsonschema.validate(doc, SCHEMA)


def test_output_with_a_baseline_matches_the_schema(tmp_path):
    import subprocess
    import sys

    strategy = tmp_path / "s.yaml"
    strategy.write_bytes((FIXTURES / "rules" / "OL07" / "fail.yaml").read_bytes())
    base = tmp_path / "baseline.json"
    run = lambda *a: subprocess.run([sys.executable, "-m", "checker", "check", str(strategy), *a],  # noqa: E731
                                    capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run("--write-baseline", str(base)).returncode in (0, 1)
    doc = json.loads(run("--baseline", str(base), "--format", "json").stdout)
    jsonschema.validate(doc, SCHEMA)
    assert doc["baseline"]["matched"] >= 1
