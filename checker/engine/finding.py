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


class Basis(str, Enum):
    """What a finding rests on: what the document says, what it leaves unsaid, or what the tool read into its words.

    A reviewer treats these differently: a contradiction is a statement to correct, silence is
    something to add (or to confirm was done), and an inference is the tool's reading of the
    wording, which the author may overrule by declaring what is meant.
    """

    contradicts = "contradicts"
    """The document states something that goes against the 手引き, or its own data disagree."""
    not_stated = "not-stated"
    """The document is silent about something the 手引き asks for."""
    inferred = "inferred"
    """The tool read the wording (outcome or output, national direction, digital) and the verdict rests on that reading."""

    def label(self, lang: str) -> str:
        """A short label for reports: 記載と相違 / 記載なし / 記述から推定 (contradicts / not stated / inferred)."""
        return _BASIS_LABELS[self][1 if lang == "en" else 0]


_BASIS_LABELS = {
    Basis.contradicts: ("記載と相違", "contradicts"),
    Basis.not_stated: ("記載なし", "not stated"),
    Basis.inferred: ("記述から推定", "inferred"),
}


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
    basis: Basis
    """Whether the document contradicts the 手引き, is silent, or the verdict rests on the tool's reading of its words."""
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
