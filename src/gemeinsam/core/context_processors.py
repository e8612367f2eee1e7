from django.conf import settings
from django.utils.translation import get_language, get_language_bidi


def site(request):
    """One flag decides the text direction; the base template writes <html lang dir>."""
    return {
        "rtl": get_language_bidi(),
        "current_language": get_language(),
        "language_endonyms": settings.LANGUAGE_ENDONYMS,
        "require_staff_2fa": settings.GEMEINSAM_REQUIRE_STAFF_2FA,
        "is_production": settings.PRODUCTION,
    }
