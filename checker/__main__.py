"""`python -m checker`: the same as the `tebiki` command (see checker._bootstrap for an interpreter
without the dependencies)."""

try:
    from .cli import main
except ModuleNotFoundError as exc:  # run from a checkout without installing: no traceback
    from ._bootstrap import missing_dependency

    missing_dependency(exc)

main()
