"""Where the demo organizations are (data/places.yaml): the three regions the seed agencies work
in, with their districts, courts and offices, streets and funders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import records


@dataclass(frozen=True)
class District:
    name: str
    postcodes: tuple[str, ...]
    # Neighbourhoods an organization may name itself after ("Elternnetzwerk Wilhelmsburg").
    quarters: tuple[str, ...] = ()


@dataclass(frozen=True)
class City:
    name: str
    name_ar: str
    state: str
    weight: int
    districts: tuple[District, ...]
    register_court: str
    youth_office: str  # may name the {district}
    tax_office: str
    fiction_phone: str = ""  # prefix of a number reserved for fiction, e.g. "040 66969-"


@dataclass(frozen=True)
class Funders:
    project: tuple[str, ...]
    regular: tuple[str, ...]


@dataclass(frozen=True)
class Places:
    cities: tuple[City, ...]
    streets: tuple[str, ...]
    welfare_associations: dict[str, str]  # by federal state
    funders: dict[str, Funders]  # by federal state; "other" for the rest
    national_funders: tuple[str, ...]

    def city(self, name: str) -> City:
        return next(c for c in self.cities if c.name == name)


def places() -> Places:
    return records.load("places", _build)


def _build(where: records.Where, content: Any) -> Places:
    found = records.record(Places, content, where)
    if "other" not in found.funders:
        raise where.at("funders").error("missing 'other', the funders of every other state")
    return found


def regional_funders(city: City, district: str) -> dict[str, tuple[str, ...]]:
    """Plausible funders by kind of funding, for the region an organization is in."""
    data = places()
    funders = data.funders.get(city.state) or data.funders["other"]
    values = {"city": city.name, "district": district}
    return {
        "project": tuple(f.format(**values) for f in funders.project) + data.national_funders,
        "regular": tuple(f.format(**values) for f in funders.regular),
    }
