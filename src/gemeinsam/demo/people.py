"""Invented people: one log-in per role, agency staff, and the public contacts agencies show.

All names are invented and all addresses use the reserved domain example.org. Phone numbers are
the Bundesnetzagentur's numbers for fiction (030 23125-…, 040 66969-…) or plainly made up.
"""

from __future__ import annotations

from dataclasses import dataclass

# One password for every demo account; `gemeinsam demo` prints it.
DEMO_PASSWORD = "gemeinsam-demo"  # noqa: S105 - a published demo password, not a secret


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    is_platform_admin: bool = False


@dataclass(frozen=True)
class Staff:
    agency: str  # agency slug
    person: Person
    role: str  # "advisor" | "manager"
    public_title: str = ""
    public_phone: str = ""
    public_email: str = ""
    languages: str = ""

    @property
    def is_public_contact(self) -> bool:
        return bool(self.public_title)


MEMBER = Person("rania.darwish@example.org", "Rania Darwish")
COLLEAGUE = Person("omar.saleh@example.org", "Omar Saleh")
SECOND_MEMBER = Person("kemal.dogan@example.org", "Kemal Doğan")
CLAIMANT = Person("selam.tekle@example.org", "Selam Tekle")
ADVISOR_X = Person("jana.petersen@example.org", "Jana Petersen")
ADVISOR_Y = Person("tobias.brandt@example.org", "Tobias Brandt")
MANAGER = Person("miriam.hoffmann@example.org", "Miriam Hoffmann")
ARABIC_ADVISOR = Person("karim.nasser@example.org", "Karim Nasser")
PLATFORM_ADMIN = Person("admin@example.org", "Lukas Weber", is_platform_admin=True)

STAFF = (
    Staff(
        "kommig-hamburg",
        MANAGER,
        "manager",
        "Leitung KomMig",
        "040 66969-110",
        "leitung.kommig@example.org",
        "Deutsch, Englisch",
    ),
    Staff(
        "kommig-hamburg",
        ADVISOR_X,
        "advisor",
        "Beratung zu Vereinsgründung und Organisationsentwicklung",
        "040 66969-111",
        "beratung.kommig@example.org",
        "Deutsch, Englisch",
    ),
    Staff(
        "kommig-hamburg",
        ARABIC_ADVISOR,
        "advisor",
        "Beratung zu Projektanträgen, auch auf Arabisch",
        "040 66969-112",
        "projekte.kommig@example.org",
        "Deutsch, Arabisch",
    ),
    Staff(
        "kommig-hamburg",
        Person("elif.aydin@example.org", "Elif Aydın"),
        "advisor",
        "Projekt „Vernetzt & Aktiv“",
        "040 66969-113",
        "vernetzt.kommig@example.org",
        "Deutsch, Türkisch",
    ),
    Staff("paritaetischer-nrw", Person("stefan.koch@example.org", "Stefan Koch"), "manager"),
    Staff(
        "paritaetischer-nrw",
        Person("lena.vogel@example.org", "Lena Vogel"),
        "advisor",
        "Tandem-Begleitung „In der Vielfaltsgesellschaft gemeinsam solidarisch Handeln!“",
        "0202 1234567-21",
        "tandems.nrw@example.org",
        "Deutsch, Englisch",
    ),
    Staff(
        "drk-muenster-integrationsagentur",
        Person("katrin.schulz@example.org", "Katrin Schulz"),
        "manager",
        "Team Migration – Integrationsagentur",
        "0251 1234567-20",
        "dialog.muenster@example.org",
        "Deutsch",
    ),
    Staff(
        "drk-muenster-integrationsagentur",
        Person("baran.kilic@example.org", "Baran Kılıç"),
        "advisor",
        "Projekt „Gemeinsam lernen im Dialog“",
        "0251 1234567-21",
        "lernplattform.muenster@example.org",
        "Deutsch, Türkisch, Kurdisch",
    ),
    Staff(
        "via-berlin-brandenburg", Person("sabine.neumann@example.org", "Sabine Neumann"), "manager"
    ),
    Staff(
        "via-berlin-brandenburg",
        ADVISOR_Y,
        "advisor",
        "Projektleitung „Willkommen in Berlin“",
        "030 23125-111",
        "willkommen.projekt@example.org",
        "Deutsch, Englisch",
    ),
    Staff(
        "via-berlin-brandenburg",
        Person("amira.mansour@example.org", "Amira Mansour"),
        "advisor",
        "Beratung und Arbeitsmarktgespräche",
        "030 23125-112",
        "arbeitsmarkt.via@example.org",
        "Deutsch, Arabisch, Französisch",
    ),
    Staff(
        "paritaetischer-gesamtverband",
        Person("hannah.richter@example.org", "Hannah Richter"),
        "manager",
        "Projekt „Gemeinsam aktiv“",
        "030 23125-210",
        "gemeinsam-aktiv.projekt@example.org",
        "Deutsch, Englisch",
    ),
    Staff(
        "paritaetischer-gesamtverband",
        Person("farid.rahimi@example.org", "Farid Rahimi"),
        "advisor",
    ),
)

# What `gemeinsam demo` prints: (role, person, what they act for).
LOGINS = (
    ("Organization member", MEMBER, "admin of Deutsch-Syrischer Kulturverein Bochum e.V."),
    (
        "Second organization member",
        SECOND_MEMBER,
        "admin of Alevitische Gemeinde Gelsenkirchen e.V.",
    ),
    ("Advisor at agency X", ADVISOR_X, "KomMig, Hamburg"),
    ("Advisor at agency Y", ADVISOR_Y, "VIA Berlin/Brandenburg"),
    ("Advisor counselling in Arabic", ARABIC_ADVISOR, "KomMig, Hamburg"),
    ("Agency manager", MANAGER, "KomMig, Hamburg"),
    ("Platform admin", PLATFORM_ADMIN, "also the Django admin at /admin/"),
    (
        "Member with a pending claim",
        CLAIMANT,
        "asks to act for Eritreischer Kulturverein Köln e.V.",
    ),
)
