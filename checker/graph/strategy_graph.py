"""`StrategyGraph`: the typed MultiDiGraph of one strategy and small queries that rules read clearly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator


from ..model import Strategy
from ..model.base import Spec
from ..text import norm
from .types import EdgeType, NodeType

if TYPE_CHECKING:
    import networkx as nx

ND_PREFIX = "nd:"
"""National direction nodes are keyed ``nd:<code>``."""
_ND_CUT = len(ND_PREFIX)
_PLANNED = (NodeType.goal, NodeType.direction, NodeType.measure)
_INDICATORS = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator)


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """What a finding needs to know about a node: where it is and what it is called."""

    id: str
    type: NodeType
    name: str
    file: str
    line: int
    col: int


class StrategyGraph:
    """A strategy as a networkx MultiDiGraph.

    Nodes are keyed by the file's ids (synthetic ``#...`` ids for parts that have
    none); every node has the attributes ``type`` (NodeType), ``part`` (the model
    part), ``name`` and ``loc`` ((line, col)).  Edge keys are EdgeType values.
    Nodes are in file order.  The graph is not changed after `build_graph`, so
    the queries read plain adjacency lists kept beside it, and checks may cache
    what they derive from it in `memo`.
    """

    def __init__(self, strategy: Strategy):
        self.strategy = strategy
        self.file = strategy.file
        self._nx = None
        self._ops: list[tuple] = []
        """add/link calls in order, replayed into networkx when `nx` is first read."""
        self._out: dict[str, list[tuple[EdgeType, str, dict]]] = {}
        self._in: dict[str, list[tuple[EdgeType, str, dict]]] = {}
        self._outk: dict[str, dict[EdgeType, list[str]]] = {}
        self._edge: dict[tuple[str, str, EdgeType], dict] = {}
        self._by_type: dict[NodeType, list[str]] = {}
        self._all: list[tuple[str, NodeType]] = []
        self._data: dict[str, dict] = {}
        self._refs: list[tuple[str, str, dict]] = []
        """(holder, KPI, attributes) of every reference to a KPI ({ref: id}), in file order."""
        self.memo: dict = {}
        """Per-graph cache for values checks derive (keyed by the check's own tuples)."""

    @property
    def nx(self) -> "nx.MultiDiGraph":
        """The graph as a networkx MultiDiGraph (built on first use: the checks read the lists kept beside it,
        and networkx, about a fifth of the CLI's start-up, is imported only then)."""
        if self._nx is None:
            import networkx

            graph = networkx.MultiDiGraph()
            for op in self._ops:
                if op[0] == "n":
                    graph.add_node(op[1], **op[2])
                else:
                    graph.add_edge(op[1], op[2], key=op[3], **op[4])
            self._nx = graph
        return self._nx

    # -- construction (used by build) -------------------------------------------------
    def add(self, node_id: str, type_: NodeType, part: Spec | None, name: str, loc=None) -> str:
        """Add a node; `loc` defaults to the part's location."""
        if node_id not in self._out:
            self._out[node_id], self._in[node_id], self._outk[node_id] = [], [], {}
            self._by_type.setdefault(type_, []).append(node_id)
            self._all.append((node_id, type_))
        attrs = {"type": type_, "part": part, "name": name, "loc": loc or (part.loc if part is not None else None) or (1, 1)}
        data = self._data.get(node_id)
        if data is None:
            self._data[node_id] = attrs
        else:
            data.update(attrs)
        self._ops.append(("n", node_id, attrs))
        self._nx = None
        return node_id

    def link(self, src: str, dst: str, type_: EdgeType, **attrs) -> None:
        """Add a typed edge (adding the same edge again updates its attributes, as networkx does)."""
        for end in (src, dst):
            if end not in self._out:
                self._out[end], self._in[end], self._outk[end] = [], [], {}
        data = self._edge.get((src, dst, type_))
        if data is None:
            data = self._edge[src, dst, type_] = dict(attrs)
        elif type_ is EdgeType.measured_by:
            # The same KPI listed twice at one holder: the edge must not depend on which comes
            # first, so a listing of its own (not 【再掲】) wins over a re-listing, else the first stays.
            if data.get("relisted") and not attrs.get("relisted"):
                data.clear()
                data.update(attrs)
        else:
            data.update(attrs)
        if attrs.get("ref") is not None:
            self._refs.append((src, dst, dict(attrs)))
        self._out[src].append((type_, dst, data))
        self._in[dst].append((type_, src, data))
        self._outk[src].setdefault(type_, []).append(dst)
        self._ops.append(("e", src, dst, type_, attrs))
        self._nx = None

    # -- nodes --------------------------------------------------------------------------
    def __contains__(self, node_id: str) -> bool:
        return node_id in self._out

    def has_part(self, node_id: str) -> bool:
        """The node was added with its attributes (not only named by an edge)."""
        return node_id in self._data

    def type(self, node_id: str) -> NodeType:
        return self._data[node_id]["type"]

    def part(self, node_id: str):
        """The model part behind a node."""
        return self._data[node_id]["part"]

    def name(self, node_id: str) -> str:
        return self._data[node_id]["name"]

    def loc(self, node_id: str) -> tuple[int, int]:
        return self._data[node_id]["loc"]

    def info(self, node_id: str) -> NodeInfo:
        """Location and name of a node, for findings."""
        data = self._data[node_id]
        line, col = data["loc"]
        return NodeInfo(node_id, data["type"], data["name"], self.file, line, col)

    def nodes(self, *types: NodeType) -> list[str]:
        """Nodes of the given types, in file order."""
        if len(types) == 1:
            return list(self._by_type.get(types[0], ()))
        key = ("nodes", types)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = [n for n, t in self._all if t in types]
        return list(found)

    def text(self, node_id: str) -> str:
        """Name and description of a node, NFKC-normalised, for matching words."""
        part = self.part(node_id)
        fields = part.__dict__ if part is not None else {}  # not getattr: pydantic's slow path for absent fields
        pieces = [self.name(node_id), fields.get("text") or ""]
        pieces.extend(fields.get("main_examples") or [])
        return norm(" ".join(p for p in pieces if p))

    # -- edges ---------------------------------------------------------------------------
    def out(self, node_id: str, *types: EdgeType) -> list[str]:
        """Targets of the node's outgoing edges of the given types, in insertion order."""
        if len(types) == 1:
            by_type = self._outk.get(node_id)
            return list(by_type.get(types[0], ())) if by_type else []
        return [v for k, v, _ in self._out.get(node_id, ()) if k in types]

    def into(self, node_id: str, *types: EdgeType) -> list[str]:
        """Sources of the node's incoming edges of the given types."""
        return [u for k, u, _ in self._in.get(node_id, ()) if k in types]

    def edges(self, node_id: str, type_: EdgeType) -> list[tuple[str, dict]]:
        """(target, edge attributes) of the node's outgoing edges of one type."""
        if type_ not in self._outk.get(node_id, ()):
            return []
        return [(v, d) for k, v, d in self._out[node_id] if k is type_]

    # -- hierarchy -----------------------------------------------------------------------
    def parent(self, node_id: str) -> str | None:
        """The goal or direction a direction or measure sits under (None for goals)."""
        for k, u, _ in self._in.get(node_id, ()):
            if k is EdgeType.has_direction or k is EdgeType.has_measure:
                return u
        return None

    def ancestors(self, node_id: str) -> list[str]:
        """Directions and the goal above a node, nearest first."""
        key = ("ancestors", node_id)
        chain = self.memo.get(key)
        if chain is None:
            chain = []
            node = self.parent(node_id)
            while node is not None:
                chain.append(node)
                node = self.parent(node)
            self.memo[key] = chain
        return list(chain)

    def goal_of(self, node_id: str) -> str | None:
        """The goal a direction or measure belongs to (itself for a goal)."""
        if self.type(node_id) is NodeType.goal:
            return node_id
        chain = self.ancestors(node_id)
        return chain[-1] if chain else None

    def goal_name(self, node_id: str) -> str:
        """The name of the goal a node belongs to ('' when it belongs to none), for messages."""
        goal = self.goal_of(node_id)
        return self.name(goal) if goal else ""

    def descendants(self, node_id: str, *types: NodeType) -> list[str]:
        """Directions and measures below a goal or direction, in file order, filtered by type."""
        key = ("descendants", node_id, types)
        cached = self.memo.get(key)
        if cached is not None:
            return list(cached)
        found: list[str] = []
        stack = list(reversed(self.out(node_id, EdgeType.has_direction, EdgeType.has_measure)))
        while stack:
            node = stack.pop()
            if not types or self.type(node) in types:
                found.append(node)
            stack.extend(reversed(self.out(node, EdgeType.has_direction, EdgeType.has_measure)))
        self.memo[key] = found
        return list(found)

    def kpis(self, node_id: str, *, relisted: bool = True) -> list[str]:
        """KPIs set at exactly this goal, direction or measure (re-listed ones too unless told not)."""
        if relisted:
            by_type = self._outk.get(node_id)
            return list(by_type.get(EdgeType.measured_by, ())) if by_type else []
        return [v for v, d in self.edges(node_id, EdgeType.measured_by) if not d.get("relisted")]

    def covering_kpis(self, node_id: str) -> list[str]:
        """KPIs that cover a node: its own, or those of a direction or goal above it (手引き 4-2 ①②③)."""
        key = ("covering_kpis", node_id)
        cached = self.memo.get(key)
        if cached is None:
            found = self.kpis(node_id)
            for up in self.ancestors(node_id):
                found.extend(self.kpis(up))
            cached = self.memo[key] = list(dict.fromkeys(found))
        return list(cached)

    def pillars(self, node_id: str) -> list[str]:
        """Pillars a goal, direction or measure contributes to (declared or by ● mark)."""
        by_type = self._outk.get(node_id)
        return list(by_type.get(EdgeType.contributes_to, ())) if by_type else []

    def national_directions(self, node_id: str) -> list[str]:
        """National direction codes declared for a node."""
        by_type = self._outk.get(node_id)
        if not by_type or EdgeType.aligned_with not in by_type:
            return []
        return [n[_ND_CUT:] for n in by_type[EdgeType.aligned_with]]

    def planned(self) -> list[str]:
        """Goals, directions and measures, in file order."""
        return self.nodes(*_PLANNED)

    def indicators(self) -> list[str]:
        """Every indicator node: KGIs, numerical targets, KPIs, supplementary indicators."""
        return self.nodes(*_INDICATORS)

    def iter_references(self) -> Iterator[tuple[str, str, dict]]:
        """(holder, KPI, attributes) for every `{ref: id}` reference, printed with 【再掲】 or not, in file order."""
        yield from self._refs

    def iter_relistings(self) -> Iterator[tuple[str, str, dict]]:
        """(holder, KPI, attributes of that reference) for every 【再掲】 reference, in file order.

        One item per reference, also when a holder re-lists the same KPI twice (the graph has
        one edge for both).
        """
        for holder, kpi, attrs in self._refs:
            if attrs.get("relisted"):
                yield holder, kpi, attrs
