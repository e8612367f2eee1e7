"""The profile texts of invented organizations (data/descriptions.yaml): an opening by kind and
a sentence about the first field of activity, sometimes a closing as a second paragraph; in
German always, and in English, Arabic or Turkish for some.

A translation covers the first paragraph (a closing stays German: "parts not translated yet");
about one in five was made from an earlier German, whose field sentence was another one (or
missing), so the page shows it as outdated."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import TYPE_CHECKING, Any

from . import records
from .names import Community, names

if TYPE_CHECKING:  # for annotations only: the specification is built with these texts
    from .organizations import OrganizationSpec


@dataclass(frozen=True)
class FieldSentences:
    de: tuple[str, ...]  # variants
    en: str
    ar: str
    tr: str


@dataclass(frozen=True)
class TranslatedOpening:
    any: str
    migrant_org: str


@dataclass(frozen=True)
class Closings:
    self_organised: tuple[str, ...]
    volunteers_only: tuple[str, ...]
    multilingual: tuple[str, ...]


@dataclass(frozen=True)
class Descriptions:
    fields: dict[str, FieldSentences]
    openings: dict[str, tuple[str, ...]]  # by kind of organization
    openings_translated: dict[str, TranslatedOpening]  # by language
    closings: Closings


def descriptions() -> Descriptions:
    return records.load("descriptions", _build)


def _build(where: records.Where, content: Any) -> Descriptions:
    return records.record(Descriptions, content, where)


def languages_text(codes: tuple[str, ...]) -> str:
    """ "Arabisch, Kurdisch und Türkisch": the working languages besides German, in German."""
    language_names = names().language_names
    found = [language_names[c] for c in codes if c != "de"] or ["Deutsch"]
    return found[0] if len(found) == 1 else ", ".join(found[:-1]) + " und " + found[-1]


def describe(rng: Random, spec: OrganizationSpec, community: Community, year: int) -> None:
    """Write the organization's descriptions into `spec.descriptions`: language → (text, the
    German it was translated from)."""
    texts = descriptions()
    values = {
        "city": spec.city.name,
        "city_ar": spec.city.name_ar,
        "district": spec.district.name,
        "origin": community.origin,
        "langs": languages_text(spec.languages),
        "year": year,
    }
    sentences = texts.fields[spec.fields[0]]
    opening, said = rng.choice(texts.openings[spec.kind]), rng.choice(sentences.de)
    german = [f"{opening} {said}"]
    closings = []
    if spec.kind in {"migrant_org", "religious_community", "umbrella_body"}:
        closings += texts.closings.self_organised
        if not spec.paid_staff_fte:
            closings += texts.closings.volunteers_only
    if len(spec.languages) > 1:
        closings += texts.closings.multilingual
    if closings and rng.random() < 0.45:
        german.append(rng.choice(closings))
    today = "\n\n".join(german).format(**values)
    spec.descriptions["de"] = (today, today)
    # What the German said before the field sentence changed (no draw, so every draw after
    # this one stays the same).
    said_before = next((v for v in sentences.de if v != said), "")
    earlier = "\n\n".join([f"{opening} {said_before}".strip(), *german[1:]]).format(**values)
    for language, share in (("en", 0.15), ("ar", 0.6), ("tr", 0.6)):
        if language != "en" and language not in spec.languages:
            continue
        if rng.random() >= share:
            continue
        translated = texts.openings_translated[language]
        first = translated.migrant_org if spec.kind == "migrant_org" else translated.any
        text = f"{first} {getattr(sentences, language)}"
        made_from = earlier if rng.random() < 0.2 else today
        spec.descriptions[language] = (text.format(**values), made_from)
