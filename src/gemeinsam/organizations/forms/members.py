"""Claims to act for an organization, invitations, and changes of its members."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import MembershipRole


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("How are you connected to the organization?"),
        help_text=_(
            "For example: board member since 2021. Agency staff read this before they confirm."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address of your colleague"))
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class MemberChangeForm(forms.Form):
    role = forms.ChoiceField(choices=MembershipRole.choices, required=False)
    remove = forms.BooleanField(required=False)

    @classmethod
    def for_member(cls, membership) -> "MemberChangeForm":
        """The row of one member in the members' table: the role chooser alone, named for
        assistive technology by the person it changes (the table's column says the rest)."""
        form = cls(initial={"role": membership.role}, auto_id=f"member-{membership.pk}-%s")
        form.fields["role"].widget.attrs["aria-label"] = _("Role of %(name)s") % {
            "name": membership.user.get_full_name()
        }
        return form


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Confirm")), ("decline", _("Decline"))])
