import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gemeinsam.settings")
application = get_wsgi_application()

# A notes key that cannot open the stored notes stops the server here, with a clear message,
# rather than failing on the first case page. Where there is no database to ask yet (a test
# importing this module), the system check and the pages' 503 answer still catch it.
from gemeinsam.counselling.system_checks import verify_keys_if_reachable  # noqa: E402

verify_keys_if_reachable()
