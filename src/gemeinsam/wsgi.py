import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gemeinsam.settings")
application = get_wsgi_application()

# A notes key that cannot open the stored notes stops the server here, with a clear message,
# rather than failing on the first case page.
from gemeinsam.counselling.crypto import verify_keys  # noqa: E402

verify_keys()
