"""The one table that maps the strategy format onto the vocabulary, field by field.

Export (model → RDF) and import (RDF → model) both walk this table, so what one writes
the other reads back: that is what makes the export lossless.  A test checks that every
field of every model class is mapped, so a new field in the format cannot be silently
dropped from the linked data.

Field kinds (how a value is written):

==========  ==================================================================
text        a plain string literal
bool, int   xsd:boolean, xsd:integer
number      xsd:integer for ints, xsd:decimal for floats (``Number``)
page        xsd:integer or xsd:string (a page as printed: 33 or 'P85')
year        the year as written ('令和5年度', 'R5', '2023'): a string literal
span        a span of years as written ('平成28年度～令和2年度'): a string literal
date        xsd:date
uri         xsd:anyURI
enum        a SKOS concept of one of the format's schemes (concepts.ttl)
enums       an rdf:List of such concepts, in file order
texts       an rdf:List of string literals, in file order
directions  an rdf:List of national directions of the edition, in file order
ref         the IRI of a node of the same strategy (by its id)
refs        an rdf:List of node IRIs, in file order
document    the IRI of an entry of ``documents``
part        a nested resource
parts       nested resources, ordered by ``tbk:position``
entries     KPIs defined here (``tbk:hasKPI``) and 【再掲】 re-listings (``tbk:hasRelisting``),
            in one order by ``tbk:position``
==========  ==================================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, QB, RDFS, SKOS

from .. import model as m
from ..model.strategy import _Planned
from .namespaces import SDMX_ATTRIBUTE, SDMX_MEASURE, TBK

SCALAR_KINDS = {"text", "bool", "int", "number", "page", "year", "span", "date", "uri", "enum", "ref", "document"}
LIST_KINDS = {"enums", "texts", "directions", "refs"}
NESTED_KINDS = {"part", "parts", "entries"}


@dataclass(frozen=True)
class Field:
    """One model field: the property it is written with and how."""

    name: str
    prop: URIRef
    kind: str
    scheme: str | None = None
    """For enum/enums: the concept scheme (namespaces.SCHEMES)."""
    types: tuple[URIRef, ...] = ()
    """For part/parts: extra rdf:types of the nested resources (e.g. tbk:KPI for a goal's kpis)."""


@dataclass(frozen=True)
class ClassMap:
    """A model class, the rdf:types of its resources and its fields."""

    model: type
    types: tuple[URIRef, ...]
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def F(name: str, prop: URIRef, kind: str, scheme: str | None = None, types: tuple[URIRef, ...] = ()) -> Field:
    return Field(name, prop, kind, scheme, types)


_ID = F("id", DCTERMS.identifier, "text")
_NOTE = F("note", SKOS.note, "text")
_SOURCE = F("source", PROV.wasDerivedFrom, "part")
_TEXT = F("text", TBK.printedText, "text")
_NODE = (_ID, _NOTE, _SOURCE)
_BODY = (
    F("name", RDFS.label, "text"),
    F("external_experts", TBK.externalExperts, "bool"),
    F("sectors", TBK.sectors, "enums", "sector"),
    F("residents", TBK.residents, "bool"),
    F("digital_expertise", TBK.digitalExpertise, "bool"),
    F("members", ORG.hasMembership, "parts"),
    _TEXT,
    _NOTE,
    _SOURCE,
)
"""The fields of a council: the verification body and the drafting body share them."""


def _planned(*extra: Field) -> tuple[Field, ...]:
    return _NODE + (
        F("name", RDFS.label, "text"),
        F("label", TBK.printedNumber, "text"),
        _TEXT,
        F("pillars", TBK.pillars, "refs"),
        F("national_directions", TBK.nationalDirections, "directions"),
        F("kpis", TBK.hasKPI, "entries", types=(TBK.KPI,)),
    ) + extra


_OBSERVATION = (TBK.ValueObservation, QB.Observation)

CLASSES: dict[type, ClassMap] = {
    cm.model: cm
    for cm in [
        ClassMap(m.Strategy, (TBK.Strategy,), _NODE + (
            F("format", TBK.formatVersion, "int"),
            F("title", DCTERMS.title, "text"),
            F("short_title", DCTERMS.alternative, "text"),
            F("body", DCTERMS.publisher, "part"),
            F("status", TBK.status, "enum", "status"),
            F("dates", TBK.dates, "part"),
            F("documents", TBK.hasDocument, "parts"),
            F("period", TBK.period, "part"),
            F("considers", TBK.considers, "part"),
            F("vision", TBK.hasVision, "part"),
            F("kgis", TBK.hasKGI, "parts", types=(TBK.KGI,)),
            F("goals", TBK.hasGoal, "parts"),
            F("governance", TBK.governance, "part"),
            F("predecessor", TBK.predecessor, "part"),
            F("revisions", TBK.hasRevision, "parts"),
            F("progress", TBK.hasProgressRecord, "parts"),
            F("deviations", TBK.hasDeviation, "parts"),
        )),
        ClassMap(m.Body, (TBK.LocalGovernment, ORG.FormalOrganization), (
            F("name", RDFS.label, "text"),
            F("code", TBK.localGovernmentCode, "text"),
            F("level", TBK.governmentLevel, "enum", "level"),
            F("prefecture", TBK.prefectureName, "text"),
            F("prefecture_code", TBK.prefectureCode, "text"),
        )),
        ClassMap(m.Document, (TBK.SourceDocument,), (
            _ID,
            F("title", DCTERMS.title, "text"),
            F("url", TBK.url, "uri"),
            F("date", DCTERMS.date, "year"),
            _NOTE,
        )),
        ClassMap(m.SourceRef, (TBK.SourceReference,), (
            F("document", DCTERMS.isPartOf, "document"),
            F("page", TBK.page, "page"),
            _NOTE,
        )),
        ClassMap(m.Dates, (TBK.StrategyDates,), (
            F("drafted", TBK.draftedOn, "year"),
            F("published", TBK.publishedOn, "year"),
            F("adopted", TBK.adoptedOn, "year"),
            F("revised", TBK.revisedOn, "year"),
        )),
        ClassMap(m.Period, (TBK.StrategyPeriod, DCTERMS.PeriodOfTime), (
            F("start", TBK.startYear, "year"),
            F("end", TBK.endYear, "year"),
            _TEXT,
            F("reason", TBK.reason, "text"),
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.Considers, (TBK.Considerations,), (
            F("national_strategy", TBK.nationalStrategy, "part"),
            F("prefectural_strategy", TBK.prefecturalStrategy, "part"),
            F("population_vision", TBK.populationVision, "part"),
            F("comprehensive_plan", TBK.comprehensivePlan, "part"),
            F("cross_boundary", TBK.crossBoundary, "part"),
            F("earlier_efforts", TBK.earlierEfforts, "part"),
            F("national_support", TBK.nationalSupport, "part"),
        )),
        ClassMap(m.CrossBoundary, (TBK.CrossBoundaryCooperation,), (
            F("partners", TBK.partners, "texts"),
            _TEXT,
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.EarlierEfforts, (TBK.EarlierEfforts,), (
            _TEXT,
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.NationalSupport, (TBK.NationalSupportUse,), (
            F("measures", TBK.supportMeasures, "texts"),
            _TEXT,
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.NationalStrategyRef, (TBK.NationalStrategyReference,), (
            F("title", DCTERMS.title, "text"),
            F("edition", TBK.edition, "text"),
            _TEXT,
            _SOURCE,
        )),
        ClassMap(m.PrefecturalStrategyRef, (TBK.PrefecturalStrategyReference,), (
            F("title", DCTERMS.title, "text"),
            F("body_code", TBK.localGovernmentCode, "text"),
            F("strategy_id", TBK.strategyId, "text"),
            F("period", TBK.yearSpan, "span"),
            _TEXT,
            _SOURCE,
        )),
        ClassMap(m.PopulationVision, (TBK.PopulationVision,), (
            F("title", DCTERMS.title, "text"),
            F("year", TBK.year, "year"),
            F("projections", TBK.hasProjection, "parts"),
            _TEXT,
            _SOURCE,
        )),
        ClassMap(m.Projection, (TBK.PopulationProjection,), _NODE + (
            F("name", RDFS.label, "text"),
            F("unit", SDMX_ATTRIBUTE.unitMeasure, "text"),
            F("points", TBK.hasPoint, "parts"),
        )),
        ClassMap(m.ProjectionPoint, (TBK.ProjectionPoint,), (
            F("year", TBK.year, "year"),
            F("value", SDMX_MEASURE.obsValue, "number"),
            F("label", TBK.pointLabel, "text"),
        )),
        ClassMap(m.ComprehensivePlan, (TBK.ComprehensivePlanReference,), (
            F("title", DCTERMS.title, "text"),
            F("relation", TBK.planRelation, "enum", "plan-relation"),
            F("period", TBK.yearSpan, "span"),
            _TEXT,
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.Vision, (TBK.Vision,), _NODE + (
            F("name", RDFS.label, "text"),
            _TEXT,
            F("pillars", TBK.hasPillar, "parts"),
            F("model_visions", TBK.modelVisions, "texts"),
            F("policy_areas", TBK.policyAreas, "texts"),
        )),
        ClassMap(m.Pillar, (TBK.Pillar,), _NODE + (
            F("name", RDFS.label, "text"),
            _TEXT,
        )),
        ClassMap(m.Goal, (TBK.Goal,), _planned(
            F("numerical_targets", TBK.hasNumericalTarget, "parts", types=(TBK.NumericalTarget,)),
            F("qualitative", TBK.qualitative, "bool"),
            F("directions", TBK.hasBasicDirection, "parts"),
        )),
        ClassMap(m.BasicDirection, (TBK.BasicDirection,), _planned(
            F("directions", TBK.hasBasicDirection, "parts"),
            F("measures", TBK.hasMeasure, "parts"),
            F("main_examples", TBK.mainExamples, "texts"),
            F("supplementary_indicators", TBK.hasSupplementaryIndicator, "parts", types=(TBK.SupplementaryIndicator,)),
            F("no_pillar_measures", TBK.noPillarMeasures, "bool"),
        )),
        ClassMap(m.Measure, (TBK.Measure,), _planned(
            F("pillar_mark", TBK.pillarMark, "bool"),
            F("digital", TBK.digital, "bool"),
            F("main_examples", TBK.mainExamples, "texts"),
            F("projects", TBK.projects, "texts"),
            F("partners", TBK.partners, "texts"),
            F("national_support", TBK.supportMeasures, "texts"),
        )),
        ClassMap(m.Indicator, (TBK.Indicator,), _NODE + (
            F("name", RDFS.label, "text"),
            F("label", TBK.printedNumber, "text"),
            F("unit", SDMX_ATTRIBUTE.unitMeasure, "text"),
            F("kind", TBK.indicatorKind, "enum", "kpi-kind"),
            F("data_source", TBK.dataSource, "text"),
            F("population", TBK.population, "text"),
            F("baseline", TBK.baseline, "part"),
            F("target", TBK.target, "part"),
            F("segments", TBK.hasSegment, "parts"),
            F("better", TBK.better, "enum", "better"),
            F("digital", TBK.digital, "bool"),
            F("projection", TBK.basedOnProjection, "ref"),
        )),
        ClassMap(m.IndicatorRef, (TBK.KPIRelisting,), (
            F("ref", TBK.relists, "ref"),
            F("relisted", TBK.printedAsRelisted, "bool"),
            F("name", RDFS.label, "text"),
            F("population", TBK.population, "text"),
            F("baseline", TBK.baseline, "part"),
            F("target", TBK.target, "part"),
            F("segments", TBK.hasSegment, "parts"),
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.Segment, (TBK.Segment,), (
            F("population", TBK.population, "text"),
            F("object", TBK.measuredObject, "text"),
            F("baseline", TBK.baseline, "part"),
            F("target", TBK.target, "part"),
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.Baseline, (TBK.BaselineValue,) + _OBSERVATION, (
            F("value", SDMX_MEASURE.obsValue, "number"),
            _TEXT,
            F("as_of", TBK.asOf, "year"),
            F("period", TBK.yearSpan, "span"),
            F("aggregate", TBK.aggregate, "enum", "aggregate"),
            _NOTE,
            F("rank", TBK.rank, "int"),
            F("rank_scope", TBK.rankScope, "text"),
            F("span_years", TBK.spanYears, "int"),
            F("unit", TBK.valueUnit, "text"),
        )),
        ClassMap(m.Target, (TBK.TargetValue,) + _OBSERVATION, (
            F("value", SDMX_MEASURE.obsValue, "number"),
            _TEXT,
            F("year", TBK.targetYear, "year"),
            F("period", TBK.yearSpan, "span"),
            F("aggregate", TBK.aggregate, "enum", "aggregate"),
            F("bound", TBK.bound, "enum", "bound"),
            F("relative", TBK.relativeTarget, "enum", "relative-target"),
            F("rank", TBK.rank, "int"),
            F("rank_scope", TBK.rankScope, "text"),
            _NOTE,
            F("span_years", TBK.spanYears, "int"),
            F("unit", TBK.valueUnit, "text"),
        )),
        ClassMap(m.Deviation, (TBK.Deviation,), (
            F("rule", TBK.rule, "text"),
            F("node", TBK.deviationFor, "ref"),
            F("justification", TBK.justification, "text"),
            F("approver", TBK.approver, "text"),
            F("date", DCTERMS.date, "date"),
            F("expires", TBK.expires, "date"),
        )),
        ClassMap(m.Predecessor, (TBK.PredecessorStrategy,), (
            F("title", DCTERMS.title, "text"),
            F("id", TBK.predecessorId, "text"),
            F("file", TBK.predecessorFile, "text"),
            F("period", TBK.yearSpan, "span"),
            F("adopted", TBK.predecessorAdopted, "year"),
            F("verification", TBK.previousVerification, "part"),
            F("reflected", TBK.reflection, "text"),
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.PreviousVerification, (TBK.PreviousVerification,), (
            F("summary", TBK.verificationSummary, "text"),
            F("conclusion", TBK.verificationConclusion, "text"),
            F("date", TBK.concludedOn, "year"),
            F("body", TBK.verifiedBy, "text"),
            F("document", TBK.reportTitle, "text"),
            F("url", TBK.reportUrl, "uri"),
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.KpiRevision, (TBK.KPIRevision,), (
            F("kpi", TBK.revisedKPI, "text"),
            F("change", TBK.revisionChange, "enum", "revision-change"),
            F("date", TBK.decidedOn, "year"),
            F("old", TBK.valueBefore, "text"),
            F("new", TBK.valueAfter, "text"),
            F("replaced_by", TBK.replacedBy, "text"),
            F("reason", TBK.revisionReason, "text"),
            F("decided_by", TBK.decidedBy, "text"),
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.ProgressYear, (TBK.ProgressRecord,), (
            F("fiscal_year", TBK.fiscalYear, "year"),
            F("compiled", TBK.compiledOn, "year"),
            F("actuals", TBK.hasActualValue, "parts"),
            F("milestones", TBK.hasYearlyTarget, "parts"),
            F("evaluations", TBK.hasEvaluation, "parts"),
            F("revisions", TBK.hasProgressRevision, "parts"),
            F("verification", TBK.yearVerification, "part"),
            _NOTE,
            _SOURCE,
        )),
        ClassMap(m.Actual, (TBK.ActualValue,) + _OBSERVATION, (
            F("kpi", TBK.forIndicator, "ref"),
            F("year", TBK.fiscalYear, "year"),
            F("segment", TBK.population, "text"),
            F("value", SDMX_MEASURE.obsValue, "number"),
            _TEXT,
            F("cumulative", TBK.cumulativeValue, "bool"),
            F("status", TBK.valueStatus, "enum", "value-status"),
            F("as_of", TBK.measuredOn, "year"),
            F("source", TBK.valueSource, "text"),
            F("benchmark", TBK.benchmarkValue, "number"),
            _NOTE,
        )),
        ClassMap(m.Milestone, (TBK.YearlyTarget,) + _OBSERVATION, (
            F("kpi", TBK.forIndicator, "ref"),
            F("year", TBK.fiscalYear, "year"),
            F("segment", TBK.population, "text"),
            F("value", SDMX_MEASURE.obsValue, "number"),
            _TEXT,
            _NOTE,
        )),
        ClassMap(m.Evaluation, (TBK.MeasureEvaluation,), (
            F("measure", TBK.evaluates, "ref"),
            F("year", TBK.fiscalYear, "year"),
            F("grade", TBK.grade, "text"),
            F("analysis", TBK.causeAnalysis, "text"),
            F("decision", TBK.decision, "enum", "decision"),
            F("reason", TBK.decisionReason, "text"),
            F("merged_into", TBK.mergedInto, "ref"),
            _NOTE,
        )),
        ClassMap(m.Verification, (TBK.YearVerification,), (
            F("meetings", TBK.hasMeeting, "parts"),
            F("assembly", TBK.assemblyReport, "part"),
            F("residents", TBK.residentViews, "part"),
            F("publication", TBK.publicationRecord, "part"),
            F("conclusion", TBK.yearConclusion, "text"),
            F("summary", TBK.yearSummary, "text"),
            F("final_review", TBK.finalReview, "bool"),
            _NOTE,
        )),
        ClassMap(m.Meeting, (TBK.VerificationMeeting,), (
            F("date", TBK.heldOn, "year"),
            F("body", TBK.meetingBody, "text"),
            F("external_experts", TBK.externalExpertsTookPart, "bool"),
            F("sectors", TBK.sectorsTookPart, "enums", "sector"),
            F("residents", TBK.residentsTookPart, "bool"),
            F("opinions", TBK.opinions, "texts"),
            F("minutes", TBK.minutes, "uri"),
            _NOTE,
        )),
        ClassMap(m.AssemblyReport, (TBK.AssemblyReport,), (
            F("date", TBK.reportedOn, "year"),
            F("form", TBK.assemblyForm, "enum", "assembly-form"),
            F("committee", TBK.committee, "text"),
            _NOTE,
        )),
        ClassMap(m.ResidentViews, (TBK.ResidentViews,), (
            F("methods", TBK.viewMethods, "texts"),
            F("date", TBK.gatheredOn, "year"),
            F("summary", TBK.viewsSummary, "text"),
            _NOTE,
        )),
        ClassMap(m.PublicationRecord, (TBK.PublicationRecord,), (
            F("published", TBK.wasPublished, "bool"),
            F("date", TBK.publishedDate, "year"),
            F("url", TBK.publishedAt, "uri"),
            _NOTE,
        )),
        ClassMap(m.Governance, (TBK.Governance,), (
            F("pdca", TBK.pdca, "part"),
            F("verification_body", TBK.verificationBody, "part"),
            F("drafting_body", TBK.draftingBody, "part"),
            F("publication", TBK.publication, "part"),
            F("assembly", TBK.assembly, "part"),
            F("participation", TBK.participation, "part"),
            F("internal", TBK.internalStructure, "part"),
        )),
        ClassMap(m.Pdca, (TBK.PdcaCycle,), (
            F("cycle_years", TBK.cycleYears, "number"),
            F("kpi_review", TBK.kpiReview, "bool"),
            F("revision", TBK.revision, "bool"),
            F("resident_feedback", TBK.residentFeedback, "texts"),
            _TEXT,
            _SOURCE,
        )),
        ClassMap(m.VerificationBody, (TBK.VerificationBody, ORG.Organization), _BODY),
        ClassMap(m.DraftingBody, (TBK.DraftingBody, ORG.Organization), _BODY),
        ClassMap(m.Member, (TBK.Member, ORG.Membership), (
            F("name", RDFS.label, "text"),
            F("affiliation", TBK.affiliation, "text"),
            F("sector", TBK.sector, "enum", "sector"),
            F("role", TBK.roleName, "text"),
            F("digital", TBK.digitalExpertise, "bool"),
        )),
        ClassMap(m.Publication, (TBK.Publication,), (
            F("published", TBK.resultsPublished, "bool"),
            F("channels", TBK.channels, "texts"),
            _TEXT,
            _SOURCE,
        )),
        ClassMap(m.Assembly, (TBK.AssemblyInvolvement,), (
            F("deliberation", TBK.deliberation, "bool"),
            F("stages", TBK.stages, "enums", "assembly-stage"),
            F("drafting", TBK.draftingForm, "enum", "assembly-form"),
            F("verification", TBK.verificationForm, "enum", "assembly-form"),
            _TEXT,
            _SOURCE,
        )),
        ClassMap(m.Participation, (TBK.Participation,), (
            F("methods", TBK.methods, "texts"),
            F("drafted_in_house", TBK.draftedInHouse, "bool"),
            _TEXT,
            _SOURCE,
        )),
        ClassMap(m.InternalStructure, (TBK.InternalStructure,), (
            F("departments", TBK.departments, "texts"),
            F("digital_department", TBK.digitalDepartment, "bool"),
            _TEXT,
            _SOURCE,
        )),
    ]
}
"""Every model class that appears in a strategy, with its mapping."""

ENTRY_REF_PROP = TBK.hasRelisting
"""The property of 【再掲】 re-listings in a `kpis` list (defined KPIs use the field's own property)."""

POSITION = TBK.position
"""The 1-based place of a resource in the list it was written in."""


def classmap(model_class: type) -> ClassMap:
    """The mapping of a model class (a subclass of _Planned resolves to its own entry)."""
    return CLASSES[model_class]


def planned_classes() -> tuple[type, ...]:
    return tuple(c for c in CLASSES if issubclass(c, _Planned))
