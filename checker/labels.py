"""Names of the strategy's parts (graph node types) in Japanese and English, for every output that
names them to a person (the text format, the HTML pages, the audit's files).  Standard library
only, so `tebiki check` can use it without loading the HTML package."""

from __future__ import annotations

NODE_TYPES: dict[str, tuple[str, str]] = {
    "strategy": ("戦略全体", "Whole strategy"),
    "body": ("団体", "Body"),
    "vision": ("地域ビジョン", "Regional vision"),
    "pillar": ("取組の柱", "Pillar"),
    "kgi": ("KGI", "KGI"),
    "goal": ("目標", "Goal"),
    "direction": ("基本的方向", "Basic direction"),
    "measure": ("具体的な施策", "Measure"),
    "numerical_target": ("数値目標", "Numerical target"),
    "kpi": ("KPI", "KPI"),
    "indicator": ("補足指標", "Supplementary indicator"),
    "national_direction": ("国の施策の方向", "National direction"),
    "national_strategy": ("国の総合戦略", "National strategy"),
    "prefectural_strategy": ("都道府県の戦略", "Prefectural strategy"),
    "population_vision": ("人口ビジョン", "Population vision"),
    "projection": ("将来推計", "Projection"),
    "comprehensive_plan": ("総合計画", "Comprehensive plan"),
    "governance": ("推進体制", "Governance"),
    "pdca": ("PDCA", "PDCA"),
    "verification_body": ("検証機関", "Verification body"),
    "publication": ("公表", "Publication"),
    "assembly": ("議会", "Assembly"),
    "participation": ("住民等の参画", "Participation"),
    "internal": ("庁内体制", "Internal structure"),
}


def node_type(kind: str, lang: str) -> str:
    """The name of a node type in the language (the type itself when unknown)."""
    ja_en = NODE_TYPES.get(kind)
    return (ja_en[1] if lang == "en" else ja_en[0]) if ja_en else kind
