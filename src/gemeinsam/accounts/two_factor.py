"""Setting up two-factor log-in where it is required: first a code mailed to the account.

Staff must set up an authenticator before anything else (`GEMEINSAM_REQUIRE_STAFF_2FA`). Were the
set-up page open right after the first log-in, whoever knows the password would enrol an
authenticator of their own and keep the account. So the set-up needs a one-time code first,
mailed to the account's confirmed address: only someone who reads that mailbox gets through.

The code lives in the session, hashed, for 15 minutes and 5 tries; a new one can be asked for
once a minute. Confirming marks the session (for this person), and the set-up page opens.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.http import HttpRequest

from .rules import needs_two_factor

CODE_DIGITS = 8
CODE_SECONDS = 15 * 60
CODE_TRIES = 5
RESEND_SECONDS = 60
_CODE = "two_factor_enrolment_code"
_CONFIRMED = "two_factor_enrolment_confirmed"


def must_confirm_before_enrolling(request: HttpRequest) -> bool:
    """Whether this person is held at the code page: enrolment is required and not yet confirmed."""
    user = request.user
    return (
        settings.GEMEINSAM_REQUIRE_STAFF_2FA
        and needs_two_factor(user)
        and request.session.get(_CONFIRMED) != user.pk
    )


def confirmed_address(user) -> str | None:
    address = (
        EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    )
    return address.email if address else None


def _digest(code: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{code}".encode()).hexdigest()


def code_pending(request: HttpRequest) -> bool:
    pending = request.session.get(_CODE)
    return bool(pending and pending["user"] == request.user.pk and time.time() < pending["until"])


def send_code(request: HttpRequest) -> str:
    """Mail a new code to the confirmed address. Answers "sent", "wait" (one was sent less than
    a minute ago) or "no_address". Side effects: the mail, and the code's hash in the session."""
    user = request.user
    address = confirmed_address(user)
    if address is None:
        return "no_address"
    pending = request.session.get(_CODE)
    if pending and pending["user"] == user.pk and time.time() < pending["sent"] + RESEND_SECONDS:
        return "wait"
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    now = time.time()
    request.session[_CODE] = {
        "user": user.pk,
        "digest": _digest(code),
        "sent": now,
        "until": now + CODE_SECONDS,
        "tries": 0,
    }
    get_adapter(request).send_mail(
        "accounts/email/two_factor_code",
        address,
        {"user": user, "code": code, "minutes": CODE_SECONDS // 60},
    )
    return "sent"


def confirm_code(request: HttpRequest, code: str) -> str:
    """Check a typed code: "confirmed", "wrong", or "expired" (too old, too many tries, or none
    sent). A confirmed or used-up code is gone; the session then holds the confirmation."""
    pending = request.session.get(_CODE)
    if not code_pending(request) or pending["tries"] >= CODE_TRIES:
        request.session.pop(_CODE, None)
        return "expired"
    typed = "".join(code.split())
    if hmac.compare_digest(_digest(typed), pending["digest"]):
        request.session.pop(_CODE)
        request.session[_CONFIRMED] = request.user.pk
        return "confirmed"
    pending["tries"] += 1
    if pending["tries"] >= CODE_TRIES:
        request.session.pop(_CODE)
        return "expired"
    request.session[_CODE] = pending
    return "wrong"
