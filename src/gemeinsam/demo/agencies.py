"""The five agencies of the seed texts with their funded projects, as the seeds describe them.

Names, places, funders, goals and measures follow the seeds word for word where they give them.
Where a seed names no funder, the project says "Eigenmittel des Verbands"; where it names no
period, the dates are plausible inventions. Contact people are invented (see people.py).
"""

from __future__ import annotations

import datetime

ALL_STATES = [
    "BW",
    "BY",
    "BE",
    "BB",
    "HB",
    "HH",
    "HE",
    "MV",
    "NI",
    "NW",
    "RP",
    "SL",
    "SN",
    "ST",
    "SH",
    "TH",
]
OWN_FUNDS = "Eigenmittel des Verbands"

AGENCIES = [
    {
        "slug": "kommig-hamburg",
        "name": "Das PARITÄTISCHE Kompetenzzentrum Migration",
        "short_name": "KomMig",
        "parent_body": "Der PARITÄTISCHE Wohlfahrtsverband Hamburg",
        "city": "Hamburg",
        "federal_state": "HH",
        "region_served": "Hamburg",
        "federal_states_served": ["HH"],
        "email": "kommig@example.org",
        "phone": "040 66969-100",
        "descriptions": {
            "de": (
                "Das PARITÄTISCHE Kompetenzzentrum Migration (KomMig) berät "
                "Migrant*innenorganisationen und kleine, integrativ wirkende Organisationen zu "
                "Vereinsgründungen, Organisationsentwicklung und Projektplanungen – auf Wunsch "
                "auch auf Arabisch. Wir beraten zu Projektanträgen, insbesondere bei der BASFI, "
                "und begleiten Tandem-Projekte von Migrant*innenorganisationen und "
                "Regeleinrichtungen. Co-Working-Spaces und Veranstaltungsräume stehen "
                "Organisationen zur Verfügung; beraten wird persönlich, telefonisch und per "
                "Videocall."
            ),
            "en": (
                "The PARITÄTISCHE competence centre for migration (KomMig) advises migrant "
                "organizations and small organizations working for integration on founding an "
                "association, organisational development and project planning – in Arabic, "
                "too. Co-working space and event rooms are open to organizations."
            ),
        },
        "projects": [
            {
                "slug": "organisationsentwicklung",
                "title": "Organisationsentwicklung von Migrant*innenorganisationen und kleinen, "
                "integrativ wirkenden Organisationen",
                "funder": OWN_FUNDS,
                "starts_on": datetime.date(2019, 1, 1),
                "ends_on": None,
                "goals": [
                    "Beratung zu Vereinsgründungen, Organisationsentwicklung und Projektplanungen",
                    "Beratung von Geflüchtetenselbstorganisationen zu Projektanträgen beim "
                    "„Auf Augenhöhe“-Fonds in Kooperation mit der Software AG Stiftung",
                    "Beratung zu allen Themen auch auf Arabisch",
                ],
                "measures": [
                    "Beratung zu Vereinsgründungen",
                    "Organisationsentwicklung",
                    "Beratung zu Projektanträgen",
                ],
            },
            {
                "slug": "professionalisierung-projektmanagement",
                "title": "Professionalisierung des Projektmanagements von "
                "Migrant*innenorganisationen",
                "funder": OWN_FUNDS,
                "starts_on": datetime.date(2019, 1, 1),
                "ends_on": None,
                "goals": [
                    "Beratung zu Projektanträgen, insbesondere bei der BASFI",
                    "Förderung von Tandem-Projekten, bei denen eine Kooperation zwischen "
                    "Migrant*innenorganisationen (MO) und Regeleinrichtungen angestrebt wird",
                    "Planung und Durchführung von Projekten der MO an aktuelle Beschränkungen "
                    "anpassen",
                ],
                "measures": [
                    "Beratung zu Projektanträgen bei der BASFI",
                    "Begleitung von Tandem-Projekten",
                ],
            },
            {
                "slug": "vernetzt-und-aktiv",
                "title": "Vernetzt & Aktiv – Empowerment alevitischer und muslimischer "
                "Organisationen",
                "funder": OWN_FUNDS,
                "starts_on": datetime.date(2020, 3, 1),
                "ends_on": None,
                "goals": [
                    "Auf- und Ausbau wohlfahrtspflegerischer Strukturen in alevitischen und "
                    "muslimischen Organisationen",
                    "Von freiwillig Engagierten getragene Angebote der sozialen Gemeindearbeit in "
                    "die Nachhaltigkeit überführen",
                    "Die Angebote auch außerhalb der Gemeinden als Teil der Wohlfahrtspflege "
                    "wirksam und sichtbar machen",
                    "Kooperationen zwischen den Gemeinden und den Mitgliedsorganisationen "
                    "entwickeln",
                ],
                "measures": [
                    "Zusammenarbeit mit drei Kooperationsgemeinden",
                    "Konzepte für Modellprojekte",
                    "Kooperationen mit Mitgliedsorganisationen",
                ],
            },
            {
                "slug": "sensibilisierung-diversitaet",
                "title": "Sensibilisierung von Diversität in der Wohlfahrt",
                "funder": OWN_FUNDS,
                "starts_on": datetime.date(2020, 1, 1),
                "ends_on": datetime.date(2020, 12, 31),
                "goals": [
                    "Sensibilisierung der Akteur*innen auf Verbandsseite für die Vielfalt von "
                    "Anliegen bestimmter Menschengruppen",
                    "Podiumsteilnehmer*innen die Möglichkeit geben, die Bedürfnisse ihrer "
                    "Communities zu äußern",
                    "Nachhaltige Kontakte zwischen Akteur*innen und Teilnehmer*innen für "
                    "zukünftige Kooperationen",
                ],
                "measures": ["Podiumsveranstaltungen (auch online)"],
            },
        ],
    },
    {
        "slug": "paritaetischer-nrw",
        "name": "Der Paritätische NRW",
        "short_name": "Paritätischer NRW",
        "parent_body": "",
        "city": "",
        "federal_state": "NW",
        "region_served": "Nordrhein-Westfalen",
        "federal_states_served": ["NW"],
        "email": "vielfalt.nrw@example.org",
        "phone": "",
        "descriptions": {
            "de": (
                "Migrantenselbstorganisationen (MSO) sind eine wichtige Säule der Migrations- und "
                "Integrationsarbeit in NRW. Der Paritätische NRW arbeitet seit vielen Jahren mit "
                "MSO zusammen und setzt sich dafür ein, dass sie besser in die Regelstrukturen "
                "und -förderungen der sozialen Arbeit eingebunden werden – in allen Feldern, in "
                "denen sie aktiv sind, nicht nur in Migration und Integration."
            ),
        },
        "projects": [
            {
                "slug": "vielfaltsgesellschaft",
                "title": "In der Vielfaltsgesellschaft gemeinsam solidarisch Handeln!",
                "funder": "Robert Bosch Stiftung",
                "starts_on": datetime.date(2023, 1, 1),
                "ends_on": datetime.date(2024, 6, 30),
                "goals": [
                    "Migrantenselbstorganisationen besser in Regelstrukturen und -förderungen "
                    "einbinden (Mainstreaming)",
                    "Besserer Zugang zu Fachgremien und Netzwerken",
                    "Sensibilisierung für strukturelle und institutionelle Ungleichbehandlungen "
                    "und Diskriminierungen",
                    "Tandem-Partner*innen lernen voneinander und arbeiten auf Augenhöhe zusammen",
                ],
                "measures": [
                    "Zwölf Tandems aus MSO und anderen Organisationen, ein Jahr lang begleitet",
                    "Fachliche Beratung der Tandems",
                    "Weitergabe von Fördermitteln",
                    "Abschlussveranstaltung „Powersharing und Solidarität“ am 14. Juni 2024 im "
                    "Jahrhunderthaus Bochum",
                ],
            },
        ],
    },
    {
        "slug": "drk-muenster-integrationsagentur",
        "name": "DRK Münster – Integrationsagentur",
        "short_name": "DRK Münster",
        "parent_body": "Deutsches Rotes Kreuz Münster, Team Migration",
        "street": "Cheruskerring 19",
        "postcode": "48147",
        "city": "Münster",
        "federal_state": "NW",
        "region_served": "Münster",
        "federal_states_served": ["NW"],
        "email": "integrationsagentur.muenster@example.org",
        "phone": "",
        "descriptions": {
            "de": (
                "Die Integrationsagentur im Team Migration des DRK Münster unterstützt "
                "muslimische und alevitische Gemeinden, Organisationen und Initiativen, die "
                "wertvolle soziale Arbeit leisten, aber oft nicht in die Prozesse der "
                "Wohlfahrtspflege eingebunden sind – etwa weil die Anerkennung als freier Träger "
                "der Jugendhilfe fehlt. Dank der Förderung des NRW-Integrationsministeriums sind "
                "unsere Angebote kostenfrei. „Gemeinsam lernen im Dialog“ ist ein Projekt der "
                "Arbeitsgemeinschaft der Spitzenverbände der Freien Wohlfahrtspflege NRW unter "
                "Projektleitung des Paritätischen NRW."
            ),
            "en": (
                "The integration agency of the German Red Cross in Münster supports Muslim and "
                "Alevi communities, organizations and initiatives in their social work, free of "
                "charge thanks to funding from the NRW integration ministry."
            ),
        },
        "projects": [
            {
                "slug": "gemeinsam-lernen-im-dialog",
                "title": "Gemeinsam lernen im Dialog – Dialog- und Lernplattform zur Unterstützung "
                "und Stärkung der muslimischen und alevitischen Sozialarbeit vor Ort",
                "funder": "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und "
                "Integration NRW",
                "starts_on": datetime.date(2022, 1, 1),
                "ends_on": None,
                "goals": [
                    "Stärkung und Entwicklung der örtlichen Vernetzungs- und "
                    "Kooperationsstrukturen für und mit muslimisch und alevitisch geprägten "
                    "Gemeinden, Organisationen und Initiativen",
                    "Empowerment und Unterstützung von muslimisch und alevitisch geprägten "
                    "Gemeinden, Organisationen und Initiativen zur stärkeren Professionalisierung "
                    "sozialer Dienstleistungen",
                    "Entwicklung von fachlichen Standards und Herstellung einer "
                    "Anschlussfähigkeit an Förderstrukturen der Sozialen Arbeit",
                    "Unterstützung einer strukturellen Trennung zwischen religiösen Angeboten und "
                    "sozialen Dienstleistungen und dadurch verbesserte Transparenz und "
                    "Anschlussfähigkeit an wohlfahrtsstaatliche Strukturen",
                    "Stärkung der interkulturellen Öffnung und Kooperationsbereitschaft in den "
                    "Einrichtungen und örtlichen Strukturen der öffentlichen und freien "
                    "Wohlfahrtspflege",
                ],
                "measures": [
                    "Standortanalyse",
                    "Bestandsaufnahme und Bedarfsklärung",
                    "Aufbau einer lokalen Anlaufstelle für Akteure",
                    "Auf- oder Ausbau von „Runden Tischen“ und Durchführung von "
                    "Informationsveranstaltungen",
                    "Planung und Organisation von Abendveranstaltungen zu fachlichen Grundlagen "
                    "der Sozialen Arbeit und dem System der Freien Wohlfahrtspflege",
                    "Akquise von Teilnehmer*innen und lokale Bewerbung der "
                    "Projekt-Qualifizierungsveranstaltungen",
                    "Vermittlung und „trouble shooting“ zwischen unterschiedlichen "
                    "muslimischen/alevitischen und nicht muslimischen/alevitischen Akteuren",
                ],
            },
        ],
    },
    {
        "slug": "via-berlin-brandenburg",
        "name": "Verband für interkulturelle Arbeit (VIA) Regionalverband Berlin/Brandenburg e.V.",
        "short_name": "VIA Berlin/Brandenburg",
        "parent_body": "Verband für interkulturelle Arbeit (VIA)",
        "street": "Petersburger Str. 92",
        "postcode": "10247",
        "city": "Berlin",
        "federal_state": "BE",
        "region_served": "Berlin und Brandenburg",
        "federal_states_served": ["BE", "BB"],
        "website": "https://www.via-in-berlin.de",
        "email": "willkommen.via@example.org",
        "phone": "030 23125-100",
        "descriptions": {
            "de": (
                "Der VIA Regionalverband Berlin/Brandenburg unterstützt Kooperation und "
                "Vernetzung von kommunalen Verwaltungen und Einrichtungen der Regeldienste mit "
                "Migrantenorganisationen (MO) und begleitet die Zusammenarbeit. Im Mittelpunkt "
                "stehen Beratung und Qualifizierung von MO, die sich für die Integration von "
                "Migrant*innen, vor allem von Geflüchteten, einsetzen."
            ),
        },
        "projects": [
            {
                "slug": "willkommen-in-berlin",
                "title": "Willkommen in Berlin - Empowerment von MO im Kontext der Strukturen "
                "kommunaler Willkommenskultur",
                "funder": OWN_FUNDS,
                "starts_on": datetime.date(2016, 1, 1),
                "ends_on": None,
                "goals": [
                    "Interkulturelle Öffnung in bezirklichen Verwaltungen und sozialen sowie "
                    "gesundheitlichen Regeldiensten unter Einbeziehung von "
                    "Migrantenorganisationen (MO)",
                    "Aufbau von Strukturen einer kommunalen „Willkommenskultur“ durch "
                    "Kooperationen zwischen MO und den kommunalen Fachverwaltungen",
                    "Akteure von MO durch Beratung, Prozessbegleitung und Coaching befähigen, in "
                    "kommunalen Gremien, Beiräten und Arbeitsgruppen mitzuwirken",
                ],
                "measures": [
                    (
                        "Workshops zur Qualifizierung",
                        "Anerkennung von beruflichen Qualifikationen aus dem Ausland; Zugang zum "
                        "Arbeitsmarkt und –Förderung für Geflüchtete; Arbeit mit Ehrenamtlichen; "
                        "Projektmanagement",
                    ),
                    (
                        "Beratung",
                        "Finanzierungsmöglichkeiten von Projekten, Konzeptentwicklung, "
                        "Projektverwaltung, Arbeit mit Ehrenamtlichen, Vereins- und Arbeitsrecht",
                    ),
                    (
                        "Arbeitsmarktgespräche",
                        "Referent*innen von Arbeitsmarktinstitutionen bzw. Projekten mit "
                        "Arbeitsmarktbezug werden zu einer MO eingeladen und tauschen sich über "
                        "Anerkennung, Qualifizierungsmöglichkeiten oder Arbeitsrecht aus.",
                    ),
                    (
                        "Prozessbegleitung und Coaching",
                        "Für die Mitwirkung in kommunalen Gremien, Beiräten und Arbeitsgruppen",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "paritaetischer-gesamtverband",
        "name": "Der Paritätische Gesamtverband",
        "short_name": "Paritätischer Gesamtverband",
        "parent_body": "",
        "city": "Berlin",
        "federal_state": "BE",
        "region_served": "Bundesweit",
        "federal_states_served": ALL_STATES,
        "email": "gemeinsam-aktiv@example.org",
        "phone": "030 23125-200",
        # The English text predates the German one's last change: the page shows it as outdated.
        "outdated_translations": ("en",),
        "descriptions": {
            "de": (
                "Der Paritätische Gesamtverband setzt sich für eine stärkere Partizipation von "
                "Migrant*innenorganisationen (MO) an den Regelstrukturen der sozialen Arbeit ein. "
                "Handlungsempfehlungen und Arbeitshilfen entstehen gemeinsam mit dem Forum der "
                "Migrantinnen und Migranten im Paritätischen (FdM)."
            ),
            "en": (
                "The Paritätische Gesamtverband works for a stronger participation of migrant "
                "organizations in the regular structures of social work."
            ),
        },
        "projects": [
            {
                "slug": "gemeinsam-aktiv",
                "title": "Gemeinsam aktiv: Kooperation zwischen (migrantischen) Akteur*innen "
                "Sozialer Arbeit stärken",
                "funder": "Kofinanziert aus Mitteln des Asyl-, Migrations- und Integrationsfonds",
                "starts_on": datetime.date(2020, 1, 1),
                "ends_on": datetime.date(2022, 12, 31),
                "goals": [
                    "Potentiale und Hürden einer stärkeren Partizipation von MO an den "
                    "Regelstrukturen der sozialen Arbeit identifizieren",
                    "Mehr MOs finanzieren ihre Angebote über die Regelförderung der sozialen "
                    "Arbeit, außerhalb von zeitbegrenzten Integrationsprojekten",
                    "Informationsbedarf der MOs zu den Anforderungen der Fördermöglichkeiten "
                    "decken",
                ],
                "measures": [
                    "20 Einzelgespräche mit Vertreter*innen von MOs aus dem gesamten Bundesgebiet",
                    (
                        "Online-Befragung: 414 MOs, 102 Behörden und 171 Leistungserbringer",
                        "54 % der MOs wurden gegründet, um in der Kinder- und Jugendhilfe aktiv "
                        "zu sein; nur 18 % finanzieren ihre Angebote über die Kinder- und "
                        "Jugendhilfe.",
                    ),
                    "Handlungsempfehlungen an Politik, Leistungserbringer und andere "
                    "Akteur*innen der sozialen Arbeit",
                    "Fachgespräch mit Expert*innen zum Entwurf der Handlungsempfehlungen",
                    "Drei Arbeitshilfen: Kitagründung, Jugendhilfe, Maßnahmen in der "
                    "Arbeitsmarktintegration – jeweils mit dem Portrait einer MO",
                ],
            },
        ],
    },
]
