"""Commands beyond check/schema/rules/explain, one module each; every module registers on `checker.cli.app`.

Keep imports of heavy libraries (rdflib, HTML, SARIF ...) inside the command functions so
that `tebiki check` starts fast.
"""
