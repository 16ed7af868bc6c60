"""What `python -m checker` does when the interpreter running it lacks the dependencies (the
system's `python3` in a checkout): run again with the checkout's `.venv` made by the README's
set-up command when there is one, else say in one line how to set up and exit 2.  Standard
library only: it runs before anything else of the package can be imported."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_AGAIN = "TEBIKI_IN_CHECKOUT_VENV"
"""Set when the command runs itself again, so that it never does so twice."""


def running_as_program() -> bool:
    """Whether the package is being imported by `python -m checker` (runpy sets argv[0] to '-m'
    while it finds the module) or its __main__ runs."""
    return sys.argv[:1] == ["-m"] or getattr(sys.modules.get("__main__"), "__package__", None) == "checker"


def _checkout_python() -> Path | None:
    """The interpreter of the `.venv` beside this package's checkout, if it is not the one running."""
    for name in ("bin/python", "Scripts/python.exe"):
        python = Path(__file__).resolve().parent.parent / ".venv" / name
        if python.is_file() and Path(sys.prefix).resolve() != python.parent.parent.resolve():
            return python
    return None


def missing_dependency(exc: ModuleNotFoundError) -> None:
    """Run again with the checkout's .venv, or print the one line and exit 2 (never returns)."""
    python = None if os.environ.get(_AGAIN) else _checkout_python()
    if python is not None:
        os.environ[_AGAIN] = "1"
        os.execv(str(python), [str(python), "-m", "checker", *sys.argv[1:]])
    print(
        f"tebiki: the package '{exc.name}' is not installed; set up as README.md says: "
        "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/tebiki check examples/toyonaka.yaml",
        file=sys.stderr,
    )
    sys.exit(2)
