"""Downloads of a questionnaire's raw responses, through `core.tabular`: wide (one row per
response, one column per question code, as XLSForm tools export them: several values joined
by spaces, "other" words in `<code>_other`).

Rows are in the order of the responses' random ids, never in the order they came. An
anonymous questionnaire's table has no column that names a person or a time; a named one
adds the invitation's address and the moment it was sent.
"""

from __future__ import annotations

from django.db.models import Prefetch

from .enums import ANSWERED
from .models import Answer, Question, Response


def wide_table(questionnaire) -> list[list]:
    questions = list(
        Question.objects.filter(
            version__questionnaire=questionnaire,
            version__launched_at__isnull=False,
            kind__in=list(ANSWERED),
        )
        .select_related("item")
        .order_by("version__number", "position")
    )
    columns: list[str] = []
    with_other: set[str] = set()
    for question in questions:
        if question.item.code not in columns:
            columns.append(question.item.code)
        if question.or_other:
            with_other.add(question.item.code)
    named = not questionnaire.anonymous
    header = ["response", "version", "language", "submitted_on"]
    header += ["email", "submitted_at"] if named else []
    for code in columns:
        header += [code, f"{code}_other"] if code in with_other else [code]
    rows = [header]
    responses = (
        Response.objects.filter(version__questionnaire=questionnaire)
        .select_related("version", "invitation")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question__item"))
        )
        .order_by("pk")
    )
    for response in responses:
        given = {a.question.item.code: a for a in response.answers.all()}
        row = [str(response.pk), response.version.number, response.language, response.submitted_on]
        if named:
            invitation = response.invitation
            submitted = response.submitted_at.isoformat() if response.submitted_at else ""
            row += [invitation.email if invitation else "", submitted]
        for code in columns:
            answer = given.get(code)
            row.append(answer.value if answer else "")
            if code in with_other:
                row.append(answer.other if answer else "")
        rows.append(row)
    return rows
