"""`python -m checker`: the same as the `tebiki` command."""

from .cli import main

main()
