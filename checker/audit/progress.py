"""The audit's progress on standard error, drawn by rich only on a terminal (quiet in pipes, logs
and CI): a bar, files done of all, elapsed and remaining time.  rich is imported only when a
bar is shown, so neither `tebiki check` nor a scripted audit loads it."""

from __future__ import annotations

import sys

LABEL = {"ja": "点検中", "en": "checking"}


class Progress:
    """`advance()` once per file, `close()` at the end; does nothing when not `enabled`."""

    def __init__(self, total: int, enabled: bool = True, stream=None, lang: str = "ja"):
        self.total, self.enabled = total, enabled
        self.done = 0
        self._bar = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        console = Console(file=stream or sys.stderr)
        self._bar = Bar(TextColumn(LABEL.get(lang, LABEL["en"])), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TimeRemainingColumn(), console=console, transient=False, refresh_per_second=8)
        self._task = self._bar.add_task("", total=total)
        self._bar.start()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
