"""Applying: a member applies for their organization, saves drafts, submits with every
required part, and gets a clear error (nothing half-saved) for a past deadline, an amount above
the maximum, a missing document or a legal form that cannot receive money. In pair-first mode
the partner's member must accept before the application counts."""

from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from gemeinsam.organizations.models import FieldOfActivity
from gemeinsam.tandems import services
from gemeinsam.tandems.enums import ApplicationStatus, CallMode, PartnerAnswer
from gemeinsam.tandems.inputs import ApplicationInput, DocumentUpload, Invalid
from gemeinsam.tandems.models import ApplicationDocument, Tandem, TandemApplication
from tests import factories
from tests.tandems.factories import AFTER, DURING, make_application, make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(world):
    return make_call(
        world.agency_x,
        "Tandems NRW",
        slug="nrw",
        regions=["NW"],
        fields=("youth_work", "culture"),
        required_documents="Satzung",
        questions="Was möchten Sie gemeinsam erreichen?",
    )


def _pdf(name="satzung.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 Satzung", content_type="application/pdf")


def _complete(world, **changes) -> dict:
    data = {
        "organization": world.org_a.pk,
        "offers": "Zugang zu arabischsprachigen Familien",
        "needs": "Wissen über § 75 SGB VIII",
        "ideas": "Gemeinsame Elternabende",
        "fields": [FieldOfActivity.objects.get(code="youth_work").pk],
        "region": "NW",
        "district": "Bochum",
        "capacity_hours": "8",
        "amount": "8000",
        "answer_0": "Mehr Jugendliche erreichen",
        "document_0": _pdf(),
        "action": "submit",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@time_machine.travel(DURING, tick=False)
def test_a_complete_application_is_submitted_with_its_lists_answers_and_document(
    client_for, world, call
):
    response = client_for(world.member_a).post(
        f"/en/tandems/{world.agency_x.slug}/nrw/apply/", _complete(world)
    )

    application = TandemApplication.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert (application.status, application.organization, application.amount) == (
        ApplicationStatus.SUBMITTED,
        world.org_a,
        Decimal("8000.00"),
    )
    assert [f.code for f in application.fields.all()] == ["youth_work"]
    assert application.answers == ["Mehr Jugendliche erreichen"]
    document = application.documents.get()
    assert (document.position, document.original_name) == (0, "satzung.pdf")
    assert document.file.read() == b"%PDF-1.4 Satzung"
    assert application.counts


@time_machine.travel(DURING, tick=False)
def test_a_draft_saves_without_the_missing_parts_and_is_submitted_later(client_for, world, call):
    client = client_for(world.member_a)
    client.post(
        f"/en/tandems/{world.agency_x.slug}/nrw/apply/",
        {"organization": world.org_a.pk, "offers": "Elternarbeit", "action": "draft"},
    )
    draft = TandemApplication.objects.get()
    assert (draft.status, draft.offers, draft.documents.count()) == ("draft", "Elternarbeit", 0)

    response = client.post(draft.get_absolute_url(), _complete(world, organization=None))

    draft.refresh_from_db()
    assert response["Location"] == draft.get_absolute_url()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.submitted_at is not None


@time_machine.travel(DURING, tick=False)
def test_a_submission_names_every_missing_part_and_saves_nothing(client_for, world, call):
    response = client_for(world.member_a).post(
        f"/en/tandems/{world.agency_x.slug}/nrw/apply/",
        _complete(world, document_0=None, answer_0="", amount="12000", region="BY"),
    )

    html = response.content.decode()
    assert "Upload this document: Satzung." in html
    assert "Please answer this question." in html
    assert "At most 10,000.00 € can be granted per tandem." in html
    assert "This call is open to organizations in North Rhine-Westphalia only." in html
    assert not TandemApplication.objects.exists()
    assert not ApplicationDocument.objects.exists()


@time_machine.travel(AFTER, tick=False)
def test_after_the_deadline_not_even_a_draft_is_saved_and_the_error_is_in_german(world, call):
    data = ApplicationInput(organization_id=world.org_a.pk, offers="Elternarbeit")

    with translation.override("de"), pytest.raises(Invalid) as refused:
        services.save_application(call, data, by=world.member_a)

    assert refused.value.problems["__all__"] == [
        "Die Bewerbungsfrist für diese Ausschreibung endete am 30. April 2031."
    ]
    assert not TandemApplication.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_provider_without_a_legal_form_that_receives_money_is_refused(world, call):
    initiative = factories.make_organization(
        "Nachbarschaftsinitiative", kind="established_provider", legal_form="initiative"
    )
    data = ApplicationInput(
        organization_id=initiative.pk,
        submit=True,
        offers="Räume",
        needs="Kontakte",
        region="NW",
        amount=Decimal("5000"),
        field_ids=(FieldOfActivity.objects.get(code="culture").pk,),
        answers=("Begegnung",),
        documents=(DocumentUpload(0, "satzung.pdf", 16, _pdf()),),
    )

    with pytest.raises(Invalid) as refused:
        services.save_application(call, data, by=world.member_a)

    assert refused.value.problems == {
        "__all__": [
            "Your organization cannot receive grant money with its legal form. A tandem partner "
            "must be able to receive it for the migrant organization if needed."
        ]
    }
    assert not ApplicationDocument.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_migrant_organization_without_such_a_legal_form_may_apply_for_a_partner_to_host(
    world, call
):
    initiative = factories.make_organization("Elterninitiative Al-Nour", legal_form="initiative")
    data = ApplicationInput(
        organization_id=initiative.pk,
        submit=True,
        offers="Elternarbeit",
        needs="Trägerwissen",
        region="NW",
        amount=Decimal("5000"),
        field_ids=(FieldOfActivity.objects.get(code="culture").pk,),
        answers=("Begegnung",),
        documents=(DocumentUpload(0, "satzung.pdf", 16, _pdf()),),
    )

    application = services.save_application(call, data, by=world.member_a)

    assert application.status == ApplicationStatus.SUBMITTED


@time_machine.travel(DURING, tick=False)
def test_pair_first_counts_only_once_the_partners_member_accepts(client_for, world):
    make_call(world.agency_x, "Tandems Hamburg", slug="hh", mode=CallMode.PAIR_FIRST)
    client_for(world.member_a).post(
        f"/en/tandems/{world.agency_x.slug}/hh/apply/",
        {
            "organization": world.org_a.pk,
            "partner": world.org_b.slug,
            "offers": "Elternarbeit",
            "needs": "Trägerwissen",
            "region": "HH",
            "amount": "4000",
            "action": "submit",
        },
    )
    application = TandemApplication.objects.get()
    assert (application.partner, application.partner_answer) == (world.org_b, "invited")
    assert not application.counts

    page = client_for(world.member_b).get("/en/tandems/applications/").content.decode()
    assert "Invitations to your organizations" in page
    client_for(world.member_b).post(
        f"/en/tandems/applications/{application.pk}/answer/", {"decision": "accept"}
    )

    application.refresh_from_db()
    assert (application.partner_answer, application.partner_answered_by) == (
        PartnerAnswer.ACCEPTED,
        world.member_b,
    )
    assert application.counts


@time_machine.travel(DURING, tick=False)
def test_pair_first_without_a_partner_cannot_be_submitted(world):
    call = make_call(world.agency_x, "Tandems Hamburg", slug="hh", mode=CallMode.PAIR_FIRST)
    data = ApplicationInput(
        organization_id=world.org_a.pk,
        submit=True,
        offers="Elternarbeit",
        needs="Trägerwissen",
        region="HH",
        amount=Decimal("4000"),
    )

    with pytest.raises(Invalid) as refused:
        services.save_application(call, data, by=world.member_a)

    assert refused.value.problems == {"partner": ["Name the partner organization you apply with."]}


@time_machine.travel(DURING, tick=False)
def test_an_answered_invitation_cannot_be_answered_again(world):
    call = make_call(world.agency_x, "Tandems Hamburg", slug="hh", mode=CallMode.PAIR_FIRST)
    application = make_application(
        call, world.org_a, partner=world.org_b, partner_answer=PartnerAnswer.DECLINED
    )

    with pytest.raises(Invalid):
        services.answer_invitation(application, accept=True, by=world.member_b)

    application.refresh_from_db()
    assert application.partner_answer == PartnerAnswer.DECLINED


@time_machine.travel(DURING, tick=False)
def test_staff_see_submitted_applications_but_not_drafts(client_for, world, call):
    make_application(call, world.org_a, by=world.member_a)
    make_application(call, world.org_b, by=world.member_b, status=ApplicationStatus.DRAFT)

    html = (
        client_for(world.advisor_x)
        .get(f"/en/tandems/manage/{world.agency_x.slug}/nrw/applications/")
        .content.decode()
    )

    assert world.org_a.name in html
    assert world.org_b.name not in html


@time_machine.travel(DURING, tick=False)
def test_staff_read_an_application_without_a_form_to_change_it(client_for, world, call):
    application = make_application(call, world.org_a, by=world.member_a, ideas="Elternabende")

    html = client_for(world.advisor_x).get(application.get_absolute_url()).content.decode()

    assert "Elternabende" in html
    assert 'name="action"' not in html


@time_machine.travel(DURING, tick=False)
def test_a_member_withdraws_the_application_and_can_no_longer_change_it(client_for, world, call):
    application = make_application(call, world.org_a, by=world.member_a)
    client = client_for(world.member_a)

    client.post(f"/en/tandems/applications/{application.pk}/withdraw/")
    html = client.get(application.get_absolute_url()).content.decode()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert 'name="action"' not in html
    assert not application.counts


@time_machine.travel(DURING, tick=False)
def test_staff_form_the_tandem_of_an_accepted_pair_first_application(client_for, world):
    hamburg = make_call(world.agency_x, "Tandems Hamburg", slug="hh", mode=CallMode.PAIR_FIRST)
    provider = factories.make_organization(
        "Bücherhallen Hamburg", kind="established_provider", index=False
    )
    accepted = make_application(
        hamburg, provider, partner=world.org_a, partner_answer=PartnerAnswer.ACCEPTED
    )
    waiting = make_application(
        hamburg, world.org_b, partner=provider, partner_answer=PartnerAnswer.INVITED
    )
    url = f"/en/tandems/manage/{world.agency_x.slug}/hh/applications/"
    html = client_for(world.advisor_x).get(url).content.decode()
    assert html.count("Form the tandem") == 1

    response = client_for(world.advisor_x).post(f"{url}{accepted.pk}/tandem/")

    tandem = Tandem.objects.get()
    assert response["Location"] == tandem.get_absolute_url()
    assert (tandem.migrant_org, tandem.partner, tandem.recipient) == (
        world.org_a,
        provider,
        world.org_a,
    )
    refused = client_for(world.advisor_x).post(f"{url}{waiting.pk}/tandem/")
    assert refused.status_code == 404
    assert Tandem.objects.count() == 1
