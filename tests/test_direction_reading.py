"""How a national direction is read from wording: the hard cases of docs/directions.md, and `tebiki directions`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checker import get_pack
from checker.checks._reading import read

from .conftest import ROOT


@pytest.fixture(scope="module")
def reference():
    return get_pack().reference


@pytest.mark.parametrize(
    "name, codes",
    [
        ("地域産業の活性化", {"jobs"}),
        ("産業廃棄物の適正処理", {"attractive-region"}),  # the longer word decides
        ("男女共同参画社会の実現", {"people-flow", "family"}),  # a word shared by two directions
        ("人口減少対策の推進", {"people-flow", "family"}),
        ("人口減少を前提とした安心して暮らせる地域社会", {"attractive-region"}),  # adaptation, not a population measure
        ("子どもの学力向上", {"attractive-region"}),  # 子ども in school education: ④, not ③
        ("子どもの居場所づくり", {"family"}),
        ("誰一人取り残さない地域共生社会", {"attractive-region"}),  # not the digital foundation
        ("誰一人取り残さないデジタル化", {"inclusion"}),
        ("行政手続のオンライン化", {"digital-infrastructure"}),
        ("持続可能な行財政運営", set()),  # running the administration
        ("協働と連携に基づく行政経営", set()),  # administrative words outweigh the generic ones
        ("協働のまちづくり", {"attractive-region"}),
        ("いきいきと暮らせるまち", {"attractive-region"}),  # generic words, nothing specific
        ("くらしを支える産業づくり", {"jobs"}),  # a stem outweighs the generic words
        ("ワーク・ライフ・バランスの推進", {"family"}),  # katakana joined across the 中黒
        ("未来への挑戦", set()),
    ],
)
def test_hard_cases(reference, name, codes):
    assert set(read(reference, name).words) == codes


def test_deciding_words_and_administrative_words(reference):
    r = read(reference, "持続可能な行財政運営と産業振興")
    assert r.words == {"jobs": ["産業"]}
    assert r.administrative == ["行財政"]


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "checker", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_text_json_and_stdin():
    proc = run("directions", "地域産業の活性化", "持続可能な行財政運営", "未来への挑戦")
    assert proc.returncode == 0, proc.stderr
    assert "jobs" in proc.stdout and "「産業」" in proc.stdout
    assert "行政の運営（「行財政」）" in proc.stdout and "方向を示す語句なし" in proc.stdout
    doc = json.loads(run("directions", "-f", "json", "子育て支援の充実").stdout)
    assert doc["names"][0]["directions"][0]["code"] == "family"
    assert doc["names"][0]["directions"][0]["words"] == ["子育て"]
    proc = run("directions", "-", stdin="移住・定住の促進\n\n")
    assert "people-flow" in proc.stdout and proc.stdout.count("\n") == 2
    proc = run("directions", "-f", "xml", "x")
    assert proc.returncode == 2 and proc.stdout == ""


HEAD = """format: 1
id: t
title: ○○市デジタル田園都市国家構想総合戦略
body: {name: ○○市, code: "272035", level: municipality, prefecture: 大阪府}
period: {start: 令和5年度, end: 令和9年度}
goals:
"""


def _findings(tmp_path, goals: str, code: str):
    from checker import build_graph, load, run_pack

    path = tmp_path / "s.yaml"
    path.write_text(HEAD + goals, encoding="utf-8")
    return [f for f in run_pack(build_graph(load(path)), get_pack()) if f.code == code]


def test_nd01_basis_follows_what_the_goals_rest_on(tmp_path):
    worded = "  - {id: g1, name: 地域産業の振興}\n  - {id: g2, name: 持続可能な行財政運営}\n  - {id: g3, name: 未来への挑戦}\n"
    declared = (
        "  - {id: g1, name: 地域産業の振興}\n"
        "  - {id: g2, name: 電子市役所, national_directions: [digital-infrastructure]}\n"
        "  - {id: g3, name: 人材, national_directions: [digital-talent]}\n"
    )
    assert [f.basis.value for f in _findings(tmp_path, worded, "ND01")] == ["inferred"]
    assert [f.basis.value for f in _findings(tmp_path, declared, "ND01")] == ["contradicts"]


def test_nd03_basis_is_silence_when_the_file_declares_directions(tmp_path):
    worded = "  - {id: g1, name: 移住の促進}\n"
    declared = "  - {id: g1, name: 未来への挑戦, national_directions: [people-flow]}\n"
    assert [f.basis.value for f in _findings(tmp_path, worded, "ND03")] == ["inferred"]
    assert [f.basis.value for f in _findings(tmp_path, declared, "ND03")] == ["not-stated"]
