"""Where the demo organizations are: the three regions the seed agencies work in.

Postcodes are real ranges of the districts named, so a map or a postcode search behaves as it
would with real data. Phone numbers use the Bundesnetzagentur's numbers reserved for fiction
(040 66969-…, 030 23125-…, 0221 4710-…) where a city has them; elsewhere demo rows have none.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    name: str
    postcodes: tuple[str, ...]
    # Neighbourhoods an organization may name itself after ("Elternnetzwerk Wilhelmsburg").
    quarters: tuple[str, ...] = ()


@dataclass(frozen=True)
class City:
    name: str
    state: str
    weight: int
    districts: tuple[District, ...]
    register_court: str
    youth_office: str
    tax_office: str
    fiction_phone: str = ""  # prefix of a number reserved for fiction, e.g. "040 66969-"


HAMBURG = City(
    "Hamburg",
    "HH",
    30,
    (
        District(
            "Hamburg-Mitte",
            ("20095", "20097", "20099", "20537", "22111", "21107", "21109"),
            ("Wilhelmsburg", "St. Georg", "Billstedt", "Veddel", "Horn"),
        ),
        District(
            "Altona",
            ("22765", "22767", "22769", "22547", "22549"),
            ("Altona-Altstadt", "Ottensen", "Lurup", "Osdorf"),
        ),
        District(
            "Harburg",
            ("21073", "21075", "21077", "21079"),
            ("Harburg", "Neuwiedenthal", "Heimfeld"),
        ),
        District("Eimsbüttel", ("20253", "20255", "20257", "20259"), ("Eimsbüttel", "Stellingen")),
        District(
            "Wandsbek",
            ("22041", "22043", "22045", "22047", "22049"),
            ("Jenfeld", "Steilshoop", "Wandsbek"),
        ),
        District("Hamburg-Nord", ("22303", "22305", "22307", "22309"), ("Barmbek", "Dulsberg")),
        District("Bergedorf", ("21029", "21031", "21033", "21035"), ("Lohbrügge", "Bergedorf")),
    ),
    register_court="Amtsgericht Hamburg",
    youth_office="Sozialbehörde Hamburg",
    tax_office="Finanzamt Hamburg-Nord",
    fiction_phone="040 66969-",
)

BERLIN = City(
    "Berlin",
    "BE",
    30,
    (
        District(
            "Friedrichshain-Kreuzberg",
            ("10243", "10245", "10247", "10961", "10997", "10999"),
            ("Kreuzberg", "Friedrichshain"),
        ),
        District(
            "Neukölln",
            ("12043", "12045", "12047", "12049", "12051", "12055", "12057"),
            ("Neukölln", "Gropiusstadt", "Rixdorf"),
        ),
        District(
            "Mitte",
            ("10115", "10117", "10119", "13347", "13349", "13351", "13357", "13359"),
            ("Wedding", "Moabit", "Gesundbrunnen"),
        ),
        District(
            "Lichtenberg",
            ("10315", "10317", "10365", "10367", "10369", "13053", "13055"),
            ("Lichtenberg", "Hohenschönhausen"),
        ),
        District(
            "Tempelhof-Schöneberg",
            ("10777", "10779", "10781", "10783", "12099", "12103"),
            ("Schöneberg", "Tempelhof"),
        ),
        District(
            "Charlottenburg-Wilmersdorf",
            ("10585", "10587", "10589", "10627", "10711"),
            ("Charlottenburg",),
        ),
        District(
            "Marzahn-Hellersdorf",
            ("12619", "12627", "12679", "12681", "12683", "12685"),
            ("Marzahn", "Hellersdorf"),
        ),
        District("Spandau", ("13581", "13583", "13585", "13587", "13589", "13591"), ("Spandau",)),
    ),
    register_court="Amtsgericht Charlottenburg",
    youth_office="Bezirksamt {district} – Jugendamt",
    tax_office="Finanzamt für Körperschaften I Berlin",
    fiction_phone="030 23125-",
)


def _nrw(name, weight, districts, *, phone="") -> City:
    return City(
        name,
        "NW",
        weight,
        districts,
        register_court=f"Amtsgericht {name}",
        youth_office=f"Jugendamt der Stadt {name}",
        tax_office=f"Finanzamt {name}",
        fiction_phone=phone,
    )


NRW = (
    _nrw(
        "Bochum",
        12,
        (
            District("Bochum-Mitte", ("44787", "44789", "44791", "44793", "44795")),
            District("Wattenscheid", ("44866", "44867", "44869")),
            District("Bochum-Ost", ("44892", "44894"), ("Langendreer",)),
        ),
    ),
    _nrw(
        "Münster",
        10,
        (
            District("Münster-Mitte", ("48143", "48145", "48147", "48149", "48151")),
            District("Münster-Nord", ("48157", "48159"), ("Kinderhaus", "Coerde")),
            District("Münster-Südost", ("48153", "48155"), ("Berg Fidel",)),
        ),
    ),
    _nrw(
        "Köln",
        14,
        (
            District("Innenstadt", ("50667", "50670", "50672", "50674", "50676", "50677")),
            District("Ehrenfeld", ("50823", "50825", "50827")),
            District("Kalk", ("51103", "51105", "51107", "51109")),
            District("Mülheim", ("51063", "51065", "51067"), ("Keupstraße",)),
            District("Chorweiler", ("50765", "50767", "50769")),
        ),
        phone="0221 4710-",
    ),
    _nrw(
        "Dortmund",
        12,
        (
            District("Innenstadt-Nord", ("44135", "44137", "44145", "44147"), ("Nordstadt",)),
            District("Eving", ("44339",)),
            District("Hörde", ("44263", "44265")),
            District("Scharnhorst", ("44328", "44329")),
        ),
    ),
    _nrw(
        "Essen",
        10,
        (
            District("Stadtbezirk I", ("45127", "45128")),
            District("Altenessen", ("45326", "45327", "45329")),
            District("Katernberg", ("45327",)),
            District("Altendorf", ("45143",)),
        ),
    ),
    _nrw(
        "Duisburg",
        9,
        (
            District("Hamborn", ("47166", "47167", "47169"), ("Marxloh",)),
            District("Duisburg-Mitte", ("47051", "47053", "47057", "47058")),
            District("Rheinhausen", ("47226", "47228", "47229")),
        ),
    ),
    _nrw(
        "Gelsenkirchen",
        8,
        (
            District("Gelsenkirchen-Mitte", ("45879", "45881")),
            District("Ückendorf", ("45886",)),
            District("Gelsenkirchen-Nord", ("45897", "45899"), ("Buer", "Hassel")),
        ),
    ),
    _nrw(
        "Düsseldorf",
        5,
        (
            District("Oberbilk", ("40227",)),
            District("Flingern", ("40233", "40235")),
        ),
    ),
    _nrw("Wuppertal", 4, (District("Elberfeld", ("42103", "42105", "42107")),)),
    _nrw("Bielefeld", 3, (District("Bielefeld-Mitte", ("33602", "33604", "33609")),)),
)

CITIES: tuple[City, ...] = (HAMBURG, BERLIN, *NRW)

STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Schulstraße",
    "Gartenstraße",
    "Lindenstraße",
    "Kirchstraße",
    "Friedrichstraße",
    "Schillerstraße",
    "Goethestraße",
    "Am Markt",
    "Marktplatz",
    "Bergstraße",
    "Parkstraße",
    "Ringstraße",
    "Mühlenweg",
    "Wiesenweg",
    "Rosenstraße",
    "Blumenstraße",
    "Kantstraße",
    "Lessingstraße",
    "Brückenstraße",
    "Feldstraße",
    "Industriestraße",
    "Am Bahnhof",
    "Breite Straße",
    "Neue Straße",
    "Weststraße",
    "Oststraße",
    "Nordstraße",
    "Südstraße",
    "Eichendorffweg",
    "Lutherstraße",
    "Bismarckstraße",
    "Humboldtstraße",
    "Heinrich-Heine-Straße",
    "Rathausplatz",
)

STATE_WELFARE_ASSOCIATION = {
    "HH": "Der PARITÄTISCHE Wohlfahrtsverband Hamburg",
    "BE": "Der Paritätische Berlin",
    "NW": "Der Paritätische NRW",
}


def regional_funders(city: City, district: str) -> dict[str, tuple[str, ...]]:
    """Plausible funders by kind of funding, for the region an organization is in."""
    if city.state == "HH":
        project = (
            "BASFI – Integrationsfonds",
            f"Bezirksamt {district} – Quartiersfonds",
            "Hamburger Integrationsfonds",
        )
        regular = ("Sozialbehörde Hamburg – Zuwendung", f"Jugendamt {district}")
    elif city.state == "BE":
        project = (
            "Partizipations- und Integrationsprogramm des Landes Berlin",
            f"Bezirksamt {district} – Integrationsfonds",
            "Quartiersmanagement",
        )
        regular = (f"Bezirksamt {district} – Jugendamt", "Senatsverwaltung – Zuwendung")
    else:
        project = (
            f"Kommunales Integrationszentrum {city.name}",
            "Landesprogramm KOMM-AN NRW",
            f"Stadt {city.name} – Integrationsförderung",
        )
        regular = (f"Jugendamt der Stadt {city.name}", f"Jobcenter {city.name}")
    national = (
        "Aktion Mensch",
        "Bundesprogramm „Demokratie leben!“",
        "Europäischer Sozialfonds Plus",
        "Asyl-, Migrations- und Integrationsfonds",
        "Spenden und Mitgliedsbeiträge",
        "Stiftungsmittel",
    )
    return {"project": project + national, "regular": regular}
