"""The JSON Schema of the strategy file format, for editors (yaml-language-server) and validators."""

from __future__ import annotations

import json

from .model import Strategy
from .model.fielddocs import document_fields

SCHEMA_ID = "https://github.com/tebiki-checker/tebiki-checker/schema/strategy-1.json"
PROGRESS_SCHEMA_ID = "https://github.com/tebiki-checker/tebiki-checker/schema/progress-1.json"


def strategy_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a strategy file."""
    return _schema(Strategy, SCHEMA_ID, "地方版総合戦略 (local strategy) — tebiki-checker format 1")


def progress_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a progress file (one fiscal year of a strategy's 効果検証)."""
    from .model import ProgressFile

    return _schema(ProgressFile, PROGRESS_SCHEMA_ID, "効果検証の記録 (progress file) — tebiki-checker format 1")


def _schema(model, schema_id: str, title: str) -> dict:
    document_fields(model)
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
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


def schema_json(progress: bool = False) -> str:
    """The schema (of strategy files, or of progress files) as deterministic, indented JSON text."""
    schema = progress_schema() if progress else strategy_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
