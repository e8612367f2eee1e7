from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "gemeinsam.surveys"
    label = "surveys"
    verbose_name = _("surveys")

    def ready(self) -> None:
        # Imported in apps.ready because they read the models, which need the app registry.
        from gemeinsam.core import content

        # The permissions and the fetchers, here because of the app registry.
        from . import queries, rules  # noqa: F401

        # The models, here because they need the app registry.
        from .models import Indicator, Questionnaire

        # A questionnaire's title is translated together with its latest version's wordings
        # and choices, by the staff of its agency.
        content.register(
            Questionnaire,
            permission="surveys.change_questionnaire",
            visible=queries.questionnaires_visible_to,
            children=queries.translatable_parts,
        )
        # An indicator's title, by the staff of its agency (the rule reads `.agency`).
        content.register(
            Indicator,
            permission="surveys.change_questionnaire",
            visible=queries.indicators_visible_to,
        )
