"""Verification and the drafting process (手引き 2-1..2-4, 7-2, 7-4, 8-1).

Who verifies the strategy (a body with external experts, 産官学金労言士 and
residents, digital expertise), the assembly's deliberation, the internal
structure and who drafts.  A field left out (None) means the strategy says
nothing: messages say "not stated" (記載されていません); only an explicit
`false`, or a composition listed without a sector, is reported as missing.
"""

from __future__ import annotations

from typing import Iterator

from ..engine.context import Context
from ..engine.finding import Basis, Text
from ..engine.registry import Hit, both, check
from ..graph import NodeType
from ..model import AssemblyStage, Sector
from ..text import norm
from .pdca import governance_node, governance_part

SECTOR_NAMES: dict[Sector, Text] = {
    Sector.industry: both("産業界（産）", "industry (産)"),
    Sector.government: both("関係行政機関（官）", "related government bodies (官)"),
    Sector.academia: both("教育機関（学）", "education and research (学)"),
    Sector.finance: both("金融機関（金）", "finance (金)"),
    Sector.labour: both("労働団体（労）", "labour (労)"),
    Sector.media: both("メディア（言）", "media (言)"),
    Sector.professions: both("士業（士）", "professions (士)"),
}
RESIDENTS = both("住民", "residents")
STAGE_NAMES = {
    AssemblyStage.drafting: both("策定段階", "drafting"),
    AssemblyStage.verification: both("効果検証の段階", "verification"),
}


def _join(items: list[Text]) -> Text:
    return Text("・".join(t.ja for t in items), ", ".join(t.en for t in items))


def _body_name(body) -> str:
    return body.name or "（名称の記載なし）"


@check(NodeType.strategy, NodeType.governance)
def verification_body_exists(ctx: Context) -> Iterator[Hit]:
    """The strategy names a body that verifies its effects (推進組織・検証機関)."""
    if governance_part(ctx, "verification_body") is None:
        yield Hit(governance_node(ctx, "verification_body"))


@check(NodeType.verification_body, provides=["name", "status"])
def verification_has_external_experts(ctx: Context) -> Iterator[Hit]:
    """The verification body includes experts from outside the administration (external_experts, or members from a sector other than 官)."""
    body = governance_part(ctx, "verification_body")
    if body is None or body.external_experts:
        return
    if body.external_experts is None:
        if any(m.sector is not None and m.sector is not Sector.government for m in body.members):
            return
        status = both("記載されていません", "is not stated")
    else:
        status = both("ありません（行政内部のみで検証）", "is absent (verification stays inside the administration)")
    basis = None if body.external_experts is None else Basis.contradicts
    yield Hit(governance_node(ctx, "verification_body"), {"name": _body_name(body), "status": status}, basis=basis)


@check(NodeType.verification_body, provides=["name", "absent"])
def verification_participants(ctx: Context) -> Iterator[Hit]:
    """Every sector of 産官学金労言士 and residents take part (in the body, or residents through the drafting process); reports those missing or not stated."""
    body = governance_part(ctx, "verification_body")
    if body is None:
        return
    sectors = set(body.sectors) | {m.sector for m in body.members if m.sector is not None}
    participation = governance_part(ctx, "participation")
    residents = body.residents
    if residents is None and participation is not None and participation.methods:
        residents = True  # residents took part in drafting (パブリックコメント, 意識調査 ...), 2-1
    absent: list[Text] = []
    listed = False
    if not sectors:
        if residents:
            absent.append(both("産官学金労言士のいずれが参画するかが記載されていません", "which of 産官学金労言士 take part is not stated"))
        else:
            absent.append(
                both("構成（産官学金労言士・住民のいずれが参画するか）が記載されていません", "its composition (which of 産官学金労言士 and residents take part) is not stated")
            )
    else:
        missing = [name for sector, name in SECTOR_NAMES.items() if sector not in sectors]
        if residents is False:
            missing.append(RESIDENTS)
        if missing:
            listed = True
            names = _join(missing)
            absent.append(Text(f"{names.ja}が含まれていません", f"{names.en} missing"))
        if residents is None:
            absent.append(both("住民の参画は記載されていません", "residents' participation not stated"))
    if absent:
        yield Hit(
            governance_node(ctx, "verification_body"),
            {"name": _body_name(body), "absent": Text("。".join(t.ja for t in absent), "; ".join(t.en for t in absent))},
            basis=Basis.contradicts if listed else None,
        )


@check(NodeType.verification_body, provides=["name", "status"])
def verification_has_digital_expertise(ctx: Context) -> Iterator[Hit]:
    """Someone versed in digital matters takes part in the body (digital_expertise, or a member marked digital)."""
    body = governance_part(ctx, "verification_body")
    if body is None or body.digital_expertise or any(m.digital for m in body.members):
        return
    if body.digital_expertise is None:
        status = both("記載されていません", "is not stated")
    else:
        status = both("ありません", "is absent")
    basis = None if body.digital_expertise is None else Basis.contradicts
    yield Hit(governance_node(ctx, "verification_body"), {"name": _body_name(body), "status": status}, basis=basis)


@check(NodeType.strategy, NodeType.governance, NodeType.assembly, provides=["absent"])
def assembly_deliberates(ctx: Context) -> Iterator[Hit]:
    """The assembly (議会) deliberates the strategy at the drafting stage and at the verification stage."""
    assembly = governance_part(ctx, "assembly")
    node = governance_node(ctx, "assembly")
    if assembly is None or (assembly.deliberation is None and not assembly.stages):
        yield Hit(node, {"absent": both("戦略に記載されていません", "not stated in the strategy")})
        return
    if assembly.deliberation is False:
        yield Hit(node, {"absent": both("審議しないとされています", "stated not to take place")}, basis=Basis.contradicts)
        return
    missing = [name for stage, name in STAGE_NAMES.items() if stage not in assembly.stages]
    if missing:
        names = _join(missing)
        yield Hit(node, {"absent": Text(f"{names.ja}での審議が記載されていません", f"deliberation at the {names.en} stage not stated")})


@check(NodeType.strategy, NodeType.governance, NodeType.internal, provides=["status"])
def digital_department_involved(ctx: Context, *, digital_words: list[str]) -> Iterator[Hit]:
    """The internal structure involves the digital department (digital_department, or a department named with one of `digital_words`)."""
    internal = governance_part(ctx, "internal")
    node = governance_node(ctx, "internal")
    if internal is None:
        yield Hit(node, {"status": both("記載されていません", "not stated")})
        return
    if internal.digital_department:
        return
    if internal.digital_department is None:
        words = [norm(w).lower() for w in digital_words]
        if any(w in norm(d).lower() for d in internal.departments for w in words):
            return
        status = both("デジタル担当部局の参画が記載されていません", "the digital department's part is not stated")
    else:
        status = both("デジタル担当部局が参画していません", "the digital department takes no part")
    yield Hit(node, {"status": status}, basis=None if internal.digital_department is None else Basis.contradicts)


@check(NodeType.strategy, NodeType.governance, NodeType.participation, provides=["status"])
def drafted_in_house(ctx: Context) -> Iterator[Hit]:
    """The administration drafts the strategy itself (participation.drafted_in_house), even if it commissions surveys."""
    participation = governance_part(ctx, "participation")
    drafted = participation.drafted_in_house if participation is not None else None
    if drafted:
        return
    if drafted is None:
        status = both("誰が起草したかが記載されていません", "who drafted the strategy is not stated")
    else:
        status = both("起草を外部に委ねたとされています", "drafting was left to others")
    yield Hit(governance_node(ctx, "participation"), {"status": status}, basis=None if drafted is None else Basis.contradicts)
