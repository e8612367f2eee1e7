"""How programmes fit an organization (eligible now, after named steps, not yet known, not
eligible with the reasons) and what a check's result shows besides its requirements: which route
of an "any" requirement is open, when time alone meets a requirement, who decides in the
organization's Land, and guides to read."""

from __future__ import annotations

import copy
import datetime
import re

import pytest

from gemeinsam.funding import ruledoc
from gemeinsam.funding.documents import authority, builtin_check, guides
from gemeinsam.funding.models import Programme, ReadinessCheck
from gemeinsam.funding.queries import programmes as queries
from gemeinsam.organizations.models import LegalForm

TODAY = datetime.date(2026, 11, 21)
TEXT = {"de": "x", "en": "x", "ar": "x", "tr": "x"}


def _requirement(test, **extra):
    return {
        "key": "R-1",
        "test": test,
        "title": TEXT,
        "explanation": TEXT,
        "next_step": TEXT,
        **extra,
    }


def _problems(document):
    with pytest.raises(ruledoc.RuleError) as caught:
        ruledoc.validate(document)
    return dict(caught.value.problems)


ANY = {
    "any": [
        {"fact": "recognised_75", "op": "is", "value": True},
        {"fact": "welfare_association_member", "op": "is", "value": True},
    ]
}


# --- The format's new parts are validated when saved ---------------------------------------------


def test_routes_must_name_each_alternative_of_an_any_test():
    assert "requirements[0].routes" in _problems(
        {"requirements": [_requirement(ANY, routes=[TEXT])]}
    )
    assert "requirements[0].routes" in _problems(
        {"requirements": [_requirement({"fact": "members", "op": ">=", "value": 7}, routes=[TEXT])]}
    )
    assert "requirements[0].routes" in _problems(
        {"requirements": [_requirement(ANY, routes="both")]}
    )
    problems = _problems({"requirements": [_requirement(ANY, routes=[TEXT, {"de": "nur"}])]})
    assert set(problems) == {
        "requirements[0].routes[1].en",
        "requirements[0].routes[1].ar",
        "requirements[0].routes[1].tr",
    }
    ruledoc.validate({"requirements": [_requirement(ANY, routes=[TEXT, TEXT])]})


def test_fixed_must_be_true_or_false():
    problems = _problems(
        {"requirements": [_requirement({"fact": "members", "op": ">=", "value": 7}, fixed="ja")]}
    )
    assert list(problems) == ["requirements[0].fixed"]


@pytest.mark.parametrize(
    ("authority_value", "where"),
    [
        ("Jugendamt", "authority"),
        ({"text": TEXT, "phone": "1"}, "authority"),
        ({"text": {"de": "nur"}}, "authority.text.en"),
        ({"text": TEXT, "by_state": ["NW"]}, "authority.by_state"),
        ({"text": TEXT, "by_state": {"XX": "Amt"}}, "authority.by_state.XX"),
        ({"text": TEXT, "by_state": {"NW": " "}}, "authority.by_state.NW"),
    ],
)
def test_a_broken_authority_cannot_be_saved(authority_value, where):
    document = {
        "requirements": [_requirement({"fact": "members", "op": ">=", "value": 7})],
        "authority": authority_value,
    }
    assert where in _problems(document)


@pytest.mark.parametrize(
    ("guides_value", "where"),
    [
        ("https://example.org", "guides"),
        (["https://example.org"], "guides[0]"),
        ([{"title": TEXT, "url": "ftp://example.org"}], "guides[0].url"),
        ([{"title": TEXT}], "guides[0].url"),
        ([{"title": {"de": "x"}, "url": "https://example.org"}], "guides[0].title.en"),
    ],
)
def test_broken_guides_cannot_be_saved(guides_value, where):
    document = {
        "requirements": [_requirement({"fact": "members", "op": ">=", "value": 7})],
        "guides": guides_value,
    }
    assert where in _problems(document)


def test_every_built_in_document_is_valid_with_its_new_parts():
    for code in ("association", "youth_welfare", "kita", "labour_market"):
        document = builtin_check(code)
        assert document["guides"], code
        assert document["authority"]["text"]["ar"], code
    assert builtin_check("youth_welfare")["authority"]["by_state"]["NW"].startswith("LVR")


# --- Routes and time ---------------------------------------------------------------------------


def test_each_route_of_an_any_requirement_has_its_own_status():
    document = {"requirements": [_requirement(ANY, routes=[TEXT, {**TEXT, "en": "welfare"}])]}
    result = ruledoc.evaluate(document, {"recognised_75": False}, as_of=TODAY)
    (requirement,) = result.requirements
    assert requirement.status == ruledoc.UNKNOWN
    assert [r.status for r in requirement.routes] == [ruledoc.NOT_MET, ruledoc.UNKNOWN]
    assert requirement.routes[1].text("en") == "welfare"
    assert requirement.routes[1].text("fr") == "x"
    result = ruledoc.evaluate(
        document, {"recognised_75": False, "welfare_association_member": True}, as_of=TODAY
    )
    assert result.status == ruledoc.MET
    assert [r.status for r in result.requirements[0].routes] == [ruledoc.NOT_MET, ruledoc.MET]


@pytest.mark.parametrize(
    ("since", "met_on"),
    [
        (datetime.date(2024, 3, 12), datetime.date(2027, 3, 12)),
        (datetime.date(2024, 2, 29), datetime.date(2027, 3, 1)),
        (datetime.date(2023, 11, 22), datetime.date(2026, 11, 22)),
    ],
)
def test_a_requirement_met_by_time_alone_says_from_when(since, met_on):
    document = {
        "requirements": [
            _requirement({"fact": "youth_work_since", "op": "at_least_years_ago", "value": 3})
        ]
    }
    (missing,) = ruledoc.evaluate(document, {"youth_work_since": since}, as_of=TODAY).requirements
    assert missing.status == ruledoc.NOT_MET
    assert missing.met_on == met_on
    # The day named is exactly the first on which the engine says "met".
    assert ruledoc.evaluate(document, {"youth_work_since": since}, as_of=met_on).status == "met"
    before = met_on - datetime.timedelta(days=1)
    assert ruledoc.evaluate(document, {"youth_work_since": since}, as_of=before).status == "not_met"


def test_only_time_comparisons_name_a_day():
    document = {"requirements": [_requirement({"fact": "members", "op": ">=", "value": 7})]}
    (missing,) = ruledoc.evaluate(document, {"members": 6}, as_of=TODAY).requirements
    assert missing.status == ruledoc.NOT_MET and missing.met_on is None


# --- Ranks ---------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    return list(Programme.objects.prefetch_related("rule_versions"))


def _ranks(facts, programmes):
    return {fit.programme.code: fit for fit in queries.fits(facts, programmes, as_of=TODAY)}


def test_programmes_rank_now_after_steps_not_known_and_not_eligible(catalogue):
    facts = {
        "legal_form": "registered_association",
        "federal_state": "BE",
        "board_majority_migration": True,
        "charitable_notice_on": datetime.date(2019, 1, 10),  # too old: a step
        "recognised_75": False,
    }
    fits = _ranks(facts, catalogue)
    assert fits["berlin-partintp"].rank == queries.NOW
    # The notice is a step of its own: renew it.
    assert fits["dsee-micro"].rank == queries.AFTER_STEPS
    assert [r.key for r in fits["dsee-micro"].result.steps] == ["DSEE-1"]
    # Not the Land: a fixed condition, with the reason.
    assert fits["integrationsagenturen-nrw"].rank == queries.NOT_ELIGIBLE
    assert [r.key for r in fits["integrationsagenturen-nrw"].result.blocking] == ["INTAG-1"]
    assert fits["auf-augenhoehe"].rank == queries.NOT_ELIGIBLE
    # Nothing missing, but membership in a welfare association is not known.
    assert fits["aktion-mensch-kinder-jugend"].rank == queries.AFTER_STEPS  # the old notice
    facts["charitable_notice_on"] = datetime.date(2024, 5, 2)
    fits = _ranks(facts, catalogue)
    assert fits["aktion-mensch-kinder-jugend"].rank == queries.NOT_KNOWN
    assert [r.key for r in fits["aktion-mensch-kinder-jugend"].result.unknown] == [
        "AKTION-MENSCH-2"
    ]
    order = [fit.rank for fit in queries.fits(facts, catalogue, as_of=TODAY)]
    assert order == sorted(order, key=queries.RANKS.index)
    groups = queries.ranked(queries.fits(facts, catalogue, as_of=TODAY))
    assert [rank for rank, _ in groups] == [r for r in queries.RANKS if r in order]
    assert sum(len(group) for _, group in groups) == len(catalogue)


def test_a_missing_step_next_to_a_fixed_condition_is_not_eligible(catalogue):
    fits = _ranks({"federal_state": "HH", "board_majority_migration": False}, catalogue)
    partintp = fits["berlin-partintp"]
    assert partintp.rank == queries.NOT_ELIGIBLE
    assert [r.key for r in partintp.result.blocking] == ["PARTINTP-1"]
    assert [r.key for r in partintp.result.steps] == ["PARTINTP-2"]


# --- Pages ---------------------------------------------------------------------------------------


def test_the_catalogue_groups_programmes_by_rank_with_steps_and_reasons(world, client_for):
    org = world.org_a
    org.federal_state = "HH"
    org.legal_form = LegalForm.objects.get(code="initiative")
    org.save()
    response = client_for(world.member_a).get(f"/en/funding/programmes/?organization={org.slug}")
    html = response.content.decode()
    groups = dict(response.context["ranks"])
    assert "hamburg-teilhabe" in [fit.programme.code for fit in groups[queries.NOW]]
    assert "aktion-mensch-kinder-jugend" in [
        fit.programme.code for fit in groups[queries.NOT_KNOWN]
    ]
    assert {"berlin-partintp", "integrationsagenturen-nrw"} <= {
        fit.programme.code for fit in groups[queries.NOT_ELIGIBLE]
    }
    assert "amif" in [fit.programme.code for fit in groups[queries.AFTER_STEPS]]
    assert html.index("Eligible after these steps") < html.index("Not eligible")
    assert "Why not" in html
    assert "Found an association or apply together with an existing organization." in html


def test_the_check_names_the_open_route_and_the_day_time_meets_a_requirement(client, db):
    response = client.get(
        "/en/funding/checks/youth_welfare/",
        {
            "checked": "1",
            "legal_form": "registered_association",
            "charitable_finding_on": "2025-06-01",
            "youth_work_since": "2024-02-29",
        },
    )
    html = response.content.decode()
    rows = {row["key"]: row for row in response.context["rows"]}
    assert [route["status"] for route in rows["JH-02"]["routes"]] == ["unknown", "met"]
    assert "Any one of these routes is enough" in html
    assert "No exemption notice yet, but a finding under § 60a AO at most 3 years old" in html
    assert rows["JH-03"]["met_on"] == datetime.date(2027, 3, 1)
    assert "Met from March 1, 2027 on, if nothing changes." in html


def test_routes_say_met_and_missing_as_the_pdf_does_not_open(client, db):
    answers = {"checked": "1", "legal_form": "registered_association", "youth_work_since": ""}
    answers["charitable_finding_on"] = "2025-06-01"
    html = client.get("/de/funding/checks/youth_welfare/", answers).content.decode()
    routes = re.findall(r'<span class="badge badge-(\w+)">([^<]+)</span></li>', html)

    assert ("ok", "erfüllt") in routes
    assert all(word in {"erfüllt", "fehlt", "unbekannt"} for _status, word in routes), routes
    assert "nicht offen" not in html


def test_the_check_names_the_authority_of_the_land_given(client, db):
    answers = {"checked": "1", "legal_form": "registered_association", "state": "NW"}
    html = client.get("/en/funding/checks/youth_welfare/", answers).content.decode()
    assert "In North Rhine-Westphalia" in html
    assert "LVR-Landesjugendamt Rheinland" in html
    answers["state"] = "HE"
    html = client.get("/en/funding/checks/youth_welfare/", answers).content.decode()
    assert "Ask the Land youth welfare office of Hesse" in html
    answers.pop("state")
    html = client.get("/en/funding/checks/youth_welfare/", answers).content.decode()
    assert "Tell us your federal state to see the authority there." in html
    # Guides are linked.
    assert 'href="https://mkjfgfi.nrw/anerkennung-als-traeger-der-freien-jugendhilfe' in html


def test_the_authority_follows_the_organization_profile(world, client_for):
    world.org_a.federal_state = "BW"
    world.org_a.save()
    html = (
        client_for(world.member_a)
        .get(
            "/en/funding/checks/kita/",
            {"checked": "1", "organization": world.org_a.slug},
        )
        .content.decode()
    )
    assert "KVJS – Landesjugendamt Baden-Württemberg" in html


def test_a_check_without_an_authority_shows_none():
    document = {"requirements": [_requirement({"fact": "members", "op": ">=", "value": 7})]}
    assert authority(document, "NW", "en") is None
    assert guides(document, "en") == []
    youth = builtin_check("youth_welfare")
    found = authority(youth, "XX", "ar")
    assert found["state"] == "" and found["name"] == ""
    assert found["text"] == youth["authority"]["text"]["ar"]


def test_the_api_gives_routes_time_authority_and_guides(client, db):
    response = client.post(
        "/api/v1/readiness-checks/youth_welfare/evaluate?lang=en",
        {
            "facts": {
                "legal_form": "registered_association",
                "federal_state": "SN",
                "youth_work_since": "2025-01-15",
                "charitable_notice_on": "2024-01-01",
            },
            "as_of": "2026-11-21",
        },
        content_type="application/json",
    )
    body = response.json()
    requirements = {r["key"]: r for r in body["requirements"]}
    assert [r["status"] for r in requirements["JH-02"]["routes"]] == ["met", "not_met"]
    assert requirements["JH-02"]["routes"][0]["name"] == "Tax exemption notice at most 5 years old"
    assert requirements["JH-03"]["met_on"] == "2028-01-15"
    assert requirements["JH-01"]["fixed"] is False
    assert body["authority"]["name"] == "Kommunaler Sozialverband Sachsen – Landesjugendamt"
    assert body["guides"][0]["url"].startswith("https://")


def test_stored_check_documents_carry_authority_and_guides(db):
    for check in ReadinessCheck.objects.all():
        document = check.current_rules.document
        expected = builtin_check(check.code)
        assert document["guides"] == expected["guides"]
        assert document["authority"] == expected["authority"]
        assert document["requirements"] == expected["requirements"]


def test_a_changed_copy_is_still_valid_and_versioned(db):
    from gemeinsam.funding import services

    check = ReadinessCheck.objects.get(code="association")
    document = copy.deepcopy(check.current_rules.document)
    document["guides"].append({"title": TEXT, "url": "https://example.org/guide"})
    version = services.store_rules(check, document)
    assert version.number == 2
    assert version.document["guides"][-1]["url"] == "https://example.org/guide"


def test_the_migration_brings_older_rules_up_to_date_once(db):
    import importlib

    from django.apps import apps

    from gemeinsam.funding import services

    migration = importlib.import_module("gemeinsam.funding.migrations.0005_rules_routes_authority")
    check = ReadinessCheck.objects.get(code="youth_welfare")
    programme = Programme.objects.get(code="dsee-micro")
    # As an installation from before: no authority, guides or routes.
    older = {"requirements": [dict(r) for r in builtin_check("youth_welfare")["requirements"]]}
    for requirement in older["requirements"]:
        requirement.pop("routes", None)
    services.store_rules(check, older)
    older_programme = copy.deepcopy(programme.current_rules.document)
    older_programme["requirements"][0].pop("routes")
    services.store_rules(programme, older_programme)

    migration.update(apps, None)
    migration.update(apps, None)

    assert check.rule_versions.count() == 3
    assert check.current_rules.document["guides"] == builtin_check("youth_welfare")["guides"]
    assert programme.rule_versions.count() == 3
    assert "routes" in programme.current_rules.document["requirements"][0]
    # The other checks were up to date: nothing new for them.
    assert ReadinessCheck.objects.get(code="association").rule_versions.count() == 1


def test_staff_start_a_check_from_any_organization_profile(world, client_for):
    world.org_a.federal_state = "SN"
    world.org_a.save()
    address = f"/en/funding/checks/youth_welfare/?organization={world.org_a.slug}&checked=1"
    response = client_for(world.advisor_x).get(address)
    assert response.context["organization"] == world.org_a
    assert "Kommunaler Sozialverband Sachsen" in response.content.decode()
    # A member of another organization does not get org_a's profile.
    response = client_for(world.member_b).get(address)
    assert response.context["organization"] is None
    assert world.org_a.name not in response.content.decode()


def test_the_pdf_links_the_guides_for_the_land_given(client, db):
    query = "checked=1&legal_form=registered_association&state=NW"
    body = client.get(f"/ar/funding/checks/youth_welfare/result.pdf?{query}").content
    assert body.startswith(b"%PDF-")
    for guide in builtin_check("youth_welfare")["guides"]:
        shown = f"/URI ({guide['url']})".encode() in body
        assert shown == (guide.get("states", ["NW"]) == ["NW"]), guide["url"]


def _kita(client, **answers):
    response = client.get("/de/funding/checks/kita/", {"checked": "1", **answers})
    return response.context, response.content.decode()


def test_another_lands_law_and_guides_are_not_shown_in_a_known_land(client, db):
    bavaria, html = _kita(client, state="BY")
    planning = next(row for row in bavaria["rows"] if row["key"] == "KITA-08")
    assert planning["legal_basis"] == "§§ 74a, 80 SGB VIII"
    assert "KiBiz" not in html
    assert not any("lvr.de" in g["url"] for g in bavaria["guides"])  # the Rhineland's guide
    assert len(bavaria["guides"]) == 2

    nrw, html = _kita(client, state="NW")
    planning = next(row for row in nrw["rows"] if row["key"] == "KITA-08")
    assert planning["legal_basis"] == "§§ 74a, 80 SGB VIII; §§ 33–36 KiBiz"
    assert [g["states"] for g in nrw["guides"]] == [[], [], []]  # all for this Land, unnamed


def test_without_a_land_every_lands_law_and_guide_is_shown_named(client, db):
    context, html = _kita(client)
    planning = next(row for row in context["rows"] if row["key"] == "KITA-08")
    assert planning["legal_basis"] == "§§ 74a, 80 SGB VIII; Nordrhein-Westfalen: §§ 33–36 KiBiz"
    assert [g["states"] for g in context["guides"]] == [["Nordrhein-Westfalen"], [], []]
    assert "(Nordrhein-Westfalen)</span>" in html
