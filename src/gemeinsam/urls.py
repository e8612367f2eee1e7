from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from gemeinsam.api import api
from gemeinsam.core import views as core_views

# The admin logs in through the same form as everyone else, with throttling and two factors.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "gemeinsam"

# "/" has no page of its own: LocaleMiddleware sends it to the language the browser asks for
# (the language cookie first, then Accept-Language, else German).
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("gemeinsam.site.urls")),
    path("accounts/", include("allauth.urls")),
    path("my/", include("gemeinsam.accounts.urls")),
    path("organizations/", include("gemeinsam.organizations.urls")),
    path("agencies/", include("gemeinsam.agencies.urls")),
    path("events/", include("gemeinsam.events.urls")),
    path("rooms/", include("gemeinsam.rooms.urls")),
    path("counselling/", include("gemeinsam.counselling.urls")),
    path("funding/", include("gemeinsam.funding.urls")),
    path("tandems/", include("gemeinsam.tandems.urls")),
    path("surveys/", include("gemeinsam.surveys.urls")),
    path("knowledge/", include("gemeinsam.knowledge.urls")),
    path("committees/", include("gemeinsam.committees.urls")),
    path("", include("gemeinsam.translations.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
