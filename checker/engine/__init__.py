"""The check step: rule packs, check registry, the run, findings."""

from .context import Context, DeviationStatus
from .finding import Finding, Justification, Severity, Text
from .pack import DEFAULT_EDITION, Area, Pack, RuleRecord, available_editions, load_pack, pack_dir
from .registry import CHECKS, Hit, both, check
from .run import run_pack

__all__ = [
    "CHECKS", "DEFAULT_EDITION", "Area", "Context", "DeviationStatus", "Finding", "Hit", "Justification",
    "Pack", "RuleRecord", "Severity", "Text", "available_editions", "both", "check", "load_pack", "pack_dir", "run_pack",
]
