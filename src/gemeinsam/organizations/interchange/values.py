"""Turning one spreadsheet cell into the value a field stores, or a message saying why not.

Kinds, legal forms, federal states, fields, target groups and languages accept their code or
their label in any interface language ("NW", "Nordrhein-Westfalen", "e.V.", "Jugendarbeit",
"Youth work"). Several values in one cell are separated by `,`, `;`, `|` or line breaks.
"""

from __future__ import annotations

import datetime
import decimal
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

from gemeinsam.core.enums import FederalState

from ..enums import IncomeBand, OrganizationKind
from ..models import FieldOfActivity, LegalForm, TargetGroup, WorkingLanguage
from . import fields as f

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_SEPARATORS = re.compile(r"[,;|\n]+")
_TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
_FALSE = {"nein", "n", "no", "false", "falsch", "0"}

# Words agencies use in their own lists, beyond the labels the platform shows.
_EXTRA_KEYS = {
    "kind": {
        "migrantenorganisation": OrganizationKind.MIGRANT_ORG,
        "migrantinnenorganisation": OrganizationKind.MIGRANT_ORG,
        "migrantenselbstorganisation": OrganizationKind.MIGRANT_ORG,
        "migrantischeorganisation": OrganizationKind.MIGRANT_ORG,
        "mo": OrganizationKind.MIGRANT_ORG,
        "mso": OrganizationKind.MIGRANT_ORG,
        "etabliertertraeger": OrganizationKind.ESTABLISHED_PROVIDER,
        "regeldienst": OrganizationKind.ESTABLISHED_PROVIDER,
        "behoerde": OrganizationKind.AUTHORITY,
        "amt": OrganizationKind.AUTHORITY,
        "verwaltung": OrganizationKind.AUTHORITY,
        "dienstleister": OrganizationKind.SERVICE_PROVIDER,
        "religionsgemeinschaft": OrganizationKind.RELIGIOUS_COMMUNITY,
        "religioesegemeinschaft": OrganizationKind.RELIGIOUS_COMMUNITY,
        "dachverband": OrganizationKind.UMBRELLA_BODY,
        "dachorganisation": OrganizationKind.UMBRELLA_BODY,
    },
    "federal_state": {
        "nrw": FederalState.NW,
        "bavaria": FederalState.BY,
        "hesse": FederalState.HE,
        "lowersaxony": FederalState.NI,
        "northrhinewestphalia": FederalState.NW,
        "rhinelandpalatinate": FederalState.RP,
        "saxony": FederalState.SN,
        "saxonyanhalt": FederalState.ST,
        "thuringia": FederalState.TH,
        "mecklenburgwesternpomerania": FederalState.MV,
    },
}
_CHOICES: dict[str, type[TextChoices]] = {
    "kind": OrganizationKind,
    "federal_state": FederalState,
    "income_band": IncomeBand,
}
_REFERENCE_MODELS = {
    "legal_form": LegalForm,
    "fields": FieldOfActivity,
    "target_groups": TargetGroup,
    "languages": WorkingLanguage,
}


def _unknown_message(target: str, values: list[str]) -> str:
    joined = ", ".join(f"“{v}”" for v in values)
    messages = {
        "kind": _("Unknown kind of organization: %(values)s."),
        "federal_state": _("Unknown federal state: %(values)s."),
        "income_band": _("Unknown income band: %(values)s."),
        "legal_form": _("Unknown legal form: %(values)s."),
        "fields": _("Unknown field of activity: %(values)s."),
        "target_groups": _("Unknown target group: %(values)s."),
        "languages": _("Unknown working language: %(values)s."),
    }
    return messages[target] % {"values": joined}


def _keys_for_label(label: str) -> set[str]:
    """ "eingetragener Verein (e.V.)" is found as itself, as "eingetragener Verein" and "e.V."."""
    keys = {f.normalise(label)}
    inside = re.findall(r"\(([^)]*)\)", label)
    outside = re.sub(r"\([^)]*\)", "", label)
    keys.add(f.normalise(outside))
    keys.update(f.normalise(part) for part in inside)
    return {k for k in keys if k}


@dataclass
class Lookups:
    """Everything a cell's text is matched against, loaded once per check (four queries)."""

    keys: dict[str, dict[str, Any]]

    @classmethod
    def load(cls) -> Lookups:
        keys: dict[str, dict[str, Any]] = {}
        for target, model in _REFERENCE_MODELS.items():
            index: dict[str, Any] = {}
            for obj in model.objects.all():
                index.setdefault(f.normalise(obj.code), obj)
                for label in obj.all_labels():
                    for key in _keys_for_label(label):
                        index.setdefault(key, obj)
            keys[target] = index
        for target, choices in _CHOICES.items():
            index = {f.normalise(value): value for value in choices.values}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    for value, label in choices.choices:
                        for key in _keys_for_label(str(label)):
                            index.setdefault(key, value)
            for key, value in _EXTRA_KEYS.get(target, {}).items():
                index.setdefault(key, value)
            keys[target] = index
        return cls(keys)

    def find(self, target: str, text: str):
        return self.keys[target].get(f.normalise(text))


def is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _as_text(raw: Any) -> str:
    if isinstance(raw, bool):
        return _("yes") if raw else _("no")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw).strip()


def _text(target: f.Target, raw: Any) -> str:
    if target.name == "postcode" and isinstance(raw, int | float) and float(raw).is_integer():
        # Excel drops the leading zero of postcodes kept as numbers (Dresden is 01067).
        return str(int(raw)).zfill(5)
    text = _as_text(raw)
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        # Exports (ours among them) protect such cells with a quote; the quote is not data.
        text = text[1:]
    if target.name == "website" and "://" not in text and "." in text and " " not in text:
        # Lists write "www.verein.de"; the field wants an address a browser can open.
        text = f"https://{text}"
    if target.name == "email":
        text = text.removeprefix("mailto:")
    return text


def _date(raw: Any) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = _as_text(raw)
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_GERMAN_DATE, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            parts = [int(p) for p in match.groups()]
            try:
                return datetime.date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                break
    raise ValidationError(_("Enter a date as YYYY-MM-DD or DD.MM.YYYY, e.g. 2015-03-31."))


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValidationError(_("Enter a whole number."))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = _as_text(raw).replace(" ", "")
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValidationError(_("Enter a whole number."))


def _decimal(raw: Any) -> decimal.Decimal:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return decimal.Decimal(str(raw))
    text = _as_text(raw).replace(" ", "").replace(",", ".")
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(_("Enter a number, e.g. 1.5 or 1,5."))
    return value


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    key = f.normalise(_as_text(raw))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValidationError(_("Enter yes or no."))


def _multi(target: f.Target, raw: Any, lookups: Lookups) -> list:
    found, unknown = [], []
    for part in _SEPARATORS.split(_as_text(raw)):
        part = part.strip()
        if not part:
            continue
        obj = lookups.find(target.name, part)
        if obj is None:
            unknown.append(part)
        elif obj not in found:
            found.append(obj)
    if unknown:
        raise ValidationError(_unknown_message(target.name, unknown))
    return found


def convert(target: f.Target, raw: Any, lookups: Lookups) -> Any:
    """The stored value for a non-empty cell; ValidationError with a message otherwise."""
    if target.kind == f.TEXT:
        return _text(target, raw)
    if target.kind in (f.CHOICE, f.REFERENCE):
        text = _as_text(raw)
        value = lookups.find(target.name, text)
        if value is None:
            raise ValidationError(_unknown_message(target.name, [text]))
        return value
    if target.kind == f.MULTI:
        return _multi(target, raw, lookups)
    if target.kind == f.DATE:
        return _date(raw)
    if target.kind == f.INTEGER:
        return _integer(raw)
    if target.kind == f.DECIMAL:
        return _decimal(raw)
    return _boolean(raw)


def accepted_values() -> list[tuple[str, list[str]]]:
    """(field label, "label (code)" of each value) for every field with a fixed list of values."""
    result = []
    for target in f.TARGETS:
        if target.name in _REFERENCE_MODELS:
            pairs = [(o.label, o.code) for o in _REFERENCE_MODELS[target.name].objects.all()]
        elif target.name in _CHOICES:
            pairs = [(str(label), code) for code, label in _CHOICES[target.name].choices]
        else:
            continue
        result.append((str(target.label), [f"{label} ({code})" for label, code in pairs]))
    return result
