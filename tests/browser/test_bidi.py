"""Arabic pages show mixed-direction values in the order they were typed, as Chromium lays them
out: a case number, a legal citation, an "e.V." name and "12045 Berlin"; and the way back points
back (to the right on an Arabic phone).

What a reader sees is measured, not assumed: every character's box on the screen, read from the
left. Without isolation Chromium shows 00238-2026, "Abs. 2 SGB VIII 45 §", ".Verein … e.V" and
"Berlin 12045" (tests/test_bidi_output.py keeps those lines for the record).
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.browser.journeys import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME = "Arabischer Elternverein Neukölln e.V."
CITATION = "§ 45 Abs. 2 SGB VIII"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 640}

# The element's characters as they stand on the screen, read from the left (one line).
_SEEN = """(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (box && box.width > 0) chars.push([box.left, node.data[i]]);
    }
  }
  chars.sort((a, b) => a[0] - b[0]);
  return chars.map((c) => c[1]).join("").replace(/\\s+/g, " ");
}"""

# Where a drawn chevron points: its two borders meet in a corner, the transform turns it.
_POINTS = """(el) => {
  const style = getComputedStyle(el, "::before");
  if (style.content === "none") return "none";
  const [a, b, c, d] = new DOMMatrix(style.transform).toFloat64Array();
  const x = parseFloat(style.borderRightWidth) > 0 ? 1 : -1;
  const y = parseFloat(style.borderTopWidth) > 0 ? -1 : 1;
  const across = a * x + c * y, down = b * x + d * y;
  if (Math.abs(down) > Math.abs(across)) return down > 0 ? "down" : "up";
  return across > 0 ? "right" : "left";
}"""


def seen(locator) -> str:
    return locator.evaluate(_SEEN)


def test_a_case_number_shows_in_typed_order_on_the_arabic_case_page(
    page, audit, live_server, world
):
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Satzung")
    sign_in(page, live_server.url, world.advisor_x)
    page.set_viewport_size(DESKTOP)
    page.goto(f"/ar/counselling/manage/cases/{case.pk}/")
    audit()

    lead = page.locator(".page-header .lead")
    assert case.reference in seen(lead)
    assert lead.locator('bdi[dir="ltr"]').inner_text() == case.reference


def test_a_legal_citation_shows_in_typed_order_on_the_arabic_check(page, audit, world):
    page.set_viewport_size(DESKTOP)
    page.goto("/ar/funding/checks/kita/?checked=1&legal_form=registered_association")
    audit()

    basis = page.locator("p.muted", has_text="SGB VIII").first
    assert CITATION in seen(basis)
    assert CITATION in basis.locator('bdi[dir="ltr"]').inner_text()


def test_an_organization_page_in_arabic_keeps_name_and_address_in_order(page, audit, world):
    organization = factories.make_organization(
        NAME, street="Sonnenallee 12", postcode="12045", city="Berlin", federal_state="BE"
    )
    page.set_viewport_size(DESKTOP)
    page.goto(f"/ar/organizations/{organization.slug}/")
    audit()

    assert seen(page.locator("h1")) == NAME  # the full stop at the end, not in front
    address = page.locator("dd", has_text="Sonnenallee")
    assert "Sonnenallee 12, 12045 Berlin" in seen(address)


@pytest.mark.parametrize(
    ("language", "back", "on"), [("de", "left", "right"), ("ar", "right", "left")]
)
def test_the_way_back_points_back_and_the_trail_points_on(page, audit, world, language, back, on):
    organization = factories.make_organization(NAME)
    page.set_viewport_size(DESKTOP)
    page.goto(f"/{language}/organizations/{organization.slug}/")
    audit()
    crumbs = page.locator(".breadcrumbs li")
    # On a wide screen the chevrons between the crumbs point the way one reads on.
    assert crumbs.nth(1).evaluate(_POINTS) == on

    page.set_viewport_size(PHONE)
    # On a phone only the parent shows, with a chevron that points back.
    assert page.locator(".breadcrumbs-parent").evaluate(_POINTS) == back
