"""The demo's counselling: coverage and advisor topics, requests in every intake queue, the four
kinds of case the seeds describe (in German and Arabic), confidential notes encrypted at rest,
appointments for the advisors' week, and the history the funder report counts."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, F, Max, Min
from django.test import override_settings
from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.counselling import models as counselling_models
from gemeinsam.counselling import queries, routing
from gemeinsam.counselling.enums import (
    AccessKind,
    CaseType,
    ConsentPurpose,
    OutcomeKind,
    RequestStatus,
    RoutedBy,
)
from gemeinsam.counselling.models import (
    AccessLogEntry,
    Appointment,
    BreakGlass,
    Case,
    ConsentRecord,
    Contact,
    CoverageArea,
    Document,
    Note,
    Outcome,
    Request,
    Session,
    Task,
)
from gemeinsam.demo import people
from gemeinsam.demo.counselling_specs import cases
from gemeinsam.demo.loader import load_demo_data

pytestmark = pytest.mark.django_db

CAST = people.cast()
TITLES = {case.key: case.title for case in cases()}
AMAL, PAIWAND = TITLES["amal"], TITLES["paiwand"]
NEUKOELLN, KINDERHAUS = TITLES["neukoelln"], TITLES["kinderhaus"]

ARABIC = re.compile(r"[\u0600-\u06ff]")
DEMO_AGENCIES = [
    "drk-muenster-integrationsagentur",
    "kommig-hamburg",
    "paritaetischer-gesamtverband",
    "paritaetischer-nrw",
    "via-berlin-brandenburg",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once, with documents in a scratch folder (returned); the rows are rolled
    back when the module is done."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    private = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast, GEMEINSAM_PRIVATE_MEDIA_ROOT=private),
        transaction.atomic(),
    ):
        load_demo_data()
        yield private
        transaction.set_rollback(True)


def _user(email):
    return get_user_model().objects.get(email=email)


def _agency(slug):
    return Agency.objects.get(slug=slug)


def _texts(case: Case) -> list[str]:
    texts = [case.request.description] if case.request else []
    texts += [s.next_steps for s in case.sessions.all()]
    texts += [s.summary for s in case.sessions.all()]
    return texts


def test_the_four_kinds_of_case_from_the_seeds_are_there(demo):
    founding = Case.objects.get(title=AMAL)
    assert founding.agency.slug == "kommig-hamburg"
    assert founding.template.code == "association_founding"
    steps = founding.tasks.filter(template_step__isnull=False).order_by("template_step__position")
    assert [t.done_at is not None for t in steps] == [True, True, False, False, False]
    assert [t.title for t in steps][2] == "Anmeldung beim Notar beglaubigen lassen"

    funding = Case.objects.get(title=PAIWAND)
    submitted = funding.outcomes.get(kind=OutcomeKind.FUNDING_SUBMITTED)
    assert "Auf Augenhöhe" in submitted.programme
    assert submitted.amount == 12500

    coaching = Case.objects.get(title=NEUKOELLN)
    assert (coaching.agency.slug, coaching.case_type) == (
        "via-berlin-brandenburg",
        CaseType.COMMITTEE_COACHING,
    )
    assert coaching.organizations.get().city == "Berlin"
    assert coaching.outcomes.get().kind == OutcomeKind.COMMITTEE_SEAT

    mediation = Case.objects.get(title=KINDERHAUS)
    assert (mediation.agency.slug, mediation.case_type) == (
        "drk-muenster-integrationsagentur",
        CaseType.MEDIATION,
    )
    assert sorted(o.city for o in mediation.organizations.all()) == ["Münster", "Münster"]
    assert mediation.contacts.count() == 2
    assert all("{partner}" not in text for text in _texts(mediation))


def test_the_featured_cases_speak_german_and_arabic(demo):
    for title in (AMAL, NEUKOELLN):
        case = Case.objects.get(title=title)
        assert case.language.code == "ar"
        assert ARABIC.search(case.request.description)
        assert any(ARABIC.search(s.next_steps) for s in case.sessions.all())
    for title in (PAIWAND, KINDERHAUS):
        texts = _texts(Case.objects.get(title=title))
        assert texts and not any(ARABIC.search(t) for t in texts)
        assert any("Verein" in t or "Gemeinde" in t for t in texts)


def test_every_agency_has_new_requests_waiting_some_in_arabic(demo):
    waiting = {
        slug: queries.intake_queue(_agency(slug)).filter(agency__slug=slug).count()
        for slug in DEMO_AGENCIES
    }
    assert all(n >= 2 for n in waiting.values()), waiting
    arabic = Request.objects.filter(status=RequestStatus.NEW, language__code="ar")
    assert arabic.order_by().values("agency").distinct().count() >= 3
    assert all(ARABIC.search(r.description) for r in arabic)
    forwarded = Request.objects.get(status=RequestStatus.NEW, routed_by=RoutedBy.FORWARDED)
    assert forwarded.agency.slug == "drk-muenster-integrationsagentur"
    assert forwarded.forwardings.get().from_agency.slug == "paritaetischer-nrw"


def test_a_request_from_a_region_nobody_covers_shows_in_every_queue(demo):
    unrouted = Request.objects.get(agency__isnull=True)
    assert (unrouted.status, unrouted.routed_by) == (RequestStatus.NEW, RoutedBy.UNROUTED)
    assert (unrouted.postcode, unrouted.federal_state) == ("04109", "SN")
    for slug in DEMO_AGENCIES:
        assert unrouted in queries.intake_queue(_agency(slug))


@pytest.mark.parametrize(
    ("postcode", "state", "agency"),
    [
        ("21079", "", "kommig-hamburg"),
        ("44787", "", "paritaetischer-nrw"),
        ("48149", "", "drk-muenster-integrationsagentur"),
        ("", "NW", "paritaetischer-nrw"),
        ("12045", "", "via-berlin-brandenburg"),
        ("03042", "", "via-berlin-brandenburg"),
        ("", "NI", "paritaetischer-gesamtverband"),
        ("04109", "SN", None),
    ],
)
def test_requests_are_routed_by_the_agencies_coverage(demo, postcode, state, agency):
    found, _how = routing.route(postcode=postcode, federal_state=state)
    assert (found.slug if found else None) == agency


def test_every_routed_new_request_suggests_advisors_of_its_agency(demo):
    waiting = Request.objects.filter(status=RequestStatus.NEW, agency__isnull=False)
    for request in waiting.prefetch_related("suggested_advisors__staff_memberships"):
        agencies = {
            m.agency_id for u in request.suggested_advisors.all() for m in u.staff_memberships.all()
        }
        assert request.agency_id in agencies, request.description[:40]
    sawa = Request.objects.get(organization_name="Nachbarschaftsinitiative Sawa Wedding")
    assert "Amira Mansour" in [u.name for u in sawa.suggested_advisors.all()]


def test_advisor_topics_and_coverage_are_set_for_every_demo_agency(demo):
    areas = dict(
        CoverageArea.objects.values("agency__slug")
        .annotate(n=Count("id"))
        .values_list("agency__slug", "n")
    )
    assert sorted(areas) == DEMO_AGENCIES
    profiles = counselling_models.AdvisorProfile.objects.annotate(n=Count("topics"))
    assert profiles.count() >= 8
    assert all(p.n >= 2 for p in profiles)


def test_notes_and_summaries_are_encrypted_in_the_database(demo):
    note = Note.objects.filter(case__title=AMAL).order_by("created_at").first()
    session = Session.objects.filter(case__title=AMAL).order_by("held_on").first()
    assert note.body.startswith("Zwei Frauen fragen")
    assert session.summary.startswith("Erstgespräch per Video")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM counselling_note WHERE id = %s", [note.pk])
        raw_note = cursor.fetchone()[0]
        cursor.execute("SELECT summary FROM counselling_session WHERE id = %s", [session.pk])
        raw_summary = cursor.fetchone()[0]
    assert raw_note != note.body and "Frauen" not in raw_note
    assert raw_summary != session.summary and "Video" not in raw_summary
    assert raw_note.startswith("gAAAA")  # a Fernet token


def test_reads_of_notes_and_the_break_glass_are_logged(demo):
    paiwand = Case.objects.get(title=PAIWAND)
    glass = BreakGlass.objects.get(case=paiwand)
    assert glass.user.email == CAST.manager.email
    assert glass.expires_at < timezone.now()  # opened days ago, since run out
    kinds = set(AccessLogEntry.objects.filter(case=paiwand).values_list("kind", flat=True))
    assert kinds == {AccessKind.READ_NOTES, AccessKind.BREAK_GLASS}
    manager = _user(CAST.manager.email)
    assert not manager.has_perm("counselling.view_confidential", paiwand)


def test_the_project_history_gives_the_funder_report_two_years_of_sessions(demo):
    sessions = Session.objects.filter(
        case__agency__slug="kommig-hamburg", case__project__slug="organisationsentwicklung"
    )
    span = sessions.aggregate(first=Min("held_on"), last=Max("held_on"))
    assert sessions.count() >= 200
    assert (span["last"] - span["first"]).days >= 2 * 365
    assert sessions.order_by().values("channel").distinct().count() == 4
    cases = Case.objects.filter(project__slug="organisationsentwicklung")
    assert cases.order_by().values("language").distinct().count() >= 4
    kinds = cases.exclude(organization_kind="").order_by().values("organization_kind")
    assert kinds.distinct().count() >= 3
    assert set(cases.values_list("is_new_client", flat=True)) == {True, False}
    assert cases.filter(request__isnull=False).count() > cases.count() / 2
    outcomes = set(Outcome.objects.filter(case__in=cases).values_list("kind", flat=True).distinct())
    assert {OutcomeKind.ASSOCIATION_REGISTERED, OutcomeKind.FUNDING_SUBMITTED} <= outcomes
    assert Outcome.objects.filter(case__in=cases, programme="", amount__isnull=False).count() == 0


def test_history_cases_are_consistent(demo):
    closed = Case.objects.filter(status="closed")
    assert closed.filter(closed_on__isnull=True).count() == 0
    assert Case.objects.filter(sessions__held_on__lt=F("opened_on")).count() == 0
    assert Case.objects.filter(outcomes__achieved_on__lt=F("opened_on")).count() == 0
    assert all(c.sessions.exists() for c in Case.objects.filter(agency__slug="kommig-hamburg"))
    without_consent = Contact.objects.filter(requests__isnull=False, consents__isnull=True)
    assert not without_consent.exists()
    assert ConsentRecord.objects.filter(purpose=ConsentPurpose.CASE_DATA).count() >= 6


def test_every_contact_and_link_is_invented(demo):
    emails = [e for e in Contact.objects.values_list("email", flat=True) if e]
    assert emails and all(e.endswith("@example.org") for e in emails)
    phones = [p for p in Contact.objects.values_list("phone", flat=True) if p]
    assert phones and all(p.startswith(("040 66969-", "030 23125-")) for p in phones)
    links = [v for v in Appointment.objects.values_list("video_link", flat=True) if v]
    assert links and all(v.startswith("https://meet.example.org/") for v in links)
    names = set(Contact.objects.values_list("name", flat=True))
    assert not names & {"Matthias Utech", "Maria Oikonomidou", "Yasmine Chehata"}


@pytest.mark.parametrize("person", [CAST.advisor_x, CAST.advisor_y])
def test_the_demo_advisors_have_appointments_this_week_and_next(demo, person):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    mine = Appointment.objects.filter(advisor__email=person.email, cancelled_at__isnull=True)
    for week in (0, 1):
        start = monday + datetime.timedelta(weeks=week)
        days = [timezone.localtime(a.starts_at).date() for a in mine]
        assert sum(start <= d < start + datetime.timedelta(days=5) for d in days) >= 2
    with_case = mine.filter(case__isnull=False).first()
    assert set(with_case.attendees.all()) == set(with_case.case.contacts.all())


def test_a_shared_pdf_is_stored_privately_and_opens_through_the_model(demo, settings):
    settings.GEMEINSAM_PRIVATE_MEDIA_ROOT = demo  # where the module's demo stored its files
    document = Document.objects.get(case__title=AMAL)
    assert document.is_shared and document.content_type == "application/pdf"
    with document.file.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF-1.4") and len(content) == document.size
    xref = int(re.search(rb"startxref\n(\d+)\n%%EOF", content).group(1))
    assert content[xref:].startswith(b"xref\n0 8\n")
    assert b"(Checkliste: einen Verein gr\xfcnden) Tj" in content  # Windows-1252, as declared
    assert str(demo) in document.file.path
    assert Document.objects.filter(is_shared=False).exists()


def test_the_member_sees_her_requests_and_the_shared_part_of_her_case(demo):
    member = _user(CAST.member.email)
    statuses = sorted(queries.requests_of(member).values_list("status", flat=True))
    assert statuses == [RequestStatus.ACCEPTED, RequestStatus.NEW]
    case = queries.cases_shared_with(member).get()
    assert member.has_perm("counselling.view_shared_case", case)
    shared = queries.shared_timeline(case)
    assert len(shared["next_steps"]) == 2
    assert [d.original_name for d in shared["documents"]] == [
        "Checkliste_Anerkennung_Jugendhilfe.pdf"
    ]
    assert len(shared["appointments"]) == 2
    assert not member.has_perm("counselling.view_confidential", case)


def test_loading_again_or_a_week_later_adds_no_counselling_rows(demo):
    models = [Contact, ConsentRecord, Request, Case, Session, Note, Task, Outcome, Document]
    models += [Appointment, BreakGlass, CoverageArea]
    before = {m.__name__: m.objects.count() for m in models}
    starts = dict(Appointment.objects.values_list("uid", "starts_at"))
    load_demo_data()
    assert {m.__name__: m.objects.count() for m in models} == before
    later = timezone.localdate() + datetime.timedelta(days=7)
    load_demo_data(today=later)
    assert {m.__name__: m.objects.count() for m in models} == before
    moved = dict(Appointment.objects.values_list("uid", "starts_at"))
    week = datetime.timedelta(days=7)
    assert all(
        timezone.localtime(moved[uid]).date() - timezone.localtime(starts[uid]).date() == week
        for uid in starts
    )


def test_the_featured_cases_are_written_from_their_specs(demo):
    assert Case.objects.filter(title__in=TITLES.values()).count() == len(TITLES)
