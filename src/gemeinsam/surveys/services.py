"""Writes of questionnaires: an import (XLSForm, demo) into a draft version, and the launch.

Each service takes a `FormSpec` or a model the fetcher gave, runs in one transaction and asks
the checks of `inputs` again before it writes. Side effects: audit entries, translations.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.core import audit, content
from gemeinsam.core.enums import AuditAction

from . import queries
from .answers import Given
from .enums import Kind
from .inputs import SOURCE, FormSpec, Invalid, RowSpec, form_problems
from .models import (
    Answer,
    Choice,
    Invitation,
    Item,
    Question,
    Questionnaire,
    Response,
    Version,
    Wording,
)
from .tasks import send_invitations

MAX_INVITATIONS = 1000


def _translate(obj, texts: dict[str, str], field: str, by) -> None:
    if not getattr(obj, field):
        return
    for language, text in texts.items():
        if language != SOURCE and text:
            content.set_texts(obj, language, {field: text}, by=by)


def _in_use(item: Item, audience: str) -> bool:
    """Whether a launched version of a questionnaire for this audience asks the item."""
    return Question.objects.filter(
        item=item,
        version__launched_at__isnull=False,
        version__questionnaire__audience=audience,
    ).exists()


def _wording(agency, row: RowSpec, audience: str, by) -> Item:
    item, _created = Item.objects.get_or_create(agency=agency, code=row.name)
    label, hint = row.labels.get(SOURCE, ""), row.hints.get(SOURCE, "")
    wording = Wording.objects.filter(item=item, audience=audience).first()
    if wording is None:
        wording = Wording.objects.create(item=item, audience=audience, label=label, hint=hint)
    elif (wording.label, wording.hint) != (label, hint):
        if _in_use(item, audience):
            raise Invalid(
                [
                    _(
                        "%(place)s: the item “%(code)s” is asked in a launched questionnaire "
                        "with other words. Give the changed question a new name."
                    )
                    % {"place": row.place or row.name, "code": row.name}
                ]
            )
        wording.label, wording.hint = label, hint
        wording.save(update_fields=["label", "hint"])
    _translate(wording, row.labels, "label", by)
    _translate(wording, row.hints, "hint", by)
    return item


def _questionnaire(agency, spec: FormSpec) -> Questionnaire:
    questionnaire = (
        Questionnaire.objects.select_for_update().filter(agency=agency, slug=spec.form_id).first()
    )
    if questionnaire is None:
        return Questionnaire.objects.create(
            agency=agency,
            slug=spec.form_id,
            title=spec.titles[SOURCE],
            audience=spec.audience,
            anonymous=spec.anonymous,
        )
    launched = questionnaire.versions.filter(launched_at__isnull=False).exists()
    if launched and (questionnaire.audience, questionnaire.anonymous) != (
        spec.audience,
        spec.anonymous,
    ):
        raise Invalid(
            [_("A launched questionnaire keeps its audience and whether it is anonymous.")]
        )
    questionnaire.title = spec.titles[SOURCE]
    questionnaire.audience, questionnaire.anonymous = spec.audience, spec.anonymous
    questionnaire.save(update_fields=["title", "audience", "anonymous", "updated_at"])
    return questionnaire


@transaction.atomic
def import_form(agency, spec: FormSpec, *, by=None) -> Version:
    """Saves a questionnaire into its draft version (replacing the draft's questions) or, when
    the latest version is launched, into a new one. The item bank gains the codes it lacks."""
    problems = form_problems(spec)
    if problems:
        raise Invalid(problems)
    questionnaire = _questionnaire(agency, spec)
    _translate(questionnaire, spec.titles, "title", by)
    version = queries.latest_version(questionnaire)
    if version is None or not version.is_draft:
        number = version.number + 1 if version else 1
        version = Version.objects.create(questionnaire=questionnaire, number=number)
    else:
        version.questions.all().delete()
    version.form_version = spec.version
    version.save(update_fields=["form_version"])
    for position, row in enumerate(spec.rows, start=1):
        item = _wording(agency, row, spec.audience, by) if row.kind != Kind.GROUP_END else None
        question = Question.objects.create(
            version=version,
            position=position,
            item=item,
            kind=row.kind,
            required=row.required,
            relevant=row.relevant,
            constraint=row.constraint,
            choice_filter=row.choice_filter,
            or_other=row.or_other,
            list_name=row.list_name,
            scale_min=row.scale[0] if row.scale else None,
            scale_max=row.scale[1] if row.scale else None,
        )
        for index, spec_choice in enumerate(spec.choices.get(row.list_name, ())):
            choice = Choice.objects.create(
                question=question,
                position=index + 1,
                value=spec_choice.value,
                label=spec_choice.labels[SOURCE],
                filters=spec_choice.filters,
            )
            _translate(choice, spec_choice.labels, "label", by)
    audit.record(
        by=by,
        action=AuditAction.IMPORT,
        obj=questionnaire,
        changes={"version": [None, version.number], "questions": [None, len(spec.rows)]},
    )
    return version


@transaction.atomic
def launch(version: Version, *, by) -> Version:
    """Freezes a draft version so it can be answered; refused while any text of it lacks an
    up-to-date translation into one of the platform's languages."""
    version = Version.objects.select_for_update().select_related("questionnaire").get(pk=version.pk)
    if not version.is_draft:
        raise Invalid([_("This version has been launched already.")])
    if not version.questions.exists():
        raise Invalid([_("A questionnaire without questions cannot be launched.")])
    problems = queries.untranslated(version)
    if problems:
        raise Invalid(problems)
    version.launched_at = timezone.now()
    version.launched_by = by
    version.save(update_fields=["launched_at", "launched_by"])
    audit.record(
        by=by,
        action=AuditAction.UPDATE,
        obj=version.questionnaire,
        changes={"launched": [None, version.number]},
    )
    return version


@transaction.atomic
def create_invitations(
    questionnaire: Questionnaire, *, emails: list[str], count: int, language: str, by
) -> list[Invitation]:
    """Personal single-use links: one per address, and `count` more without one (to print or
    send by SMS). Only for a questionnaire with a launched version."""
    if queries.live_version(questionnaire) is None:
        raise Invalid([_("Invitations can only be made once a version is launched.")])
    if count < 0 or count + len(emails) > MAX_INVITATIONS or count + len(emails) == 0:
        raise Invalid(
            [_("Make between 1 and %(n)s invitations at a time.") % {"n": MAX_INVITATIONS}]
        )
    made = Invitation.objects.bulk_create(
        Invitation(
            questionnaire=questionnaire,
            token=secrets.token_urlsafe(24),
            email=email,
            language=language,
        )
        for email in [*emails, *[""] * count]
    )
    audit.record(
        by=by, action=AuditAction.CREATE, obj=questionnaire, changes={"invitations": [0, len(made)]}
    )
    addressed = [invitation.pk for invitation in made if invitation.email]
    if addressed:
        send_invitations.enqueue(addressed, "invitation")
    return made


@transaction.atomic
def remind(questionnaire: Questionnaire, *, by) -> int:
    """Queues a reminder to everyone invited by mail who has not answered; how many."""
    waiting = list(
        questionnaire.invitations.filter(answered_on__isnull=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    if waiting:
        send_invitations.enqueue(waiting, "reminder")
        audit.record(
            by=by,
            action=AuditAction.UPDATE,
            obj=questionnaire,
            changes={"reminded": [0, len(waiting)]},
        )
    return len(waiting)


@transaction.atomic
def submit(invitation: Invitation, version: Version, answers: dict[str, Given], *, language: str):
    """Stores one person's answers to the version they were shown and uses up the link.

    In an anonymous questionnaire the response names no invitation and keeps the day only;
    otherwise it names the invitation and the moment."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.answered_on is not None:
        raise Invalid([_("This link has been used already. Thank you for answering.")])
    if version.questionnaire_id != invitation.questionnaire_id or version.is_draft:
        raise Invalid([_("This questionnaire is not open for answers.")])
    anonymous = version.questionnaire.anonymous
    now = timezone.now()
    response = Response.objects.create(
        version=version,
        invitation=None if anonymous else invitation,
        anonymous=anonymous,
        language=language,
        submitted_on=timezone.localdate(now),
        submitted_at=None if anonymous else now,
    )
    questions = {q.item.code: q for q in version.questions.select_related("item") if q.item_id}
    Answer.objects.bulk_create(
        Answer(response=response, question=questions[code], value=given.value, other=given.other)
        for code, given in answers.items()
    )
    invitation.answered_on = timezone.localdate(now)
    invitation.save(update_fields=["answered_on"])
    return response


@transaction.atomic
def set_public_link(questionnaire: Questionnaire, *, on: bool, by) -> Questionnaire:
    """Opens a link anyone may answer through (a new one each time), or closes it."""
    if on and queries.live_version(questionnaire) is None:
        raise Invalid([_("Invitations can only be made once a version is launched.")])
    questionnaire.public_token = secrets.token_urlsafe(24) if on else None
    questionnaire.save(update_fields=["public_token", "updated_at"])
    audit.record(
        by=by, action=AuditAction.UPDATE, obj=questionnaire, changes={"public_link": [not on, on]}
    )
    return questionnaire


@transaction.atomic
def submit_public(version: Version, answers: dict[str, Given], *, language: str) -> Response:
    """Stores answers given through the public link: no invitation, the day only."""
    if version.is_draft or not version.questionnaire.public_token:
        raise Invalid([_("This questionnaire is not open for answers.")])
    response = Response.objects.create(
        version=version,
        invitation=None,
        anonymous=True,
        language=language,
        submitted_on=timezone.localdate(),
    )
    questions = {q.item.code: q for q in version.questions.select_related("item") if q.item_id}
    Answer.objects.bulk_create(
        Answer(response=response, question=questions[code], value=given.value, other=given.other)
        for code, given in answers.items()
    )
    return response
