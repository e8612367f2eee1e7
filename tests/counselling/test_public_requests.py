"""Requests for counselling at the service level: routing by region, advisor suggestions, and one
contact record per person however often and however they ask."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gemeinsam.counselling import queries, routing
from gemeinsam.counselling.enums import RoutedBy
from gemeinsam.counselling.models import AdvisorProfile, ConsentRecord, Contact, CoverageArea
from gemeinsam.organizations.models import WorkingLanguage
from tests import factories

ALL_STATES = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST"]
ALL_STATES += ["SH", "TH"]


def _routed(request) -> tuple[str | None, str]:
    return (request.agency.slug if request.agency else None, request.routed_by)


# --- Routing --------------------------------------------------------------------------------------


def test_the_longest_postcode_prefix_wins(world):
    CoverageArea.objects.create(agency=world.agency_x, postcode_prefix="10")
    CoverageArea.objects.create(agency=world.agency_y, postcode_prefix="104")
    kreuzberg = factories.make_request(postcode="10997", federal_state="")
    prenzlauer_berg = factories.make_request(postcode="10435", federal_state="")
    assert _routed(kreuzberg) == ("agency-x", RoutedBy.POSTCODE)
    assert _routed(prenzlauer_berg) == ("agency-y", RoutedBy.POSTCODE)


def test_a_postcode_nobody_covers_falls_back_to_the_federal_state(world):
    CoverageArea.objects.create(agency=world.agency_x, postcode_prefix="20")
    CoverageArea.objects.create(agency=world.agency_y, federal_state="BE")
    request = factories.make_request(postcode="10997", federal_state="BE")
    assert _routed(request) == ("agency-y", RoutedBy.FEDERAL_STATE)


def test_an_agency_without_coverage_areas_takes_the_states_it_serves(world):
    world.agency_y.federal_states_served = ["HH", "SH"]
    world.agency_y.save()
    request = factories.make_request(federal_state="SH")
    assert _routed(request) == ("agency-y", RoutedBy.FEDERAL_STATE)


def test_a_nationwide_agency_takes_requests_that_name_no_region(world):
    CoverageArea.objects.create(agency=world.agency_x, federal_state="BE")
    world.agency_y.federal_states_served = ALL_STATES
    world.agency_y.save()
    nowhere = factories.make_request(federal_state="")
    bavarian = factories.make_request(federal_state="BY")
    berliner = factories.make_request(federal_state="BE")
    assert _routed(nowhere) == ("agency-y", RoutedBy.NATIONWIDE)
    assert _routed(bavarian) == ("agency-y", RoutedBy.NATIONWIDE)
    # Where a regional agency covers the Land, it wins over the nationwide one.
    assert _routed(berliner) == ("agency-x", RoutedBy.FEDERAL_STATE)


def test_a_regional_agency_wins_over_a_nationwide_one_that_sorts_first(world):
    world.agency_x.federal_states_served = ALL_STATES  # "Kompetenzzentrum …" sorts first
    world.agency_x.save()
    world.agency_y.federal_states_served = ["BY"]
    world.agency_y.save()
    assert _routed(factories.make_request(federal_state="BY")) == (
        "agency-y",
        RoutedBy.FEDERAL_STATE,
    )


def test_an_anonymous_request_with_a_members_address_does_not_land_on_the_members_page(world):
    from gemeinsam.counselling.queries import requests_of
    from gemeinsam.counselling.services.public import contact_for

    own = contact_for(by=world.member_a)
    stranger = factories.make_request(email=world.member_a.email)
    assert stranger.contact != own
    assert stranger not in requests_of(world.member_a)


def test_a_request_no_agency_covers_is_in_every_agencys_queue(world):
    request = factories.make_request(postcode="01067", federal_state="SN")
    assert _routed(request) == (None, RoutedBy.UNROUTED)
    assert list(queries.intake_queue(world.agency_x)) == [request]
    assert list(queries.intake_queue(world.agency_y)) == [request]


def test_a_member_asking_for_an_organization_is_routed_by_its_region(world):
    CoverageArea.objects.create(agency=world.agency_y, postcode_prefix="44")
    world.org_a.postcode = "44787"
    world.org_a.save()
    request = factories.make_request(
        user=world.member_a, email="", federal_state="", organization=world.org_a
    )
    assert _routed(request) == ("agency-y", RoutedBy.POSTCODE)
    assert (request.organization, request.postcode) == (world.org_a, "44787")


def test_of_two_agencies_for_one_region_the_less_busy_one_gets_the_request(world):
    CoverageArea.objects.create(agency=world.agency_x, federal_state="HH")
    CoverageArea.objects.create(agency=world.agency_y, federal_state="HH")
    first = factories.make_request(federal_state="HH")
    second = factories.make_request(federal_state="HH")
    assert {first.agency, second.agency} == {world.agency_x, world.agency_y}


def test_an_inactive_agency_gets_no_requests(world):
    CoverageArea.objects.create(agency=world.agency_x, federal_state="HH")
    world.agency_x.is_active = False
    world.agency_x.save()
    request = factories.make_request(federal_state="HH")
    assert _routed(request) == (None, RoutedBy.UNROUTED)


# --- Advisors ------------------------------------------------------------------------------------


def _advisor(agency, name, *, topics=(), languages="", accepts=True):
    membership = factories.make_staff(
        agency, user=factories.make_user(name=name), languages=languages
    )
    profile = AdvisorProfile.objects.create(membership=membership, accepts_requests=accepts)
    profile.topics.set(factories.topics(*topics) if topics else [])
    return membership.user


def test_advisors_are_suggested_by_topic_and_language_best_first(world):
    CoverageArea.objects.create(agency=world.agency_y, federal_state="HH")
    funding = _advisor(world.agency_y, "Fatma Şahin", topics=["funding_applications"])
    arabic = _advisor(
        world.agency_y, "Karim Nasser", topics=["funding_applications"], languages="ar, de"
    )
    _advisor(world.agency_y, "Lena Brandt", topics=["labour_law"])
    request = factories.make_request(
        federal_state="HH",
        topics=factories.topics("funding_applications"),
        language=WorkingLanguage.objects.get(code="ar"),
    )
    suggested = routing.suggest_advisors(request.agency, [t.pk for t in request.topics.all()], "ar")
    assert suggested == [arabic, funding]
    assert set(request.suggested_advisors.all()) == {arabic, funding}


def test_advisor_languages_written_as_names_count_like_codes(world):
    CoverageArea.objects.create(agency=world.agency_y, federal_state="HH")
    _advisor(world.agency_y, "Fatma Şahin", topics=["funding_applications"], languages="Deutsch")
    arabic = _advisor(
        world.agency_y,
        "Karim Nasser",
        topics=["funding_applications"],
        languages="Deutsch, Arabisch",
    )
    request = factories.make_request(
        federal_state="HH",
        topics=factories.topics("funding_applications"),
        language=WorkingLanguage.objects.get(code="ar"),
    )
    topic_ids = [t.pk for t in request.topics.all()]
    assert routing.suggest_advisors(request.agency, topic_ids, "ar")[0] == arabic
    assert routing.suggest_advisors(request.agency, [], "ar") == [arabic]


def test_an_advisor_who_takes_no_new_requests_is_not_suggested(world):
    CoverageArea.objects.create(agency=world.agency_y, federal_state="HH")
    _advisor(world.agency_y, "Fatma Şahin", topics=["association_founding"], accepts=False)
    request = factories.make_request(federal_state="HH")
    assert list(request.suggested_advisors.all()) == []


def test_an_unrouted_request_has_no_suggested_advisors(world):
    _advisor(world.agency_y, "Fatma Şahin", topics=["association_founding"])
    request = factories.make_request(federal_state="")
    assert (request.agency, list(request.suggested_advisors.all())) == (None, [])


# --- One contact per person ----------------------------------------------------------------------


def test_an_anonymous_request_never_joins_or_changes_an_existing_record(world):
    first = factories.make_request(
        email="selin.kaya@example.org", name="Selin Kaya", phone="+49 30 1234567"
    )
    second = factories.make_request(
        email="Selin.Kaya@example.org", name="Someone Else", phone="0176 999999"
    )
    assert first.contact_id != second.contact_id
    first.contact.refresh_from_db()
    assert (first.contact.name, first.contact.email, first.contact.phone) == (
        "Selin Kaya",
        "selin.kaya@example.org",
        "+49 30 1234567",
    )
    assert (second.contact.name, second.contact.phone) == ("Someone Else", "0176 999999")


def test_a_member_asking_logged_in_is_one_record_and_a_request_with_only_their_address_is_not(
    world,
):
    anonymous = factories.make_request(email="member.a@example.org")
    logged_in = factories.make_request(user=world.member_a, email="")
    again = factories.make_request(user=world.member_a, email="")
    assert logged_in.contact_id == again.contact_id != anonymous.contact_id
    contact = Contact.objects.get(pk=logged_in.contact_id)
    assert (contact.user, contact.name) == (world.member_a, "Amal Haddad")
    assert Contact.objects.get(pk=anonymous.contact_id).user is None
    assert list(queries.requests_of(world.member_a).order_by("id")) == [logged_in, again]


def test_a_logged_in_persons_details_given_later_never_overwrite_known_ones(world):
    first = factories.make_request(user=world.member_a, phone="030 123456")
    later = factories.make_request(user=world.member_a, name="Anders", phone="0170 1")
    assert later.contact_id == first.contact_id
    assert (later.contact.name, later.contact.phone) == ("Amal Haddad", "030 123456")


def test_each_request_records_the_consent_with_its_wording_and_version(world):
    request = factories.make_request(consent_version="2026-01", consent_text="Ich stimme zu.")
    consent = ConsentRecord.objects.get(contact=request.contact)
    assert (consent.purpose, consent.text_version, consent.text) == (
        "counselling",
        "2026-01",
        "Ich stimme zu.",
    )


def test_a_request_without_any_way_to_answer_is_refused(world):
    with pytest.raises(ValidationError):
        factories.make_request(email="", phone="")
    assert Contact.objects.count() == 0


def test_the_confirmation_mail_is_queued_only_when_there_is_an_address(world, run_jobs, mailoutbox):
    factories.make_request(email="", phone="0151 2345678")
    factories.make_request(email="leyla@example.org")
    run_jobs()
    assert [m.to for m in mailoutbox] == [["leyla@example.org"]]
