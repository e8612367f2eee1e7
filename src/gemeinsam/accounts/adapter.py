from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Mails go out in the language of the page the person is using.
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed log-ins per address ("key" in ACCOUNT_RATE_LIMITS). Counted per
        # address alone, anyone who knows a staff member's address could keep them locked out
        # with a few wrong passwords. Counted per client address and account, the guesser's
        # client is slowed down while the owner, elsewhere, still gets in.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"
