"""The design system on a real screen: no page of it scrolls sideways on a phone, the header
leaves the phone's screen to the content, the menu opens without a script, and axe-core finds no
serious or critical problem, in German and in Arabic."""

import pytest

from tests.browser.journeys import in_language

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 640}
SMALL_PHONE = {"width": 320, "height": 568}
DESKTOP = {"width": 1366, "height": 900}
PAGES = [
    "/{language}/design-system/",
    "/{language}/design-system/?sample-name=&sample-email=x",
    "/{language}/design-system/?q=kita&kind=training&page=3",
    "/{language}/no-such-page/",
]


def overflow(page) -> int:
    """How far the page reaches beyond the screen's width (0 when it does not scroll sideways).
    Measured on the document, since a phone's innerWidth grows with overflowing content."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_no_page_of_the_design_system_scrolls_sideways(language, page, audit):
    for size in (SMALL_PHONE, PHONE, DESKTOP):
        page.set_viewport_size(size)
        for address in PAGES:
            page.goto(address.format(language=language))
            audit()
            assert (address, size["width"], overflow(page)) == (address, size["width"], 0)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_on_a_phone_the_header_takes_a_fifth_of_the_screen_and_the_menu_opens(
    language, page, audit
):
    for size in (SMALL_PHONE, PHONE):
        page.set_viewport_size(size)
        page.goto(f"/{language}/design-system/")
        audit()
        header = page.locator("header.site-header").bounding_box()
        assert (size["width"], header["height"] <= size["height"] / 5) == (size["width"], True)
    navigation = page.get_by_role("navigation", name=in_language(language, "Main navigation"))
    events = navigation.get_by_role("link", name=in_language(language, "Events"))
    assert not events.is_visible()
    # The languages stay in reach without opening the menu.
    assert page.get_by_role("link", name="Türkçe").is_visible()

    page.locator("summary.menu-button").click()
    assert events.is_visible()
    events.click()
    page.wait_for_url(f"**/{language}/events/")
    audit()


def test_without_a_script_the_menu_still_opens_on_a_phone_and_shows_on_a_desktop(
    browser, live_server
):
    for size, folded in ((PHONE, True), (DESKTOP, False)):
        context = browser.new_context(
            base_url=live_server.url, viewport=size, java_script_enabled=False
        )
        page = context.new_page()
        page.goto("/de/design-system/")
        events = page.locator(".main-nav a", has_text=in_language("de", "Events"))
        assert events.is_visible() is not folded
        if folded:
            page.locator("summary.menu-button").click()
            assert events.is_visible()
        context.close()


def test_the_error_summary_takes_the_focus_and_its_links_lead_into_the_fields(page, audit):
    page.goto("/ar/design-system/?sample-name=&sample-email=x")
    audit()
    summary = page.get_by_role("alert")
    assert summary.evaluate("element => element === document.activeElement")
    summary.get_by_role("link").nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_sample-email"
