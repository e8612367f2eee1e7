from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    name = forms.CharField(label=_("Your name"), max_length=150)

    field_order = ["name", "email", "password1", "password2"]

    def try_save(self, request):
        if self.account_already_exists:
            # allauth mails the owner of a taken address instead of creating an account, and so
            # skips hashing the password, the slowest step of a sign-up by far. Hash it anyway
            # and throw the hash away, so that the answer's timing does not tell that the
            # address has an account.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"]
        user.preferred_language = (request.LANGUAGE_CODE or "de")[:2]
        user.save(update_fields=["name", "preferred_language"])
        return user


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the mail"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
