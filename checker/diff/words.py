"""Labels of the comparison in Japanese and English, shared by its output formats."""

from __future__ import annotations

from .compare import Change, Comparison
from .parts import KIND_TITLES

KIND_LABELS = {
    "added": ("追加", "added"),
    "removed": ("削除", "removed"),
    "renamed": ("名称変更", "renamed"),
    "moved": ("移動", "moved"),
    "changed": ("変更", "changed"),
}

FIELD_LABELS = {
    "title": ("名称", "title"),
    "short_title": ("略称", "short title"),
    "name": ("名称", "name"),
    "parent": ("位置", "place"),
    "text": ("本文", "text"),
    "edition": ("版", "edition"),
    "start": ("初年度", "first year"),
    "end": ("最終年度", "last year"),
    "reason": ("理由", "reason"),
    "relation": ("関係", "relation"),
    "period": ("期間", "period"),
    "year": ("年", "year"),
    "unit": ("単位", "unit"),
    "kind": ("アウトカム／アウトプット", "kind"),
    "data_source": ("データの出典", "data source"),
    "population": ("対象", "population"),
    "baseline": ("現状値", "baseline"),
    "target": ("目標値", "target"),
    "segments": ("対象別の値", "segments"),
    "better": ("良い方向", "better"),
    "digital": ("デジタル", "digital"),
    "label": ("番号", "label"),
    "pillars": ("取組の柱", "pillars"),
    "national_directions": ("国の施策の方向", "national directions"),
    "main_examples": ("主な取組み例", "main examples"),
    "projects": ("具体的な事業", "projects"),
    "relisted": ("再掲のKPI", "KPIs listed again"),
    "model_visions": ("モデル地域ビジョン", "model visions"),
    "policy_areas": ("重要施策分野", "policy areas"),
    "projections": ("将来推計", "projections"),
    "qualitative": ("定性的な目標", "qualitative"),
}

WORDS = {
    "ja": {
        "title": "新旧対照表",
        "old": "旧",
        "new": "新",
        "none": "（なし）",
        "no_changes": "変更はありません。",
        "edition": "点検に使った版",
        "both": "（新旧とも同じ版・同じ規則で点検。比較のため、後の版で加わった要件も緩めない）",
        "revision": "改訂の点検（指標・目標の見直しと理由の記録）",
        "resolved": "改訂で解消した指摘",
        "introduced": "改訂で新たに生じた指摘",
        "summary": "追加 {added}、削除 {removed}、名称変更 {renamed}、移動 {moved}、変更 {changed}；解消した指摘 {resolved}、新たな指摘 {introduced}、変わらない指摘 {kept}、改訂の点検 {revision}",
        "no": "No",
        "chapter": "章",
        "where": "該当箇所",
        "kind": "種類",
        "field": "項目",
        "page": "出典",
        "old_loc": "旧の位置",
        "new_loc": "新の位置",
        "recorded": "記録あり",
        "unrecorded": "記録なし",
        "dates": "日付",
    },
    "en": {
        "title": "Comparison of versions (新旧対照表)",
        "old": "old",
        "new": "new",
        "none": "(none)",
        "no_changes": "No changes.",
        "edition": "Edition used",
        "both": "(both versions judged by the same edition and rules; for the comparison, requirements of later editions are not relaxed)",
        "revision": "Revision checks (KPIs and targets revised, and the reasons recorded)",
        "resolved": "Findings the revision resolved",
        "introduced": "Findings the revision introduced",
        "summary": "{added} added, {removed} removed, {renamed} renamed, {moved} moved, {changed} changed; {resolved} finding(s) resolved, {introduced} introduced, {kept} kept, {revision} revision finding(s)",
        "no": "No",
        "chapter": "Chapter",
        "where": "Where",
        "kind": "Change",
        "field": "Field",
        "page": "Source",
        "old_loc": "Old line",
        "new_loc": "New line",
        "recorded": "recorded",
        "unrecorded": "not recorded",
        "dates": "dates",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "ja"]


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def kind_label(change: Change, lang: str) -> str:
    return pick(KIND_LABELS[change.kind], lang)


def part_label(change: Change, lang: str) -> str:
    return pick(KIND_TITLES.get(change.part, (change.part, change.part)), lang)


def field_label(change: Change, lang: str) -> str:
    if change.field is None:
        return ""
    return pick(FIELD_LABELS.get(change.field, (change.field, change.field)), lang)


def chapter_titles(comparison: Comparison, lang: str) -> dict[str, str]:
    return {key: (en if lang == "en" else ja) for key, ja, en in comparison.chapters}


def loc(value: tuple[int, int] | None) -> str:
    return f"{value[0]}:{value[1]}" if value else ""


def dates_line(strategy, lang: str) -> str:
    """The strategy's dates as printed, for the header (they are not rows of the table)."""
    d = strategy.dates
    if d is None:
        return ""
    names = {"drafted": ("案", "drafted"), "published": ("公表", "published"), "adopted": ("策定", "adopted"), "revised": ("改訂", "revised")}
    parts = [f"{pick(names[k], lang)} {getattr(d, k).text}" for k in names if getattr(d, k) is not None]
    return "、".join(parts) if lang != "en" else ", ".join(parts)
