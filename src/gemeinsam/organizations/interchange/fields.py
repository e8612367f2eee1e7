"""The fields a column can be mapped to, and the guess from a column's header.

Headers are compared after `normalise()`, so "E-Mail", "e-mail" and "EMail" are one header, and
"Straße" matches "strasse". Besides the aliases below, every field's own label in every interface
language is recognised, so an export from gemeinsam imports again without mapping by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import Organization

TEXT = "text"
CHOICE = "choice"  # TextChoices on the model: kind, federal state, income band
REFERENCE = "reference"  # a foreign key to reference data: legal form
MULTI = "multi"  # many-to-many to reference data: fields, target groups, languages
DATE = "date"
INTEGER = "integer"
DECIMAL = "decimal"
BOOLEAN = "boolean"


@dataclass(frozen=True)
class Target:
    name: str
    kind: str
    aliases: str = ""  # normalised header names, separated by spaces
    own_label: Promise | None = None

    @property
    def label(self):
        if self.own_label is not None:
            return self.own_label
        return Organization._meta.get_field(self.name).verbose_name

    @property
    def on_model(self) -> bool:
        return self.name != "description_de"


# Aliases are normalised header names (see `normalise()`), German first, then English.
TARGETS: list[Target] = [
    Target(
        "name",
        TEXT,
        "name vereinsname organisation organisationsname traeger verein "
        "einrichtung organization organizationname",
    ),
    Target(
        "short_name",
        TEXT,
        "kurzname kurzbezeichnung abkuerzung kuerzel shortname acronym abbreviation",
    ),
    Target(
        "kind",
        CHOICE,
        "art typ organisationsart organisationstyp traegerart kind type "
        "organizationtype organisationtype",
    ),
    Target("legal_form", REFERENCE, "rechtsform legalform"),
    Target("register_court", TEXT, "registergericht amtsgericht registercourt"),
    Target(
        "register_number",
        TEXT,
        "registernummer registernr vereinsregisternummer "
        "vereinsregister vrnummer vrnr vr hrb registernumber",
    ),
    Target(
        "founded_on",
        DATE,
        "gegruendet gruendung gruendungsdatum gegruendetam founded "
        "foundedon foundingdate dateoffoundation",
    ),
    Target("youth_welfare_since", DATE, "jugendhilfeseit inderjugendhilfeseit youthwelfaresince"),
    Target(
        "street",
        TEXT,
        "strasse str strasseundhausnummer strassehausnummer strassenr adresse "
        "anschrift street address",
    ),
    Target("postcode", TEXT, "plz postleitzahl postcode postalcode zip zipcode"),
    Target("city", TEXT, "ort stadt sitz city town"),
    Target("district", TEXT, "bezirk stadtteil stadtbezirk kreis landkreis district"),
    Target("municipality", TEXT, "gemeinde kommune municipality"),
    Target("federal_state", CHOICE, "bundesland land federalstate state"),
    Target(
        "website", TEXT, "website webseite homepage internet internetseite internetadresse url web"
    ),
    Target("email", TEXT, "email mail emailadresse mailadresse emailaddress"),
    Target("phone", TEXT, "telefon tel telefonnummer fon phone telephone phonenumber"),
    Target(
        "contact_name",
        TEXT,
        "ansprechpartner ansprechpartnerin ansprechpartnerinnen "
        "ansprechperson kontaktperson kontakt contact contactperson contactname",
    ),
    Target(
        "description_de",
        TEXT,
        "beschreibung kurzbeschreibung selbstdarstellung profil description",
        own_label=_("description (German)"),
    ),
    Target(
        "fields",
        MULTI,
        "arbeitsfelder arbeitsfeld handlungsfelder handlungsfeld "
        "taetigkeitsfelder taetigkeitsfeld themen fields fieldsofactivity",
    ),
    Target("target_groups", MULTI, "zielgruppen zielgruppe targetgroups targetgroup"),
    Target("languages", MULTI, "sprachen sprache arbeitssprachen languages workinglanguages"),
    Target(
        "members_count",
        INTEGER,
        "mitglieder mitgliederzahl anzahlmitglieder members numberofmembers",
    ),
    Target(
        "volunteers_count",
        INTEGER,
        "ehrenamtliche anzahlehrenamtliche ehrenamt volunteers numberofvolunteers",
    ),
    Target(
        "paid_staff_fte", DECIMAL, "hauptamtliche stellen vollzeitaequivalente vzae paidstaff fte"
    ),
    Target("income_band", CHOICE, "jahreseinnahmen einnahmen jahresbudget income annualincome"),
    Target(
        "board_migration_majority",
        BOOLEAN,
        "vorstandmehrheitlichmitmigrationsgeschichte boardmigrationmajority",
    ),
    Target(
        "is_public", BOOLEAN, "oeffentlich veroeffentlichen sichtbar public ispublic publicprofile"
    ),
]
TARGETS_BY_NAME = {t.name: t for t in TARGETS}
# Without a name there is no organization; everything else may stay empty.
REQUIRED = ("name",)

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: object) -> str:
    """Lower case, umlauts spelled out, no spaces or punctuation: "E-Mail" → "email"."""
    return _NOT_WORD.sub("", str(text).lower().translate(_UMLAUTS))


def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for target in TARGETS:
        for alias in (target.name, *target.aliases.split()):
            index.setdefault(normalise(alias), target.name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for target in TARGETS:
                index.setdefault(normalise(target.label), target.name)
    return index


def guess_mapping(headers: list[str]) -> list[str]:
    """The target field for each header, or "" where no guess fits; the first column wins."""
    index = _header_index()
    used: set[str] = set()
    mapping = []
    for header in headers:
        name = index.get(normalise(header), "")
        if name in used:
            name = ""
        used.add(name)
        mapping.append(name)
    return mapping


def choices() -> list[tuple[str, str]]:
    """For the mapping form: every target with its label, in the user's language."""
    return [(t.name, str(t.label)[:1].upper() + str(t.label)[1:]) for t in TARGETS]
