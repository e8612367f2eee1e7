from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "gemeinsam.knowledge"
    label = "knowledge"
    verbose_name = _("knowledge")

    def ready(self) -> None:
        # Imported in apps.ready because the registry names the models and the fetcher, which
        # need the app registry.
        from gemeinsam.core import content

        # The fetcher and the models, imported here because they need the app registry; tasks
        # declares the morning review reminders with core.schedule.
        from . import queries, tasks  # noqa: F401

        # The models, imported here because they need the app registry.
        from .models import Guide, Portrait, Recommendation

        # A guide's texts are translated together with its steps' (title, text, documents, legal
        # basis, who decides): by the staff who may change the guide, among their agencies'.
        content.register(
            Guide,
            permission="knowledge.change_guide",
            visible=queries.guides_of_agencies,
            children=lambda guide: list(guide.steps.all()),
        )
        # A portrait's title and text, by the staff who may change it, among their agencies'.
        content.register(
            Portrait,
            permission="knowledge.change_portrait",
            visible=queries.portraits_of_agencies,
        )
        # A recommendation's texts with its status updates'.
        content.register(
            Recommendation,
            permission="knowledge.change_recommendation",
            visible=queries.recommendations_of_agencies,
            children=lambda recommendation: list(recommendation.updates.all()),
        )
