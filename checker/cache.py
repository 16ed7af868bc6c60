"""A cache of what every run would otherwise rebuild from the same files: the loaded rule pack
and the strategy format's validator.

Entries are pickles in ``$TEBIKI_CACHE_DIR`` (default ``$XDG_CACHE_HOME/tebiki-checker``, else
``~/.cache/tebiki-checker``), named by the SHA-256 of everything they were made from: the
content of the files (the rule packs' YAML; the code that reads, checks and models them:
``checker/engine``, ``checker/checks``, ``checker/model``) and the versions of tebiki-checker,
Python, pydantic and pydantic-core.  Change any of them and the key changes: a stale entry is
never used.

- The pack (`cached_pack`): only a pack that loaded without problems is kept (a broken pack is
  checked, and reported, every time); its files still count as inputs of the run.
- The validator (`ensure_validator`): pydantic builds a model's validator from a "core schema"
  that it generates by inspecting the model classes (most of a run's start-up); the core schema,
  without its JSON-Schema and serialisation parts, is kept, and the validator is made from it
  directly.  It validates exactly as the generated one (it is the same schema).

Because a pickle can run code when read, an entry is read only when it and its folder belong
to the user running the tool and nobody else can write them; the folder is made private
(0700).  Anything that goes wrong with the cache (no home folder, a read-only or full disk, a
damaged file) is silently the same as no cache.  ``TEBIKI_CACHE_DIR=`` (empty) turns it off.
At most `KEEP` entries of each kind are kept (the least recently used are removed).
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Callable, Iterable

KEEP = 8
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where entries are kept (None when caching is off)."""
    configured = os.environ.get("TEBIKI_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "tebiki-checker"


def digest(extra: str, files: Iterable[Path]) -> str:
    """The SHA-256 of the versions, `extra` and the names and contents of `files`."""
    import hashlib

    import pydantic
    import pydantic_core

    from . import __version__

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}|{pydantic.VERSION}|{pydantic_core.__version__}|{extra}".encode())
    for path in files:
        h.update(b"\0" + os.fsencode(path) + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def code_files(*folders: str) -> list[Path]:
    """The Python files of the package's `folders`."""
    return [p for folder in folders for p in sorted((PACKAGE / folder).glob("*.py"))]


def _private(path: Path, *, folder: bool) -> bool:
    """Owned by this user and writable by nobody else (so a pickle there is ours)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    kind = stat.S_ISDIR if folder else stat.S_ISREG
    return kind(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


def fetch(kind: str, key: str) -> object | None:
    """The entry `kind`-`key`, or None."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return None
    target = folder / f"{kind}-{key}.pickle"
    if not (_private(folder, folder=True) and _private(target, folder=False)):
        return None
    try:
        with open(target, "rb") as fh:
            value = pickle.load(fh)
        os.utime(target)
    except Exception:  # a damaged or foreign file: as if there were none
        return None
    return value


def keep(kind: str, key: str, value: object) -> None:
    """Store an entry (silently nothing when that is not possible)."""
    from .fileio import OutputError, write_output

    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return
    target = folder / f"{kind}-{key}.pickle"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder, folder=True):
            return
        write_output(target, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.chmod(target, 0o600)
        entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except (OSError, OutputError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass


# -- the rule pack ----------------------------------------------------------------------------


def cached_pack(root: Path, editions: Path, build: Callable[[Path], object], prepare: Callable[[object], None]) -> object:
    """The pack at `root`: from the cache when it holds this exact pack, else `build(root)` (and kept).
    `prepare(pack)` is run on a pack from the cache (what loading does besides parsing)."""
    if cache_dir() is None:
        return build(root)
    real = root.resolve()
    packs = sorted(editions.rglob("*.yaml"))
    if editions.resolve() not in (real, *real.parents):
        packs += sorted(root.rglob("*.yaml"))
    try:
        key = digest(str(real), [*packs, *code_files("engine", "checks", "model")])
    except OSError:
        return build(root)
    pack = fetch("pack", key)
    if pack is not None:
        from .fileio import note_input

        for path in packs:  # the pack's files are inputs of the run, as when they are read
            note_input(path)
        prepare(pack)
        return pack
    pack = build(root)
    keep("pack", key, pack)
    return pack


# -- the strategy validator -------------------------------------------------------------------

_READY: set[type] = set()


def _validation_only(schema: object) -> object:
    """A core schema without what validation does not use (JSON Schema hooks, serialisers)."""
    if isinstance(schema, dict):
        return {k: _validation_only(v) for k, v in schema.items() if k not in ("metadata", "serialization")}
    if isinstance(schema, list):
        return [_validation_only(v) for v in schema]
    return schema


def ensure_validator(model: type) -> None:
    """Give `model` (a pydantic model built with defer_build) its validator, from the cache when
    it holds this model's core schema; else let pydantic build it, and keep its core schema."""
    if model in _READY:
        return
    _READY.add(model)
    if cache_dir() is None or not _deferred(model):
        return
    try:
        key = digest(f"{model.__module__}.{model.__qualname__}", code_files("model"))
    except OSError:
        return
    schema = fetch("validator", key)
    if schema is not None:
        from pydantic_core import SchemaValidator

        try:
            model.__pydantic_validator__ = SchemaValidator(schema)
            return
        except Exception:  # not a schema this pydantic-core accepts: build as usual
            pass
    model.model_rebuild(force=True)
    keep("validator", key, _validation_only(model.__pydantic_core_schema__))


def _deferred(model: type) -> bool:
    """Whether the model's validator has not been built yet."""
    from pydantic._internal._mock_val_ser import MockValSer

    return isinstance(model.__dict__.get("__pydantic_validator__"), MockValSer)
