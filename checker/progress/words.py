"""The words of the verification sheet in Japanese and English, and small helpers the outputs share."""

from __future__ import annotations

from .assess import Rollup
from .sheet import LEVEL_LABELS, Sheet, fy_label

WORDS = {
    "title": ("効果検証シート", "Verification sheet"),
    "scheme": ("評価方式", "Grading scheme"),
    "overall": ("全体", "Overall"),
    "kgis": ("重要目標達成指標（KGI）", "Key goal indicators (KGI)"),
    "baseline": ("基準値", "baseline"),
    "target": ("目標値", "target"),
    "expected": ("期待値", "expected"),
    "actual": ("実績値", "actual"),
    "grade": ("判定", "grade"),
    "how": ("判定の根拠", "how"),
    "evaluation": ("施策の評価", "Evaluation"),
    "body_grade": ("団体の評価", "the body's grade"),
    "analysis": ("要因分析", "cause analysis"),
    "decision": ("今後の方針", "decision"),
    "reason": ("理由", "reason"),
    "merged_into": ("統合先", "merged into"),
    "verification": ("効果検証の実施状況", "How the year was verified"),
    "meeting": ("会議", "meeting"),
    "external": ("外部有識者", "external experts"),
    "sectors": ("分野", "sectors"),
    "opinions": ("主な意見", "main opinions"),
    "assembly": ("議会", "assembly"),
    "residents": ("住民の意見", "residents' views"),
    "publication": ("公表", "publication"),
    "conclusion": ("結論", "conclusion"),
    "summary": ("総括", "summary"),
    "revisions": ("期間中の見直し", "Revisions during the period"),
    "findings": ("委員会で確認したい点（点検結果）", "Points for the committee (findings)"),
    "no_findings": ("指摘はありません。", "No findings."),
    "pillars": ("取組の柱ごと", "By pillar"),
    "directions": ("国の施策の方向ごと", "By national direction"),
    "not_recorded": ("記録なし", "not recorded"),
    "yes": ("あり", "yes"),
    "no": ("なし", "no"),
    "on_track_share": ("順調以上", "on track or better"),
    "judged": ("判定", "judged"),
    "of": ("指標", "indicators"),
    "status": ("状態", "status"),
    "as_of": ("時点", "as of"),
    "source": ("出典", "source"),
    "note": ("備考", "note"),
    "files": ("進捗の記録", "progress records"),
    "strategy": ("戦略", "strategy"),
    "year": ("年度", "fiscal year"),
    "segment": ("対象", "group"),
    "unit": ("単位", "unit"),
    "kind": ("種類", "type"),
    "holder": ("施策等", "measure"),
    "goal": ("目標", "goal"),
}

STATUS_WORDS = {"final": ("確定", "final"), "preliminary": ("速報", "preliminary")}
FORM_WORDS = {"report": ("報告", "report"), "vote": ("議決", "vote"), "deliberation": ("審議", "deliberation")}


def w(key: str, lang: str) -> str:
    ja, en = WORDS[key]
    return en if lang == "en" else ja


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def rollup_text(r: Rollup, lang: str) -> str:
    """'達成 1・順調 2・やや遅れ 1（順調以上 75%）、未測定 1' — only the levels that occur."""
    parts = [f"{LEVEL_LABELS[k].get(lang)} {n}" for k, n in r.levels.items() if n and k not in ("not_measured", "undeterminable")]
    sep = "・" if lang == "ja" else ", "
    text = sep.join(parts) if parts else ("判定できる指標なし" if lang == "ja" else "nothing could be judged")
    share = r.on_track_share
    if share is not None:
        pct = f"{float(share) * 100:.0f}%"
        text += f"（{w('on_track_share', lang)} {pct}）" if lang == "ja" else f" ({pct} {w('on_track_share', lang)})"
    rest = [f"{LEVEL_LABELS[k].get(lang)} {r.levels[k]}" for k in ("not_measured", "undeterminable") if r.levels.get(k)]
    if rest:
        text += ("、" if lang == "ja" else "; ") + sep.join(rest)
    return text


def heading(sheet: Sheet, lang: str) -> str:
    s = sheet.strategy
    if lang == "en":
        return f"{w('title', lang)} {fy_label(sheet.year, lang)}: {s.title} ({s.body.name})"
    return f"{w('title', lang)} {fy_label(sheet.year, lang)}：{s.title}（{s.body.name}）"


def decision_label(sheet: Sheet, decision, lang: str) -> str:
    if decision is None:
        return "—"
    for d, label in sheet.scheme.decision_labels():
        if d is decision:
            return label.get(lang)
    return decision.value


def year_short(fy: int, lang: str) -> str:
    return f"FY{fy}" if lang == "en" else f"{fy}年度"


CHANGE_WORDS = {"target": ("目標値", "target"), "baseline": ("基準値", "baseline"), "definition": ("定義", "definition"),
                "name": ("名称", "name"), "unit": ("単位", "unit"), "added": ("追加", "added"), "removed": ("削除", "removed"),
                "replaced": ("差し替え", "replaced")}
SECTOR_WORDS = {"industry": ("産", "industry"), "government": ("官", "government"), "academia": ("学", "academia"),
                "finance": ("金", "finance"), "labour": ("労", "labour"), "media": ("言", "media"), "professions": ("士", "professions")}


def change_label(change, lang: str) -> str:
    """A revision's kind of change in the page's language (目標値 / target)."""
    return pick(CHANGE_WORDS.get(change.value, (change.value, change.value)), lang)


def sectors_label(sectors, lang: str) -> str:
    """The sectors that took part: 産・学・金 / industry, academia, finance."""
    names = [pick(SECTOR_WORDS.get(s.value, (s.value, s.value)), lang) for s in sectors]
    return "・".join(names) if lang == "ja" else ", ".join(names)


def form_label(form, lang: str) -> str:
    return pick(FORM_WORDS[form.value], lang) if form is not None else ""
