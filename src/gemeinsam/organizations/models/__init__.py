"""The directory's models, one module per part: reference data, the organization record, the
people acting for organizations, the search's documents and imports. Everything is named here,
so `organizations.models.X` keeps working, and so do the callables the migrations name."""

from .directory import (
    PROFILE_FIELDS,
    FundingSource,
    Organization,
    OrganizationQuerySet,
    Recognition,
    postcode_validator,
)
from .index import SearchChange, SearchDocument, SearchWord
from .interchange import ImportBatch, _import_path
from .people import Invitation, OrganizationMembership, _invitation_token
from .reference import FieldOfActivity, LegalForm, RecognitionType, TargetGroup, WorkingLanguage

__all__ = [
    "PROFILE_FIELDS",
    "FieldOfActivity",
    "FundingSource",
    "ImportBatch",
    "Invitation",
    "LegalForm",
    "Organization",
    "OrganizationMembership",
    "OrganizationQuerySet",
    "Recognition",
    "RecognitionType",
    "SearchChange",
    "SearchDocument",
    "SearchWord",
    "TargetGroup",
    "WorkingLanguage",
    "_import_path",
    "_invitation_token",
    "postcode_validator",
]
