"""A progress bar on standard error, drawn only on a terminal (quiet in pipes, logs and CI)."""

from __future__ import annotations

import sys
import time


class Progress:
    """`[#####.....] 120/2000 files  3.1s`, redrawn in place at most ten times a second."""

    def __init__(self, total: int, enabled: bool = True, stream=None, width: int = 30):
        self.total, self.enabled, self.width = total, enabled, width
        self.stream = stream or sys.stderr
        self.done = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = -1

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._last >= 0.1 or self.done >= self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        self._shown = self.done
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} files  {now - self.start:.1f}s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            if self._shown != self.done:
                self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
