"""The strategy file format, as pydantic v2 models.  `Strategy` is the root."""

from .base import Node, SourceRef, Spec
from .governance import (
    Assembly,
    AssemblyForm,
    AssemblyStage,
    DraftingBody,
    Governance,
    InternalStructure,
    Member,
    Participation,
    Pdca,
    Publication,
    Sector,
    VerificationBody,
)
from .indicators import Indicator, IndicatorKind, IndicatorRef
from .progress import (
    Actual,
    ActualStatus,
    AssemblyReport,
    Decision,
    Evaluation,
    Meeting,
    Milestone,
    ProgressFile,
    ProgressYear,
    PublicationRecord,
    ResidentViews,
    Verification,
)
from .lineage import KpiRevision, Predecessor, PreviousVerification, RevisionChange
from .strategy import (
    BasicDirection,
    Body,
    ComprehensivePlan,
    Considers,
    CrossBoundary,
    EarlierEfforts,
    Dates,
    Deviation,
    Document,
    Goal,
    Level,
    Measure,
    NationalStrategyRef,
    NationalSupport,
    Period,
    Pillar,
    PlanRelation,
    PopulationVision,
    PrefecturalStrategyRef,
    Projection,
    ProjectionPoint,
    Status,
    Strategy,
    Vision,
)
from .values import Aggregate, Baseline, Better, Bound, Relative, Segment, Target

__all__ = [name for name in dir() if not name.startswith("_")]
