"""Shared test helpers: the repository root, the default pack, and a fixed 'today'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2025, 4, 1)
"""The date rule fixtures are checked on (deviation expiry depends on it)."""


@pytest.fixture(scope="session")
def pack():
    from checker.engine import load_pack, pack_dir

    return load_pack(pack_dir())
