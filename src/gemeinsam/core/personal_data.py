"""The registry of personal data: where each app says what it holds about a person, and how that
is exported (GDPR art. 15, 20) and erased (art. 17).

Every app with models that hold personal data has a `personal_data.py` that calls `register()`
once per group of models, and `not_personal()` for models whose name, email or phone fields
are not about a person (an agency's phone, a room's name). The registry finds these modules by
name (like the admin's `admin.py`), so core imports no app. A test fails for a model with such
a field that is in neither list.

One export and one erasure per person then go through every holder:

- `export(subject, scope)` gathers each holder's sections into one dict;
- `erase(subject, scope)` lets each holder erase what it holds, in one transaction.

Data an agency holds (counselling, registrations for its events, bookings of its rooms) is
`per_agency`: a scope of agencies limits those holders to what these agencies hold, and leaves
out the holders of platform data (accounts, memberships, readiness results, watch lists), which
belong to the person and the platform, not to an agency. A scope without agencies (the person
themself, or the platform) covers everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DataSubject:
    """The person an export or erasure is about.

    `user` is their account (if known), `emails` and `names` what they are known by, and
    `records` the app records that are this person, by model label
    (`{"counselling.contact": frozenset({12})}`), for apps that keep their own person records.
    An address alone is not proof of who someone is: holders match by it only inside the scope.
    """

    user: Any = None
    emails: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    records: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def records_of(self, label: str) -> frozenset[int]:
        return self.records.get(label, frozenset())


@dataclass(frozen=True)
class Scope:
    """Whose data an export or erasure covers, and who is doing it.

    `agency_ids` None means everything (the person themself, or the platform); a set of ids
    means what those agencies hold and nothing else. `viewer` is the person exporting or
    erasing (holders use it for per-record rules, such as who may read internal notes).
    """

    agency_ids: frozenset[int] | None = None
    viewer: Any = None

    @classmethod
    def of_agencies(cls, agency_ids: Iterable[int], *, viewer) -> Scope:
        return cls(agency_ids=frozenset(agency_ids), viewer=viewer)

    @property
    def everything(self) -> bool:
        return self.agency_ids is None

    def covers(self, agency_id: int | None) -> bool:
        return self.agency_ids is None or agency_id in self.agency_ids


def choice(obj, field: str) -> dict | None:
    """A choice field in an export: its stable code and its label."""
    code = getattr(obj, field)
    if code in (None, ""):
        return None
    return {"code": code, "label": str(getattr(obj, f"get_{field}_display")())}


def matches_email(field: str, emails) -> Q:
    """Rows whose `field` is one of the addresses (any case); nothing for no address."""
    q = Q(pk__in=[])
    for email in sorted(emails):
        q |= Q(**{f"{field}__iexact": email})
    return q


Exporter = Callable[[DataSubject, Scope], Mapping[str, Any]]
Eraser = Callable[[DataSubject, Scope], int]


@dataclass(frozen=True)
class Holder:
    """One app's group of models holding personal data."""

    name: str
    models: tuple[str, ...]
    export: Exporter
    erase: Eraser
    per_agency: bool
    order: int = 100

    def applies_to(self, scope: Scope) -> bool:
        return scope.everything or self.per_agency


_holders: dict[str, Holder] = {}
_not_personal: dict[str, str] = {}
_discovered = False


def register(
    name: str,
    *,
    models: Iterable[str],
    export: Exporter,
    erase: Eraser,
    per_agency: bool,
    order: int = 100,
) -> Holder:
    """Declare that the models (labels, "events.Registration") hold personal data.

    `export(subject, scope)` returns the holder's sections of the export (a dict whose keys no
    other holder uses); `erase(subject, scope)` erases what the holder keeps about the person
    within the scope and returns how many records it changed. Holders erase in `order`.
    """
    holder = Holder(name, tuple(models), export, erase, per_agency, order)
    _holders[name] = holder
    return holder


def not_personal(model: str, reason: str) -> None:
    """Declare that a model's name, email or phone fields are not about a person, and why."""
    _not_personal[model] = reason


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("personal_data")


def holders() -> list[Holder]:
    _discover()
    return sorted(_holders.values(), key=lambda h: (h.order, h.name))


def registered_models() -> dict[str, str]:
    """Every declared model label, with the holder that covers it."""
    return {model: h.name for h in holders() for model in h.models}


def exempt_models() -> dict[str, str]:
    _discover()
    return dict(_not_personal)


def export(subject: DataSubject, scope: Scope) -> dict[str, Any]:
    """Every section that the holders in scope export about the person."""
    data: dict[str, Any] = {}
    for holder in holders():
        if not holder.applies_to(scope):
            continue
        sections = holder.export(subject, scope)
        clash = set(sections) & set(data)
        if clash:
            raise ValueError(f"{holder.name} exports sections another holder has: {clash}")
        data.update(sections)
    return data


@transaction.atomic
def erase(subject: DataSubject, scope: Scope) -> dict[str, int]:
    """Erase what the holders in scope keep about the person; all or nothing. Returns the
    number of records each holder changed."""
    return {
        holder.name: holder.erase(subject, scope)
        for holder in holders()
        if holder.applies_to(scope)
    }
