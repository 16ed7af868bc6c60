"""The node and edge types of the strategy graph."""

from __future__ import annotations

from enum import Enum


class NodeType(str, Enum):
    """What a graph node stands for."""

    strategy = "strategy"
    body = "body"
    vision = "vision"
    pillar = "pillar"
    kgi = "kgi"
    goal = "goal"
    direction = "direction"
    """A basic direction (基本的方向), at any depth."""
    measure = "measure"
    """A specific measure (具体的な施策)."""
    numerical_target = "numerical_target"
    """A goal's numerical target (数値目標)."""
    kpi = "kpi"
    indicator = "indicator"
    """A supplementary indicator (補足指標)."""
    national_direction = "national_direction"
    national_strategy = "national_strategy"
    prefectural_strategy = "prefectural_strategy"
    population_vision = "population_vision"
    projection = "projection"
    comprehensive_plan = "comprehensive_plan"
    governance = "governance"
    pdca = "pdca"
    verification_body = "verification_body"
    drafting_body = "drafting_body"
    publication = "publication"
    assembly = "assembly"
    participation = "participation"
    internal = "internal"


class EdgeType(str, Enum):
    """How two graph nodes are related (edge keys in the MultiDiGraph)."""

    issued_by = "issued_by"
    has_vision = "has_vision"
    has_pillar = "has_pillar"
    has_kgi = "has_kgi"
    has_goal = "has_goal"
    has_direction = "has_direction"
    has_measure = "has_measure"
    has_numerical_target = "has_numerical_target"
    measured_by = "measured_by"
    """To a KPI set at this level (edge attribute `relisted` for 【再掲】)."""
    has_supplementary = "has_supplementary"
    contributes_to = "contributes_to"
    """To a pillar (edge attribute `via`: 'declared' or 'mark' for ●)."""
    aligned_with = "aligned_with"
    """To a national direction declared in the file."""
    considers = "considers"
    has_projection = "has_projection"
    based_on = "based_on"
    """From a KGI to the population projection it is based on."""
    has_governance = "has_governance"
