"""The survey of seed 004 in the demo (data/surveys.yaml): the three audiences' questionnaires
of "Gemeinsam aktiv" from one item bank, translated and launched, their anonymous raw
responses (414 MOs, 102 authorities, 171 providers), and the two indicators the platform
counts from them (54 % and 18 %).

Questionnaires go in through the surveys' own import service and launch (so the checks of
every way in apply); the responses are written in bulk, as anonymous ones are stored: a random
id, no invitation, the day only. Loading again adds nothing: a questionnaire already launched
is left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from gemeinsam.agencies.models import Agency
from gemeinsam.core import content
from gemeinsam.surveys import services
from gemeinsam.surveys.inputs import SOURCE, ChoiceSpec, FormSpec, RowSpec, form_problems
from gemeinsam.surveys.models import Answer, Indicator, Invitation, Item, Response

from . import records


@dataclass(frozen=True)
class ChoiceRecord:
    value: str
    labels: dict[str, str]


@dataclass(frozen=True)
class ItemRecord:
    code: str
    kind: str
    list: str
    wordings: dict[str, dict[str, str]]  # audience → language → text


@dataclass(frozen=True)
class Block:
    count: int
    answers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionnaireRecord:
    form_id: str
    audience: str
    title: dict[str, str]
    items: tuple[str, ...]
    responses: tuple[Block, ...]


@dataclass(frozen=True)
class IndicatorRecord:
    code: str
    item: str
    value: str
    audience: str
    title: dict[str, str]


@dataclass(frozen=True)
class Surveys:
    agency: str
    lists: dict[str, tuple[ChoiceRecord, ...]]
    items: tuple[ItemRecord, ...]
    questionnaires: tuple[QuestionnaireRecord, ...]
    indicators: tuple[IndicatorRecord, ...]


def surveys_data() -> Surveys:
    return records.load("surveys", _build)


def _spec(found: Surveys, questionnaire: QuestionnaireRecord) -> FormSpec:
    items = {item.code: item for item in found.items}
    rows = tuple(
        RowSpec(
            items[code].kind,
            code,
            labels=items[code].wordings[questionnaire.audience],
            list_name=items[code].list,
        )
        for code in questionnaire.items
    )
    choices = {
        items[code].list: tuple(
            ChoiceSpec(c.value, c.labels) for c in found.lists[items[code].list]
        )
        for code in questionnaire.items
    }
    return FormSpec(
        questionnaire.form_id, questionnaire.title, questionnaire.audience, rows, choices
    )


def _build(where: records.Where, content_: Any) -> Surveys:
    found = records.record(Surveys, content_, where)
    codes = {item.code: item for item in found.items}
    for questionnaire in found.questionnaires:
        at = where.at("questionnaires").at(repr(questionnaire.form_id))
        for code in questionnaire.items:
            if code not in codes or questionnaire.audience not in codes[code].wordings:
                raise at.error(f"the item {code!r} has no wording for {questionnaire.audience}")
        problems = form_problems(_spec(found, questionnaire))
        if problems:
            raise at.error(problems[0])
        for number, block in enumerate(questionnaire.responses, start=1):
            if set(block.answers) - set(questionnaire.items):
                raise at.at(f"response block {number}").error("answers a question not asked")
    for indicator in found.indicators:
        if indicator.item not in codes:
            raise where.at("indicators").at(indicator.code).error("names no item of the bank")
    return found


def _translate(obj, texts: dict[str, str], field_name: str) -> None:
    for language, text in texts.items():
        if language != SOURCE:
            content.set_texts(obj, language, {field_name: text})


def _responses(version, blocks: tuple[Block, ...], today: datetime.date) -> int:
    questions = {q.item.code: q for q in version.questions.select_related("item")}
    invitations, responses, answers = [], [], []
    number = 0
    for block in blocks:
        for _copy in range(block.count):
            # Spread over the six weeks of the fieldwork, by day only.
            day = today - datetime.timedelta(days=7 + number % 42)
            number += 1
            invitations.append(
                Invitation(
                    questionnaire=version.questionnaire,
                    token=f"demo-{version.questionnaire.slug}-{number}",
                    language=SOURCE,
                    answered_on=day,
                )
            )
            response = Response(version=version, anonymous=True, language=SOURCE, submitted_on=day)
            responses.append(response)
            answers += [
                Answer(response=response, question=questions[code], value=value)
                for code, value in block.answers.items()
            ]
    Invitation.objects.bulk_create(invitations)
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    return len(responses)


def load(today: datetime.date | None = None) -> int:
    """Write the questionnaires, their responses and the indicators; returns the responses
    written (none when loaded before)."""
    today = today or timezone.localdate()
    found = surveys_data()
    agency = Agency.objects.get(slug=found.agency)
    written = 0
    for questionnaire in found.questionnaires:
        if agency.questionnaires.filter(
            slug=questionnaire.form_id, versions__launched_at__isnull=False
        ).exists():
            continue
        version = services.import_form(agency, _spec(found, questionnaire))
        version = services.launch(version, by=None)
        written += _responses(version, questionnaire.responses, today)
    for spec in found.indicators:
        indicator, _created = Indicator.objects.update_or_create(
            agency=agency,
            code=spec.code,
            defaults={
                "title": spec.title[SOURCE],
                "item": Item.objects.get(agency=agency, code=spec.item),
                "value": spec.value,
                "audience": spec.audience,
            },
        )
        _translate(indicator, spec.title, "title")
    return written
