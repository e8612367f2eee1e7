"""The 403, 404 and 500 pages: in the language of the address, right-to-left in Arabic, with the
site's header and a way on; the 500 page without a request or the database."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from tests.html_support import attribute, find, find_all, text

NOT_FOUND = {
    "de": "Seite nicht gefunden",
    "en": "Page not found",
    "ar": "الصفحة غير موجودة",
    "tr": "Sayfa bulunamadı",
}
FORBIDDEN = {
    "de": "Sie dürfen diese Seite nicht öffnen",
    "en": "You may not open this page",
    "ar": "لا يمكنك فتح هذه الصفحة",
    "tr": "Bu sayfayı açma yetkiniz yok",
}
FAILED = {
    "de": "Bei uns ist etwas schiefgegangen",
    "en": "Something went wrong on our side",
    "ar": "حدث خطأ من جهتنا",
    "tr": "Bizim tarafımızda bir sorun oluştu",
}


def _page(response) -> str:
    return response.content.decode()


def _direction(html: str) -> tuple[str, str]:
    page = find(html, "html")
    return attribute(page, "lang"), attribute(page, "dir")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en", "ar", "tr"])
def test_an_unknown_address_shows_the_not_found_page_in_its_language(language, client):
    response = client.get(f"/{language}/no-such-page/")
    html = _page(response)
    assert response.status_code == 404
    assert _direction(html) == (language, "rtl" if language == "ar" else "ltr")
    assert text(find(html, "h1")) == NOT_FOUND[language]
    assert find(html, "nav", class_="main-nav")  # the site's own header, not a bare page
    # The language links lead to the same address in the other languages.
    switcher = find(html, "nav", class_="language-switcher")
    assert [attribute(a, "href") for a in find_all(switcher, "a")] == [
        "/de/no-such-page/",
        "/en/no-such-page/",
        "/ar/no-such-page/",
        "/tr/no-such-page/",
    ]


@pytest.mark.django_db
def test_an_object_hidden_from_the_visitor_gets_the_same_not_found_page(world, client):
    response = client.get(f"/ar/organizations/{world.org_a.slug}/")
    html = _page(response)
    assert response.status_code == 404
    assert _direction(html) == ("ar", "rtl")
    assert text(find(html, "h1")) == NOT_FOUND["ar"]
    assert world.org_a.name not in html
    # A visitor is offered the log-in, since the page may be one only members see.
    links = find(html, "ul", class_="error-links")
    assert attribute(find_all(links, "a")[0], "href") == "/ar/accounts/login/"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_refused_page_shows_the_forbidden_page_in_its_language(language, world, client_for):
    with translation.override(language):
        url = reverse("agencies:staff-list", kwargs={"slug": world.agency_x.slug})
    response = client_for(world.member_a).get(url)
    html = _page(response)
    assert response.status_code == 403
    assert _direction(html) == (language, "rtl" if language == "ar" else "ltr")
    assert text(find(html, "h1")) == FORBIDDEN[language]
    links = find(html, "ul", class_="error-links")
    assert attribute(find_all(links, "a")[0], "href") == f"/{language}/my/"


@pytest.mark.django_db
@pytest.mark.urls("tests.site.error_urls")
@pytest.mark.parametrize("language", ["de", "en", "ar", "tr"])
def test_a_failing_page_shows_the_error_page_in_its_language(language, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/failing-page/")
    html = _page(response)
    assert response.status_code == 500
    assert _direction(html) == (language, "rtl" if language == "ar" else "ltr")
    assert text(find(html, "h1")) == FAILED[language]
    assert attribute(find(html, "a", class_="brand"), "href") == f"/{language}/"
    assert "RuntimeError" not in html


def test_the_error_page_renders_without_a_request_context_or_the_database():
    # No database access is allowed in this test: the page must not need one.
    request = RequestFactory().get("/ar/failing-page/")
    with translation.override("ar"):
        response = server_error(request)
    html = _page(response)
    assert response.status_code == 500
    assert _direction(html) == ("ar", "rtl")
    assert text(find(html, "h1")) == FAILED["ar"]
    assert (
        attribute(find(html, "link", rel="stylesheet"), "href") == "/static/gemeinsam/css/site.css"
    )
