"""Input problems in Japanese: the loader's messages are written once, in English, and translated
here for ``--lang ja`` (the default) when they are shown to a person.

Each entry is a pattern over the English message and its Japanese form; the parts the
message quotes (keys, values, names) are carried over unchanged.  A message no pattern
matches is shown as it is.  `problem_text` gives the whole ``file:line:col: message`` line.
"""

from __future__ import annotations

import functools
import re

_PARTS = {
    "strategy": "戦略", "goal": "目標", "basic direction": "基本的方向", "measure": "具体的な施策", "indicator": "指標",
    "indicator ref": "再掲の指標", "body": "団体（body）", "period": "計画期間（period）", "considers": "勘案（considers）",
    "vision": "地域ビジョン", "pillar": "取組の柱", "governance": "推進体制（governance）", "pdca": "PDCA（pdca）",
    "verification body": "検証機関（verification_body）", "publication": "公表（publication）", "assembly": "議会（assembly）",
    "participation": "参画（participation）", "internal structure": "庁内体制（internal）", "member": "委員（member）",
    "baseline": "現状値（baseline）", "target": "目標値（target）", "segment": "対象別の値（segment）", "deviation": "逸脱の記録",
    "document": "文書", "node": "要素", "population vision": "人口ビジョン", "projection": "将来推計",
    "projection point": "将来推計の値", "comprehensive plan": "総合計画", "national strategy ref": "国の総合戦略",
    "prefectural strategy ref": "都道府県の戦略", "source ref": "出典（source）", "dates": "日付（dates）",
    "kpi revision": "KPIの見直し", "predecessor": "前の戦略", "previous verification": "前回の検証", "kpi": "KPI",
    "numerical target": "数値目標", "kgi": "KGI",
}

_TYPES = {
    "text": "文字列", "a whole number": "整数", "a number": "数値", "true or false": "true または false",
    "a list (- item)": "リスト（- 項目）", "a mapping (key: value)": "対応表（キー: 値）", "a date (2025-03-31)": "日付（2025-03-31）",
}


def _part(words: str) -> str:
    return _PARTS.get(words, words)


def _where(m: re.Match) -> str:
    where = m.group("where")
    return "" if where == "here" else f"（{_part(where.removeprefix('in '))}）"


_JA: list[tuple[str, object]] = [
    (r"missing required key '(?P<key>[^']*)' (?P<where>in [a-z ]+|here)$",
     lambda m: f"必須のキー「{m['key']}」がありません{_where(m)}"),
    (r"unknown key '(?P<key>[^']*)' (?P<where>in [a-z ]+|here); did you mean '(?P<close>[^']*)'\?$",
     lambda m: f"未知のキー「{m['key']}」です{_where(m)}。「{m['close']}」の誤りではありませんか"),
    (r"unknown key '(?P<key>[^']*)' (?P<where>in [a-z ]+|here); allowed: (?P<allowed>.*)$",
     lambda m: f"未知のキー「{m['key']}」です{_where(m)}。使えるキー: {m['allowed']}"),
    (r"unknown key '(?P<key>[^']*)' (?P<where>in [a-z ]+|here)$", lambda m: f"未知のキー「{m['key']}」です{_where(m)}"),
    (r"'(?P<key>[^']*)' should be (?P<type>.+?), not (?P<value>.*)$",
     lambda m: f"「{m['key']}」は{_TYPES.get(m['type'], m['type'])}で書いてください（{m['value']} と書かれています）"),
    (r"'(?P<key>[^']*)' cannot be (?P<value>.*); expected (?P<expected>.*)$",
     lambda m: f"「{m['key']}」に {m['value']} は使えません。使える値: {m['expected']}"),
    (r"(?P<value>.*) is not a valid id: use ASCII letters, digits, '_', '.' and '-'$",
     lambda m: f"{m['value']} は id に使えません。半角の英数字と「_」「.」「-」で書いてください"),
    (r"'(?P<key>[^']*)' has an unexpected form: (?P<value>.*)$", lambda m: f"「{m['key']}」の書き方が想定と違います: {m['value']}"),
    (r"duplicate id '(?P<id>[^']*)' \(first used at line (?P<line>[^)]*)\)$",
     lambda m: f"id「{m['id']}」が重複しています（最初は {m['line']} 行目）"),
    (r"duplicate key '(?P<key>[^']*)' \(first at line (?P<line>\d+)\): (?P<rest>.*)$",
     lambda m: f"キー「{m['key']}」が重複しています（最初は {m['line']} 行目）: {m['rest']}"),
    (r"(?P<kind>[a-z ]+) '(?P<ref>[^']*)' does not exist; did you mean '(?P<close>[^']*)'\?$",
     lambda m: f"{_part(m['kind'])}「{m['ref']}」はありません。「{m['close']}」の誤りではありませんか"),
    (r"(?P<kind>[a-z ]+) '(?P<ref>[^']*)' does not exist$", lambda m: f"{_part(m['kind'])}「{m['ref']}」はありません"),
    (r"'(?P<ref>[^']*)' is a (?P<is>[a-z ]+), not a (?P<kind>[a-z ]+)$",
     lambda m: f"「{m['ref']}」は{_part(m['is'])}で、{_part(m['kind'])}ではありません"),
    (r"the file is empty: a strategy needs at least id, title and body$",
     "ファイルが空です。戦略には少なくとも id、title、body が必要です"),
    (r"a strategy file must be a mapping of keys \(id:, title:, body:, \.\.\.\)$",
     "戦略のファイルはキーの対応表（id:, title:, body:, …）でなければなりません"),
    (r"YAML syntax error: (?P<rest>.*)$", lambda m: f"YAML の構文の誤り: {m['rest']}"),
    (r"YAML error: (?P<rest>.*)$", lambda m: f"YAML の誤り: {m['rest']}"),
    (r"YAML tag '(?P<tag>[^']*)' is not allowed in a strategy file$", lambda m: f"YAML のタグ「{m['tag']}」は戦略のファイルでは使えません"),
    (r"'(?P<value>[^']*)' is not a valid date$", lambda m: f"「{m['value']}」は日付として読めません"),
    (r"'(?P<value>.*)' is not a number: put the number in value, the unit in unit, and the printed text in text$",
     lambda m: f"「{m['value']}」は数値ではありません。数値は value に、単位は unit に、印刷された表記は text に書いてください"),
    (r"the file is not UTF-8 \(byte (?P<byte>0x[0-9a-f]+)\); it looks like Shift_JIS/CP932: save it as UTF-8 or pass --encoding cp932$",
     lambda m: f"ファイルが UTF-8 ではありません（{m['byte']}）。Shift_JIS（CP932）のようです: UTF-8 で保存するか --encoding cp932 を指定してください"),
    (r"the file is not UTF-8 \(byte (?P<byte>0x[0-9a-f]+)\); save it as UTF-8$",
     lambda m: f"ファイルが UTF-8 ではありません（{m['byte']}）。UTF-8 で保存してください"),
    (r"the file is not valid (?P<enc>\S+): byte (?P<byte>0x[0-9a-f]+) cannot be read$",
     lambda m: f"ファイルが {m['enc']} として読めません（{m['byte']}）"),
    (r"unknown encoding '(?P<enc>[^']*)'$", lambda m: f"文字コード「{m['enc']}」は使えません"),
    (r"this is a binary file, not a YAML strategy file$", "バイナリファイルです。YAML の戦略のファイルではありません"),
    (r"is a directory, not a strategy file$", "フォルダです。戦略のファイルではありません"),
    (r"no such file$", "ファイルがありません"),
    (r"cannot read the file: (?P<why>.*)$", lambda m: f"ファイルを読めません: {m['why']}"),
    (r"the file is (?P<size>[\d.]+) MB; strategy files over (?P<max>\d+) MB are refused$",
     lambda m: f"ファイルが {m['size']} MB あります。{m['max']} MB を超える戦略のファイルは読み込みません"),
    (r"the file name is not valid UTF-8; rename the file$", "ファイル名が UTF-8 ではありません。名前を変えてください"),
    (r"(?P<field>[\w.]+): code (?P<code>\d+) is a municipality's code but level is prefecture$",
     lambda m: f"{m['field']}: 団体コード {m['code']} は市区町村のコードですが、level が prefecture です"),
    (r"(?P<field>[\w.]+): code (?P<code>\d+) is a prefecture's code but level is municipality$",
     lambda m: f"{m['field']}: 団体コード {m['code']} は都道府県のコードですが、level が municipality です"),
    (r"(?P<field>[\w.]+): 全国地方公共団体コード '(?P<code>[^']*)' must be six digits \(e\.g\. 272035 for 豊中市\)$",
     lambda m: f"{m['field']}: 全国地方公共団体コード「{m['code']}」は6桁の数字で書いてください（例: 豊中市は 272035）"),
    (r"(?P<field>[\w.]+): 全国地方公共団体コード '(?P<code>[^']*)' has check digit (?P<d>\d), expected (?P<e>\d)$",
     lambda m: f"{m['field']}: 全国地方公共団体コード「{m['code']}」の検査数字は {m['e']} のはずですが {m['d']} です"),
    (r"(?P<field>[\w.]+): the period ends \((?P<end>[^)]*)\) before it starts \((?P<start>[^)]*)\)$",
     lambda m: f"{m['field']}: 計画期間の終わり（{m['end']}）が始まり（{m['start']}）より前です"),
    (r"(?:(?P<field>[\w.]+): )?a target needs a value, a relative target, a rank, or at least its printed text$",
     lambda m: (f"{m['field']}: " if m['field'] else "") + "目標値には value、relative、rank、少なくとも text のいずれかが必要です"),
    (r"(?:(?P<field>[\w.]+): )?give baseline/target/population either on the indicator or in segments, not both$",
     lambda m: (f"{m['field']}: " if m['field'] else "") + "baseline・target・population は、指標か segments のどちらか一方に書いてください"),
    (r"nesting deeper than (?P<n>\d+) levels; this is not a strategy file$",
     lambda m: f"入れ子が {m['n']} 段を超えています。戦略のファイルではありません"),
    (r"more than (?P<n>[\d,]+) values; this is not a strategy file$", lambda m: f"値が {m['n']} 個を超えています。戦略のファイルではありません"),
    (r"alias '\*(?P<a>[^']*)' refers to no anchor$", lambda m: f"エイリアス「*{m['a']}」に対応するアンカーがありません"),
    (r"mapping keys must be plain text$", "対応表のキーは文字列で書いてください"),
]
"""(pattern, Japanese) pairs; compiled on the first message translated (`_compiled`), not at import."""


@functools.cache
def _compiled() -> list[tuple[re.Pattern, object]]:
    return [(re.compile(p), r) for p, r in _JA]


def localize(message: str, lang: str) -> str:
    """`message` in `lang` ('ja' translates a known English message; 'en' returns it as it is)."""
    if lang == "en":
        return message
    for pattern, repl in _compiled():
        m = pattern.match(message)
        if m:
            return repl(m) if callable(repl) else repl
    return message


def problem_text(problem, lang: str) -> str:
    """``file:line:col: message`` with the message in `lang`, control characters made visible
    (checker.safetext.terminal), as `str(problem)` gives it in English."""
    from ..safetext import terminal

    return terminal(f"{problem.file}:{problem.line}:{problem.col}: {localize(problem.message, lang)}")
