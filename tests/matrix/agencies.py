"""Permission-matrix cases for agencies: the public list and page, staff and projects, which
only the agency's managers (and platform admins) may change (see tests/matrix/__init__.py)."""

from tests.matrix import LOGIN, Case, everyone

manager_of_x = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 403,
    "advisor_y": 403,
    "manager_x": 200,
    "admin": 200,
}


CASES = [
    # Agencies
    Case("agencies:agency-list", everyone(200)),
    Case("site:agency-detail", everyone(200), kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case("agencies:staff-list", manager_of_x, kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case(
        "agencies:staff-list",
        {**manager_of_x, "manager_x": 403},
        kwargs=lambda w: {"slug": w.agency_y.slug},
        label="other agency",
    ),
    Case(
        "agencies:staff-update",
        manager_of_x,
        kwargs=lambda w: {"slug": w.agency_x.slug, "pk": w.agency_x.staff.first().pk},
    ),
    Case("agencies:project-list", manager_of_x, kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case("agencies:project-create", manager_of_x, kwargs=lambda w: {"slug": w.agency_x.slug}),
    Case(
        "agencies:project-update",
        manager_of_x,
        kwargs=lambda w: {"slug": w.agency_x.slug, "project_slug": w.project_x.slug},
    ),
    Case(
        "agencies:project-update",
        {**manager_of_x, "manager_x": 404, "admin": 404},
        kwargs=lambda w: {"slug": w.agency_x.slug, "project_slug": "no-such-project"},
        label="unknown project",
    ),
    # The translation editor: an agency's texts and its projects are public, so whoever may
    # not translate them gets 403; the agency's managers and platform admins may.
    Case(
        "translations:item-edit",
        manager_of_x,
        kwargs=lambda w: {"label": "agencies.agency", "pk": w.agency_x.pk, "language": "tr"},
        label="agency",
    ),
    Case(
        "translations:item-edit",
        manager_of_x,
        kwargs=lambda w: {"label": "agencies.project", "pk": w.project_x.pk, "language": "tr"},
        label="project",
    ),
]
