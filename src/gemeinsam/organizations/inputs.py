"""What the directory's services take: an organization's profile as typed input.

The profile form, its description in every language and its inline formsets (recognitions, funding
sources) become one `OrganizationInput` (`OrganizationForm.to_input`), which
`services.create_organization` and `services.update_organization` take, never a form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RecognitionInput:
    """A recognition (e.g. as a youth-welfare provider): new (`id` None), changed, or with
    `delete` removed (then only `id` counts). The type is a `RecognitionType` id."""

    type_id: int | None = None
    authority: str = ""
    granted_on: date | None = None
    valid_until: date | None = None
    id: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class FundingSourceInput:
    """How the organization funds its work in one field (a `FieldOfActivity` id), new, changed
    or removed like a `RecognitionInput`."""

    field_id: int | None = None
    kind: str = ""
    funder: str = ""
    id: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class OrganizationInput:
    """An organization's profile as its people or agency staff edit it.

    The legal form and the lists (fields of activity, target groups, working languages) are
    given by id. `descriptions` holds the description per language code, German ("de") being
    the original and the others its translations; a language left out is left alone. A
    changed German paragraph outdates that paragraph of the translations, unless
    `minor_edit` says the change was minor (a typo). `recognitions` and `funding_sources` are
    the rows that change; rows not named stay as they are.
    """

    name: str
    kind: str
    short_name: str = ""
    legal_form_id: int | None = None
    register_court: str = ""
    register_number: str = ""
    founded_on: date | None = None
    youth_welfare_since: date | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    district: str = ""
    municipality: str = ""
    federal_state: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    contact_name: str = ""
    members_count: int | None = None
    volunteers_count: int | None = None
    paid_staff_fte: Decimal | None = None
    income_band: str = ""
    board_migration_majority: bool | None = None
    is_public: bool = False
    fields: tuple[int, ...] = ()
    target_groups: tuple[int, ...] = ()
    languages: tuple[int, ...] = ()
    descriptions: Mapping[str, str] = field(default_factory=dict)
    minor_edit: bool = False
    recognitions: tuple[RecognitionInput, ...] = ()
    funding_sources: tuple[FundingSourceInput, ...] = ()


# The lists of an `OrganizationInput`, each a tuple of ids.
ORGANIZATION_LISTS = ("fields", "target_groups", "languages")
# Its fields that are the organization's own columns.
ORGANIZATION_COLUMNS = tuple(
    f.name
    for f in dataclass_fields(OrganizationInput)
    if f.name not in ORGANIZATION_LISTS
    and f.name not in ("descriptions", "minor_edit", "recognitions", "funding_sources")
)
