"""What a questionnaire is made of, as the services take it: a `FormSpec` (from an XLSForm, the
demo's YAML or a form), and the checks every way in shares (`form_problems`).

Texts are per language: `{"de": "…", "ar": "…"}`; German is the source and must be there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from . import expressions
from .enums import ANSWERED, CHOICE_KINDS, Audience, Kind

SOURCE = settings.LANGUAGE_CODE
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class Invalid(Exception):
    """Every problem found, each a message in the reader's language naming its place."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ChoiceSpec:
    value: str
    labels: dict[str, str]
    filters: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RowSpec:
    kind: str
    name: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    choice_filter: str = ""
    or_other: bool = False
    list_name: str = ""
    scale: tuple[int, int] | None = None
    place: str = ""  # where it came from ("row 7 of the survey sheet"), for messages


@dataclass(frozen=True)
class FormSpec:
    form_id: str
    titles: dict[str, str]
    audience: str
    rows: tuple[RowSpec, ...]
    choices: dict[str, tuple[ChoiceSpec, ...]]
    version: str = ""
    anonymous: bool = True


def _at(row: RowSpec, message: str) -> str:
    return f"{row.place}: {message}" if row.place else message


def _row_problems(row: RowSpec, earlier: set[str], spec: FormSpec) -> list[str]:
    problems = []
    if row.kind != Kind.GROUP_END and not row.labels.get(SOURCE, "").strip():
        problems.append(_at(row, _("a German label is required.")))
    if row.kind in CHOICE_KINDS:
        if row.list_name not in spec.choices:
            message = _("the choice list “%(list)s” is not in the choices sheet.")
            problems.append(_at(row, message % {"list": row.list_name}))
    elif row.or_other or row.choice_filter:
        problems.append(_at(row, _("only choice questions can have “other” or a choice filter.")))
    if row.kind == Kind.SCALE and (row.scale is None or row.scale[0] >= row.scale[1]):
        problems.append(_at(row, _("a scale needs a start below its end.")))
    if row.kind not in ANSWERED and (row.required or row.constraint):
        problems.append(_at(row, _("only a question that is answered can be required.")))
    columns = {key for choice in spec.choices.get(row.list_name, ()) for key in choice.filters}
    checks = [
        ("relevant", row.relevant, {}),
        ("constraint", row.constraint, {"current": True}),
        ("choice_filter", row.choice_filter, {"columns": columns}),
    ]
    for column, text, options in checks:
        if not text:
            continue
        try:
            expressions.check(text, earlier, **options)
        except expressions.ExpressionError as error:
            problems.append(_at(row, f"{column}: {error.message}"))
    return problems


def form_problems(spec: FormSpec) -> list[str]:
    """Everything wrong with a questionnaire, in order; empty when it may be saved."""
    problems = []
    if not spec.form_id:
        problems.append(_("The settings sheet needs a form_id."))
    elif not re.fullmatch(r"[A-Za-z0-9_-]{1,80}", spec.form_id) or spec.form_id == "import":
        problems.append(
            _("The form_id “%(value)s” must be letters, digits, - and _ (and not “import”).")
            % {"value": spec.form_id}
        )
    if not spec.titles.get(SOURCE, "").strip():
        problems.append(_("The questionnaire needs a German title (form_title)."))
    if spec.audience not in Audience.values:
        problems.append(
            _("The audience must be one of: %(choices)s.") % {"choices": ", ".join(Audience.values)}
        )
    for name, choices in spec.choices.items():
        values = [c.value for c in choices]
        if len(values) != len(set(values)):
            problems.append(_("The choice list “%(list)s” names a value twice.") % {"list": name})
        if any(not c.labels.get(SOURCE, "").strip() for c in choices):
            problems.append(
                _("Every choice of the list “%(list)s” needs a German label.") % {"list": name}
            )
    earlier: set[str] = set()
    depth = 0
    for row in spec.rows:
        if row.kind == Kind.GROUP_END:
            depth -= 1
            if depth < 0:
                problems.append(_at(row, _("“end group” without a group that began.")))
                depth = 0
            continue
        if row.name in earlier:
            problems.append(_at(row, _("the name “%(name)s” is used twice.") % {"name": row.name}))
        problems += _row_problems(row, earlier, spec)
        if row.kind == Kind.GROUP_BEGIN:
            depth += 1
        earlier.add(row.name)
    if depth > 0:
        problems.append(_("A group is not closed with “end group”."))
    return problems
