"""Every example and fixture the loader accepts is valid against `tebiki schema` (what editors check)."""

from __future__ import annotations

import datetime as _dt
import json

import pytest

jsonschema = pytest.importorskip("jsonschema")

from checker.load import load
from checker.load.errors import InputError
from checker.load.source import read_text
from checker.load.yaml_tree import parse_tree

from .ci_helpers import run
from .conftest import ROOT

FILES = sorted(
    [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")],
    key=lambda p: str(p),
)


def _plain(value):
    """The data as an editor's YAML 1.2 reader sees it: dates stay text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    proc = run("schema")
    assert proc.returncode == 0, proc.stderr
    return jsonschema.Draft202012Validator(json.loads(proc.stdout))


def _strategy_files():
    for path in FILES:
        try:
            load(str(path))
        except InputError:
            continue  # a fixture that is meant not to load
        yield path


def test_there_are_examples_and_fixtures_to_check():
    assert len(list(_strategy_files())) > 150


@pytest.mark.parametrize("path", list(_strategy_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_loaded_files_are_valid_against_the_schema(path, validator):
    data = _plain(parse_tree(read_text(str(path)), str(path)).data)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_sectors_in_kanji_and_english_are_both_valid(validator):
    base = {"format": 1, "id": "t", "title": "t", "body": {"name": "○○市", "level": "municipality"}}
    for sectors in (["産", "官", "学", "金", "労", "言", "士"], ["industry", "media"]):
        assert not list(validator.iter_errors({**base, "governance": {"verification_body": {"sectors": sectors}}}))
    assert list(validator.iter_errors({**base, "governance": {"verification_body": {"sectors": ["農"]}}}))
