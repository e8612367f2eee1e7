"""The directory over HTTP: /api/v1/organizations and the reference codes its filters use.

Every answer is built from the same queries as the web directory (`queries.search_directory`,
`queries.organizations_visible_to`), so the API can never show more, or other, organizations
than the web pages do. An organization comes in one of two views, and the `view` key says which:

- "public": the public profile, for anonymous callers and anyone without more rights;
- "internal": the profile plus the internal fields (register, staffing, income, funding …), for
  whom the rules allow it (`organizations.view_internal_fields`): agency staff and platform
  admins, and on the detail also the organization's own members, exactly as on the web page.
  A list shows the internal view only to staff (`organizations.view_unlisted`), since one page
  has one shape.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from gemeinsam.core.api import ERRORS, Error, LanguageCode, LanguageParam, Reference, in_language
from gemeinsam.core.enums import FederalState
from gemeinsam.core.localized import LocalizedNameModel, written_with_status

from . import queries
from .enums import FundingKind, IncomeBand, OrganizationKind
from .models import (
    FieldOfActivity,
    LegalForm,
    Organization,
    RecognitionType,
    TargetGroup,
    WorkingLanguage,
)

router = Router(tags=["organizations"])
reference_router = Router(tags=["reference"])

# Reference codes are slugs. Unknown codes are not an error: they match nothing, because the
# codes are data that platform admins may add or retire at any time (see /reference/…).
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
# Free text must not carry NUL: PostgreSQL refuses it in a query, which would be our 500.
District = Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")]
MAX_VALUES = 20


def _item(item: LocalizedNameModel | None) -> dict | None:
    return {"code": item.code, "label": item.label} if item is not None else None


def _choice(choices, value: str) -> dict | None:
    return {"code": value, "label": str(choices(value).label)} if value else None


class RecognitionOut(Schema):
    type: Reference
    authority: str
    granted_on: date | None
    valid_until: date | None


class DescriptionOut(Schema):
    language: str
    text: str = Field(description="As written in this language (outdated paragraphs included).")
    status: str = Field(
        description=(
            "German is the original (up_to_date). A translation is missing when a paragraph "
            "of today's German has no translation, else outdated when the German of a "
            "paragraph changed since it was translated, else up_to_date."
        )
    )
    paragraphs: list[str] = Field(
        description="The status of each paragraph of today's German in this language."
    )


class FundingSourceOut(Schema):
    field: Reference
    kind: Reference
    funder: str


class OrganizationPublic(Schema):
    """What anybody may see: the public profile."""

    view: Literal["public"]
    slug: str
    name: str
    short_name: str
    kind: Reference
    legal_form: Reference | None
    founded_on: date | None
    street: str
    postcode: str
    city: str
    district: str
    municipality: str
    federal_state: Reference | None
    website: str
    email: str
    phone: str
    contact_name: str = Field(description="The public contact person.")
    fields: list[Reference] = Field(description="Fields of activity.")
    target_groups: list[Reference]
    languages: list[Reference] = Field(description="Working languages.")
    recognitions: list[RecognitionOut]
    descriptions: list[DescriptionOut] = Field(description="One per language written.")
    url: str = Field(description="The profile page on the web.")


class OrganizationInternal(OrganizationPublic):
    """The public profile plus the internal fields, for agency staff, admins and members."""

    view: Literal["internal"]
    is_public: bool = Field(description="Whether the organization shows in the public directory.")
    register_court: str
    register_number: str
    youth_welfare_since: date | None
    members_count: int | None
    volunteers_count: int | None
    paid_staff_fte: float | None = Field(description="Paid staff in full-time equivalents.")
    income_band: Reference | None = Field(description="Annual income.")
    board_migration_majority: bool | None = Field(
        description="The board has a majority of people with migration history."
    )
    funding_sources: list[FundingSourceOut] = Field(description="Current funding per field.")
    last_confirmed_on: date | None = Field(description="When the profile was last confirmed.")
    confirmation_overdue: bool
    created_at: datetime
    updated_at: datetime


# Plain functions, not schema resolvers, turn a model into an answer: the schemas above only
# declare shapes, and ninja validates these dicts against them on the way out.


def public_data(org: Organization, *, request: HttpRequest) -> dict:
    """The public view; expects the organization's related rows to be prefetched."""
    return {
        "view": "public",
        "slug": org.slug,
        "name": org.name,
        "short_name": org.short_name,
        "kind": _choice(OrganizationKind, org.kind),
        "legal_form": _item(org.legal_form),
        "founded_on": org.founded_on,
        "street": org.street,
        "postcode": org.postcode,
        "city": org.city,
        "district": org.district,
        "municipality": org.municipality,
        "federal_state": _choice(FederalState, org.federal_state),
        "website": org.website,
        "email": org.email,
        "phone": org.phone,
        "contact_name": org.contact_name,
        "fields": [_item(f) for f in org.fields_shown()],
        "target_groups": [_item(g) for g in org.target_groups.all()],
        "languages": [_item(lang) for lang in org.languages_shown()],
        "recognitions": [
            {
                "type": _item(r.type),
                "authority": r.authority,
                "granted_on": r.granted_on,
                "valid_until": r.valid_until,
            }
            for r in org.recognitions.all()
        ],
        "descriptions": [
            {"language": lang, "text": text, "status": state, "paragraphs": parts}
            for lang, text, state, parts in written_with_status(org, "description")
        ],
        "url": request.build_absolute_uri(org.get_absolute_url()),
    }


def internal_data(org: Organization, *, request: HttpRequest) -> dict:
    """The internal view; expects funding sources to be prefetched as well."""
    return {
        **public_data(org, request=request),
        "view": "internal",
        "is_public": org.is_public,
        "register_court": org.register_court,
        "register_number": org.register_number,
        "youth_welfare_since": org.youth_welfare_since,
        "members_count": org.members_count,
        "volunteers_count": org.volunteers_count,
        "paid_staff_fte": float(org.paid_staff_fte) if org.paid_staff_fte is not None else None,
        "income_band": _choice(IncomeBand, org.income_band),
        "board_migration_majority": org.board_migration_majority,
        "funding_sources": [
            {"field": _item(s.field), "kind": _choice(FundingKind, s.kind), "funder": s.funder}
            for s in org.funding_sources.all()
        ],
        "last_confirmed_on": org.last_confirmed_on,
        "confirmation_overdue": org.confirmation_overdue,
        "created_at": org.created_at,
        "updated_at": org.updated_at,
    }


AnyOrganization = Annotated[OrganizationInternal | OrganizationPublic, Field(discriminator="view")]


class _Page(Schema):
    count: int = Field(
        description=(
            f"Organizations found in all pages. Counting stops at {queries.TOTAL_CAP:,}: beyond "
            f"that `count` is {queries.TOTAL_CAP:,}, `count_exact` is false, and the pages hold "
            f"the first {queries.TOTAL_CAP:,}."
        )
    )
    count_exact: bool = Field(description="False when more organizations match than `count`.")
    page: int = Field(description="This page; a page past the end answers with the last one.")
    pages: int
    corrected_q: str | None = Field(
        description="When `q` found nothing, the corrected words that were searched instead."
    )


class OrganizationPagePublic(_Page):
    view: Literal["public"]
    results: list[OrganizationPublic]


class OrganizationPageInternal(_Page):
    view: Literal["internal"]
    results: list[OrganizationInternal]


AnyOrganizationPage = Annotated[
    OrganizationPageInternal | OrganizationPagePublic, Field(discriminator="view")
]


class DirectoryParams(Schema):
    """The web directory's search parameters; several values of one filter widen the result."""

    q: str = Field(
        "",
        max_length=200,
        pattern=r"^[^\x00]*$",
        description="Search words; German word forms and small typos are understood.",
    )
    kind: list[OrganizationKind] = Field([], max_length=MAX_VALUES)
    field: list[Code] = Field(
        [], max_length=MAX_VALUES, description="Codes from /reference/fields."
    )
    language: list[Code] = Field(
        [], max_length=MAX_VALUES, description="Codes from /reference/languages."
    )
    state: list[FederalState] = Field([], max_length=MAX_VALUES)
    district: list[District] = Field([], max_length=MAX_VALUES)
    recognition: list[Code] = Field(
        [], max_length=MAX_VALUES, description="Codes from /reference/recognitions."
    )
    page: int = Field(1, ge=1)
    page_size: int = Field(queries.PAGE_SIZE, ge=1, le=100)
    # Not `| None`: null is no language, and leaving the parameter out already means "not given".
    lang: LanguageCode = Field(None, description="Language of labels; else Accept-Language.")

    def filters(self) -> queries.DirectoryFilters:
        return queries.DirectoryFilters(
            q=self.q.strip(),
            kinds=[str(k.value) for k in self.kind],
            fields=list(self.field),
            languages=list(self.language),
            states=[str(s.value) for s in self.state],
            districts=list(self.district),
            recognitions=list(self.recognition),
        )


def _shows_internal_view(user, organization: Organization | None = None) -> bool:
    if organization is None:
        return user.has_perm("organizations.view_unlisted")
    return user.has_perm("organizations.view_internal_fields", organization)


@router.get("", response={200: AnyOrganizationPage, **ERRORS}, summary="Search the directory")
def organization_list(request: HttpRequest, params: Query[DirectoryParams]):
    """The directory's search: the same results, in the same order, as the web page.

    Anonymous callers find public organizations only; callers with a staff token find all.
    """
    with in_language(params.lang):
        result = queries.search_directory(
            user=request.auth,
            filters=params.filters(),
            page=params.page,
            page_size=params.page_size,
        )
        internal = _shows_internal_view(request.auth)
        extra = ["target_groups", "recognitions__type", "translations"]
        if internal:
            extra.append("funding_sources__field")
        prefetch_related_objects(result.organizations, *extra)
        data = internal_data if internal else public_data
        return {
            "view": "internal" if internal else "public",
            "count": result.total,
            "count_exact": result.total_exact,
            "page": result.page,
            "pages": result.pages,
            "corrected_q": result.corrected_text or None,
            "results": [data(org, request=request) for org in result.organizations],
        }


# Django's slug converter, as on the web page: anything else (a NUL byte, which PostgreSQL
# refuses in a query, or a slash) never reaches the view and answers the API's JSON 404.
@router.get(
    "/{slug:slug}",
    response={200: AnyOrganization, 404: Error, **ERRORS},
    summary="One organization",
)
def organization_detail(
    request: HttpRequest,
    slug: Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", description="From `slug` in a list.")],
    params: Query[LanguageParam],
):
    """One organization. Not public and the caller is not staff: 404, as if it did not exist."""
    organization = (
        queries.organizations_visible_to(request.auth)
        .filter(slug=slug)
        .select_related("legal_form")
        .prefetch_related(
            "fields", "target_groups", "languages", "translations", "recognitions__type"
        )
        .first()
    )
    if organization is None:
        raise Http404(_("There is no organization at this address."))
    with in_language(params.lang):
        if _shows_internal_view(request.auth, organization):
            prefetch_related_objects([organization], "funding_sources__field")
            return internal_data(organization, request=request)
        return public_data(organization, request=request)


# --- Reference codes -----------------------------------------------------------------------------
# The codes the directory filters take, each with its label, so that clients need not guess.


def _reference_list(model: type[LocalizedNameModel], lang: str | None) -> list[dict]:
    with in_language(lang):
        return [_item(item) for item in model.objects.all()]


def _choices_list(choices, lang: str | None) -> list[dict]:
    with in_language(lang):
        return [{"code": value, "label": str(label)} for value, label in choices.choices]


REFERENCE_RESPONSES = {200: list[Reference], **ERRORS}


@reference_router.get("/kinds", response=REFERENCE_RESPONSES, summary="Kinds of organization")
def reference_kinds(request: HttpRequest, params: Query[LanguageParam]):
    return _choices_list(OrganizationKind, params.lang)


@reference_router.get("/states", response=REFERENCE_RESPONSES, summary="Federal states")
def reference_states(request: HttpRequest, params: Query[LanguageParam]):
    return _choices_list(FederalState, params.lang)


@reference_router.get("/fields", response=REFERENCE_RESPONSES, summary="Fields of activity")
def reference_fields(request: HttpRequest, params: Query[LanguageParam]):
    return _reference_list(FieldOfActivity, params.lang)


@reference_router.get("/target-groups", response=REFERENCE_RESPONSES, summary="Target groups")
def reference_target_groups(request: HttpRequest, params: Query[LanguageParam]):
    return _reference_list(TargetGroup, params.lang)


@reference_router.get("/languages", response=REFERENCE_RESPONSES, summary="Working languages")
def reference_languages(request: HttpRequest, params: Query[LanguageParam]):
    return _reference_list(WorkingLanguage, params.lang)


@reference_router.get("/legal-forms", response=REFERENCE_RESPONSES, summary="Legal forms")
def reference_legal_forms(request: HttpRequest, params: Query[LanguageParam]):
    return _reference_list(LegalForm, params.lang)


@reference_router.get("/recognitions", response=REFERENCE_RESPONSES, summary="Recognitions")
def reference_recognitions(request: HttpRequest, params: Query[LanguageParam]):
    return _reference_list(RecognitionType, params.lang)
