"""Permission-matrix cases for a case's page and timeline (see tests/matrix/__init__.py).

The case belongs to agency X and is counselled by advisor X. Staff of agency Y, members and
platform admins get 404 (they never learn that the case exists). Agency X's manager sees the
case and may change it, but reads and adds the confidential parts (notes, documents, their
download, the access log) only after break-glass: 403 here. The break-glass form is for the
manager alone (the advisor already reads everything).
"""

from django.core.files.base import ContentFile

from gemeinsam.counselling.models import Document
from tests import factories
from tests.matrix import LOGIN, Case

case_staff = {
    "anonymous": LOGIN,
    "member_a": 404,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 404,
    "manager_x": 200,
    "admin": 404,
}
case_staff_done = {**case_staff, "advisor_x": 302, "manager_x": 302}
advisor_only = {**case_staff, "manager_x": 403}
manager_only = {**case_staff, "advisor_x": 403}


def _case(w):
    return factories.make_case(
        w.agency_x, advisors=[w.advisor_x], organizations=[w.org_a], title="Satzung Frauenverein"
    )


def _pk(w):
    return {"pk": _case(w).pk}


def _task(w):
    case = _case(w)
    task = case.tasks.create(title="Satzungsentwurf schicken", assignee=w.advisor_x)
    return {"pk": case.pk, "task": task.pk}


def _document(w):
    """A stored document (in the test's scratch folder, see tests/conftest.py)."""
    case = _case(w)
    document = Document(
        case=case, original_name="satzung.pdf", content_type="application/pdf", size=9
    )
    document.file.save("satzung.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    document.save()
    return {"pk": case.pk, "doc": document.pk}


CASES: list[Case] = [
    Case("counselling:case-detail", case_staff, kwargs=_pk),
    Case(
        "counselling:case-detail",
        {**case_staff, "advisor_x": 404, "manager_x": 404},
        kwargs=lambda w: {"pk": 999999},
        label="unknown case",
    ),
    Case("counselling:session-add", case_staff, kwargs=_pk),
    Case(
        "counselling:session-add",
        case_staff_done,
        kwargs=_pk,
        method="post",
        data=lambda w: {"held_on": "2026-01-15", "duration_minutes": "60", "channel": "phone"},
    ),
    Case("counselling:task-add", case_staff, kwargs=_pk),
    Case("counselling:outcome-add", case_staff, kwargs=_pk),
    Case(
        "counselling:outcome-add",
        case_staff_done,
        kwargs=_pk,
        method="post",
        data=lambda w: {"kind": "association_registered", "achieved_on": "2026-01-20"},
    ),
    Case("counselling:task-done", case_staff_done, kwargs=_task, method="post"),
    # Confidential: the case's advisor only (the manager after break-glass).
    Case("counselling:note-add", advisor_only, kwargs=_pk),
    Case(
        "counselling:note-add",
        {**advisor_only, "advisor_x": 302},
        kwargs=_pk,
        method="post",
        data=lambda w: {"body": "Vorstand uneinig über die Beitragsordnung."},
    ),
    Case("counselling:document-upload", advisor_only, kwargs=_pk),
    Case("counselling:document-download", advisor_only, kwargs=_document),
    Case("counselling:access-log", case_staff, kwargs=_pk),
    Case("counselling:case-break-glass", manager_only, kwargs=_pk),
    Case(
        "counselling:case-break-glass",
        {**manager_only, "manager_x": 302},
        kwargs=_pk,
        method="post",
        data=lambda w: {"reason": "Die Beraterin ist krank; der Verein braucht heute Antwort."},
    ),
]
