"""Reference data, managed by platform admins: fields, target groups, languages, legal forms
and kinds of recognition."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinsam.core.localized import LocalizedNameModel


class FieldOfActivity(LocalizedNameModel):
    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")


class TargetGroup(LocalizedNameModel):
    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class WorkingLanguage(LocalizedNameModel):
    """A language an organization works in (ISO 639 code), with its text direction."""

    is_rtl = models.BooleanField(_("right to left"), default=False)

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("working language")
        verbose_name_plural = _("working languages")


class LegalForm(LocalizedNameModel):
    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("legal form")
        verbose_name_plural = _("legal forms")


class RecognitionType(LocalizedNameModel):
    """Charitable status, § 75 SGB VIII, AZAV, welfare-association membership …"""

    has_authority = models.BooleanField(_("has an issuing authority"), default=False)
    has_expiry = models.BooleanField(_("expires"), default=False)

    class Meta(LocalizedNameModel.Meta):
        verbose_name = _("recognition type")
        verbose_name_plural = _("recognition types")
