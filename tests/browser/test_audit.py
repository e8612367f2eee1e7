"""The accessibility audit itself: it must catch what it claims to catch."""

import pytest

from tests.browser.journeys import Auditor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_reports_serious_violations_with_rule_target_and_help(page, live_server):
    auditor = Auditor(page, live_server.url)
    page.goto("/de/")
    page.set_content(
        '<html lang="de"><body><main><img src="x.png" id="portrait"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        auditor()
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert "#portrait" in message
    assert "Images must have alternative text" in message


def test_it_notices_a_page_left_without_an_audit(page, live_server):
    auditor = Auditor(page, live_server.url)
    page.goto("/de/")
    page.goto("/de/organizations/")
    auditor()
    assert auditor.skipped == [f"{live_server.url}/de/"]


def test_it_fails_a_journey_on_what_the_content_security_policy_refused(
    page, live_server, policy_violations
):
    auditor = Auditor(page, live_server.url, policy_violations)
    page.goto("/de/")
    # A style attribute set from script is refused like one in the markup (CSSOM is allowed).
    page.evaluate("() => document.body.setAttribute('style', 'color: red')")
    page.evaluate("() => { document.body.style.margin = '1px'; }")
    with pytest.raises(AssertionError) as failure:
        auditor()
    message = str(failure.value)
    assert "Content-Security-Policy violations up to" in message
    assert "style-src-attr blocked inline on" in message
    policy_violations.clear()  # seen and expected: the page fixture need not fail the test too
