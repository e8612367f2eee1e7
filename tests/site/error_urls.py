"""The project's URLs plus one page that fails, to see the 500 page as a visitor would."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from gemeinsam.urls import urlpatterns as project_urlpatterns


def failing_view(request):
    raise RuntimeError("a fault in the page, as a bug would cause it")


urlpatterns = [
    *project_urlpatterns,
    *i18n_patterns(path("failing-page/", failing_view), prefix_default_language=True),
]
