"""What the journeys share: the accessibility audit, the watch for policy violations, and steps
that read like a person's."""

from importlib import resources

from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.functional import Promise

from tests import factories

AXE_JS = resources.files("axe_playwright_python") / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}

# Every document reports what its Content-Security-Policy blocked (an inline style or script, a
# resource from elsewhere) to the test, through a binding: the browser blocks it silently, and a
# page that lost its layout or behaviour would otherwise pass.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportPolicyViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(nothing named)"}`
    + ` on ${event.documentURI} (${event.sourceFile || "the document"}`
    + `, line ${event.lineNumber})${event.sample ? ": " + event.sample : ""}`
  );
});
"""


def watch_policy_violations(context, violations: list[str]) -> None:
    """Adds the Content-Security-Policy violations of every page of the context to the list."""
    context.expose_binding("reportPolicyViolation", lambda _source, text: violations.append(text))
    context.add_init_script(_REPORT_VIOLATIONS)

    def console(message) -> None:
        # The browser also logs what it refused; a refusal it did not report as an event (one
        # in a document the init script never ran in) is still caught here.
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(message.text)

    context.on("console", console)


class Auditor:
    """Runs axe-core on the page in view and remembers which page loads were checked."""

    def __init__(self, page, base_url: str, violations: list[str] | None = None):
        self.page = page
        self.base_url = base_url
        self.violations = violations if violations is not None else []
        self.pending: str | None = None
        self.skipped: list[str] = []
        self.audited: list[str] = []
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame) -> None:
        if frame != self.page.main_frame or not frame.url.startswith(self.base_url):
            return
        if self.pending is not None:
            self.skipped.append(self.pending)
        self.pending = frame.url

    def __call__(self) -> None:
        page = self.page
        page.wait_for_load_state("load")
        # Evaluated, not added as a script element: the page's policy refuses inline scripts,
        # and the test's own code is not the page's.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        self.audited.append(page.url)
        self.pending = None
        assert not self.violations, f"Content-Security-Policy violations up to {page.url}:\n" + (
            "\n".join(self.violations)
        )
        blocking = [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        assert not blocking, f"axe-core on {page.url}:\n" + "\n".join(
            _describe(violation) for violation in blocking
        )


def _describe(violation: dict) -> str:
    targets = "; ".join(
        " ".join(str(part) for part in node["target"]) for node in violation["nodes"][:5]
    )
    more = len(violation["nodes"]) - 5
    if more > 0:
        targets += f"; … and {more} more"
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"    at {targets}\n    see {violation['helpUrl']}"
    )


def in_language(language: str, text) -> str:
    """A UI string (message id or lazy label) as a page in that language shows it."""
    with translation.override(language):
        return str(text) if isinstance(text, Promise) else translation.gettext(text)


def path_in(language: str, obj) -> str:
    # Explicit, because the active language of the test thread is whatever an earlier test left.
    with translation.override(language):
        return obj.get_absolute_url()


def log_in(page, audit, email: str) -> None:
    """Through allauth's real log-in form, as a person would; lands on their own page."""
    page.goto("/de/accounts/login/")
    audit()
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/de/my/")
    audit()


def overflow(page) -> int:
    """How far the page reaches beyond the screen's width (0 when it does not scroll sideways).
    Measured on the document: with mobile emulation innerWidth grows with overflowing content."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# The innermost elements that stick out of the screen (or whose content overflows them), to say
# what made a page too wide.
_STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const out = (r) => r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    const spills = el.scrollWidth > el.clientWidth + 1
      && getComputedStyle(el).overflowX === "visible" && el.clientWidth > 0;
    if (!out(box) && !spills) continue;
    if ([...el.children].some((child) => out(child.getBoundingClientRect()))) continue;
    const name = el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
    const text = (el.textContent || "").trim().slice(0, 50);
    found.push(`${name} [${Math.round(box.left)}, ${Math.round(box.right)}] ${text}`);
  }
  return found.slice(0, 8);
}"""


def sticking_out(page) -> list[str]:
    return page.evaluate(_STICKING_OUT)


# The widths a page must fit: a desktop, a phone and a small phone.
LAYOUT_SIZES = [(1366, 900), (360, 640), (320, 568)]


def sign_in(page, base_url: str, user) -> None:
    """The person's session, made by Django's test client, in the page's browser."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
    )


def fits(page, audit, address: str | None = None) -> list[str]:
    """Loads the address (or takes the page in view) at 1366 px with axe-core, then measures it
    at every width; says what sticks out where it does."""
    page.set_viewport_size({"width": 1366, "height": 900})
    if address:
        page.goto(address)
    audit()
    problems = []
    for width, height in LAYOUT_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        beyond = overflow(page)
        if beyond:
            problems.append(f"{page.url} at {width} px: {beyond} px too wide: {sticking_out(page)}")
    return problems
