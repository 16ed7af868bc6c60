"""A rule pack fails loudly, with file:line:col, on anything a rule could silently get wrong;
and a new edition is a new pack beside the old one, with its own national data."""

from __future__ import annotations

import shutil

import pytest

from checker import build_graph, load, run_pack
from checker.engine.pack import load_pack, pack_dir
from checker.load import InputError

from .conftest import FIXTURES, TODAY

SOURCE = pack_dir()


@pytest.fixture()
def copy(tmp_path):
    """A private copy of the default pack that a test may break."""
    target = tmp_path / "pack"
    shutil.copytree(SOURCE, target)
    load_pack.cache_clear()
    yield target
    load_pack.cache_clear()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(pack) -> list[str]:
    with pytest.raises(InputError) as info:
        load_pack(pack)
    return [str(p) for p in info.value.problems]


def only(pack) -> str:
    found = problems(pack)
    assert len(found) == 1, found
    return found[0]


def test_the_default_pack_loads(pack):
    assert pack.edition == "tebiki-2022-12"
    assert len(pack.rules) >= 60


def test_unknown_check(copy):
    edit(copy / "OL07.yaml", "check: measure_covered_by_kpi", "check: measure_covered_by_kpis")
    message = only(copy)
    assert message.startswith(f"{copy / 'OL07.yaml'}:")
    assert "unknown check 'measure_covered_by_kpis'; did you mean 'measure_covered_by_kpi'?" in message


def test_unknown_parameter(copy):
    edit(copy / "OL07.yaml", "check: measure_covered_by_kpi\n", "check: measure_covered_by_kpi\nparams: {limit: 3}\n")
    assert "unknown parameter 'limit'" in only(copy)


def test_bad_parameter_value(copy):
    edit(copy / "PD03.yaml", "params: {step: kpi_review}", "params: {step: kpi-review}")
    assert "bad parameter step='kpi-review'" in only(copy)


def test_missing_parameter(copy):
    edit(copy / "PD03.yaml", "params: {step: kpi_review}\n", "")
    assert "missing parameter 'step'" in only(copy)


def test_unknown_node_type_and_a_target_the_check_never_reports(copy):
    edit(copy / "ND02.yaml", "targets: [direction]", "targets: [directions]")
    assert "unknown node type 'directions'" in only(copy)
    edit(copy / "ND02.yaml", "targets: [directions]", "targets: [kpi]")
    load_pack.cache_clear()
    assert "never reports on 'kpi', so the rule can never match" in only(copy)


def test_message_placeholder_the_check_does_not_fill(copy):
    edit(copy / "OL07.yaml", "（目標「{goal}」）", "（目標「{goal}」、{pillar}）")
    assert "message uses {pillar}, which measure_covered_by_kpi does not fill" in only(copy)


def test_severity_must_follow_the_wording(copy):
    edit(copy / "OL07.yaml", "severity: warning", "severity: error")
    assert "severity error does not follow the wording 適切" in only(copy)


def test_code_must_match_the_file_name_and_sections_must_exist(copy):
    edit(copy / "OL07.yaml", "code: OL07", "code: OL70")
    assert "rule code OL70 does not match the file name OL07.yaml" in only(copy)
    edit(copy / "OL07.yaml", "code: OL70", "code: OL07")
    edit(copy / "OL07.yaml", 'sections: ["4-2"]', 'sections: ["4-9"]')
    load_pack.cache_clear()
    assert "section 4-9 is not in sections.yaml" in only(copy)


def test_duplicate_rule_name(copy):
    edit(copy / "OL07.yaml", "name: measure-without-kpi", "name: goal-without-numerical-target")
    assert "rule name 'goal-without-numerical-target' is used by" in only(copy)


def test_unknown_national_direction_in_parameters(copy):
    edit(copy / "ND03.yaml", "directions: [jobs]", "directions: [job]")
    assert "unknown national direction 'job'" in only(copy)


def test_unknown_key_in_a_record(copy):
    edit(copy / "OL07.yaml", "applies_to:", "severty: warning\napplies_to:")
    message = only(copy)
    assert "unknown key 'severty'" in message and "did you mean 'severity'?" in message


def test_a_new_edition_is_a_pack_beside_the_old_one(copy):
    """National data lives in the pack: a later edition with another period changes the verdict."""
    edit(copy / "pack.yaml", "edition: tebiki-2022-12", "edition: tebiki-2025-12")
    edit(copy / "pack.yaml", "start: 2023\n    end: 2027", "start: 2026\n    end: 2030")
    new = load_pack(copy)
    old = load_pack(SOURCE)
    assert new.edition == "tebiki-2025-12" and new.reference.national_strategy.start == 2026
    strategy = load(FIXTURES / "rules" / "PE03" / "pass.yaml")  # aligned with FY2023–2027
    graph = build_graph(strategy)
    assert "PE03" not in {f.code for f in run_pack(graph, old, today=TODAY)}
    assert "PE03" in {f.code for f in run_pack(build_graph(strategy), new, today=TODAY)}


def test_a_broken_kind_lexicon_is_reported_with_its_location(copy):
    edit(copy / "kinds.yaml", "  perception: [", "  perceptions: [")
    found = problems(copy)
    assert all(m.startswith(f"{copy / 'kinds.yaml'}:23:3:") for m in found), found
    assert any("unknown key 'perceptions' in kind lexicon; did you mean 'perception'?" in m for m in found), found


def test_an_empty_word_in_the_kind_lexicon_is_reported(copy):
    edit(copy / "kinds.yaml", "  perception: [満足,", '  perception: ["", 満足,')
    message = only(copy)
    assert message.startswith(f"{copy / 'kinds.yaml'}:"), message
    assert "empty" in message


def test_a_missing_kind_lexicon_is_reported_at_its_reference(copy):
    (copy / "kinds.yaml").unlink()
    message = only(copy)
    assert message.startswith(f"{copy / 'pack.yaml'}:"), message
    assert "kinds.yaml not found" in message
