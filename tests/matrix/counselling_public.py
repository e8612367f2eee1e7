"""Permission-matrix cases for counselling, public part (see tests/matrix/__init__.py).

Anyone may ask for counselling. The status page is reached by the request's unguessable token:
whoever holds it asked, so every role gets the page; a made-up token is not there for anybody.
"My requests and cases" is for everyone logged in. A shared case of organization A is there only
for A's members (member A); everyone else, agency staff included, gets 404: staff work on cases
through their own pages. An unshared document is not there even for member A.
"""

import tempfile

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.functional import empty

from gemeinsam.counselling import models as counselling_models
from gemeinsam.counselling.models import Document
from tests import factories
from tests.matrix import LOGIN, Case, everyone, logged_in

_PRIVATE_ROOT = tempfile.mkdtemp(prefix="gemeinsam-matrix-shared-")

only_member_a = {**everyone(404), "anonymous": LOGIN, "member_a": 200}


def _token(w):
    return {"token": factories.make_request(federal_state="").token}


def _case_of_a(w):
    return factories.make_case(
        w.agency_x, advisors=[w.advisor_x], organizations=[w.org_a], title="Satzung Frauenverein"
    )


def _document(w, *, shared: bool):
    storage = counselling_models.private_storage
    storage._wrapped = empty
    storage._wrapped = FileSystemStorage(location=_PRIVATE_ROOT)
    case = _case_of_a(w)
    document = Document(
        case=case,
        original_name="satzung.pdf",
        content_type="application/pdf",
        size=9,
        is_shared=shared,
    )
    document.file.save("satzung.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    document.save()
    return {"pk": case.pk, "doc": document.pk}


def _request_form(w):
    return {
        "topics": [t.pk for t in factories.topics("association_founding")],
        "description": "Wir möchten einen Verein gründen.",
        "channel": "phone",
        "email": "fragende@example.org",
        "consent": "on",
    }


CASES: list[Case] = [
    Case("counselling:request-create", everyone(200)),
    Case("counselling:request-create", everyone(302), method="post", data=_request_form),
    Case("counselling:request-status", everyone(200), kwargs=_token),
    Case(
        "counselling:request-status",
        everyone(404),
        kwargs=lambda w: {"token": "made-up-token"},
        label="unknown token",
    ),
    Case("counselling:request-withdraw", everyone(302), kwargs=_token, method="post"),
    Case(
        "counselling:request-withdraw",
        everyone(404),
        kwargs=lambda w: {"token": "made-up-token"},
        method="post",
        label="unknown token",
    ),
    Case("counselling:my-counselling", logged_in(200)),
    Case("counselling:shared-case", only_member_a, kwargs=lambda w: {"pk": _case_of_a(w).pk}),
    Case(
        "counselling:shared-case",
        {**everyone(404), "anonymous": LOGIN},
        kwargs=lambda w: {"pk": 999999},
        label="unknown case",
    ),
    Case(
        "counselling:shared-document",
        only_member_a,
        kwargs=lambda w: _document(w, shared=True),
        label="shared",
    ),
    Case(
        "counselling:shared-document",
        {**everyone(404), "anonymous": LOGIN},
        kwargs=lambda w: _document(w, shared=False),
        label="not shared",
    ),
]
