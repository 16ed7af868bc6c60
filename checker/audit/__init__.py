"""The prefecture audit: check a folder of strategies, aggregate, cross-check.

    from checker.audit import run_audit
    result = run_audit("examples/prefecture", "out/audit")   # writes audit.csv, audit.json, index.html

See docs/audit.md for the outputs and the cross-check (codes XP01–XP07).
"""

from .aggregate import Layout, to_csv
from .crosscheck import records as crosscheck_records
from .facts import Facts, extract
from .run import OUTPUTS, AuditResult, UsageError, discover, run_audit

__all__ = ["OUTPUTS", "AuditResult", "Facts", "Layout", "UsageError", "crosscheck_records", "discover", "extract", "run_audit", "to_csv"]
