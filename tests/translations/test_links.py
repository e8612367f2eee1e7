"""Where staff find the editor: a record's translations at a glance on its edit page, the
dashboard's overview links, and the glossary in every page's footer."""

import pytest

from gemeinsam.core import content
from gemeinsam.core.enums import Origin
from tests.html_support import attribute, find, find_all, text

from .conftest import ARABIC, edit_url

pytestmark = pytest.mark.django_db


def _languages(page: str) -> dict[str, tuple[str, str]]:
    """Each language's (text, editor address) in the page's translation links."""
    section = find(page, "section", class_="translation-links")
    found = {}
    for item in find_all(section, "li"):
        link = find(item, "a")
        found[attribute(link, "lang")] = (text(item), attribute(link, "href"))
    return found


def test_the_event_form_counts_each_languages_missing_outdated_and_machine_paragraphs(
    event, world, client_for
):
    content.save_translation(event, "description", "ar", ARABIC)
    content.set_texts(event, "ar", {"title": "حوار سوق العمل"})
    content.save_translation(event, "description", "tr", ["a", "b", "c"], origin=Origin.MACHINE)
    event.description = event.description.replace("10 Uhr", "11 Uhr")
    event.save()

    page = client_for(world.advisor_x).get(f"/en/events/manage/{event.slug}/edit/").content.decode()
    languages = _languages(page)

    arabic, arabic_url = languages["ar"]
    assert "1 paragraph outdated" in arabic
    assert "3 paragraphs missing" in arabic  # the question and its two choices
    turkish = languages["tr"][0]
    assert "2 paragraphs machine-translated" in turkish and "1 paragraph outdated" in turkish
    assert "missing" in languages["en"][0] and "up to date" not in languages["en"][0]
    assert arabic_url == edit_url(event, "ar")


def test_people_who_may_not_translate_see_no_links(event, world, client_for):
    page = client_for(world.member_a).get(f"/en/events/{event.slug}/").content.decode()
    assert "translation-links" not in page
    # Staff of another agency do not reach the edit page at all.
    response = client_for(world.advisor_y).get(f"/en/events/manage/{event.slug}/edit/")
    assert response.status_code == 404 and "translation-links" not in response.content.decode()


def test_staff_find_the_overview_on_their_page_and_everyone_the_glossary(world, client_for):
    page = client_for(world.advisor_x).get("/de/my/").content.decode()
    assert 'href="/de/translations/ar/"' in page and 'href="/de/translations/tr/"' in page
    member_page = client_for(world.member_a).get("/de/my/").content.decode()
    assert "/translations/ar/" not in member_page
    assert 'href="/ar/glossary/"' in client_for(None).get("/ar/").content.decode()
