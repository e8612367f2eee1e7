from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .rules import needs_two_factor
from .two_factor import must_confirm_before_enrolling

# Paths a person without a second factor may still reach: setting it up, logging out, static files.
_ALLOWED_PREFIXES = ("/static/", "/healthz", "/readyz", "/api/")


class RequireStaffTwoFactorMiddleware:
    """In production, agency staff and platform admins must set up TOTP before anything else.

    First they confirm a code mailed to their address (`two_factor`), so that knowing the password
    is not enough to enrol an authenticator; until then only that page and logging out are open.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.GEMEINSAM_REQUIRE_STAFF_2FA and needs_two_factor(request.user):
            path = request.path
            if must_confirm_before_enrolling(request):
                confirm = reverse("accounts:two-factor-confirm")
                allowed = path.startswith(_ALLOWED_PREFIXES) or path in {
                    confirm,
                    reverse("account_logout"),
                }
                if not allowed:
                    return redirect(confirm)
            else:
                allowed = path.startswith(_ALLOWED_PREFIXES) or "/accounts/" in path
                if not allowed:
                    return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
