"""Compare two versions of a strategy (a 新旧対照表): `tebiki diff OLD NEW`.

`compare.compare(old, new)` is the structural comparison (parts matched by id, then by name and
place); `run.diff_files` adds what the revision resolved and introduced among the findings, and
the revision rules.  Kept light: the revision checks import `compare` without loading the rest.
"""
