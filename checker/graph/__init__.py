"""The typed graph of a strategy (networkx MultiDiGraph) and its queries."""

from .build import build_graph
from .strategy_graph import ND_PREFIX, NodeInfo, StrategyGraph
from .types import EdgeType, NodeType

__all__ = ["ND_PREFIX", "EdgeType", "NodeInfo", "NodeType", "StrategyGraph", "build_graph"]
