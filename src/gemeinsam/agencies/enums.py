from django.db import models
from django.utils.translation import pgettext_lazy


class StaffRole(models.TextChoices):
    ADVISOR = "advisor", pgettext_lazy("staff role", "advisor")
    MANAGER = "manager", pgettext_lazy("staff role", "manager")
