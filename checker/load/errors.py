"""Input errors: one line each, `file:line:col: message`, exit code 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input file, with a 1-based line and column."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        """The one line for a terminal or a log: control characters in the file name or the
        message (which may quote the input) are made visible (checker.safetext.terminal)."""
        from ..safetext import terminal

        return terminal(f"{self.file}:{self.line}:{self.col}: {self.message}")


class InputError(Exception):
    """The input cannot be loaded; carries one or more problems, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str, line: int, col: int, message: str) -> "InputError":
        """An error with a single problem."""
        return cls([Problem(file, line, col, message)])
