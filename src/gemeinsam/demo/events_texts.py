"""The demo events' texts in English, Arabic and Turkish (data/events_texts.yaml), stored through
`core.content` as translations of the German in data/events.yaml.

Not everything is translated, on purpose: what is missing is shown in German and marked, and a
translation made from German that has changed since (`translated_from`) is shown as outdated,
so the demo shows every state a reader meets. Each text is checked against the German when the
file is read: a list (a description's paragraphs, an agenda, a question's choices) has as many
items as the German, "" leaving one untranslated.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from gemeinsam.core import content
from gemeinsam.events.models import Event

from . import records
from .events import Events, EventSpec, QuestionSpec, events_data

Language = Literal["en", "ar", "tr"]
LANGUAGES: tuple[Language, ...] = ("en", "ar", "tr")


@dataclass(frozen=True)
class QuestionText:
    label: str
    help_text: str = ""
    choices: tuple[str, ...] = ()  # one per German choice, in its order


@dataclass(frozen=True)
class EventText:
    title: str = ""
    summary: str = ""
    description: tuple[str, ...] = ()  # one per German paragraph
    agenda: tuple[str, ...] = ()  # one per German item
    accessibility: str = ""  # else the venue's
    questions: dict[int, QuestionText] = field(default_factory=dict)  # by position, from 1
    # The German the translation was made from, where it has changed since (shown outdated).
    translated_from: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Consent:
    text: dict[Language, str]  # with {agency} and {extra}, as events.yaml's consent
    agencies: dict[str, dict[Language, str]]  # each German consent agency, translated
    extras: dict[str, dict[Language, str]]  # each German extra sentence, translated


@dataclass(frozen=True)
class EventTexts:
    consent: Consent
    venues: dict[str, dict[Language, str]]  # each venue's accessibility
    questions: dict[str, dict[Language, QuestionText]]  # the shared questions, by name
    events: dict[str, dict[Language, EventText]]  # by slug


def texts_data() -> EventTexts:
    return records.load("events_texts", _build)


def _build(where: records.Where, content_: Any) -> EventTexts:
    found = records.record(EventTexts, content_, where)
    _check(found, events_data(), where)
    return found


def _check(found: EventTexts, events: Events, where: records.Where) -> None:
    """Every name is one events.yaml knows, and every list fits its German."""
    specs = {spec.slug: spec for spec in events.events}
    for name, languages in found.questions.items():
        at = where.at("questions").at(name)
        if name not in events.questions:
            raise at.error(f"no question {name!r} under questions in events.yaml")
        for language, text in languages.items():
            _fits(text.choices, events.questions[name].choices, at.at(language).at("choices"))
    for name in found.venues:
        if name not in events.venues:
            raise where.at("venues").at(name).error(f"no venue {name!r} in events.yaml")
    for slug, languages in found.events.items():
        if slug not in specs:
            raise where.at("events").at(slug).error("no event has this slug in events.yaml")
        spec = specs[slug]
        for language, text in languages.items():
            at = where.at("events").at(slug).at(language)
            _fits(text.description, spec.description, at.at("description"))
            _fits(text.agenda, spec.agenda, at.at("agenda"))
            for position, question in text.questions.items():
                if not 1 <= position <= len(spec.questions):
                    raise at.at("questions").at(position).error("the event has no such question")
                german = spec.questions[position - 1].choices
                _fits(question.choices, german, at.at("questions").at(position).at("choices"))
            for name in text.translated_from:
                if name not in Event.translated_fields:
                    raise at.at("translated_from").at(name).error("not a translated text")


def _fits(translated: tuple[str, ...], german: tuple[str, ...], where: records.Where) -> None:
    if translated and len(translated) != len(german):
        raise where.error(f"{len(translated)} items for the {len(german)} of the German")


def translate_events(events: dict[str, Event]) -> None:
    """Store every translation of the demo's events and their questions (again: no change)."""
    data, texts = events_data(), texts_data()
    for spec in data.events:
        event = events[spec.slug]
        # The demo wrote the event's questions as the spec asks them, in its order.
        questions = list(zip(event.questions.order_by("position"), spec.questions, strict=True))
        for language in LANGUAGES:
            text = texts.events.get(spec.slug, {}).get(language, EventText())
            with _german_was(event, text.translated_from):
                _store_event(event, spec, text, texts, language)
            for position, (question, asked) in enumerate(questions, 1):
                given = text.questions.get(position) or _shared(asked, data, texts, language)
                if given is not None:
                    content.set_texts(question, language, _question_values(given))


def _store_event(event: Event, spec: EventSpec, text: EventText, texts, language) -> None:
    values = {"title": text.title, "summary": text.summary}
    values["accessibility"] = text.accessibility or texts.venues.get(spec.venue, {}).get(
        language, ""
    )
    values["consent_text"] = _consent(spec, texts.consent, language)
    content.set_texts(event, language, {name: value for name, value in values.items() if value})
    for name in ("description", "agenda"):
        if getattr(text, name):
            content.save_translation(event, name, language, list(getattr(text, name)))


def _consent(spec: EventSpec, consent: Consent, language: Language) -> str:
    """events.yaml's consent for the event in `language`, where every part of it is translated."""
    template = consent.text.get(language, "")
    agency = consent.agencies.get(spec.consent.agency, {}).get(language, "")
    extra = consent.extras.get(spec.consent.extra, {}).get(language, "")
    if not template or not agency or (spec.consent.extra and not extra):
        return ""
    return template.format(agency=agency, extra=f"{extra} " if extra else "")


def _shared(asked: QuestionSpec, data: Events, texts: EventTexts, language) -> QuestionText | None:
    for name, question in data.questions.items():
        if question == asked:
            return texts.questions.get(name, {}).get(language)
    return None


def _question_values(text: QuestionText) -> dict[str, str]:
    values = {"label": text.label, "help_text": text.help_text, "choices": "\n".join(text.choices)}
    return {name: value for name, value in values.items() if value}


@contextlib.contextmanager
def _german_was(event: Event, before: dict[str, tuple[str, ...]]) -> Iterator[None]:
    """The event's German as it was when translated, for as long as the translation is stored
    (never saved): the stored translation then remembers it, and reads as outdated."""
    now = {name: getattr(event, name) for name in before}
    for name, items in before.items():
        glue = "\n" if Event.translated_fields[name] == content.LINES else "\n\n"
        setattr(event, name, glue.join(items))
    try:
        yield
    finally:
        for name, value in now.items():
            setattr(event, name, value)
