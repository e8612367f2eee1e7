"""What creating a call and applying take, and the checks the web form and the API share.

A service asks the same checks again before it writes, and raises `Invalid` with every
problem by field ("__all__" for the whole input), in the language of the page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from gemeinsam.core.enums import FederalState
from gemeinsam.events.inputs import upload_problem
from gemeinsam.organizations.enums import OrganizationKind

from .enums import RECEIVING_LEGAL_FORMS, CallMode

Problems = dict[str, list[str]]


class Invalid(Exception):
    """The input cannot be saved; `problems` says why, by field."""

    def __init__(self, problems: Problems):
        super().__init__(problems)
        self.problems = problems


def _add(problems: Problems, name: str, message: str) -> None:
    problems.setdefault(name, []).append(message)


def _euros(amount: Decimal) -> str:
    return f"{number_format(amount, decimal_pos=2, force_grouping=True)} €"


@dataclass(frozen=True)
class CallInput:
    title: str
    slug: str
    funder: str
    budget: Decimal
    max_grant: Decimal
    opens_on: datetime.date
    closes_on: datetime.date
    project_starts_on: datetime.date
    project_ends_on: datetime.date
    mode: str
    description: str = ""
    programme_id: int | None = None
    regions: tuple[str, ...] = ()
    field_ids: tuple[int, ...] = ()
    required_documents: str = ""
    questions: str = ""
    is_published: bool = False
    pairs_within_land: bool = False


def call_problems(data: CallInput) -> Problems:
    problems: Problems = {}
    if data.closes_on < data.opens_on:
        _add(problems, "closes_on", _("The application period cannot end before it starts."))
    if data.project_ends_on < data.project_starts_on:
        _add(problems, "project_ends_on", _("The project cannot end before it starts."))
    if data.project_starts_on < data.closes_on:
        _add(
            problems,
            "project_starts_on",
            _("The project should start after the application period has ended."),
        )
    if data.max_grant > data.budget:
        _add(
            problems,
            "max_grant",
            _("The maximum grant per tandem cannot be more than the whole budget."),
        )
    if any(code not in FederalState.values for code in data.regions):
        _add(problems, "regions", _("Choose Länder from the list."))
    if data.mode not in CallMode.values:
        _add(problems, "mode", _("Choose a mode from the list."))
    return problems


@dataclass(frozen=True)
class DocumentUpload:
    """One required document (by its position in the call's list) and its uploaded file."""

    position: int
    name: str
    size: int
    file: Any = None


@dataclass(frozen=True)
class ApplicationInput:
    organization_id: int
    submit: bool = False
    partner_id: int | None = None
    offers: str = ""
    needs: str = ""
    ideas: str = ""
    field_ids: tuple[int, ...] = ()
    language_ids: tuple[int, ...] = ()
    region: str = ""
    district: str = ""
    capacity_hours: int | None = None
    amount: Decimal | None = None
    answers: tuple[str, ...] = ()
    contact_name: str = ""
    contact_email: str = ""
    documents: tuple[DocumentUpload, ...] = field(default_factory=tuple)


def _can_receive(organization) -> bool:
    legal_form = organization.legal_form if organization is not None else None
    return legal_form is not None and legal_form.code in RECEIVING_LEGAL_FORMS


def application_problems(
    call,
    data: ApplicationInput,
    *,
    organization,
    partner=None,
    documents_on_file: frozenset[int] = frozenset(),
    today: datetime.date,
) -> Problems:
    """Every reason the application cannot be saved (a draft) or submitted (`data.submit`).

    A draft is checked for what is wrong already (the deadline, the amount, an upload, the
    partner); a submission also for what is missing.
    """
    problems: Problems = {}
    if not call.is_published or today < call.opens_on:
        _add(problems, "__all__", _("This call does not take applications yet."))
    elif today > call.closes_on:
        _add(
            problems,
            "__all__",
            _("Applications for this call closed on %(date)s.")
            % {"date": date_format(call.closes_on, "DATE_FORMAT")},
        )
    if data.amount is not None and data.amount > call.max_grant:
        _add(
            problems,
            "amount",
            _("At most %(max)s can be granted per tandem.") % {"max": _euros(call.max_grant)},
        )
    if data.amount is not None and data.amount < 0:
        _add(problems, "amount", _("The amount cannot be negative."))
    if partner is not None and partner.pk == organization.pk:
        _add(problems, "partner", _("Your partner must be another organization."))
    for upload in data.documents:
        problem = upload_problem(upload.name, upload.size)
        if problem:
            _add(problems, f"document_{upload.position}", problem)
    if data.region and data.region not in FederalState.values:
        _add(problems, "region", _("Choose a Land from the list."))
    if not data.submit:
        return problems

    for name, value, message in [
        ("offers", data.offers, _("Say what your organization offers a partner.")),
        ("needs", data.needs, _("Say what your organization wants to learn or needs.")),
        ("region", data.region, _("Choose the Land where the tandem will work.")),
        ("amount", data.amount, _("Enter the grant you ask for.")),
    ]:
        if value in ("", None):
            _add(problems, name, message)
    if call.regions and data.region and data.region not in call.regions:
        _add(
            problems,
            "region",
            _("This call is open to organizations in %(regions)s only.")
            % {"regions": ", ".join(call.region_names())},
        )
    call_fields = {f.pk for f in call.fields.all()}
    if call_fields and not call_fields & set(data.field_ids):
        _add(problems, "field_ids", _("Choose at least one of the call's fields of activity."))
    answers = list(data.answers)
    for index, _question in enumerate(call.question_list()):
        if index >= len(answers) or not answers[index].strip():
            _add(problems, f"answer_{index}", _("Please answer this question."))
    uploaded = documents_on_file | {d.position for d in data.documents}
    for index, name in enumerate(call.document_list()):
        if index not in uploaded:
            _add(
                problems,
                f"document_{index}",
                _("Upload this document: %(name)s.") % {"name": name},
            )
    if call.mode == CallMode.PAIR_FIRST:
        if partner is None:
            _add(problems, "partner", _("Name the partner organization you apply with."))
        elif not (_can_receive(organization) or _can_receive(partner)):
            _add(
                problems,
                "__all__",
                _(
                    "Neither organization can receive grant money with its legal form. One of "
                    "the two must be a legal person (for example a registered association)."
                ),
            )
    elif not _can_receive(organization) and organization.kind != OrganizationKind.MIGRANT_ORG:
        _add(
            problems,
            "__all__",
            _(
                "Your organization cannot receive grant money with its legal form. A tandem "
                "partner must be able to receive it for the migrant organization if needed."
            ),
        )
    return problems
