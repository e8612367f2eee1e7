from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gemeinsam.agencies"
    label = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from gemeinsam.core import content  # in ready() because it loads core's models

        from .models import Agency, Project  # in ready(): the models need the app registry
        from .queries import projects_visible_to  # loads the models, after the app registry

        # An agency's texts (description, region served) are public; its managers and platform
        # admins translate them (`agencies.change_agency`).
        content.register(
            Agency,
            permission="agencies.change_agency",
            visible=lambda user: Agency.objects.filter(is_active=True),
        )
        # A project's title and goals, with its measures, are translated by the agency's
        # managers (and platform admins), among the public projects and their agencies' own.
        content.register(
            Project,
            permission="agencies.change_project",
            visible=projects_visible_to,
            children=lambda project: list(project.measures.all()),
        )
