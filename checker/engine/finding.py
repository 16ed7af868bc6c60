"""The finding: a plain value object that every output format adapts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is; ordered error > warning > info."""

    error = "error"
    """The outline the law requires (法第9条・第10条) or the data itself is broken."""
    warning = "warning"
    """A recommendation of the 手引き is not followed."""
    info = "info"
    """Good practice the 手引き suggests."""

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def at_least(self, other: "Severity") -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Japanese and English."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


@dataclass(frozen=True, slots=True)
class Justification:
    """The deviation record that turned a finding into a justified deviation."""

    justification: str
    approver: str | None = None
    expires: str | None = None
    line: int | None = None
    """Where the deviation record is in the file."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on one node of one strategy file."""

    code: str
    name: str
    area: str
    sections: tuple[str, ...]
    severity: Severity
    message: Text
    file: str
    line: int
    col: int
    node_id: str
    node_type: str
    node_name: str
    deviation: Justification | None = field(default=None, compare=False)
    """Set when a deviation record justifies this finding."""

    @property
    def justified(self) -> bool:
        return self.deviation is not None

    @property
    def sort_key(self) -> tuple:
        """Files, then lines, then rules: the order of every report."""
        return (self.file, self.line, self.col, self.code, self.node_id, self.message.en)

    @property
    def fingerprint(self) -> str:
        """Identity that survives edits that move lines: the rule and the node's id."""
        return f"{self.code}:{self.node_id}"
