"""System checks of the installation's own settings.

The development SECRET_KEY is in the source code, so anyone can sign sessions, password-reset
links and API answers with it. Production refuses it: `gemeinsam check` (and every management
command, `migrate` included) stops with an error.
"""

from django.conf import settings
from django.core import checks

# Public on purpose: development and the demo run without any set-up.
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production-0123456789"  # noqa: S105


@checks.register(checks.Tags.security)
def production_has_its_own_secret_key(app_configs, **kwargs):
    if getattr(settings, "PRODUCTION", False) and settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        return [
            checks.Error(
                "SECRET_KEY is the development key from the source code, which anyone can read.",
                hint="Set SECRET_KEY to a long random value of this installation's own, e.g. "
                "from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="core.E001",
            )
        ]
    return []
