"""The typed graph of the Toyonaka example: node and edge types, locations, queries."""

from checker import build_graph, load
from checker.graph import EdgeType, NodeType

from .conftest import ROOT

G = build_graph(load(ROOT / "examples" / "toyonaka.yaml"))


def test_node_types_and_counts():
    assert len(G.nodes(NodeType.goal)) == 4
    assert len(G.nodes(NodeType.pillar)) == 4
    assert len(G.nodes(NodeType.kgi)) == 3
    assert len(G.nodes(NodeType.measure)) == 59
    assert G.type("toyonaka-digital-2023") is NodeType.strategy


def test_every_node_has_a_location_in_the_file():
    for node in G.nx.nodes:
        line, col = G.loc(node)
        assert line >= 1 and col >= 1


def test_hierarchy_queries():
    measure = G.nodes(NodeType.measure)[0]
    assert G.goal_of(measure) == "goal-1"
    assert G.ancestors(measure)[-1] == "goal-1"
    assert measure in G.descendants("goal-1", NodeType.measure)


def test_goal_level_kpis_cover_measures():
    measure = G.nodes(NodeType.measure)[0]
    covering = G.covering_kpis(measure)
    assert covering and all(G.type(k) is NodeType.kpi for k in covering)


def test_pillar_marks_become_contributions_to_the_goals_pillars():
    marked = [m for m in G.nodes(NodeType.measure) if G.part(m).pillar_mark]
    assert marked
    for m in marked:
        assert set(G.pillars(m)) == set(G.part(G.goal_of(m)).pillars)
        assert all(d.get("via") == "mark" for _, d in G.edges(m, EdgeType.contributes_to))


def test_relisted_kpis_are_references_not_copies():
    relisted = list(G.iter_relistings())
    assert len(relisted) == 2
    for holder, kpi, data in relisted:
        assert G.type(holder) is NodeType.goal and G.type(kpi) is NodeType.kpi
        assert G.goal_of(holder) != G.into(kpi, EdgeType.measured_by)[0] or data["relisted"]


def test_kgis_are_based_on_population_projections():
    for kgi in G.nodes(NodeType.kgi):
        (projection,) = G.out(kgi, EdgeType.based_on)
        assert G.type(projection) is NodeType.projection


def test_text_is_normalised_for_matching():
    assert " " not in G.text("goal-1")
