"""Typed input for agencies' writes: what the web forms hand to the services."""

from __future__ import annotations

import dataclasses


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
