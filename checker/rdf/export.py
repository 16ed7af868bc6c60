"""Strategy model → RDF graph in the tebiki vocabulary, and deterministic serialisation.

The graph holds two kinds of triples:

* the strategy as written, field by field (checker/rdf/mapping.py): importing reads only these,
  so the export is lossless;
* derived triples that make the graph easy to query and validate, never read back:
  the engine's graph edges (``tbk:measuredBy``, ``tbk:contributesTo``, ``tbk:alignedWith``), the
  Data Cube dimensions of every baseline and target (``qb:dataSet``, ``tbk:indicator``,
  ``tbk:valueRole``, ``sdmx-dimension:refPeriod``, ``sdmx-attribute:unitMeasure``), the period's
  first and last day and its length in fiscal years, deviations linked to their rule, and every
  indicator's kind with its provenance (``tbk:kind``, ``tbk:kindBasis`` declared or inferred,
  ``tbk:kindReason``, ``tbk:kindWord``; checker.kinds).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from decimal import Decimal
from enum import Enum
from typing import Iterable

from pydantic import BaseModel
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, QB, RDF, RDFS, XSD

from .. import clock
from .. import model as m
from ..graph import EdgeType, NodeType, build_graph
from ..graph.strategy_graph import ND_PREFIX
from ..model.walk import iter_parts
from ..years import Year, YearRange
from .iris import child, reference_period, segment
from .mapping import CLASSES, ENTRY_REF_PROP, POSITION, Field
from .namespaces import (
    PREFIXES,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    TBK,
    body_iri,
    concept,
    direction_iri,
    rule_iri,
    strategy_iri,
)

FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt"}
"""Export formats: command-line name → rdflib format name."""

DEFAULT_EDITION = "tebiki-2022-12"


def new_graph() -> Graph:
    """An empty graph with exactly the project's prefixes bound (no rdflib defaults)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def number_literal(value: int | float) -> Literal:
    """xsd:integer for ints, xsd:decimal (shortest exact form) for floats."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    text = format(Decimal(repr(float(value))), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def _skipped(model: BaseModel, name: str, value: object) -> bool:
    """Unset and default values are not written (as in checker.model.dump.to_data)."""
    if value is None:
        return True
    if isinstance(value, list) and not value:
        return True
    info = type(model).model_fields[name]
    if info.default_factory is None and not info.is_required():
        try:
            return value == info.default
        except Exception:  # pragma: no cover - defensive: incomparable values are written
            return False
    return False


class Exporter:
    """Writes one strategy into a graph.  `iri_of` maps every written part (by object id) to its IRI."""

    def __init__(self, strategy: m.Strategy, graph: Graph, edition: str = DEFAULT_EDITION):
        self.strategy = strategy
        self.g = graph
        self.edition = edition
        self.root = strategy_iri(strategy.body.code, strategy.id)
        self.iri_of: dict[int, URIRef] = {}
        self.graph = None
        """The engine's graph of the strategy (set by `run`)."""

    # -- IRIs ---------------------------------------------------------------------------------
    def node(self, node_id: str) -> URIRef:
        """The IRI of a node of this strategy by its id."""
        if node_id == self.strategy.id:
            return self.root
        return child(self.root, node_id)

    def document(self, doc_id: str) -> URIRef:
        return child(self.root, f"_document/{doc_id}")

    def graph_node(self, key: str) -> URIRef:
        """The IRI of a node of the engine's graph (ids, synthetic '#...' parts, 'nd:' directions)."""
        if key.startswith(ND_PREFIX):
            return direction_iri(self.edition, key.removeprefix(ND_PREFIX))
        if key in self.graph:
            part = self.graph.part(key)
            if part is not None and id(part) in self.iri_of:
                return self.iri_of[id(part)]
        return self.node(key) if not key.startswith("#") else self.root

    def _iri(self, part: BaseModel, parent: URIRef, field: str, index: int | None) -> URIRef:
        if isinstance(part, m.Document):
            return self.document(part.id)
        if isinstance(part, m.Node):
            return self.node(part.id)
        if isinstance(part, m.Body) and part.code:
            return body_iri(part.code)
        return child(parent, segment(field, index, top=parent == self.root))

    def _list(self, subject: URIRef, prop: URIRef, items: list) -> BNode:
        """An rdf:List with blank nodes named from the subject and property (same input, same names)."""
        stem = "l" + hashlib.sha1(f"{subject} {prop}".encode()).hexdigest()[:16]
        head: URIRef | BNode = RDF.nil
        for i in range(len(items) - 1, -1, -1):
            cell = BNode(f"{stem}n{i}")
            self.g.add((cell, RDF.first, items[i]))
            self.g.add((cell, RDF.rest, head))
            head = cell
        return head  # type: ignore[return-value]

    # -- the strategy as written --------------------------------------------------------------
    def run(self) -> URIRef:
        self.write(self.strategy, self.root)
        self.derive()
        return self.root

    def write(self, part: BaseModel, iri: URIRef, types: tuple[URIRef, ...] = ()) -> None:
        cm = CLASSES[type(part)]
        self.iri_of[id(part)] = iri
        for t in cm.types + types:
            self.g.add((iri, RDF.type, t))
        for f in cm.fields:
            value = getattr(part, f.name)
            if _skipped(part, f.name, value):
                continue
            self.value(part, iri, f, value)

    def value(self, part: BaseModel, iri: URIRef, f: Field, value) -> None:
        g, kind = self.g, f.kind
        if kind == "part":
            target = self._iri(value, iri, f.name, None)
            g.add((iri, f.prop, target))
            self.write(value, target, f.types)
        elif kind in ("parts", "entries"):
            for i, item in enumerate(value, start=1):
                target = self._iri(item, iri, f.name, i)
                prop = ENTRY_REF_PROP if isinstance(item, m.IndicatorRef) else f.prop
                g.add((iri, prop, target))
                g.add((target, POSITION, Literal(i)))
                self.write(item, target, () if isinstance(item, m.IndicatorRef) else f.types)
        elif kind in ("enums", "texts", "directions", "refs"):
            g.add((iri, f.prop, self._list(iri, f.prop, [self.term(f, v) for v in value])))
        else:
            g.add((iri, f.prop, self.term(f, value)))

    def term(self, f: Field, value) -> URIRef | Literal:
        """One scalar value (or list item) as an RDF term."""
        kind = f.kind
        if kind in ("text", "texts"):
            return Literal(value)
        if kind == "bool":
            return Literal(bool(value))
        if kind == "int":
            return Literal(int(value), datatype=XSD.integer)
        if kind == "number":
            return number_literal(value)
        if kind == "page":
            return Literal(value, datatype=XSD.integer) if isinstance(value, int) else Literal(value)
        if kind in ("year", "span"):
            assert isinstance(value, (Year, YearRange))
            return Literal(value.text)
        if kind == "date":
            return Literal(value.isoformat(), datatype=XSD.date)
        if kind == "uri":
            return Literal(value, datatype=XSD.anyURI)
        if kind in ("enum", "enums"):
            assert isinstance(value, Enum) and f.scheme
            return concept(f.scheme, value.value)
        if kind == "directions":
            return direction_iri(self.edition, value)
        if kind in ("ref", "refs"):
            return self.node(value)
        if kind == "document":
            return self.document(value)
        raise ValueError(f"unknown field kind {kind!r}")  # pragma: no cover

    # -- derived triples ----------------------------------------------------------------------
    def derive(self) -> None:
        g, s = self.g, self.strategy
        graph = self.graph = build_graph(s)
        edges = {
            EdgeType.measured_by: TBK.measuredBy,
            EdgeType.contributes_to: TBK.contributesTo,
        }
        for u, v, key in graph.nx.edges(keys=True):
            if key in edges or key is EdgeType.aligned_with:
                g.add((self.graph_node(u), edges.get(key, TBK.alignedWith), self.graph_node(v)))
        dataset = child(self.root, "_values")
        g.add((dataset, RDF.type, QB.DataSet))
        g.add((dataset, QB.structure, TBK.IndicatorValuesStructure))
        g.add((dataset, DCTERMS.isPartOf, self.root))
        for node_id in graph.nodes(NodeType.kgi, NodeType.numerical_target, NodeType.kpi, NodeType.indicator):
            self._observations(graph.part(node_id), dataset)
        self._kinds(graph)
        for _, part in iter_parts(s):  # every 【再掲】 entry, printed with 【再掲】 or not
            if isinstance(part, m.IndicatorRef):
                self._observations(part, dataset, indicator=graph.part(part.ref))
        for record in s.progress:  # actual values and yearly targets are observations of the same cube
            for role, values in (("actual", record.actuals), ("target", record.milestones)):
                for value in values:
                    self._progress_observation(value, role, record.fiscal_year, dataset)
        if s.period is not None:
            self._period(s.period)
        for body in (s.governance.verification_body, s.governance.drafting_body) if s.governance else ():
            for member in body.members if body is not None else ():
                g.add((self.iri_of[id(member)], ORG.organization, self.iri_of[id(body)]))
        for record in s.deviations:
            code = _rule_code(record.rule, self.edition)
            if code:
                g.add((self.iri_of[id(record)], TBK.deviatesFrom, rule_iri(self.edition, code)))

    def _observations(self, holder: m.Indicator | m.IndicatorRef, dataset: URIRef, indicator: m.Indicator | None = None) -> None:
        indicator = indicator or holder  # type: ignore[assignment]
        unit = indicator.unit
        rows = [(holder.population, holder.baseline, holder.target)]
        rows += [(seg.label, seg.baseline, seg.target) for seg in holder.segments]
        for population, baseline, target in rows:
            for role, obs in (("baseline", baseline), ("target", target)):
                if obs is None:
                    continue
                iri = self.iri_of[id(obs)]
                g = self.g
                g.add((iri, QB.dataSet, dataset))
                g.add((iri, TBK.forIndicator, self.node(indicator.id)))
                g.add((iri, TBK.valueRole, concept("value-role", role)))
                if population:
                    g.add((iri, TBK.population, Literal(population)))
                if unit:
                    g.add((iri, SDMX_ATTRIBUTE.unitMeasure, Literal(unit)))
                when = obs.period or (obs.as_of if isinstance(obs, m.Baseline) else obs.year)
                if when is not None:
                    g.add((iri, SDMX_DIMENSION.refPeriod, self._period_resource(when)))

    def _progress_observation(self, value: m.Actual | m.Milestone, role: str, fiscal_year: Year, dataset: URIRef) -> None:
        """The Data Cube dimensions of an actual value or a yearly target of the inline progress records."""
        iri = self.iri_of[id(value)]
        g = self.g
        g.add((iri, QB.dataSet, dataset))
        g.add((iri, TBK.valueRole, concept("value-role", role)))
        indicator = self.graph.part(value.kpi) if value.kpi in self.graph and self.graph.has_part(value.kpi) else None
        if indicator is not None and indicator.unit:
            g.add((iri, SDMX_ATTRIBUTE.unitMeasure, Literal(indicator.unit)))
        g.add((iri, SDMX_DIMENSION.refPeriod, self._period_resource(value.year or fiscal_year)))

    def _kinds(self, graph) -> None:
        """Each indicator's kind, declared or read from its name, with the reason and the deciding words."""
        from ..engine.pack import load_pack, pack_dir

        try:
            reference = load_pack(pack_dir(self.edition)).reference
        except Exception:  # an edition without a pack: no kinds can be read
            return
        from ..kinds import indicator_kinds

        g = self.g
        for record in indicator_kinds(graph, reference):
            iri = self.node(record.id)
            if record.kind:
                g.add((iri, TBK.kind, concept("kpi-kind", record.kind)))
            g.add((iri, TBK.kindBasis, concept("kind-basis", record.basis)))
            g.add((iri, TBK.kindReason, Literal(record.reason.ja, lang="ja")))
            g.add((iri, TBK.kindReason, Literal(record.reason.en, lang="en")))
            for word in record.words:
                g.add((iri, TBK.kindWord, Literal(word)))

    def _period_resource(self, when: Year | YearRange) -> URIRef:
        iri, start, end, ja, en = reference_period(when)
        g = self.g
        g.add((iri, RDF.type, DCTERMS.PeriodOfTime))
        g.add((iri, DCAT.startDate, Literal(start.isoformat(), datatype=XSD.date)))
        g.add((iri, DCAT.endDate, Literal(end.isoformat(), datatype=XSD.date)))
        g.add((iri, RDFS.label, Literal(ja, lang="ja")))
        g.add((iri, RDFS.label, Literal(en, lang="en")))
        return iri

    def _period(self, period: m.Period) -> None:
        iri = self.iri_of[id(period)]
        start = _dt.date(period.start.fy, 4, 1)
        end = _dt.date(period.end.fy + 1, 3, 31)
        self.g.add((iri, DCAT.startDate, Literal(start.isoformat(), datatype=XSD.date)))
        self.g.add((iri, DCAT.endDate, Literal(end.isoformat(), datatype=XSD.date)))
        self.g.add((iri, TBK.fiscalYears, Literal(period.fiscal_years)))


def _rule_code(rule: str, edition: str) -> str | None:
    """The code of the rule a deviation names (by code or name), if the edition's pack has it."""
    try:
        from ..engine.pack import load_pack, pack_dir

        found = load_pack(pack_dir(edition)).rule(rule)
    except Exception:  # an unknown edition or a broken pack: leave the link out
        return None
    return found.code if found else None


def to_graph(
    strategies: m.Strategy | Iterable[m.Strategy],
    *,
    edition: str | None = None,
    with_findings: bool = False,
    config=None,
    today: _dt.date | None = None,
    graph: Graph | None = None,
) -> Graph:
    """The strategy (or several) as an RDF graph in the tebiki vocabulary.

    `edition` names the rule pack whose national directions and rules the IRIs point at (default:
    the config's, else tebiki-2022-12).  With `with_findings`, the strategy is checked (with
    `config`, on `today`) and the findings are added as EARL assertions (checker/rdf/findings.py).
    """
    items = [strategies] if isinstance(strategies, m.Strategy) else list(strategies)
    edition = _edition_name(edition or (config.edition if config is not None else None) or DEFAULT_EDITION)
    seen: dict[URIRef, str] = {}
    for s in items:
        iri = strategy_iri(s.body.code, s.id)
        if iri in seen:
            raise ValueError(
                f"{s.file} and {seen[iri]} are both <{iri}> (same body code and strategy id); give each strategy its own id"
            )
        seen[iri] = s.file
    g = graph if graph is not None else new_graph()
    _bind_local(g, edition, items)
    for s in items:
        ex = Exporter(s, g, edition)
        ex.run()
        if with_findings:
            _check_into(ex, config, clock.today(today))
    return g


def _edition_name(edition: str) -> str:
    """The edition's name as its pack.yaml gives it (``--edition`` may name a pack directory)."""
    if "/" not in edition and "\\" not in edition:
        return edition
    from ..engine.pack import load_pack, pack_dir

    return load_pack(pack_dir(edition)).edition


def _bind_local(g: Graph, edition: str, items: list[m.Strategy]) -> None:
    """Prefixes that make the Turtle readable: the edition's directions and rules, periods, concepts."""
    from .namespaces import CONCEPT, PERIOD, RULES, SCHEMES, GUIDE

    g.bind("nd", f"{GUIDE}{edition}/direction/")
    g.bind("rule", f"{RULES}{edition}/")
    g.bind("period", str(PERIOD))
    for scheme in SCHEMES:
        g.bind(scheme, f"{CONCEPT}{scheme}/")
    if len(items) == 1:
        g.bind("s", f"{strategy_iri(items[0].body.code, items[0].id)}/")


def _check_into(ex: Exporter, config, today: _dt.date) -> None:
    from .. import __version__
    from ..api import check_strategy, edition_for
    from ..config import Config
    from .findings import add_findings

    config = config or Config()  # no edition given: the edition in force for the strategy, as `tebiki check` judges
    pack, choice = edition_for(ex.strategy, config)
    findings = check_strategy(ex.strategy, config=config, pack=pack, today=today, edition=choice)
    run = add_findings(ex, findings, pack, config.enabled(pack, ex.strategy.file), today=today, version=__version__)
    for lang in ("ja", "en"):  # which edition judged it, and why (described in ontologies/tebiki.ttl)
        ex.g.add((run, DCTERMS.description, Literal(choice.head(lang), lang=lang)))


# -- serialisation ----------------------------------------------------------------------------


def jsonld_context(graph: Graph | None = None) -> dict:
    """The inline JSON-LD context of an export: the prefixes bound in the graph; nothing is fetched."""
    if graph is None:
        return dict(PREFIXES)
    return {prefix: str(ns) for prefix, ns in sorted(graph.namespace_manager.namespaces()) if prefix}


def _canonical_json(value):
    """Sort JSON-LD so the same graph always gives the same text (order inside @list is kept)."""
    if isinstance(value, dict):
        return {k: (_ordered_list(v) if k == "@list" else _canonical_json(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _ordered_list(value):
    return [_canonical_json(v) for v in value] if isinstance(value, list) else _canonical_json(value)


def serialize(graph: Graph, fmt: str) -> str:
    """Serialise deterministically: the same graph always gives the same text.

    turtle: rdflib sorts subjects and predicates; ntriples: lines sorted; jsonld: compacted with
    the inline context, nodes sorted by @id and values sorted.  Blank nodes only occur in
    rdf:Lists and are named from their subject, so they do not change between runs.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format '{fmt}' (use {', '.join(FORMATS)})")
    if fmt == "turtle":
        return graph.serialize(format="turtle")
    if fmt == "ntriples":
        lines = graph.serialize(format="nt").splitlines()
        return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())
    context = jsonld_context(graph)
    data = json.loads(graph.serialize(format="json-ld", context=context))
    if isinstance(data, list):  # pragma: no cover - rdflib compacts to an object when a context is given
        data = {"@context": context, "@graph": data}
    body = {k: v for k, v in data.items() if k != "@context"}
    if "@graph" not in body:
        body = {"@graph": [body]} if body else {"@graph": []}
    nodes = sorted((_canonical_json(n) for n in body["@graph"]), key=lambda n: (n.get("@id", ""), json.dumps(n, sort_keys=True, ensure_ascii=False)))
    return json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=2) + "\n"
