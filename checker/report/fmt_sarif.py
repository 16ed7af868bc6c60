"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers (see docs/ci.md).

- `runs[0].tool.driver.rules`: one reporting descriptor per rule that ran, with a
  distinct `id` (the rule code), its readable `name`, title, rationale, how to
  fix it (`help`), its documentation page (`helpUri`), the 手引き sections it
  comes from (`properties`) and its default level.
- `results`: one per finding, with `ruleId`/`ruleIndex`, the level after
  configuration, the message in `--lang`, a relative artifact URI with
  `startLine`/`startColumn`, the strategy node as a logical location, and
  `partialFingerprints` from the rule code and the node id (lines are not part
  of it, so moving text does not make an alert new).
- A justified deviation is a result with a `suppressions` entry: kind
  `inSource` (the deviation record is in the strategy file itself; SARIF's
  `external` is for suppressions kept outside the analysed file), state
  `accepted`, the written justification, and the record's location.
- Files that could not be loaded are `toolExecutionNotifications` of the
  invocation (level error, with file, line and column), and the invocation is
  then not `executionSuccessful`.

The output is deterministic: no times, no absolute paths, sorted as the text report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..api import FileResult
from ..engine.finding import Finding, Severity
from ..engine.pack import Pack, RuleRecord
from . import Options, editions_data
from .jsontext import dumps

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/tebiki-checker/tebiki-checker"
RULE_DOCS = INFORMATION_URI + "/blob/main/docs/rules/{code}.md"
FINGERPRINT = "tebikiRuleNode/v1"
"""Key of the partial fingerprint: the rule code and the node id (and an ordinal for repeats)."""

LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
INPUT_ERROR = "input-error"


def artifact_uri(file: str) -> str:
    """A relative URI (to the current directory, the repository root in CI) for a file path."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = Path(os.path.relpath(path, Path.cwd()))
        except ValueError:  # another drive: keep it absolute
            return path.as_uri()
        if path.as_posix().startswith("../"):
            return Path(file).as_uri()
    return quote(path.as_posix(), safe="/")


def _text(value, lang: str) -> str:
    return getattr(value, "en" if lang == "en" else "ja")


def _rule_descriptor(rule: RuleRecord, pack: Pack, lang: str) -> dict:
    titles = {s.id: s.title for s in pack.sections}
    sections = ", ".join(f"{s} {titles.get(s, '')}".strip() for s in rule.sections)
    fix, why = _text(rule.fix, lang), _text(rule.rationale, lang)
    label = ("Fix", "Why", "手引き") if lang == "en" else ("直し方", "理由", "手引き")
    help_text = f"{label[0]}: {fix}\n{label[1]}: {why}\n{label[2]}: {sections}"
    help_md = f"**{label[0]}**: {fix}\n\n**{label[1]}**: {why}\n\n**{label[2]}**: {sections}"
    properties = {
        "tags": [f"手引き {s}" for s in rule.sections] + [rule.area.value],
        "sections": list(rule.sections),
        "area": rule.area.value,
        "wording": rule.wording.value,
        "basis": rule.basis.value,
        "deviable": rule.deviable,
        "appliesTo": rule.applies_to.value,
    }
    if rule.law:
        properties["law"] = rule.law
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _text(rule.title, lang)},
        "fullDescription": {"text": why},
        "helpUri": RULE_DOCS.format(code=rule.code),
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def _location(uri: str, index: int, line: int, col: int) -> dict:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "index": index},
            "region": {"startLine": max(line, 1), "startColumn": max(col, 1)},
        }
    }


def _result(f: Finding, rule_index: dict[str, int], uri: str, artifact: int, ordinal: int, options: Options) -> dict:
    location = _location(uri, artifact, f.line, f.col)
    location["logicalLocations"] = [{"name": f.node_name or f.node_id, "fullyQualifiedName": f.node_id, "kind": f.node_type}]
    fingerprint = f"{f.code}:{f.node_id}" + (f":{ordinal}" if ordinal > 1 else "")
    result = {
        "ruleId": f.code,
        "ruleIndex": rule_index.get(f.code, -1),
        "level": LEVELS[f.severity],
        "message": {"text": f.message.get(options.lang)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {
            "sections": list(f.sections),
            "basis": f.basis.value,
            "node": {"id": f.node_id, "type": f.node_type, "name": f.node_name},
        },
    }
    if f.deviation is not None:
        d = f.deviation
        suppression = {"kind": "inSource", "state": "accepted", "justification": d.justification}
        if d.line:
            suppression["location"] = _location(uri, artifact, d.line, 1)
        extra = {k: v for k, v in (("approver", d.approver), ("expires", d.expires)) if v}
        if extra:
            suppression["properties"] = extra
        result["suppressions"] = [suppression]
    elif options.baseline is not None:
        result["baselineState"] = "new"
    return result


def sarif_log(results: list[FileResult], pack: Pack, options: Options) -> dict:
    """The SARIF log as plain data (render() serialises it)."""
    lang = "en" if options.lang == "en" else "ja"
    codes = set(options.rules) if options.rules is not None else {r.code for r in pack.rules}
    codes |= {f.code for r in results for f in r.findings}  # a finding's rule is always described
    rules = [r for r in pack.rules if r.code in codes]
    rule_index = {r.code: i for i, r in enumerate(rules)}
    artifacts, sarif_results, notifications = [], [], []
    artifact_of: dict[str, int] = {}

    def artifact(file: str) -> tuple[str, int]:
        """The URI and index of a file's artifact (a strategy's progress file gets one of its own)."""
        uri = artifact_uri(file)
        if uri not in artifact_of:
            artifact_of[uri] = len(artifacts)
            artifacts.append({"location": {"uri": uri}, "roles": ["analysisTarget"]})
        return uri, artifact_of[uri]

    for result in results:
        uri, index = artifact(result.file)
        seen: dict[str, int] = {}
        for f in result.findings:
            seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
            f_uri, f_index = (uri, index) if f.file == result.file else artifact(f.file)
            sarif_results.append(_result(f, rule_index, f_uri, f_index, seen[f.fingerprint], options))
        for p in result.problems:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": p.message},
                    "locations": [_location(uri, index, p.line, p.col)],
                    "descriptor": {"id": INPUT_ERROR, "index": 0},
                }
            )
    input_error = {
        "id": INPUT_ERROR,
        "name": "input-error",
        "shortDescription": {"text": "The file could not be read or validated." if lang == "en" else "ファイルを読み込めないか、形式が正しくありません。"},
        "defaultConfiguration": {"level": "error"},
    }
    run = {
        "tool": {
            "driver": {
                "name": "tebiki-checker",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "language": lang,
                "rules": [_rule_descriptor(r, pack, lang) for r in rules],
                "notifications": [input_error],
                "properties": {"edition": pack.edition, "editionTitle": pack.meta.title},
            }
        },
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "language": lang,
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": sarif_results,
        "properties": {"failOn": options.fail_on.value, "editions": editions_data(results)},
    }
    if options.baseline is not None:
        run["properties"]["baseline"] = options.baseline.as_dict()
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    return dumps(sarif_log(results, pack, options)) + "\n"
