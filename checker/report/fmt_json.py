"""JSON output: one document with every finding, input problem and a summary (see docs/json-format.md)."""

from __future__ import annotations

import json

from .. import __version__
from ..api import FileResult
from ..engine.finding import Finding
from ..engine.pack import Pack
from . import Options, counts

SCHEMA_VERSION = 1


def finding_dict(f: Finding, lang: str) -> dict:
    """A finding as plain JSON data."""
    return {
        "code": f.code,
        "name": f.name,
        "area": f.area,
        "sections": list(f.sections),
        "severity": f.severity.value,
        "basis": f.basis.value,
        "message": f.message.get(lang),
        "messages": {"ja": f.message.ja, "en": f.message.en},
        "file": f.file,
        "line": f.line,
        "column": f.col,
        "node": {"id": f.node_id, "type": f.node_type, "name": f.node_name},
        "justified": f.justified,
        "deviation": None
        if f.deviation is None
        else {
            "justification": f.deviation.justification,
            "approver": f.deviation.approver,
            "expires": f.deviation.expires,
            "line": f.deviation.line,
        },
        "fingerprint": f.fingerprint,
    }


def indicator_dicts(results: list[FileResult], pack: Pack, lang: str) -> list[dict]:
    """Every indicator of the loaded files with its kind, declared or inferred (see checker.kinds)."""
    from ..kinds import indicator_kinds_of

    return [
        {"file": r.file, **record.as_dict(lang)}
        for r in results
        if r.strategy is not None
        for record in indicator_kinds_of(r.strategy, pack.reference, graph=r.graph)
    ]


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    findings = [finding_dict(f, options.lang) for r in results for f in r.findings]
    errors = [{"file": p.file, "line": p.line, "column": p.col, "message": p.message} for r in results for p in r.problems]
    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "tebiki-checker", "version": __version__, "edition": pack.edition},
        "files": [r.file for r in results],
        "findings": findings,
        "errors": errors,
        "indicators": indicator_dicts(results, pack, options.lang),
        "summary": {**counts(results), "fail_on": options.fail_on.value},
    }
    if options.baseline is not None:  # --baseline: what it hid and which of its entries are gone
        doc["baseline"] = options.baseline.as_dict()
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
