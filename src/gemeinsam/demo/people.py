"""Invented people (data/people.yaml): one log-in per role, agency staff, and the public contacts
agencies show. Other data files name people by their handle (`rania`, `jana`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import records


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    is_platform_admin: bool = False

    @classmethod
    def from_data(cls, value: Any, where: records.Where) -> Person:
        """A person named by handle in another data file."""
        if not isinstance(value, str):
            raise where.error("expected the handle of someone in people.yaml")
        found = cast().people.get(value)
        if found is None:
            raise where.error(f"nobody in people.yaml has the handle {value!r}")
        return found


@dataclass(frozen=True)
class Staff:
    agency: str  # agency slug
    person: Person
    role: str  # "advisor" | "manager"
    public_title: str = ""
    public_phone: str = ""
    public_email: str = ""
    languages: str = ""

    @property
    def is_public_contact(self) -> bool:
        return bool(self.public_title)


@dataclass(frozen=True)
class Login:
    role: str
    person: Person
    note: str  # what they act for


@dataclass(frozen=True)
class Roles:
    """Whom the demo means by each role."""

    member: str
    colleague: str
    second_member: str
    claimant: str
    advisor_x: str
    advisor_y: str
    arabic_advisor: str
    manager: str
    platform_admin: str


@dataclass(frozen=True)
class Cast:
    password: str
    people: dict[str, Person]  # by handle, in the order their log-ins are created
    staff: tuple[Staff, ...]
    logins: tuple[Login, ...]
    member: Person
    colleague: Person
    second_member: Person
    claimant: Person
    advisor_x: Person
    advisor_y: Person
    arabic_advisor: Person
    manager: Person
    platform_admin: Person

    def emails(self) -> set[str]:
        return {p.email for p in self.people.values()}


def cast() -> Cast:
    """Everyone in the demo, read from data/people.yaml."""
    return records.load("people", _build)


def _build(where: records.Where, content: Any) -> Cast:
    content = records.sections(content, where, "password", "people", "roles", "staff", "logins")
    people = {
        handle: records.record(Person, value, where.at("people").at(handle))
        for handle, value in records.mapping(content["people"], where.at("people")).items()
    }
    roles = records.record(Roles, content["roles"], where.at("roles"))
    return Cast(
        password=records.convert(content["password"], str, where.at("password")),
        people=people,
        staff=_with_people(Staff, content["staff"], where.at("staff"), people),
        logins=_with_people(Login, content["logins"], where.at("logins"), people),
        **{
            role: _person(people, handle, where.at("roles").at(role))
            for role, handle in vars(roles).items()
        },
    )


def _with_people(shape: type, content: Any, where: records.Where, people: dict) -> tuple:
    """Records whose `person` is a handle of this file (Person.from_data would read it again)."""
    found = []
    for number, item in enumerate(records.sequence(content, where), start=1):
        at = where.at(f"#{number}")
        item = dict(records.mapping(item, at))
        if "person" in item:
            item["person"] = _person(people, item["person"], at.at("person"))
        found.append(records.record(shape, item, at))
    return tuple(found)


def _person(people: dict[str, Person], handle: Any, where: records.Where) -> Person:
    if not isinstance(handle, str) or handle not in people:
        raise where.error(f"nobody under people has the handle {handle!r}")
    return people[handle]
