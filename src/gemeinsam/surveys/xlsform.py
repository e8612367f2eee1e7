"""XLSForm in and out: the `survey`, `choices` and `settings` sheets as a `FormSpec`, and back.

Reading goes through `core.spreadsheets` (bounded, formulas refused), writing through
`core.tabular` (formulas neutralised, which `read` undoes for texts it wrote). Translated
columns are named `label::Deutsch (de)`: the language is the code in brackets; a column without
one (`label`) is in the settings' `default_language`, German unless it says otherwise.

Whatever this module does not understand is refused with the row or column it is in: a type
(`geopoint`, `calculate` …), a column (`appearance`, `constraint_message` …), a language.
Nothing is dropped silently, so an export imports again unchanged.
"""

from __future__ import annotations

import io
import re
from typing import IO

from django.utils.translation import gettext as _

from gemeinsam.core import spreadsheets, tabular

from .enums import CHOICE_KINDS, Kind
from .inputs import LANGUAGE_CODES, SOURCE, ChoiceSpec, FormSpec, Invalid, RowSpec

TYPES = {
    "begin group": Kind.GROUP_BEGIN,
    "begin_group": Kind.GROUP_BEGIN,
    "end group": Kind.GROUP_END,
    "end_group": Kind.GROUP_END,
    "note": Kind.NOTE,
    "text": Kind.TEXT,
    "integer": Kind.INTEGER,
    "decimal": Kind.DECIMAL,
    "date": Kind.DATE,
    "select_one": Kind.SELECT_ONE,
    "select_multiple": Kind.SELECT_MULTIPLE,
    "range": Kind.SCALE,
}
WRITTEN_TYPES = {
    Kind.GROUP_BEGIN: "begin group",
    Kind.GROUP_END: "end group",
    Kind.SCALE: "range",
}
SURVEY_COLUMNS = {
    "type",
    "name",
    "required",
    "relevant",
    "constraint",
    "choice_filter",
    "or_other",
    "parameters",
}
TRANSLATED = {"label", "hint"}
SETTINGS_COLUMNS = {"form_id", "version", "default_language", "audience", "anonymous"}
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English", "ar": "Arabic", "tr": "Türkçe"}
_LANGUAGE = re.compile(r"\(([A-Za-z-]+)\)\s*$")
_PARAMETER = re.compile(r"^(start|end|step)=(-?\d+)$")
YES = {"yes", "true", "true()", "1"}
NO = {"", "no", "false", "false()", "0"}


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    # core.tabular wrote a quote before a text a spreadsheet would run as a formula.
    if text.startswith("'") and text[1:2] in tabular.FORMULA_STARTS:
        return text[1:]
    return text


class _Sheet:
    """One sheet's rows as dicts by column, with its columns sorted into plain and translated."""

    def __init__(self, name, table, known: set[str], problems, default, translated=TRANSLATED):
        self.name = name
        self.rows = []
        self.columns: dict[int, tuple[str, str | None]] = {}
        for index, header in enumerate(table.headers):
            column, _sep, language = str(header).strip().partition("::")
            column = column.strip().lower()
            if column in translated:
                code = _LANGUAGE.search(language)
                if language and not code:
                    problems.append(self._bad_language(header))
                    continue
                code = code.group(1).lower() if code else default
                if code not in LANGUAGE_CODES:
                    problems.append(self._bad_language(header))
                    continue
                self.columns[index] = (column, code)
            elif column in known or known == {"*"}:
                self.columns[index] = (column, None)
            else:
                message = _(
                    "The %(sheet)s sheet has the column “%(column)s”, which is not supported."
                )
                problems.append(message % {"sheet": name, "column": header})
        for row in table.rows:
            if row.formulas:
                message = _("Row %(row)s of the %(sheet)s sheet holds a formula.")
                problems.append(message % {"row": row.number, "sheet": name})
                continue
            plain, texts = {}, {}
            for index, (column, code) in self.columns.items():
                value = _text(row.cell(index))
                if code is None:
                    plain[column] = value
                elif value:
                    texts.setdefault(column, {})[code] = value
            self.rows.append((row.number, plain, texts))

    def _bad_language(self, header) -> str:
        message = _(
            "The %(sheet)s sheet's column “%(column)s” names no language of this platform "
            "(write it like “label::Deutsch (de)”; languages: %(codes)s)."
        )
        return message % {"sheet": self.name, "column": header, "codes": ", ".join(LANGUAGE_CODES)}


def _flag(value: str, place: str, problems: list[str]) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() not in NO:
        problems.append(
            _("%(place)s: “%(value)s” is neither yes nor no.") % {"place": place, "value": value}
        )
    return False


def _row(number: int, plain: dict, texts: dict, problems: list[str]) -> RowSpec | None:
    place = _("Row %(row)s of the survey sheet") % {"row": number}
    words = plain.get("type", "").split()
    or_other = len(words) == 3 and words[2] == "or_other"
    if or_other:
        words = words[:2]
    joined = " ".join(words[:2]) if words[:1] == ["begin"] or words[:1] == ["end"] else ""
    kind = TYPES.get(joined) or (TYPES.get(words[0]) if len(words) in (1, 2) else None)
    if kind is None or (kind in CHOICE_KINDS) != (len(words) == 2 and not joined):
        message = _(
            "%(place)s: the type “%(type)s” is not supported (supported: begin group, end group, "
            "note, text, integer, decimal, date, range, select_one LIST, select_multiple LIST)."
        )
        problems.append(message % {"place": place, "type": plain.get("type", "")})
        return None
    name = plain.get("name", "")
    if kind != Kind.GROUP_END and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        problems.append(
            _("%(place)s: “%(name)s” is not a valid name (letters, digits, underscores).")
            % {"place": place, "name": name}
        )
    scale = None
    if kind == Kind.SCALE:
        found = dict(
            m.groups() for p in plain.get("parameters", "").split() if (m := _PARAMETER.match(p))
        )
        if set(found) - {"step"} != {"start", "end"} or found.get("step", "1") != "1":
            problems.append(
                _("%(place)s: a range needs parameters “start=1 end=5”.") % {"place": place}
            )
        else:
            scale = (int(found["start"]), int(found["end"]))
    elif plain.get("parameters"):
        problems.append(_("%(place)s: only a range has parameters.") % {"place": place})
    return RowSpec(
        kind=kind,
        name=name if kind != Kind.GROUP_END else "",
        labels=texts.get("label", {}),
        hints=texts.get("hint", {}),
        required=_flag(plain.get("required", ""), place, problems),
        relevant=plain.get("relevant", ""),
        constraint=plain.get("constraint", ""),
        choice_filter=plain.get("choice_filter", ""),
        or_other=or_other or _flag(plain.get("or_other", ""), place, problems),
        list_name=words[1] if kind in CHOICE_KINDS else "",
        scale=scale,
        place=place,
    )


def read(stream: IO[bytes], *, audience: str = "") -> FormSpec:
    """The questionnaire in an XLSForm workbook; `Invalid` with every problem found."""
    try:
        sheets = {
            title.strip().lower(): table
            for title, table in spreadsheets.read_xlsx_sheets(stream).items()
        }
    except spreadsheets.SpreadsheetError as error:
        raise Invalid([error.message]) from error
    if "survey" not in sheets:
        raise Invalid([_("The workbook has no sheet named “survey”.")])
    problems: list[str] = []
    settings, titles = {}, {}
    if "settings" in sheets:
        settings_sheet = _Sheet(
            "settings", sheets["settings"], SETTINGS_COLUMNS, problems, SOURCE, {"form_title"}
        )
        if settings_sheet.rows:
            settings, titles = settings_sheet.rows[0][1], settings_sheet.rows[0][2]
    default = settings.get("default_language", "") or SOURCE
    code = _LANGUAGE.search(default)
    default = code.group(1).lower() if code else default.lower()
    if default not in LANGUAGE_CODES:
        problems.append(
            _("The default_language “%(value)s” is not a language of this platform.")
            % {"value": default}
        )
        default = SOURCE
    survey = _Sheet("survey", sheets["survey"], SURVEY_COLUMNS, problems, default)
    rows = [r for n, p, t in survey.rows if (r := _row(n, p, t, problems)) is not None]
    choices: dict[str, list[ChoiceSpec]] = {}
    if "choices" in sheets:
        sheet = _Sheet("choices", sheets["choices"], {"*"}, problems, default)
        for number, plain, texts in sheet.rows:
            list_name, value = plain.pop("list_name", ""), plain.pop("name", "")
            if not list_name or not re.fullmatch(r"\S+", value):
                message = _(
                    "Row %(row)s of the choices sheet needs a list_name and a name without spaces."
                )
                problems.append(message % {"row": number})
                continue
            filters = {key: cell for key, cell in plain.items() if cell}
            choices.setdefault(list_name, []).append(
                ChoiceSpec(value, texts.get("label", {}), filters)
            )
    if problems:
        raise Invalid(problems)
    return FormSpec(
        form_id=settings.get("form_id", ""),
        titles=titles.get("form_title", {}),
        audience=settings.get("audience", "") or audience,
        rows=tuple(rows),
        choices={name: tuple(c) for name, c in choices.items()},
        version=settings.get("version", ""),
        anonymous=settings.get("anonymous", "yes").lower() not in NO,
    )


def _texts_header(column: str, languages: list[str]) -> list[str]:
    return [f"{column}::{LANGUAGE_NAMES.get(code, code)} ({code})" for code in languages]


def write(spec: FormSpec) -> bytes:
    """The XLSForm workbook of a questionnaire (reads back as the same `FormSpec`)."""
    languages = list(LANGUAGE_CODES)
    header = ["type", "name", *_texts_header("label", languages), *_texts_header("hint", languages)]
    header += ["required", "relevant", "constraint", "choice_filter", "parameters"]
    survey = [header]
    for row in spec.rows:
        kind = WRITTEN_TYPES.get(row.kind, row.kind)
        if row.kind in CHOICE_KINDS:
            kind = f"{row.kind} {row.list_name}" + (" or_other" if row.or_other else "")
        parameters = f"start={row.scale[0]} end={row.scale[1]}" if row.scale else ""
        survey.append(
            [kind, row.name]
            + [row.labels.get(code, "") for code in languages]
            + [row.hints.get(code, "") for code in languages]
            + [
                "yes" if row.required else "",
                row.relevant,
                row.constraint,
                row.choice_filter,
                parameters,
            ]
        )
    filters = sorted(
        {key for choices in spec.choices.values() for c in choices for key in c.filters}
    )
    choices = [["list_name", "name", *_texts_header("label", languages), *filters]]
    for name, listed in spec.choices.items():
        for choice in listed:
            choices.append(
                [name, choice.value]
                + [choice.labels.get(code, "") for code in languages]
                + [choice.filters.get(key, "") for key in filters]
            )
    settings = [
        [
            *_texts_header("form_title", languages),
            *["form_id", "version", "default_language", "audience", "anonymous"],
        ],
        [
            *[spec.titles.get(code, "") for code in languages],
            *[spec.form_id, spec.version, f"{LANGUAGE_NAMES[SOURCE]} ({SOURCE})"],
            *[spec.audience, "yes" if spec.anonymous else "no"],
        ],
    ]
    return tabular.to_xlsx([("survey", survey), ("choices", choices), ("settings", settings)])


def read_bytes(data: bytes, **options) -> FormSpec:
    return read(io.BytesIO(data), **options)
