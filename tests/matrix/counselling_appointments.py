"""Permission-matrix cases for counselling, appointments part (see tests/matrix/__init__.py).

The week calendar and the new-appointment form are for agency staff (platform admins do not
read counselling: 403). An appointment is reached through its agency or its case: staff of
another agency, members and admins get 404; its case's advisors and the agency's managers may
change it. The .ics is for the agency's staff and the case's parties (member A's organization).
"""

import datetime

from django.utils import timezone

from gemeinsam.counselling import services
from tests import factories
from tests.matrix import LOGIN, Case

counselling_staff = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 200,
    "advisor_y": 200,
    "manager_x": 200,
    "admin": 403,
}
change_in_x = {
    "anonymous": LOGIN,
    "member_a": 404,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 404,
    "manager_x": 200,
    "admin": 404,
}


def _case(w):
    return factories.make_case(
        w.agency_x, advisors=[w.advisor_x], organizations=[w.org_a], title="Vereinsgründung"
    )


def _appointment(w, *, with_case=True):
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    appointment, _sent = services.appointments.create_appointment(
        agency=w.agency_x,
        case=_case(w) if with_case else None,
        data=services.appointments.AppointmentData(
            title="Satzung besprechen",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
            channel="video",
            advisor=w.advisor_x,
            video_link="https://video.example.org/raum-7",
        ),
        by=w.advisor_x,
    )
    return appointment


CASES: list[Case] = [
    Case("counselling:appointment-week", counselling_staff),
    Case(
        "counselling:appointment-week",
        counselling_staff,
        data=lambda w: {"week": "2026-W99"},
        label="bad week",
    ),
    Case(
        "counselling:appointment-week",
        {**counselling_staff, "advisor_y": 404},
        data=lambda w: {"advisor": w.advisor_x.pk, "week": "2026-W47"},
        label="advisor X's week",
    ),
    Case("counselling:appointment-create", counselling_staff),
    Case(
        "counselling:appointment-create",
        change_in_x,
        data=lambda w: {"case": _case(w).pk},
        label="for a case",
    ),
    Case(
        "counselling:appointment-edit",
        change_in_x,
        kwargs=lambda w: {"pk": _appointment(w).pk},
    ),
    Case(
        "counselling:appointment-edit",
        change_in_x,
        kwargs=lambda w: {"pk": _appointment(w, with_case=False).pk},
        label="without a case",
    ),
    Case(
        "counselling:appointment-cancel",
        {**change_in_x, "advisor_x": 302, "manager_x": 302},
        kwargs=lambda w: {"pk": _appointment(w).pk},
        method="post",
    ),
    Case(
        "counselling:appointment-ics",
        {**change_in_x, "member_a": 200},
        kwargs=lambda w: {"pk": _appointment(w).pk},
    ),
    Case(
        "counselling:appointment-ics",
        change_in_x,
        kwargs=lambda w: {"pk": _appointment(w, with_case=False).pk},
        label="without a case",
    ),
]
