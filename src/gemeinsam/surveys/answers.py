"""Checking one person's answers against a version: every way answers come in (the answering
page now; an import of raw responses or the API later) goes through `check_answers`.

Questions are read in order, so skip logic and constraints see the answers before them. A
question (or a group) whose `relevant` does not hold is not asked: what was sent for it is
dropped and it cannot be missing. A choice must be one the question offers, past its choice
filter; "other" needs its words.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .enums import ANSWERED, CHOICE_KINDS, OTHER, Kind
from .expressions import holds

MAX_TEXT = 5000


@dataclass(frozen=True)
class Given:
    """A clean answer: the stored value and the words of an "other" answer."""

    value: str
    other: str = ""


class _Wrong(ValueError):
    pass


def _number(kind: str, text: str, question) -> str:
    try:
        if kind == Kind.DECIMAL:
            number = Decimal(text.replace(",", "."))
            if not number.is_finite():
                raise InvalidOperation
            return format(number.normalize(), "f")
        number = int(text)
    except (ValueError, InvalidOperation):
        raise _Wrong(_("Please enter a number.")) from None
    if kind == Kind.SCALE and not question.scale_min <= number <= question.scale_max:
        raise _Wrong(
            _("Please choose a value from %(low)s to %(high)s.")
            % {"low": question.scale_min, "high": question.scale_max}
        )
    return str(number)


def _choices(question, values: list[str], known: dict) -> list[str]:
    offered = {
        c.value
        for c in question.choices.all()
        if not question.choice_filter or holds(question.choice_filter, known, row=c.filters)
    }
    if question.or_other:
        offered.add(OTHER)
    if any(value not in offered for value in values):
        raise _Wrong(_("Please choose one of the answers offered."))
    order = [c.value for c in question.choices.all()] + [OTHER]
    return sorted(set(values), key=order.index)


def _clean(question, raw, known: dict) -> str:
    kind = question.kind
    if kind in CHOICE_KINDS:
        values = raw if isinstance(raw, list) else [raw]
        if kind == Kind.SELECT_ONE and len(values) > 1:
            raise _Wrong(_("Please choose one answer."))
        return " ".join(_choices(question, values, known))
    text = raw[0] if isinstance(raw, list) else raw
    if kind in (Kind.INTEGER, Kind.DECIMAL, Kind.SCALE):
        return _number(kind, text, question)
    if kind == Kind.DATE:
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            raise _Wrong(_("Please enter a date.")) from None
    if len(text) > MAX_TEXT:
        raise _Wrong(_("Please write at most %(n)s characters.") % {"n": MAX_TEXT})
    return text


def _empty(raw) -> bool:
    if isinstance(raw, list):
        return not [v for v in raw if str(v).strip()]
    return raw is None or not str(raw).strip()


def _answer(question, value, others: dict, known: dict) -> Given | None:
    """The clean answer to one asked question (None when it was left empty); `_Wrong` when
    it cannot be taken."""
    if isinstance(value, list):
        value = [str(v).strip() for v in value if str(v).strip()]
    elif value is not None:
        value = str(value).strip()
    if _empty(value):
        if question.required:
            raise _Wrong(_("Please answer this question."))
        return None
    given = _clean(question, value, known)
    if question.constraint and not holds(question.constraint, known, current=given):
        raise _Wrong(_("This answer is not possible here. Please check it."))
    other = ""
    if question.kind in CHOICE_KINDS and OTHER in given.split():
        other = str(others.get(question.item.code) or "").strip()[:MAX_TEXT]
        if not other:
            raise _Wrong(_("Please say what “other” means."))
    return Given(given, other)


def check_answers(rows, raw: dict, others: dict) -> tuple[dict[str, Given], dict[str, str]]:
    """(clean answers by code, problems by code); `raw` by code (a list for several values),
    `others` the words of "other" answers by code."""
    clean: dict[str, Given] = {}
    problems: dict[str, str] = {}
    known: dict[str, str] = {}
    skipped_groups = 0  # how deep inside groups that are not asked
    for question in rows:
        if question.kind == Kind.GROUP_END:
            skipped_groups = max(0, skipped_groups - 1)
            continue
        asked = not skipped_groups and holds(question.relevant, known)
        if question.kind == Kind.GROUP_BEGIN:
            skipped_groups += 0 if asked else 1
            continue
        if question.kind not in ANSWERED or not asked:
            continue
        code = question.item.code
        try:
            given = _answer(question, raw.get(code), others, known)
        except _Wrong as wrong:
            problems[code] = str(wrong)
            continue
        if given is not None:
            clean[code] = given
            known[code] = given.value
    return clean, problems
