"""Namespaces and IRI patterns of the strategy as linked data.

=============================================  =============================================
``https://w3id.org/tebiki/ns#`` (``tbk:``)     the vocabulary (ontologies/tebiki.ttl)
``https://w3id.org/tebiki/concept/<scheme>/``  concept schemes of the format (ontologies/concepts.ttl)
``https://w3id.org/tebiki/guide/<edition>``    an edition of the 手引き; ``.../<edition>/3-2`` a section,
                                               ``.../<edition>/direction/jobs`` a national direction
``https://w3id.org/tebiki/rules/<edition>``    a rule pack; ``.../<edition>/OL07`` one rule
``https://w3id.org/tebiki/id/<code>/<sid>``    a strategy (body code, strategy id); ``.../<node id>`` a node
``https://w3id.org/tebiki/id/<code>``          a local government (全国地方公共団体コード)
``https://w3id.org/tebiki/period/<key>``       a reference period: FY2027, 2020, 2022-07, 2022-12-31, FY2016_FY2020
=============================================  =============================================

This module imports rdflib: import it only from code that needs RDF.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, PROV, QB, RDF, RDFS, SH, SKOS, XSD

BASE = "https://w3id.org/tebiki/"
TBK = Namespace(BASE + "ns#")
CONCEPT = Namespace(BASE + "concept/")
GUIDE = Namespace(BASE + "guide/")
RULES = Namespace(BASE + "rules/")
ID = Namespace(BASE + "id/")
PERIOD = Namespace(BASE + "period/")
TOOL = URIRef(BASE + "tool/tebiki-checker")
"""The checker itself, as the software agent that asserts findings."""

EARL = Namespace("http://www.w3.org/ns/earl#")
PTR = Namespace("http://www.w3.org/2009/pointers#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
BMM = Namespace("https://www.omg.org/spec/BMM/1.3/#")
"""OMG BMM has no official OWL: we name its concepts by the versioned specification's URL plus a fragment."""
FIBO_GAO = Namespace("https://spec.edmcouncil.org/fibo/ontology/FND/GoalsAndObjectives/Objectives/")
TBKSH = Namespace(BASE + "shapes#")
"""The SHACL shapes (ontologies/shapes.ttl)."""

PREFIXES: dict[str, str] = {
    "tbk": str(TBK),
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "org": str(ORG),
    "qb": str(QB),
    "dcat": str(DCAT),
    "sdmx-dimension": str(SDMX_DIMENSION),
    "sdmx-measure": str(SDMX_MEASURE),
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "earl": str(EARL),
    "ptr": str(PTR),
    "sh": str(SH),
    "xsd": str(XSD),
    "rdf": str(RDF),
}
"""The prefixes written in every export (and the inline JSON-LD context)."""

SCHEMES = {
    "level": "level",
    "status": "status",
    "plan-relation": "plan-relation",
    "kpi-kind": "kpi-kind",
    "better": "better",
    "aggregate": "aggregate",
    "bound": "bound",
    "relative-target": "relative-target",
    "sector": "sector",
    "assembly-stage": "assembly-stage",
    "assembly-form": "assembly-form",
    "revision-change": "revision-change",
    "value-role": "value-role",
    "value-status": "value-status",
    "decision": "decision",
    "assembly-form": "assembly-form",
    "kind-basis": "kind-basis",
}
"""Concept schemes of the format: ``https://w3id.org/tebiki/concept/<scheme>`` and ``.../<scheme>/<value>``."""


def concept(scheme: str, value: str) -> URIRef:
    """The IRI of a value in one of the format's concept schemes."""
    return URIRef(f"{CONCEPT}{scheme}/{value}")


def scheme_iri(scheme: str) -> URIRef:
    return URIRef(f"{CONCEPT}{scheme}")


def guide_iri(edition: str) -> URIRef:
    """An edition of the 手引き, e.g. https://w3id.org/tebiki/guide/tebiki-2022-12."""
    return URIRef(f"{GUIDE}{edition}")


def section_iri(edition: str, section: str) -> URIRef:
    """A section of an edition of the 手引き, e.g. .../guide/tebiki-2022-12/3-2."""
    return URIRef(f"{GUIDE}{edition}/{section}")


def direction_iri(edition: str, code: str) -> URIRef:
    """A national direction of an edition (手引き 3-7), e.g. .../guide/tebiki-2022-12/direction/jobs."""
    return URIRef(f"{GUIDE}{edition}/direction/{code}")


def directions_scheme_iri(edition: str) -> URIRef:
    return URIRef(f"{GUIDE}{edition}/directions")


def direction_group_iri(edition: str, group: str) -> URIRef:
    return URIRef(f"{GUIDE}{edition}/direction-group/{group}")


def pack_iri(edition: str) -> URIRef:
    """A rule pack, e.g. https://w3id.org/tebiki/rules/tebiki-2022-12."""
    return URIRef(f"{RULES}{edition}")


def rule_iri(edition: str, code: str) -> URIRef:
    """A rule of a pack, e.g. https://w3id.org/tebiki/rules/tebiki-2022-12/OL07."""
    return URIRef(f"{RULES}{edition}/{code}")


NO_CODE = "_"
"""The body-code segment of a strategy IRI when the file gives no 全国地方公共団体コード."""


def strategy_iri(body_code: str | None, strategy_id: str) -> URIRef:
    """https://w3id.org/tebiki/id/<body code>/<strategy id> (``_`` for a body without a code)."""
    return URIRef(f"{ID}{body_code or NO_CODE}/{strategy_id}")


def body_iri(body_code: str) -> URIRef:
    """A local government by its 全国地方公共団体コード: https://w3id.org/tebiki/id/272035."""
    return URIRef(f"{ID}{body_code}")
