from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import two_factor
from .forms import TwoFactorCodeForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_confirm(request):
    """Before setting up an authenticator: send a code to the account's address, then check it."""
    form = TwoFactorCodeForm()
    if request.method == "POST" and "send" in request.POST:
        sent = two_factor.send_code(request)
        if sent == "sent":
            messages.success(request, _("We have sent you a code. Please check your mail."))
        elif sent == "wait":
            messages.info(request, _("A code was sent less than a minute ago. Please wait."))
        return redirect("accounts:two-factor-confirm")
    if request.method == "POST":
        form = TwoFactorCodeForm(request.POST)
        if form.is_valid():
            outcome = two_factor.confirm_code(request, form.cleaned_data["code"])
            if outcome == "confirmed":
                return redirect("mfa_activate_totp")
            form.add_error(
                "code",
                _("This code is not right. Please try again.")
                if outcome == "wrong"
                else _("This code has expired or was tried too often. Please ask for a new one."),
            )
    return render(
        request,
        "accounts/two_factor_confirm.html",
        {
            "form": form,
            "address": two_factor.confirmed_address(request.user),
            "code_pending": two_factor.code_pending(request),
        },
    )
