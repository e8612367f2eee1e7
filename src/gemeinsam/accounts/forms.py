from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    name = forms.CharField(label=_("Your name"), max_length=150)

    field_order = ["name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"]
        user.preferred_language = (request.LANGUAGE_CODE or "de")[:2]
        user.save(update_fields=["name", "preferred_language"])
        return user
