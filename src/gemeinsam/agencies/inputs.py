"""Typed input for agencies' writes: what the web forms hand to the services."""

from __future__ import annotations

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True)
class StaffChange:
    """A staff member's role, whether they still work for the agency, and the contact details
    the agency's page shows for them."""

    role: str
    is_active: bool
    is_public_contact: bool = False
    public_title: str = ""
    public_phone: str = ""
    public_email: str = ""
    languages: str = ""

    @classmethod
    def fields(cls) -> list[str]:
        return [field.name for field in dataclasses.fields(cls)]


@dataclasses.dataclass(frozen=True)
class MeasureInput:
    """One of a project's measures: a new one (no `id`), or one of the project's own to change
    or, with `delete`, to remove."""

    title: str
    description: str = ""
    id: int | None = None
    delete: bool = False


@dataclasses.dataclass(frozen=True)
class ProjectInput:
    title: str
    funder: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    goals: str = ""
    is_public: bool = True
    measures: tuple[MeasureInput, ...] = ()

    @classmethod
    def fields(cls) -> list[str]:
        return [field.name for field in dataclasses.fields(cls) if field.name != "measures"]
