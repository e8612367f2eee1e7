"""An event in Arabic as Chromium shows it: the translated title and consent, the consent box
described by the Arabic text it agrees to, and a paragraph not yet translated isolated as German
(left to right inside the right-to-left page)."""

import pytest

from gemeinsam.core import content
from gemeinsam.events.models import Registration
from tests import factories
from tests.browser.journeys import in_language, path_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE_AR = "حوار حول سوق العمل في الجمعية العربية لأولياء الأمور"
CONSENT_AR = "أوافق على أن تُحفظ بياناتي لدى جمعية VIA لتنظيم هذه الفعالية."
GERMAN_PARAGRAPH = "Kinderbetreuung gibt es im Nebenraum."


def _direction(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).direction")


def test_an_arabic_reader_sees_the_event_and_its_consent_in_arabic(page, audit):
    event = factories.make_event(
        factories.make_agency("VIA Berlin", slug="via"),
        "Arbeitsmarktgespräch im Arabischen Elternverein",
        description=f"Es wird ins Arabische gedolmetscht.\n\n{GERMAN_PARAGRAPH}",
        consent_text="Ich bin einverstanden, dass VIA meine Angaben speichert.",
    )
    content.set_texts(event, "ar", {"title": TITLE_AR, "consent_text": CONSENT_AR})
    content.save_translation(event, "description", "ar", ["تتوفر ترجمة فورية إلى العربية.", ""])

    page.goto(path_in("ar", event))
    audit()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE_AR
    german = page.get_by_text(GERMAN_PARAGRAPH, exact=True)
    assert (german.get_attribute("lang"), _direction(german)) == ("de", "ltr")
    assert _direction(page.get_by_text("تتوفر ترجمة فورية إلى العربية.")) == "rtl"

    page.goto(path_in("ar", event).rstrip("/") + "/register/")
    audit()
    box = page.get_by_label(in_language("ar", "I agree."))
    described_by = page.locator(f"#{box.get_attribute('aria-describedby')}")
    assert described_by.inner_text() == CONSENT_AR
    page.locator("#id_name").fill("سميرة حداد")
    page.locator("#id_email").fill("samira@example.org")
    box.check()
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    audit()
    registration = Registration.objects.get(event=event)
    assert (registration.consent_text, registration.consent_language) == (CONSENT_AR, "ar")
