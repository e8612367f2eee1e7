"""Permission-matrix cases for translating content (see tests/matrix/__init__.py).

The editor reaches an item through its app's registry entry: a draft event of agency X is seen
only by X's staff and platform admins, so everyone else gets 404 (the same whether the events
app registers what everyone sees or what its staff see). Machine translation is off unless
configured, so its address answers 404 to everyone logged in. The overview and the import page
are everyone's who is logged in (they show what that person may translate); keeping the
glossary is for agency staff and platform admins; readers open the glossary.
"""

from django.contrib.contenttypes.models import ContentType

from gemeinsam.core import content
from gemeinsam.events.models import Event
from gemeinsam.events.queries.staff import events_of_agencies
from gemeinsam.translations.models import GlossaryEntry, TranslationComment
from tests import factories
from tests.matrix import LOGIN, Case, everyone, logged_in, staff_only

staff_of_x = {
    "anonymous": LOGIN,
    "member_a": 404,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 404,
    "manager_x": 200,
    "admin": 200,
}
staff_of_x_done = {**staff_of_x, "advisor_x": 302, "manager_x": 302, "admin": 302}


def _registered() -> None:
    # The events app registers its events; until it does, as its staff pages reach them.
    if content.editing("events.event") is None:
        content.register(
            Event,
            permission="events.change_event",
            visible=lambda user: (
                events_of_agencies(user) if user.is_authenticated else Event.objects.none()
            ),
            children=lambda event: list(event.questions.all()),
        )


def _draft(w) -> Event:
    _registered()
    return factories.make_event(w.agency_x, title="Elterncafé", status="draft", slug="elterncafe")


def _item(w, language="ar") -> dict:
    return {"label": "events.event", "pk": _draft(w).pk, "language": language}


def _comment(w) -> dict:
    event = _draft(w)
    comment = TranslationComment.objects.create(
        content_type=ContentType.objects.get_for_model(event),
        object_id=event.pk,
        field="title",
        language="ar",
        text="Bitte prüfen.",
    )
    return {"label": "events.event", "pk": event.pk, "language": "ar", "comment": comment.pk}


def _comment_data(w) -> dict:
    event = Event.objects.get(slug="elterncafe")
    prefix = f"events-event-{event.pk}-title"
    return {f"{prefix}-block": f"events.event-{event.pk}:title", f"{prefix}-text": "Kürzer?"}


def _export_data(w) -> dict:
    return {"items": [f"events.event:{_draft(w).pk}"]}


def _entry(w) -> dict:
    return {"pk": GlossaryEntry.objects.get(source_term="Zuwendung", language="ar").pk}


CASES: list[Case] = [
    Case("translations:glossary", everyone(200)),
    Case("translations:glossary-manage", staff_only(200)),
    Case("translations:glossary-update", staff_only(200), kwargs=_entry),
    Case("translations:glossary-delete", staff_only(302), kwargs=_entry, method="post"),
    Case("translations:import", logged_in(200)),
    Case("translations:overview", logged_in(200), kwargs=lambda w: {"language": "ar"}),
    Case(
        "translations:export",
        staff_of_x,
        kwargs=lambda w: {"language": "ar"},
        data=_export_data,
        method="post",
    ),
    Case("translations:item-edit", staff_of_x, kwargs=_item),
    Case(
        "translations:item-edit",
        {**staff_of_x, "advisor_x": 404, "manager_x": 404, "admin": 404},
        kwargs=lambda w: {**_item(w), "pk": 999999},
        label="unknown item",
    ),
    Case(
        "translations:item-machine",
        {**everyone(404), "anonymous": LOGIN},
        kwargs=_item,
        method="post",
        label="machine translation off",
    ),
    Case(
        "translations:comment-create",
        staff_of_x_done,
        kwargs=_item,
        data=_comment_data,
        method="post",
    ),
    Case("translations:comment-resolve", staff_of_x_done, kwargs=_comment, method="post"),
]
