from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.utils import translation


def current_site(request):
    """This site as allauth's mails name it: `GEMEINSAM_SITE_NAME`, at the address asked for
    (without django.contrib.sites, allauth would call the site by its host and port)."""
    site = RequestSite(request)
    site.name = settings.GEMEINSAM_SITE_NAME
    return site


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Mails go out in the language of the page the person is using.
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        request = allauth_context.request
        if request is not None:
            context = {"current_site": current_site(request), **context}
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed log-ins per address ("key" in ACCOUNT_RATE_LIMITS). Counted per
        # address alone, anyone who knows a staff member's address could keep them locked out
        # with a few wrong passwords. Counted per client address and account, the guesser's
        # client is slowed down while the owner, elsewhere, still gets in.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"
