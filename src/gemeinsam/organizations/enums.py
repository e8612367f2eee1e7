from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganizationKind(models.TextChoices):
    MIGRANT_ORG = "migrant_org", _("migrant organization")
    ESTABLISHED_PROVIDER = "established_provider", _("established provider")
    AUTHORITY = "authority", _("authority")
    SERVICE_PROVIDER = "service_provider", _("service provider")
    RELIGIOUS_COMMUNITY = "religious_community", _("religious community")
    UMBRELLA_BODY = "umbrella_body", _("umbrella body")


class IncomeBand(models.TextChoices):
    UP_TO_10K = "lt_10k", _("up to 10,000 €")
    UP_TO_45K = "10k_45k", _("10,000 – 45,000 €")
    UP_TO_100K = "45k_100k", _("45,000 – 100,000 €")
    UP_TO_500K = "100k_500k", _("100,000 – 500,000 €")
    OVER_500K = "gt_500k", _("over 500,000 €")


class FundingKind(models.TextChoices):
    REGULAR = "regular", _("regular funding")
    PROJECT = "project", _("project funding")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", pgettext_lazy("organization role", "administrator")
    MEMBER = "member", pgettext_lazy("organization role", "member")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("membership status", "waiting for confirmation")
    ACTIVE = "active", pgettext_lazy("membership status", "confirmed")
    DECLINED = "declined", pgettext_lazy("membership status", "declined")


# Stable codes of the recognitions that rules (readiness checks) refer to.
class RecognitionCode(models.TextChoices):
    CHARITABLE = "charitable", _("charitable status")
    YOUTH_WELFARE = "youth_welfare_75", _("youth-welfare provider (§ 75 SGB VIII)")
    AZAV = "azav", _("AZAV approval")
    WELFARE_MEMBER = "welfare_association", _("member of a welfare association")


# How long a profile may go unconfirmed before its admins are nudged.
CONFIRMATION_INTERVAL_DAYS = 365
