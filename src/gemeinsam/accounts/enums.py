"""What an API token may do: read or write, per area of the API."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A token lives this many days unless its issuer says otherwise, and never longer than the maximum:
# a forgotten token in an old script stops working by itself.
DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 365


class ApiArea(models.TextChoices):
    ORGANIZATIONS = "organizations", _("organizations")
    EVENTS = "events", _("events")
    COUNSELLING = "counselling", _("counselling")
    FUNDING = "funding", _("funding")


class ApiAccess(models.TextChoices):
    READ = "read", _("read")
    WRITE = "write", _("write")


# "events:read", "events:write", … A write scope includes reading the same area.
SCOPES = [f"{area}:{access}" for area in ApiArea.values for access in ApiAccess.values]
# Without named scopes a token may read everything its owner may read, and change nothing.
READ_ONLY = [f"{area}:{ApiAccess.READ}" for area in ApiArea.values]
