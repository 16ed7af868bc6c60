"""Editions: which edition introduced each rule's requirement, packs that inherit, the edition in force."""

from __future__ import annotations

import shutil

import pytest

from checker.engine.pack import load_pack, pack_dir
from checker.load import InputError


@pytest.fixture()
def copy(tmp_path):
    """A private copy of the default pack that a test may break."""
    target = tmp_path / "pack"
    shutil.copytree(pack_dir(), target)
    load_pack.cache_clear()
    yield target
    load_pack.cache_clear()


def test_every_rule_records_the_edition_that_introduced_it(pack):
    missing = [r.code for r in pack.rules if r.introduced is None]
    assert not missing, f"add `introduced:` as the last key of {missing}"
    known = {pack.edition, *(e.edition for e in pack.meta.history)}
    assert {r.introduced for r in pack.rules} <= known


def test_the_digital_vision_and_expertise_rules_came_with_2022_12(pack):
    came = {r.code for r in pack.rules if r.introduced == "tebiki-2022-12"}
    assert {"DG01", "DG02", "DG03", "DG04", "EV04", "EV06", "VI01", "VI07"} <= came
    assert {"OL01", "KQ01", "PD01", "CO01", "PE03"}.isdisjoint(came)


def test_an_unknown_introducing_edition_is_refused_with_its_location(copy):
    path = copy / "DG01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("introduced: tebiki-2022-12", "introduced: tebiki-2021-01"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_pack(copy)
    [problem] = info.value.problems
    assert str(problem).startswith(f"{path}:")
    assert "introduced names edition 'tebiki-2021-01', which is neither a pack's edition" in str(problem)
