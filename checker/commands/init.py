"""`tebiki init FILE`: start a new strategy from the skeleton the 手引き gives as an example (§4).

The 手引き (令和4年12月版, 4-2, after the KPI examples) sketches a local strategy
as: the regional vision; a goal with numerical targets; basic directions; and
specific measures, each with projects and a KPI.  `init` writes that skeleton
in the tebiki-checker format, with comments in Japanese and English saying
what each part is, and a yaml-language-server modeline for editor completion.

Placeholders (○○) load cleanly: ids and years are valid.  What is left to
decide is left out rather than invented (baselines and target values, the
governance section), so `tebiki check FILE` lists it as findings.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..cli import EXIT_ERROR, app


class BodyLevel(str, Enum):
    municipality = "municipality"
    prefecture = "prefecture"


def self_word(name: str, level: str) -> str:
    """How the strategy calls its own body: 本市, 本町, 本村, 本区, 本県, 本府, 本都, 本道."""
    last = name.strip()[-1:] if name.strip() else ""
    if last in ("市", "町", "村", "区", "県", "府", "都", "道"):
        return "本" + last
    return "本県" if level == "prefecture" else "本市"


TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# 地方版総合戦略のひな形（tebiki-checker 形式 1）。`tebiki init` が、手引き（令和4年12月版）4-2 の末尾に
# 示された「地方版総合戦略の骨格」の例（地域ビジョン → 目標と数値目標 → 基本的方向 → 具体的な施策と KPI）
# に沿って作成しました。
# A new local strategy (tebiki-checker format 1), written by `tebiki init` from the skeleton the 手引き
# sketches at the end of 4-2: regional vision → goal with numerical targets → basic directions →
# specific measures with KPIs.
#
# 「○○」を書き換え、目標・施策を追加してください。`tebiki check {file}` の指摘が、残りの記入箇所
# （基準値・目標値、推進体制など）を示します。形式の説明: docs/format.md、エディタ: docs/editors.md。
# Replace the ○○ placeholders and add goals and measures; `tebiki check {file}` lists what is still
# missing (baselines, targets, governance ...). Format: docs/format.md; editor set-up: docs/editors.md.

format: 1
# 識別子（英数字・- _ .）。ファイル内で一意 / The file's id: ASCII letters, digits, - _ .
id: {id}
# 正式名称 / The full title as printed
title: {title}
# draft（案）→ adopted（策定済み）→ revised（改訂済み）
status: draft

# 策定する団体 / The body that issues the strategy
body:
  name: {name}
{code_line}  # municipality（市区町村）または prefecture（都道府県）
  level: {level}
{prefecture_line}
# 計画期間（手引き 3-2）。国の総合戦略（令和5年度～令和9年度）に合わせるのが基本です。異なる場合は reason に理由を。
# Strategy period (手引き 3-2): normally the national strategy's FY2023–FY2027; give a `reason` if it differs.
period:
  start: 令和5年度
  end: 令和9年度

# 勘案したもの（手引き 3-4）/ What the strategy considers (手引き 3-4)
considers:
  # 国のデジタル田園都市国家構想総合戦略 / The national strategy
  national_strategy:
    title: デジタル田園都市国家構想総合戦略
    edition: "2022-12"
{prefectural}  # 地方人口ビジョン（目標の前提となる人口の将来展望）/ The local population vision the goals rest on
  population_vision:
    title: {name}人口ビジョン

# 地域ビジョン（地域が目指すべき理想像、手引き 3-6）/ The regional vision: the ideal the area aims for (手引き 3-6)
vision:
  id: vision
  # 理想像を一言で / The ideal in one phrase
  name: ○○と連携し、学びと雇用の魅力があふれるまち
  # 地域の強み・課題と、目指す姿を文章で / The area's strengths and issues, and where it aims to be
  text: >-
    {self}の強み（○○）と課題（○○）を踏まえ、○○と連携して○○を進め、
    ○○が住みたくなる・住み続けたくなる地域を目指す。

# 目標（基本目標、手引き 3-7・4-1）。政策分野ごとに置き、数値目標を設定します。
# Goals (手引き 3-7, 4-1): one per policy area, each with numerical targets.
goals:
  - id: goal-1
    name: {self}への人の流れをつくる
    # 国の施策の方向（手引き 3-7）: jobs, people-flow, family, attractive-region, digital-infrastructure,
    # digital-talent, inclusion / The national directions this goal serves
    national_directions: [people-flow]
    # 数値目標（手引き 4-1）: 基準値（baseline）と目標値（target）を記入してください。
    # Numerical targets (手引き 4-1): fill in the baseline and the target. For example:
    #   baseline: {{value: 120, as_of: 令和4年度}}
    #   target: {{text: 5年間で○○人増加, value: 500, aggregate: sum, period: 令和5年度～令和9年度}}
    numerical_targets:
      - id: target-1-1
        name: 「転職なき移住」の推進による人口の社会増
        unit: 人
      - id: target-1-2
        name: {area}外への転出者数
        unit: 人
    # 基本的方向（手引き 3-7）/ Basic directions (手引き 3-7)
    directions:
      - id: dir-1-1
        label: （ア）
        name: {self}への移住の推進
        text: >-
          オンラインも活用した移住相談や情報発信を行い、どこでも同じように働ける環境を整えて、
          多様な形での移住を推進する。
        # 具体的な施策と重要業績評価指標（KPI、手引き 3-8・4-2）/ Specific measures and their KPIs (手引き 3-8, 4-2)
        measures:
          - id: m-1-1-1
            label: ①
            name: UIJターンによる起業・就業者の創出
            text: 移住相談（オンラインを含む）や移住セミナー、SNS 等による情報発信で、移住者の増加を図る。
            # デジタルの力を活用する施策 / A measure that uses digital means
            digital: true
            # 具体的な事業 / Concrete projects
            projects: [移住・交流相談促進事業, ○○事業]
            kpis:
              - id: kpi-1-1-1
                name: {self}相談窓口を通じた移住者数
                unit: 人
                # 例 / e.g. target: {{text: ○○人（5か年分の累計）, value: 100, aggregate: sum, period: 令和5年度～令和9年度}}
          - id: m-1-1-2
            label: ②
            name: テレワーク環境の整備
            text: サテライトオフィスを整備し、その利用を促す情報発信を行う。
            digital: true
            projects: [サテライトオフィス整備事業, ○○事業]
            kpis:
              - id: kpi-1-1-2
                name: サテライトオフィスの稼働率
                unit: "%"
                # デジタル関連の KPI / A KPI that tracks a digital measure
                digital: true
      - id: dir-1-2
        label: （イ）
        name: {self}への定着の促進
        text: >-
          地域の企業や大学等の魅力を高めて学びの場と雇用をつくり、若者の地域への定着を図る。
        measures:
          - id: m-1-2-1
            label: ①
            name: 地域の企業や大学等の魅力向上
            text: 産学官で連携し、インターンシップや地域企業の魅力発信・マッチングを行う。
            projects: [産学官連携推進事業, ○○事業]
            kpis:
              - id: kpi-1-2-1
                name: {area}内高校・大学卒業生の{area}内就職率
                unit: "%"

# 推進体制・効果検証（手引き 2・7・8）。決まったら記入してください（`tebiki check` が不足を示します）。
# Governance, verification and the assembly (手引き 2, 7, 8): fill in once decided. For example:
# governance:
#   pdca: {{cycle_years: 1, kpi_review: true, revision: true}}
#   verification_body: {{name: ○○総合戦略推進会議, external_experts: true, sectors: [産, 官, 学, 金, 労, 言, 士], residents: true, digital_expertise: true}}
#   publication: {{published: true, channels: [ホームページ]}}
#   assembly: {{deliberation: true, stages: [drafting, verification]}}
#   participation: {{methods: [パブリックコメント], drafted_in_house: true}}
#   internal: {{departments: [企画課, デジタル推進課], digital_department: true}}

# 手引きと異なる判断をした場合は、理由を記録します（手引き 7-1）/ Where local judgement departs from the 手引き, record why:
# deviations:
#   - rule: OL07            # 規則のコードまたは名前 / the rule's code or name
#     node: m-1-1-1         # 対象の id / the node it concerns
#     justification: ○○のため、施策単位の KPI は設けず目標の数値目標で検証する。
"""


def render_template(name: str, level: str, code: str | None, prefecture: str | None, schema: str, file: str) -> str:
    """The skeleton's text for one body."""
    word = self_word(name, level)
    if level == "municipality":
        pref = prefecture or "○○県"
        prefecture_line = f"  # 都道府県名 / The prefecture\n  prefecture: {pref}\n"
        prefectural = (
            "  # 都道府県の地方版総合戦略 / The prefecture's strategy\n"
            "  prefectural_strategy:\n"
            f"    title: {pref}デジタル田園都市国家構想総合戦略\n"
        )
    else:
        prefecture_line, prefectural = "", ""
    code_line = (
        f'  # 全国地方公共団体コード（6桁、検査数字付き）/ Local government code, six digits with check digit\n  code: "{code}"\n'
        if code
        else '  # 全国地方公共団体コード（6桁、検査数字付き）/ Local government code, six digits with check digit\n  # code: "000000"\n'
    )
    return TEMPLATE.format(
        schema=schema,
        file=file,
        id=f"strategy-{code}" if code else "strategy",
        title=f"{name}デジタル田園都市国家構想総合戦略",
        name=name,
        code_line=code_line,
        level=level,
        prefecture_line=prefecture_line,
        prefectural=prefectural,
        self=word,
        area=word[1:],
    )


@app.command()
def init(
    file: Path = typer.Argument(..., help="The new strategy file to write (never overwritten)."),
    body_name: str = typer.Option("○○市", "--body-name", help="The body's name, e.g. 豊中市."),
    code: Optional[str] = typer.Option(None, "--code", help="全国地方公共団体コード, six digits, e.g. 272035."),
    level: Optional[BodyLevel] = typer.Option(None, "--level", help="municipality or prefecture (default: from --code, else municipality)."),
    prefecture: Optional[str] = typer.Option(None, "--prefecture", help="For a municipality: its prefecture, e.g. 大阪府."),
    schema: str = typer.Option("strategy.schema.json", "--schema", help="Path (relative to FILE) or URL of the JSON Schema, for the editor modeline."),
) -> None:
    """Write a new strategy file from the 手引き's skeleton (vision, goal and targets, directions, measures with KPIs)."""
    from ..bodycode import is_prefecture
    from ..fileio import write_output
    from ..load import InputError, loads

    if os.path.lexists(file):
        print(f"{file}:1:1: already exists; tebiki init never overwrites a file", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    if code is not None:
        code = code.strip()
    chosen = level.value if level else ("prefecture" if code and code.isdigit() and len(code) == 6 and is_prefecture(code) else "municipality")
    text = render_template(body_name.strip() or "○○市", chosen, code, prefecture, schema, file.as_posix())
    try:
        loads(text, str(file))  # what is written must load
    except InputError as exc:
        for problem in exc.problems:
            print(f"{file}: not written: {problem.message}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    write_output(file, text, option="FILE", exclusive=True)
    hint = file.parent / schema if "://" not in schema else None
    print(f"wrote {file}; next: tebiki check {file}", file=sys.stderr)
    if hint is not None and not hint.exists():
        print(f"for editor completion: tebiki schema -o {hint.as_posix()}", file=sys.stderr)
