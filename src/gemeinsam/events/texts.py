"""The events' texts in the reader's language (`core.content`): what a page prefetches, a
question's choices, the answers given to them, and the consent text as a person is shown it.

German stays the value: a choice question's answer is stored as the German choice whatever
language the form was in, and shown translated; the consent a person ticked is stored as the
wording they were shown, with the language it is in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gemeinsam.core import content
from gemeinsam.core.content import SOURCE, Shown
from gemeinsam.core.models import ContentTranslation

from .enums import QuestionKind
from .models import Answer, Event, Question


def with_texts(events: QuerySet[Event], language: str | None = None) -> QuerySet[Event]:
    """The events with their translations and their questions' in the reader's language: two
    queries more for the whole page (none for a German reader)."""
    questions = content.prefetch(Question.objects.all(), language)
    return content.prefetch(events, language).prefetch_related(
        Prefetch("questions", queryset=questions)
    )


def items(obj, name: str = "agenda", language: str | None = None) -> Shown:
    """A list typed one item a line (an event's agenda, a room's equipment) in the reader's
    language, without the bullets people type, each item marked with the language it is in."""
    shown = content.shown(obj, name, language)
    parts = [replace(part, text=part.text.strip(BULLETS)) for part in shown.parts]
    return Shown(shown.language, tuple(part for part in parts if part.text))


# What people put before an agenda item (`Event.agenda_items` leaves them out too).
BULLETS = " -•\t"


def choice_labels(question: Question, language: str | None = None) -> dict[str, str]:
    """Each German choice (the value an answer stores) with its label for a page: translated,
    or the German in a `<span lang dir>`."""
    language = content.language_now(language)
    return {
        part.source: Shown(language, (part,)).html()
        for part in content.parts(question, "choices", language)
    }


def choice_texts(question: Question, language: str | None = None) -> dict[str, str]:
    """The same as plain text (mails, the API)."""
    language = content.language_now(language)
    return {part.source: part.text for part in content.parts(question, "choices", language)}


def answer_html(answer: Answer, language: str | None = None) -> str:
    """An answer as a page shows it: choices in the reader's language, yes or no, or the text
    the person wrote (escaped)."""
    value = answer.value
    if isinstance(value, bool):
        return conditional_escape(_("yes") if value else _("no"))
    if answer.question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        labels = choice_labels(answer.question, language)
        values = value if isinstance(value, list) else [value]
        shown = [labels.get(str(v).strip()) or conditional_escape(str(v)) for v in values]
        return mark_safe(", ".join(str(item) for item in shown))  # each item escaped above
    return conditional_escape(answer.display)


@dataclass(frozen=True)
class Wording:
    """The consent text as one person was shown it, and the language it is in ("" if none)."""

    text: str
    language: str


def consent_wording(event: Event, language: str | None = None) -> Wording:
    """What a reader of `language` is asked to agree to. A translation wholly in their language
    is in it; the German (or a text partly translated) is stored as shown, the German exactly
    as the event holds it. Reads the event's translations (prefetched by a page), never under
    the event's lock."""
    if not event.consent_text:
        return Wording("", "")
    shown = content.shown(event, "consent_text", language)
    languages = {part.language for part in shown.parts}
    if languages == {SOURCE}:
        return Wording(event.consent_text, SOURCE)
    return Wording(str(shown), shown.language)


# --- What the staff's services do with the translations, inside their transaction -------------


def german(obj: Event | Question) -> dict[str, object]:
    """The German of an object's translated fields as it is now (before a minor edit)."""
    return {name: getattr(obj, name) for name in type(obj).translated_fields}


def keep_up_to_date(event: Event, before: dict, questions_before: dict[int, dict]) -> None:
    """A minor edit (a typo) was saved: every text that changed, the event's and its remaining
    questions', keeps its translations up to date (`content.minor_edit`)."""
    questions = event.questions.filter(pk__in=list(questions_before))
    for obj, old in [(event, before), *((q, questions_before[q.pk]) for q in questions)]:
        changed = {name: value for name, value in old.items() if getattr(obj, name) != value}
        if changed:
            content.minor_edit(obj, changed)


def copy_translations(source: Event, target: Event) -> None:
    """A copy of an event (or a date of its series) gets the event's and its questions'
    translations: its German is the same, so they are up to date. The questions pair up in
    their order; the translations are read in one query and written in one."""
    pairs = [(source, target), *zip(source.questions.all(), target.questions.all(), strict=True)]
    copies = {(ContentType.objects.get_for_model(s).pk, s.pk): t.pk for s, t in pairs}
    found = Q(pk__in=[])
    for content_type, object_id in copies:
        found |= Q(content_type_id=content_type, object_id=object_id)
    ContentTranslation.objects.bulk_create(
        [
            ContentTranslation(
                content_type_id=row.content_type_id,
                object_id=copies[(row.content_type_id, row.object_id)],
                field=row.field,
                language=row.language,
                segments=row.segments,
            )
            for row in ContentTranslation.objects.filter(found)
        ]
    )
