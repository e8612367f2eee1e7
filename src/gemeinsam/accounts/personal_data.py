"""The account, for the registry of personal data (`core.personal_data`).

An account is the person's own and the platform's, not an agency's: it is exported and erased
only when the person (or the platform) asks for everything, never by an agency.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice


def export(subject: DataSubject, scope: Scope) -> dict:
    user = subject.user
    if user is None:
        return {"account": None, "api_tokens": []}
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "preferred_language": choice(user, "preferred_language"),
            "date_joined": user.date_joined,
        },
        "api_tokens": [
            {"name": t.name, "created_at": t.created_at, "last_used_at": t.last_used_at}
            for t in user.api_tokens.order_by("created_at", "id")
        ],
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    """The account can no longer log in and names nobody; its id stays, so what others hold
    (a case's advisor, a decision's author) keeps pointing somewhere."""
    user = subject.user
    if user is None:
        return 0
    user.api_tokens.all().delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    return 1


personal_data.register(
    "accounts",
    models=["accounts.User", "accounts.ApiToken"],
    export=export,
    erase=erase,
    per_agency=False,
    order=90,
)
