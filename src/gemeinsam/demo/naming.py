"""Invented names of organizations, by kind, each with the fields of activity it implies."""

from __future__ import annotations

from random import Random

from .names import COMMUNITIES, MOTTOS, PROVIDER_NAMES, QUALIFIED_MOTTOS, Community
from .places import City, District


def quarter_of(rng: Random, district: District) -> str:
    return rng.choice(district.quarters) if district.quarters else district.name


def migrant_org_name(rng: Random, c: Community, city: City, district: District):
    """(name, the fields of activity the name implies or None)."""
    adj, low, quarter = c.adjective, c.adjective.lower(), quarter_of(rng, district)
    qualified = rng.choice(list(QUALIFIED_MOTTOS))
    templates = [
        (f"{adj}er Kulturverein {city.name} e.V.", ("culture",)),
        (f"{adj}er Frauenverein {city.name}", ("women_family",)),
        (f"{adj}er Elternverein {quarter} e.V.", ("education", "youth_welfare", "daycare")),
        (f"{adj}e Jugend {city.name} e.V.", ("youth_work",)),
        (f"{adj}es Bildungszentrum {city.name} e.V.", ("education",)),
        (f"{adj}e Gemeinschaft {quarter} e.V.", None),
        (f"Verein {low}er Akademiker*innen {city.name} e.V.", ("labour_market", "education")),
        (f"{adj}er Seniorentreff {quarter}", ("elderly_care",)),
        (f"{adj}er Sportverein {city.name} e.V.", ("sports",)),
        (f"Netzwerk {low}er Fachkräfte {city.name}", ("labour_market",)),
        (f"Elternnetzwerk {quarter}", ("education", "women_family", "youth_welfare")),
        (f"Frauentreff {quarter}", ("women_family",)),
        (f"Nachbarschaftsinitiative {quarter}", ("migration_integration", "refugee_help")),
        (f"Internationaler Frauenverein {quarter} e.V.", ("women_family",)),
        (f"{rng.choice(MOTTOS)} e.V.", None),
        (f"{rng.choice(MOTTOS)} {city.name} e.V.", None),
        (f"{rng.choice(MOTTOS)} – {qualified} e.V.", (QUALIFIED_MOTTOS[qualified],)),
    ]
    if not adj.endswith("sprachig"):
        templates.append((f"Deutsch-{adj}er Kulturverein {city.name} e.V.", ("culture",)))
        templates.append((f"Deutsch-{adj}e Gesellschaft {city.name} e.V.", None))
    return rng.choice(templates)


RELIGIOUS = (  # (name with {city}, working languages)
    ("Alevitische Gemeinde {city} e.V.", ("tr", "ku")),
    ("Islamische Gemeinde {quarter} e.V.", ("tr", "ar")),
    ("Türkisch-Islamische Gemeinde zu {quarter}", ("tr",)),
    ("Bosnisch-Islamische Gemeinde {city} e.V.", ("bs",)),
    ("Arabisch-Islamisches Kulturzentrum {city} e.V.", ("ar",)),
    ("Afghanisches Islamisches Kulturzentrum {city}", ("fa",)),
    ("Eritreisch-Orthodoxe Kirchengemeinde {city}", ("ti",)),
    ("Ezidische Gemeinde {city} e.V.", ("ku",)),
    ("Russisch-Orthodoxe Gemeinde {city}", ("ru", "uk")),
    ("Griechisch-Orthodoxe Gemeinde {city}", ("el",)),
    ("Ukrainische Griechisch-Katholische Gemeinde {city}", ("uk",)),
    ("Afrikanische Christengemeinde {city} e.V.", ("en", "fr")),
    ("Arabisch-Evangelische Gemeinde {city}", ("ar",)),
    ("Vietnamesische Buddhistische Gemeinde {city} e.V.", ("vi",)),
)
KITAS = ("Regenbogen", "Pusteblume", "Sonnenschein", "Kleine Welt", "Weltentdecker")


def other_name(rng: Random, kind: str, city: City, district: District):
    """(name, implied fields or None) for every kind but migrant organizations."""
    quarter, provider = quarter_of(rng, district), rng.choice(PROVIDER_NAMES)
    adj = rng.choice([c.adjective for c in COMMUNITIES if not c.adjective.endswith("sprachig")])
    if kind == "established_provider":
        templates = [
            (f"Jugendmigrationsdienst {city.name}", ("youth_welfare", "counselling")),
            (f"Familienzentrum {quarter}", ("women_family", "daycare")),
            (f"Kinder- und Jugendhaus {quarter}", ("youth_work",)),
            (f"Nachbarschaftsheim {quarter} e.V.", ("migration_integration", "counselling")),
            (f"Stadtteilzentrum {quarter}", None),
            (f"Kita {rng.choice(KITAS)} {quarter}", ("daycare",)),
            (f"Familienbildungsstätte {city.name}", ("women_family",)),
            (f"Erziehungs- und Familienberatung {district.name}", ("counselling",)),
            (
                f"Migrationsberatung für Erwachsene {city.name}",
                ("counselling", "migration_integration"),
            ),
            (f"Seniorenzentrum {quarter}", ("elderly_care",)),
            (f"Mädchentreff {quarter}", ("youth_work",)),
            (f"Bürgerhaus {quarter}", ("migration_integration",)),
        ]
    elif kind == "authority":
        if city.state == "NW":
            templates = [
                (f"Kommunales Integrationszentrum {city.name}", ("migration_integration",)),
                (f"Jugendamt der Stadt {city.name}", ("youth_welfare",)),
                (f"Jobcenter {city.name}", ("labour_market",)),
                (
                    f"Stadt {city.name} – Amt für Migration und Integration",
                    ("migration_integration", "counselling"),
                ),
            ]
        else:
            templates = [
                (f"Bezirksamt {district.name} – Integrationsbüro", ("migration_integration",)),
                (f"Bezirksamt {district.name} – Jugendamt", ("youth_welfare",)),
                (f"Jobcenter {city.name} – Standort {district.name}", ("labour_market",)),
                (
                    f"Bezirksamt {district.name} – Fachamt Sozialraummanagement",
                    ("migration_integration",),
                ),
            ]
    elif kind == "service_provider":
        templates = [
            (f"{provider} Bildungswerk gGmbH", ("education", "labour_market")),
            (f"Bildungsträger {provider} {city.name} gGmbH", ("labour_market",)),
            (f"Interkultureller Pflegedienst {provider}", ("elderly_care", "health")),
            (f"Sprachschule {provider} {city.name}", ("education",)),
            (f"Dolmetscherpool {city.name}", ("health", "counselling")),
            (f"Beratungsstelle {provider} gGmbH", ("counselling", "refugee_help")),
        ]
    else:
        templates = [
            (f"Verband der Migrant*innenorganisationen {city.name} e.V.", None),
            (f"Bündnis der Migrant*innenorganisationen {city.name}", None),
            (f"Dachverband {adj.lower()}er Vereine {city.name} e.V.", None),
            (f"Arbeitsgemeinschaft Migrant*innenorganisationen {district.name}", None),
            (f"Netzwerk {adj.lower()}er Vereine {city.name}", None),
        ]
    return rng.choice(templates)
