from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .enums import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, READ_ONLY, SCOPES
from .models import ApiToken, User
from .services import check_may_have_token, issue_api_token


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "preferred_language"]}),
        (_("Rights"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal = ["groups"]


class ApiTokenIssueForm(forms.ModelForm):
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        initial=DEFAULT_TOKEN_DAYS,
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=[(scope, scope) for scope in SCOPES],
        initial=READ_ONLY,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A write scope includes reading the same area."),
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("user") and "days" in cleaned and "scopes" in cleaned:
            try:
                check_may_have_token(
                    cleaned["user"],
                    name=cleaned.get("name") or "",
                    days=cleaned["days"],
                    scopes=cleaned["scopes"],
                )
            except ValidationError as refused:
                raise forms.ValidationError(refused.messages) from refused
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "expires_at", "scopes", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "expires_at", "scopes", "last_used_at"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenIssueForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["user", "name", "days", "scopes"] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            token, raw = issue_api_token(
                by=request.user,
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                scopes=form.cleaned_data["scopes"],
            )
            obj.pk = token.pk
            self.message_user(request, _("The token is shown once: %(token)s") % {"token": raw})
            return
        super().save_model(request, obj, form, change)
