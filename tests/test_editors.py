"""The editor story (docs/editors.md): `tebiki schema` validates real strategy files as yaml-language-server sees them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from checker.load.yaml_tree import parse_tree

from .ci_helpers import run
from .conftest import ROOT


@pytest.fixture(scope="module")
def schema():
    proc = run("schema")
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(doc)
    return doc


def as_editor_sees(text: str) -> object:
    """The YAML data as a JSON-Schema-based editor sees it: plain JSON values (dates are text there)."""
    return json.loads(json.dumps(parse_tree(text, "<editor>").data, default=str))


def validate(schema, data) -> None:
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_the_example_validates(schema):
    validate(schema, as_editor_sees((ROOT / "examples" / "toyonaka.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("args", [(), ("--code", "270008", "--body-name", "大阪府"), ("--body-name", "豊中市", "--code", "272035", "--prefecture", "大阪府")])
def test_init_output_validates_and_its_modeline_names_the_schema(schema, tmp_path, args):
    assert run("init", "s.yaml", *args, cwd=tmp_path).returncode == 0
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    validate(schema, as_editor_sees(text))
    assert text.splitlines()[0] == "# yaml-language-server: $schema=strategy.schema.json"
    # The documented set-up: the schema written next to the file, where the modeline points.
    assert run("schema", "-o", "strategy.schema.json", cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "strategy.schema.json").read_text(encoding="utf-8")) == schema


def test_the_schema_catches_what_an_editor_should_flag(schema):
    data = as_editor_sees((ROOT / "examples" / "toyonaka.yaml").read_text(encoding="utf-8"))
    data["goals"][0]["nmae"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
