"""Reads of questionnaires that start from the person asking, and a version as a `FormSpec`."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from gemeinsam.accounts.roles import may, roles_of
from gemeinsam.core import content
from gemeinsam.core.enums import TranslationStatus

from .enums import CHOICE_KINDS, Kind
from .inputs import LANGUAGE_CODES, SOURCE, ChoiceSpec, FormSpec, RowSpec
from .models import Choice, Indicator, Invitation, Question, Questionnaire, Version, Wording


def questionnaires_visible_to(user) -> QuerySet[Questionnaire]:
    """Those of the agencies the person works for; every one for platform admins."""
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Questionnaire.objects.all()
    return Questionnaire.objects.filter(agency_id__in=list(roles.agencies))


def indicators_visible_to(user) -> QuerySet[Indicator]:
    roles = roles_of(user)
    if roles.is_platform_admin:
        return Indicator.objects.all()
    return Indicator.objects.filter(agency_id__in=list(roles.agencies))


def questionnaire_for(user, agency_slug: str, slug: str, perm: str | None = None):
    """The fetcher of every questionnaire page: outsiders 404, no permission 403."""
    questionnaire = get_object_or_404(
        questionnaires_visible_to(user).select_related("agency"),
        agency__slug=agency_slug,
        slug=slug,
    )
    if perm and not may(user, perm, questionnaire):
        raise PermissionDenied
    return questionnaire


def questionnaires_of(agency) -> QuerySet[Questionnaire]:
    """An agency's questionnaires for its list page, with their version counts (one query,
    plus one for their titles in a language other than German)."""
    listed = Questionnaire.objects.filter(agency=agency).annotate(
        version_count=Count("versions"), latest_version=Max("versions__number")
    )
    return content.prefetch(listed.order_by("title", "pk"))


def latest_version(questionnaire) -> Version | None:
    return questionnaire.versions.order_by("-number").first()


def rows_of(version: Version) -> list[Question]:
    """A version's questions in order, each with its item's wording for the questionnaire's
    audience (`question.wording`), its choices, and every language's translations: a fixed
    number of queries whatever the length."""
    audience = version.questionnaire.audience
    wordings = Wording.objects.filter(audience=audience).prefetch_related("translations")
    questions = (
        Question.objects.filter(version=version)
        .select_related("item")
        .prefetch_related(
            Prefetch("item__wordings", queryset=wordings),
            Prefetch("choices", queryset=Choice.objects.prefetch_related("translations")),
        )
        .order_by("position")
    )
    rows = list(questions)
    for question in rows:
        found = list(question.item.wordings.all()) if question.item_id else []
        question.wording = found[0] if found else None
    return rows


def _texts(obj, field: str) -> dict[str, str]:
    texts = {SOURCE: getattr(obj, field)}
    if not texts[SOURCE]:
        return {}
    for language in LANGUAGE_CODES:
        if language == SOURCE or content.translation_of(obj, field, language) is None:
            continue
        if content.status(obj, field, language) != TranslationStatus.MISSING:
            texts[language] = content.text(obj, field, language)
    return texts


def spec_of(version: Version, rows: list[Question] | None = None) -> FormSpec:
    """A version as the services take it (and as an XLSForm writes it)."""
    questionnaire = version.questionnaire
    rows = rows_of(version) if rows is None else rows
    specs, choices = [], {}
    for question in rows:
        wording = question.wording
        if question.kind in CHOICE_KINDS:
            choices[question.list_name] = tuple(
                ChoiceSpec(c.value, _texts(c, "label"), dict(c.filters))
                for c in question.choices.all()
            )
        scale = (question.scale_min, question.scale_max) if question.kind == Kind.SCALE else None
        specs.append(
            RowSpec(
                kind=question.kind,
                name=question.item.code if question.item_id else "",
                labels=_texts(wording, "label") if wording else {},
                hints=_texts(wording, "hint") if wording else {},
                required=question.required,
                relevant=question.relevant,
                constraint=question.constraint,
                choice_filter=question.choice_filter,
                or_other=question.or_other,
                list_name=question.list_name,
                scale=scale,
            )
        )
    titled = Questionnaire.objects.prefetch_related("translations").get(pk=questionnaire.pk)
    return FormSpec(
        form_id=questionnaire.slug,
        titles=_texts(titled, "title"),
        audience=questionnaire.audience,
        rows=tuple(specs),
        choices=choices,
        version=version.form_version,
        anonymous=questionnaire.anonymous,
    )


def untranslated(version: Version, rows: list[Question] | None = None) -> list[str]:
    """What keeps a version from being launched: every text not up to date in a language, as
    “code – language: state”, in order. Empty when it may go out."""
    rows = rows_of(version) if rows is None else rows
    questionnaire = Questionnaire.objects.prefetch_related("translations").get(
        pk=version.questionnaire_id
    )
    texts = [(_("title"), questionnaire, "title")]
    for question in rows:
        if question.wording is not None:
            texts.append((question.item.code, question.wording, "label"))
            if question.wording.hint:
                texts.append((f"{question.item.code} ({_('hint')})", question.wording, "hint"))
        for choice in question.choices.all():
            texts.append((f"{question.item.code} = {choice.value}", choice, "label"))
    problems = []
    names = {code: str(name) for code, name in settings.LANGUAGES}
    for language in LANGUAGE_CODES:
        if language == SOURCE:
            continue
        for where, obj, field in texts:
            state = content.status(obj, field, language)
            if state != TranslationStatus.UP_TO_DATE:
                problems.append(
                    _("%(where)s – %(language)s: %(state)s")
                    % {
                        "where": where,
                        "language": names[language],
                        "state": TranslationStatus(state).label,
                    }
                )
    return problems


def translatable_parts(questionnaire) -> list:
    """What the translation editor shows with a questionnaire: its latest version's wordings
    (for its audience) and choices, in order."""
    version = latest_version(questionnaire)
    if version is None:
        return []
    parts: list = []
    for question in rows_of(version):
        if question.wording is not None and question.wording not in parts:
            parts.append(question.wording)
        parts += list(question.choices.all())
    return parts


def live_version(questionnaire) -> Version | None:
    """The version people answer: the latest launched one."""
    launched = questionnaire.versions.filter(launched_at__isnull=False)
    return launched.order_by("-number").first()


def invitation_for(token: str) -> Invitation:
    """Whoever holds the link may answer; an unknown token is 404."""
    return get_object_or_404(
        Invitation.objects.select_related("questionnaire__agency"), token=token[:64]
    )


def invitations_of(questionnaire) -> QuerySet[Invitation]:
    return questionnaire.invitations.order_by("-created_on", "-pk")


def questionnaire_by_public_link(token: str) -> Questionnaire:
    return get_object_or_404(
        Questionnaire.objects.select_related("agency").exclude(public_token=None),
        public_token=token[:64],
    )
