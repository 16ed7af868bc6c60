"""The JSON Schema of the strategy file format, for editors (yaml-language-server) and validators."""

from __future__ import annotations

import json

from .model import Strategy
from .model.fielddocs import document_fields

SCHEMA_ID = "https://github.com/tebiki-checker/tebiki-checker/schema/strategy-1.json"


def strategy_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a strategy file."""
    document_fields(Strategy)
    schema = Strategy.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "地方版総合戦略 (local strategy) — tebiki-checker format 1",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    # Extension keys (x-...) are dropped by the loader; allow them for editors too.
    _allow_extensions(schema)
    return schema


def _allow_extensions(node: object) -> None:
    if isinstance(node, dict):
        if node.get("additionalProperties") is False and "properties" in node:
            node["patternProperties"] = {"^x-": {}}
        for value in node.values():
            _allow_extensions(value)
    elif isinstance(node, list):
        for value in node:
            _allow_extensions(value)


def schema_json() -> str:
    """The schema as deterministic, indented JSON text."""
    return json.dumps(strategy_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
