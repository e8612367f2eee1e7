"""The programme catalogue: facets like the federal funding database, values with their
source and state, and what fits one's own organization."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinsam.core import content
from gemeinsam.funding.models import Programme

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [p.name for p in response.context["programmes"]]


def test_the_catalogue_lists_every_active_programme(client):
    response = client.get("/en/funding/programmes/")
    assert len(_names(response)) == 12
    assert "12 programmes found" in response.content.decode()


def test_a_land_filter_keeps_that_lands_and_the_nationwide_programmes(client):
    names = _names(client.get("/en/funding/programmes/?state=BE"))
    partintp = Programme.objects.get(code="berlin-partintp").name
    nrw = Programme.objects.get(code="integrationsagenturen-nrw").name
    amif = Programme.objects.get(code="amif").name
    assert partintp in names and amif in names and nrw not in names


def test_kind_and_level_filters_narrow(client):
    names = _names(client.get("/en/funding/programmes/?kind=micro"))
    codes = set(Programme.objects.filter(name__in=names).values_list("code", flat=True))
    assert codes == {"auf-augenhoehe", "dsee-micro"}
    eu = _names(client.get("/en/funding/programmes/?level=eu"))
    assert set(Programme.objects.filter(name__in=eu).values_list("code", flat=True)) == {
        "amif",
        "esf-plus",
    }


def test_the_list_costs_the_same_queries_for_one_programme_and_for_all(client):
    def count(query):
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/funding/programmes/" + query)
        return len(queries)

    assert count("?kind=micro&q=Augenh") == count("")


def test_a_programme_shows_its_values_source_and_what_is_not_verified(client):
    html = client.get("/en/funding/programmes/bamf-structural/").content.decode()
    assert "up to 110,000 €" in html
    assert "not verified" in html
    assert "checked on" in html
    assert "more than a year ago" in html  # seeded as checked on 1 November 2025


def test_a_member_sees_which_programmes_fit_the_organization(world, client_for):
    world.org_a.federal_state = "BE"
    world.org_a.board_migration_majority = True
    world.org_a.save()
    client = client_for(world.member_a)
    response = client.get(f"/en/funding/programmes/?organization={world.org_a.slug}")
    fits = {fit.programme.code: fit.result.status for fit in response.context["fits"]}
    assert fits["berlin-partintp"] == "met"
    assert fits["integrationsagenturen-nrw"] == "not_met"
    order = [fit.programme.code for fit in response.context["fits"]]
    assert order.index("berlin-partintp") < order.index("integrationsagenturen-nrw")

    detail = client.get(
        reverse("funding:programme-detail", kwargs={"code": "integrationsagenturen-nrw"})
        + f"?organization={world.org_a.slug}"
    )
    assert {row["status"] for row in detail.context["rows"]} >= {"not_met"}


def test_someone_elses_organization_is_ignored(world, client_for):
    response = client_for(world.member_b).get(
        f"/en/funding/programmes/?organization={world.org_a.slug}"
    )
    assert response.context["fits"] is None
    assert world.org_a.name not in response.content.decode()


def test_the_catalogue_in_arabic_and_turkish(client):
    assert 'dir="rtl"' in client.get("/ar/funding/programmes/").content.decode()
    html = client.get("/tr/funding/programmes/amif/").content.decode()
    amif = Programme.objects.get(code="amif")
    assert content.text(amif, "summary", "tr") in html
    assert "İltica, Göç ve Uyum Fonu (AMIF) 2021–2027" in html
