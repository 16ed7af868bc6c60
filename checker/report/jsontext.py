"""JSON text exactly as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, built in
time proportional to its size.

The standard library's indenting encoder is pure Python and, on the output of a strategy with
tens of thousands of findings (hundreds of megabytes of SARIF), grew faster than the output
did.  Here every scalar is encoded by the C encoder and the containers are joined level by
level into one list of pieces.  The JSON, SARIF and audit outputs use it.
"""

from __future__ import annotations

import json

_scalar = json.JSONEncoder(ensure_ascii=False).encode


def dumps(value: object, indent: int = 2) -> str:
    """The same text as json.dumps(value, ensure_ascii=False, indent=indent)."""
    pieces: list[str] = []
    _write(value, pieces, "\n", " " * indent)
    return "".join(pieces)


def _write(value: object, out: list[str], newline: str, step: str) -> None:
    if isinstance(value, dict) and value:
        inner = newline + step
        out.append("{")
        first = True
        for key, item in value.items():
            out.append(inner if first else "," + inner)
            first = False
            out.append(_scalar(key if isinstance(key, str) else _key(key)))
            out.append(": ")
            _write(item, out, inner, step)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)) and value:
        inner = newline + step
        out.append("[")
        first = True
        for item in value:
            out.append(inner if first else "," + inner)
            first = False
            _write(item, out, inner, step)
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


def _key(key: object) -> str:
    """A key that is not text, as json.dumps writes it (true, false, null, a number)."""
    if key is True or key is False or key is None:
        return _scalar(key)
    if isinstance(key, float):
        return _scalar(key)
    return str(int(key))
