"""Parts of invented names (data/names.yaml): communities, languages, the names organizations
give themselves, and people's first and family names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import records


@dataclass(frozen=True)
class Community:
    adjective: str  # stem, declined by ending: "Syrisch" → "Syrischer", "Syrische", "Syrisches"
    origin: str  # after "aus": "aus Syrien", "aus dem Irak"
    languages: tuple[str, ...]  # working-language codes besides German

    @property
    def is_language_group(self) -> bool:
        """ "Russischsprachig": no country of its own ("Deutsch-Russischsprachiger" is wrong)."""
        return self.adjective.endswith("sprachig")


@dataclass(frozen=True)
class Names:
    communities: tuple[Community, ...]
    mixed: Community  # people from many places
    language_names: dict[str, str]  # German name of each working language
    mottos: tuple[str, ...]
    qualified_mottos: dict[str, str]  # topic → the field of activity it implies
    provider_names: tuple[str, ...]
    kitas: tuple[str, ...]
    first_names: tuple[str, ...]
    family_names: tuple[str, ...]


def names() -> Names:
    return records.load("names", _build)


def _build(where: records.Where, content: Any) -> Names:
    return records.record(Names, content, where)
