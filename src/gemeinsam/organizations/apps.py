from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "gemeinsam.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from gemeinsam.core import content  # in ready() because it loads core's models

        # Declares the nightly purge of import files with core.schedule; in apps.ready because
        # it imports the models.
        from .interchange import retention  # noqa: F401

        # Imported in ready() because the app registry loads the models first.
        from .models import FieldOfActivity, LegalForm, Organization, WorkingLanguage
        from .queries import forget_reference_rows, organizations_visible_to

        # A renamed or new legal form, field or language shows on the next directory page of
        # this process (the others read theirs again within a minute).
        for model in (FieldOfActivity, LegalForm, WorkingLanguage):
            for signal in (post_save, post_delete):
                signal.connect(forget_reference_rows, sender=model, weak=False)

        # An organization's description is translated by whoever may change its profile (its
        # admins, agency staff), among the organizations the person may see at all.
        content.register(
            Organization,
            permission="organizations.change_organization",
            visible=organizations_visible_to,
            on_change=_reindex,
        )


def _reindex(organization) -> None:
    """A saved translation of the description changes what the search document holds."""
    from .search import reindex  # imports the models: only once the app registry is ready

    reindex([organization])
