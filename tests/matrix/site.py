"""Permission-matrix cases for the top floor: the home page, health checks, the dashboard, the
two-factor confirmation, the design system and the Django admin (see tests/matrix/__init__.py)."""

from tests.matrix import LOGIN, Case, everyone, logged_in

CASES = [
    Case("site:home", everyone(200)),
    Case("healthz", everyone(200)),
    # The same answer for everyone; 503 here because no worker beats in the test database.
    Case("readyz", everyone(503)),
    Case("site:dashboard", logged_in(200)),
    # The design system's components with sample content and no data: open to everyone.
    Case("site:design-system", everyone(200)),
    Case("accounts:two-factor-confirm", logged_in(200)),
    # The Django admin: platform admins only; everyone else is sent to log in.
    Case("admin:index", {**logged_in(LOGIN), "admin": 200}),
]
