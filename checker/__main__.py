"""`python -m checker`: the same as the `tebiki` command."""

import sys

try:
    from .cli import main
except ModuleNotFoundError as exc:  # run from a checkout without installing: say what to do, no traceback
    print(
        f"tebiki: the package '{exc.name}' is not installed; run: python3 -m pip install -e . (see README.md)",
        file=sys.stderr,
    )
    sys.exit(2)

main()
