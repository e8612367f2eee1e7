"""The demo's events: the Bochum closing event of 14 June 2024 and upcoming dates of every kind.

Upcoming dates are counted from the day the demo is loaded, on weekdays at usual local times
(Europe/Berlin), never between Christmas and New Year. Events are keyed by slug, questions and
speakers by their position, registrations by (event, email), so loading again changes nothing.

Registrations for upcoming events go through `events.services.register`, as on the website:
places, waiting list and approvals are counted by the service and one mail per person is
queued (the demo's worker prints them). The past event's registrations are written directly,
since the service refuses registrations for past events.

Every person is invented (names from names.py, addresses at example.org).
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass, field
from random import Random

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.events import services
from gemeinsam.events.enums import (
    EventFormat,
    EventKind,
    EventStatus,
    QuestionKind,
    RegistrationStatus,
)
from gemeinsam.events.models import (
    Answer,
    Event,
    EventSeries,
    Profession,
    Question,
    Registration,
    Speaker,
    Topic,
)
from gemeinsam.organizations.models import (
    FieldOfActivity,
    Organization,
    TargetGroup,
    WorkingLanguage,
)

from . import people
from .names import names

SEED = 20240614
BOCHUM = "powersharing-und-solidaritaet-2024"
FULLY_BOOKED = "workshop-anerkennung-auslaendischer-abschluesse"
CLOSED_ROUND_TABLE = "geschlossener-runder-tisch-vernetzt-und-aktiv"

# Who creates each agency's events (invented staff from people.py).
ORGANIZERS = {
    "kommig-hamburg": "elif.aydin@example.org",
    "paritaetischer-nrw": "lena.vogel@example.org",
    "drk-muenster-integrationsagentur": "baran.kilic@example.org",
    "via-berlin-brandenburg": people.cast().advisor_y.email,
    "paritaetischer-gesamtverband": "hannah.richter@example.org",
}


@dataclass(frozen=True)
class QuestionSpec:
    label: str
    kind: str
    choices: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""


@dataclass(frozen=True)
class SpeakerSpec:
    name: str
    role: str
    organization: str = ""  # the name of a demo organization, linked when found
    organization_name: str = ""  # an institution outside the directory


@dataclass
class EventSpec:
    slug: str
    agency: str
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str
    agenda: tuple[str, ...] = ()
    project: str = ""
    series: str = ""
    format: str = EventFormat.IN_PERSON
    venue_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    federal_state: str = ""
    accessibility: str = ""
    online_url: str = ""
    languages: tuple[str, ...] = ("de",)
    interpretation: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    professions: tuple[str, ...] = ()
    host: str = ""  # name of the hosting demo organization
    capacity: int | None = None
    waitlist_enabled: bool = True
    requires_approval: bool = False
    max_group_size: int = 10
    consent_text: str = ""
    registration_closes_at: datetime.datetime | None = None
    reminder_days: int | None = None
    questions: tuple[QuestionSpec, ...] = ()
    speakers: tuple[SpeakerSpec, ...] = ()
    signups: int = 0  # single registrations of invented participants
    signup_region: tuple[str, ...] = field(default_factory=tuple)  # federal states to pick from


def _is_holiday(day: datetime.date) -> bool:
    """Between Christmas and New Year nobody holds an event (and KomMig is closed)."""
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3)


def on(
    today: datetime.date,
    days: int,
    weekday: int,
    *,
    length: int = 1,
    taken: set[datetime.date] | None = None,
) -> datetime.date:
    """The first given weekday (0 = Monday) at least `days` after today whose `length` days
    are all outside the holidays and not in `taken` (the days a venue is already used; the
    chosen days are added to it)."""
    day = today + datetime.timedelta(days=days)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)

    def span(first):
        return [first + datetime.timedelta(days=n) for n in range(length)]

    while any(_is_holiday(d) or d in (taken or ()) for d in span(day)):
        day += datetime.timedelta(days=7)
    if taken is not None:
        taken.update(span(day))
    return day


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A local time (Europe/Berlin, the installation's zone) on that day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def consent(agency: str, extra: str = "") -> str:
    return (
        f"Ich bin damit einverstanden, dass {agency} meine Angaben (Name, E-Mail-Adresse, "
        "Organisation und meine Antworten) speichert, um diese Veranstaltung zu organisieren "
        "und gegenüber dem Fördermittelgeber die Zahl der Teilnehmenden nachzuweisen. "
        f"{extra}Die Angaben werden ein Jahr nach der Veranstaltung gelöscht. Ich kann meine "
        "Einwilligung jederzeit über den persönlichen Link in der Bestätigungsmail widerrufen."
    )


# --- Texts shared by several events ------------------------------------------------------------

ACCESS_VIA = (
    "Der Seminarraum liegt im Erdgeschoss und ist stufenlos erreichbar. Ein barrierefreies WC "
    "ist vorhanden. Nächste Haltestelle: S-Bahnhof Warschauer Straße (Aufzug), etwa "
    "10 Minuten Fußweg. Bitte sagen Sie uns bei der Anmeldung, was Sie brauchen."
)
ACCESS_KOMMIG = (
    "Aufzug bis in den 1. Stock, barrierefreies WC auf der Etage, mobile Induktionsschleife auf "
    "Anfrage. Ein ruhiger Raum zum Zurückziehen steht zur Verfügung."
)
ACCESS_MUENSTER = (
    "Der Saal ist über eine Rampe am Seiteneingang stufenlos erreichbar; ein barrierefreies WC "
    "ist im Erdgeschoss. Gebetsraum und ruhiger Raum auf Nachfrage."
)
ACCESS_ONLINE = (
    "Online über den Browser, ohne Installation. Automatische Untertitel auf Deutsch; "
    "Verdolmetschung über einen eigenen Audiokanal. Die Folien erhalten Sie vorab als PDF."
)

INTERPRETATION_QUESTION = QuestionSpec(
    "In welche Sprache sollen wir für Sie dolmetschen?",
    QuestionKind.SINGLE,
    ("Keine Verdolmetschung nötig", "Arabisch", "Türkisch", "Farsi/Dari", "Ukrainisch"),
    help_text="Wir organisieren die Verdolmetschung, wenn sich mindestens drei Personen melden.",
)
ACCESS_QUESTION = QuestionSpec(
    "Brauchen Sie etwas, um gut teilnehmen zu können?",
    QuestionKind.TEXT,
    help_text="Zum Beispiel Rollstuhlplatz, Gebärdensprache, große Schrift, Kinderbetreuung.",
)
DIET_QUESTION = QuestionSpec(
    "Mittagsimbiss: Was sollen wir beachten?",
    QuestionKind.MULTIPLE,
    ("vegetarisch", "vegan", "ohne Schweinefleisch", "halal", "glutenfrei", "laktosefrei"),
)


def via_questions(hours: str) -> tuple[QuestionSpec, ...]:
    return (
        INTERPRETATION_QUESTION,
        ACCESS_QUESTION,
        DIET_QUESTION,
        QuestionSpec(
            f"Ich kann am ganzen Workshop teilnehmen ({hours} Uhr).",
            QuestionKind.CHECKBOX,
            required=True,
            help_text="Die Plätze sind knapp; wer nur kurz kommen kann, meldet sich bitte nicht "
            "an, damit jemand von der Warteliste nachrücken kann.",
        ),
    )


VIA_VENUE = {
    "venue_name": "VIA Regionalverband Berlin/Brandenburg, Seminarraum",
    "street": "Petersburger Str. 92",
    "postcode": "10247",
    "city": "Berlin",
    "federal_state": "BE",
    "accessibility": ACCESS_VIA,
}
KOMMIG_VENUE = {
    "venue_name": "Das PARITÄTISCHE Kompetenzzentrum Migration (KomMig)",
    "city": "Hamburg",
    "federal_state": "HH",
    "accessibility": ACCESS_KOMMIG,
}
AKADEMIE_VENUE = {
    "venue_name": "PARITÄTISCHE Akademie Nord, Seminarraum 2",
    "city": "Hamburg",
    "federal_state": "HH",
    "accessibility": ACCESS_KOMMIG,
}
MUENSTER_VENUE = {
    "venue_name": "DRK Münster, Saal im Erdgeschoss",
    "street": "Cheruskerring 19",
    "postcode": "48147",
    "city": "Münster",
    "federal_state": "NW",
    "accessibility": ACCESS_MUENSTER,
}


def bochum_spec() -> EventSpec:
    day = datetime.date(2024, 6, 14)
    return EventSpec(
        slug=BOCHUM,
        agency="paritaetischer-nrw",
        project="vielfaltsgesellschaft",
        title="Powersharing und Solidarität – Abschlussveranstaltung des Projekts „In der "
        "Vielfaltsgesellschaft gemeinsam solidarisch Handeln!“",
        kind=EventKind.CLOSING,
        starts_at=at(day, 13),
        ends_at=at(day, 18),
        summary="Ein Jahr Tandems aus Migrantenselbstorganisationen und anderen Organisationen: "
        "Erfahrungen, Hindernisse, Erkenntnisse – und ein Vortrag zu Powersharing und "
        "Solidarität.",
        description=(
            "Migrantenselbstorganisationen (MSO) besser in die Regelstrukturen der sozialen "
            "Arbeit einzubinden, war das Ziel des Projekts „In der Vielfaltsgesellschaft "
            "gemeinsam solidarisch Handeln!“. Zwölf Tandems aus MSO und anderen, nicht aus dem "
            "Arbeitsfeld der Migration kommenden Organisationen hat der Paritätische NRW ein "
            "Jahr lang mit fachlicher Beratung und der Weitergabe von Fördermitteln begleitet.\n\n"
            "Wie wurde das praktisch umgesetzt? Welche Erfahrungen haben die Tandem-Partner "
            "gemacht, welche Hindernisse mussten sie überwinden und welche Erkenntnisse haben "
            "sie gewonnen? Diesen Fragen gehen wir in der Abschlussveranstaltung nach – mit "
            "Erfahrungsberichten der Kooperationspartner, einem Vortrag zum Thema "
            "„Powersharing und Solidarität“ und viel Zeit für den Austausch.\n\n"
            "Die Veranstaltung ist offen für alle Interessierten. Um eine Anmeldung wird "
            "gebeten."
        ),
        agenda=(
            "13:00 Ankommen, Kaffee und Begrüßung",
            "13:30 Rückblick: ein Jahr Tandems auf Augenhöhe",
            "14:15 Erfahrungsberichte der Tandem-Partner*innen",
            "15:15 Pause",
            "15:45 Vortrag „Powersharing und Solidarität“ mit Rückfragen",
            "16:45 Austausch mit den Kooperationspartnern an Thementischen",
            "17:45 Ausblick und Verabschiedung",
        ),
        venue_name="Jahrhunderthaus Bochum",
        street="Alleestraße 80",
        postcode="44793",
        city="Bochum",
        federal_state="NW",
        accessibility="Der Veranstaltungssaal ist über einen Aufzug stufenlos erreichbar; "
        "barrierefreie WCs sind vorhanden.",
        languages=("de",),
        target_groups=("professionals", "volunteers"),
        fields=("migration_integration", "youth_welfare", "elderly_care"),
        topics=("anti_racism", "networking", "participation"),
        capacity=80,
        consent_text=consent("der Paritätische NRW"),
        registration_closes_at=at(datetime.date(2024, 6, 10), 23, 59),
        questions=(
            QuestionSpec(
                "An welchem Thementisch möchten Sie sich austauschen?",
                QuestionKind.SINGLE,
                (
                    "Tandems in der Kinder- und Jugendhilfe",
                    "Tandems in der Altenhilfe",
                    "Zugang zu Fachgremien und Netzwerken",
                    "Fördermittel weitergeben",
                ),
            ),
            ACCESS_QUESTION,
        ),
        speakers=(
            SpeakerSpec("Lena Vogel", "Moderation", organization_name="Der Paritätische NRW"),
            SpeakerSpec(
                "Prof. Dr. Eleni Georgiou",
                "Vortrag „Powersharing und Solidarität“",
                organization_name="Hochschule für Angewandte Sozialwissenschaften",
            ),
            SpeakerSpec(
                people.cast().member.name,
                "Erfahrungsbericht aus einem Tandem in der Jugendarbeit",
                organization="Deutsch-Syrischer Kulturverein Bochum e.V.",
            ),
            SpeakerSpec(
                "Moritz Lange",
                "Erfahrungsbericht aus einem Tandem in der Jugendarbeit",
                organization="Jugendmigrationsdienst Dortmund",
            ),
            SpeakerSpec(
                "Fatma Öztürk",
                "Erfahrungsbericht aus einem Tandem in der Altenhilfe",
                organization="Türkischer Seniorentreff Marxloh",
            ),
        ),
    )


def upcoming_specs(today: datetime.date) -> list[EventSpec]:
    """Every upcoming demo event, with dates counted from today."""
    specs = []
    add = specs.append

    # --- DRK Münster: round tables (a series) and an evening event --------------------------
    for n, days in ((1, 12), (2, 47)):
        day = on(today, days, 1)  # Tuesday
        add(
            EventSpec(
                slug=f"runder-tisch-muenster-{n}",
                agency="drk-muenster-integrationsagentur",
                project="gemeinsam-lernen-im-dialog",
                series="Runder Tisch Soziale Arbeit muslimischer und alevitischer Gemeinden",
                title="Runder Tisch: Soziale Arbeit muslimischer und alevitischer Gemeinden in "
                "Münster",
                kind=EventKind.ROUND_TABLE,
                starts_at=at(day, 17),
                ends_at=at(day, 19, 30),
                summary="Gemeinden, Initiativen, Träger und Verwaltung an einem Tisch: Was läuft "
                "schon, wo hakt es, wer kann mit wem?",
                description=(
                    "Am Runden Tisch kommen Aktive aus muslimisch und alevitisch geprägten "
                    "Gemeinden, Organisationen und Initiativen mit Trägern der freien "
                    "Wohlfahrtspflege und der Stadtverwaltung zusammen. Wir stellen Ergebnisse "
                    "der Bestandsaufnahme vor, sammeln Bedarfe und verabreden konkrete "
                    "Kooperationen – von der Hausaufgabenhilfe bis zur Seniorenarbeit.\n\n"
                    "Der Runde Tisch trifft sich regelmäßig; neue Teilnehmende sind willkommen."
                ),
                agenda=(
                    "Ankommen und Vorstellungsrunde",
                    "Ergebnisse der Bestandsaufnahme und Bedarfsklärung",
                    "Kooperationen: Wer sucht, wer bietet?",
                    "Verabredungen bis zum nächsten Treffen",
                ),
                **MUENSTER_VENUE,
                languages=("de", "tr"),
                interpretation=("ar",),
                target_groups=("volunteers", "professionals"),
                fields=("youth_work", "elderly_care", "women_family"),
                topics=("networking", "intercultural_opening"),
                capacity=25,
                consent_text=consent("das DRK Münster (Integrationsagentur)"),
                questions=(ACCESS_QUESTION,),
                signups=4 if n == 1 else 2,
                signup_region=("NW",),
            )
        )
    day = on(today, 26, 3)  # Thursday
    add(
        EventSpec(
            slug="abendveranstaltung-freie-wohlfahrtspflege-muenster",
            agency="drk-muenster-integrationsagentur",
            project="gemeinsam-lernen-im-dialog",
            title="Wie funktioniert die Freie Wohlfahrtspflege? Ein Abend für Gemeinden und "
            "Initiativen",
            kind=EventKind.EVENING,
            starts_at=at(day, 18, 30),
            ends_at=at(day, 21),
            summary="Fachliche Grundlagen der Sozialen Arbeit und das System der Freien "
            "Wohlfahrtspflege – verständlich erklärt, mit Zeit für Ihre Fragen.",
            description=(
                "Viele Gemeinden leisten seit Jahren soziale Arbeit – meist ehrenamtlich und "
                "ohne Zugang zu den Fördermitteln der Wohlfahrtspflege. An diesem Abend erklären "
                "wir, wie die Freie Wohlfahrtspflege in Deutschland aufgebaut ist, was ein "
                "anerkannter Träger der freien Jugendhilfe ist und warum eine klare Trennung "
                "zwischen religiösen Angeboten und sozialen Dienstleistungen Türen öffnet.\n\n"
                "Eine Gemeinde aus dem Münsterland berichtet, wie sie ihre Seniorenarbeit in "
                "einen eigenen Verein überführt hat. Bei Tee und Gebäck ist danach Zeit für "
                "Fragen und Gespräche."
            ),
            agenda=(
                "18:30 Begrüßung",
                "18:45 Das System der Freien Wohlfahrtspflege in zehn Minuten",
                "19:00 Anerkennung als Träger der freien Jugendhilfe (§ 75 SGB VIII)",
                "19:30 Praxisbericht: vom Gemeindeangebot zum eigenen Verein",
                "20:00 Fragen, Gespräche, Tee",
            ),
            **MUENSTER_VENUE,
            languages=("de", "tr"),
            interpretation=("ar", "ku"),
            target_groups=("volunteers",),
            fields=("youth_welfare", "civic_engagement"),
            topics=("association_law", "funding"),
            capacity=40,
            max_group_size=6,
            consent_text=consent("das DRK Münster (Integrationsagentur)"),
            questions=(INTERPRETATION_QUESTION, ACCESS_QUESTION),
            speakers=(
                SpeakerSpec(
                    "Baran Kılıç",
                    "Moderation",
                    organization_name="DRK Münster – Integrationsagentur",
                ),
                SpeakerSpec(
                    "Sarah Zimmermann",
                    "Das System der Freien Wohlfahrtspflege",
                    organization_name="Fachberatung Freie Wohlfahrtspflege",
                ),
                SpeakerSpec(
                    "Hasan Arslan",
                    "Praxisbericht",
                    organization="Islamische Gemeinde Münster-Kinderhaus e.V.",
                ),
            ),
            signups=3,
            signup_region=("NW",),
        )
    )

    # --- KomMig: a closed round table and an online panel ------------------------------------
    day = on(today, 19, 1)  # Tuesday
    add(
        EventSpec(
            slug=CLOSED_ROUND_TABLE,
            agency="kommig-hamburg",
            project="vernetzt-und-aktiv",
            title="Geschlossener Runder Tisch: Kooperationsgemeinden und Mitgliedsorganisationen",
            kind=EventKind.ROUND_TABLE,
            starts_at=at(day, 14),
            ends_at=at(day, 17),
            summary="Arbeitstreffen der Kooperationsgemeinden von „Vernetzt & Aktiv“ mit "
            "interessierten Mitgliedsorganisationen. Teilnahme nach Rücksprache.",
            description=(
                "Im Projekt „Vernetzt & Aktiv“ entwickeln wir mit drei "
                "Kooperationsgemeinden Konzepte für Modellprojekte der sozialen Gemeindearbeit. "
                "An diesem Runden Tisch stellen die Gemeinden ihre Ideen vor, und "
                "Mitgliedsorganisationen des PARITÄTISCHEN prüfen, wo sie als Partner "
                "einsteigen können.\n\n"
                "Der Kreis ist bewusst klein. Wir bestätigen jede Anmeldung einzeln – bitte "
                "schreiben Sie kurz, für welche Organisation Sie kommen."
            ),
            agenda=(
                "Begrüßung und Ziel des Treffens",
                "Drei Modellprojekte in Kurzvorstellung",
                "Kleingruppen: Wer kann wo mitmachen?",
                "Nächste Schritte und Absprachen",
            ),
            **KOMMIG_VENUE,
            languages=("de", "tr"),
            target_groups=("volunteers", "professionals"),
            fields=("women_family", "elderly_care", "youth_work"),
            topics=("networking", "intercultural_opening"),
            capacity=14,
            requires_approval=True,
            max_group_size=3,
            consent_text=consent("das PARITÄTISCHE Kompetenzzentrum Migration (KomMig)"),
            questions=(
                QuestionSpec(
                    "Für welche Organisation kommen Sie, und was interessiert Sie besonders?",
                    QuestionKind.TEXT,
                    required=True,
                ),
            ),
            signups=3,  # staff accept the first, two wait for a decision
            signup_region=("HH",),
        )
    )
    day = on(today, 33, 2)  # Wednesday
    add(
        EventSpec(
            slug="online-podium-vielfalt-in-der-wohlfahrt",
            agency="kommig-hamburg",
            project="vernetzt-und-aktiv",
            title="Online-Podium: Soziale Gemeindearbeit sichtbar machen – Vielfalt in der "
            "Wohlfahrtspflege",
            kind=EventKind.PANEL,
            format=EventFormat.ONLINE,
            starts_at=at(day, 18),
            ends_at=at(day, 19, 45),
            summary="Was Gemeinden und Communities für die Wohlfahrtspflege leisten, was sie "
            "brauchen – und was Verbände daraus lernen können.",
            description=(
                "In muslimischen und alevitischen Organisationen wird seit jeher eine "
                "vielfältige, sehr engagierte soziale Gemeindearbeit geleistet – zumeist von "
                "freiwillig Engagierten. Auf dem Podium berichten Aktive aus Hamburger "
                "Organisationen, was ihre Communities brauchen, und diskutieren mit einer "
                "Regeleinrichtung, wie daraus dauerhafte Kooperationen werden.\n\n"
                "Sie können Ihre Fragen vorab bei der Anmeldung oder live im Chat stellen. Den "
                "Link zur Videokonferenz erhalten Sie mit der Bestätigung."
            ),
            agenda=(
                "Begrüßung und Einführung",
                "Drei Kurzimpulse aus den Communities",
                "Podiumsgespräch",
                "Fragen aus dem Publikum",
            ),
            online_url="https://video.example.org/kommig/podium-vielfalt-in-der-wohlfahrt",
            federal_state="HH",
            accessibility=ACCESS_ONLINE,
            languages=("de",),
            interpretation=("ar", "tr"),
            target_groups=("volunteers", "professionals"),
            fields=("migration_integration", "civic_engagement"),
            topics=("intercultural_opening", "participation"),
            capacity=100,
            consent_text=consent("das PARITÄTISCHE Kompetenzzentrum Migration (KomMig)"),
            questions=(
                QuestionSpec(
                    "Ihre Frage an das Podium (freiwillig)",
                    QuestionKind.TEXT,
                ),
                QuestionSpec(
                    "Verdolmetschung über den Audiokanal",
                    QuestionKind.SINGLE,
                    ("Keine", "Arabisch", "Türkisch"),
                ),
            ),
            speakers=(
                SpeakerSpec(
                    "Elif Aydın",
                    "Moderation",
                    organization_name="Das PARITÄTISCHE Kompetenzzentrum Migration",
                ),
                SpeakerSpec(
                    "Rojda Zana",
                    "Impuls: Elternarbeit in der Community",
                    organization="Kurdisches Elternforum Wilhelmsburg e.V.",
                ),
                SpeakerSpec(
                    "Olena Melnyk",
                    "Impuls: Familien nach der Flucht",
                    organization="Mriya – Ukrainische Familien in Altona e.V.",
                ),
                SpeakerSpec(
                    "Jonas Hartmann",
                    "Sicht einer Regeleinrichtung",
                    organization="Nachbarschaftsheim Wilhelmsburg e.V.",
                ),
            ),
            signups=10,
            signup_region=("HH", "NW", "BE"),
        )
    )

    # --- VIA Berlin: four workshops and a labour-market talk ---------------------------------
    workshops = (
        (
            FULLY_BOOKED,
            "Workshop: Anerkennung von beruflichen Qualifikationen aus dem Ausland",
            "recognition_qualifications",
            9,
            12,
            "Wie läuft ein Anerkennungsverfahren ab, wer ist zuständig, was kostet es – und wie "
            "können Vereine Ratsuchende dabei begleiten?",
            (
                "Viele Menschen, die zu Migrant*innenorganisationen kommen, haben im Ausland "
                "einen Beruf gelernt oder studiert – und arbeiten hier weit darunter. Im "
                "Workshop lernen Sie das Anerkennungsverfahren kennen: reglementierte und "
                "nicht reglementierte Berufe, zuständige Stellen, Unterlagen, Kosten und "
                "Fördermöglichkeiten. An Fallbeispielen aus Ihrer Praxis üben wir, wie Sie "
                "Ratsuchende gut weiterverweisen und begleiten."
            ),
            (
                "Anerkennung: Wer braucht sie, wofür?",
                "Zuständige Stellen und der Weg durch das Verfahren",
                "Mittagsimbiss",
                "Fallbeispiele aus Ihrer Praxis",
                "Gut weiterverweisen: Beratungsangebote in Berlin",
            ),
            ("job_seekers", "newcomers"),
            ("labour_market", "counselling"),
        ),
        (
            "workshop-arbeitsmarktzugang-gefluechtete",
            "Workshop: Zugang zum Arbeitsmarkt und Förderung für Geflüchtete",
            "labour_market_access",
            23,
            20,
            "Arbeitserlaubnis, Förderinstrumente, Sprachkurse: was Geflüchtete wissen müssen "
            "und wie MO sie dabei unterstützen.",
            (
                "Wer darf wann arbeiten, und welche Förderung gibt es? Der Workshop gibt einen "
                "Überblick über den Arbeitsmarktzugang je nach Aufenthaltsstatus, über "
                "Berufssprachkurse, Praktika und Förderinstrumente von Jobcenter und Agentur "
                "für Arbeit. Sie erfahren, welche Fragen Sie selbst beantworten können und wann "
                "Sie an eine Fachberatung verweisen."
            ),
            (
                "Aufenthaltsstatus und Arbeitserlaubnis im Überblick",
                "Berufssprachkurse, Praktika und Einstiegsqualifizierung",
                "Mittagsimbiss",
                "Förderinstrumente von Jobcenter und Agentur für Arbeit",
                "Arbeitsrechte kennen: Lohn, Vertrag, Probezeit",
            ),
            ("refugees", "job_seekers"),
            ("labour_market", "refugee_help"),
        ),
        (
            "workshop-arbeit-mit-ehrenamtlichen",
            "Workshop: Arbeit mit Ehrenamtlichen",
            "volunteering",
            30,
            15,
            "Ehrenamtliche gewinnen, begleiten und halten – ohne dass die Vorstandsarbeit an "
            "wenigen hängen bleibt.",
            (
                "Ohne Ehrenamtliche gäbe es die meisten Angebote von MO nicht. Gleichzeitig "
                "hängt oft viel an wenigen Schultern. Wir sprechen darüber, wie Sie neue "
                "Engagierte gewinnen, Aufgaben klar verteilen, Anerkennung zeigen und "
                "Konflikte lösen – und was bei Versicherung, Aufwandsentschädigung und "
                "Ehrenamtspauschale zu beachten ist."
            ),
            (
                "Wer engagiert sich bei uns – und warum?",
                "Aufgaben beschreiben und verteilen",
                "Mittagsimbiss",
                "Versicherung, Aufwandsentschädigung, Ehrenamtspauschale",
                "Anerkennung und Konflikte",
            ),
            ("volunteers",),
            ("civic_engagement",),
        ),
        (
            "workshop-projektmanagement",
            "Workshop: Projektmanagement für Migrant*innenorganisationen",
            "project_management",
            40,
            15,
            "Vom Projektantrag bis zum Verwendungsnachweis: Ziele, Zeitplan, Finanzplan und "
            "Dokumentation im Griff.",
            (
                "Sie haben eine Förderzusage – und jetzt? Der Workshop führt durch alle Phasen "
                "eines Projekts: Ziele und Meilensteine festlegen, Zeit- und Finanzplan "
                "aufstellen, Aufgaben im Team verteilen, Ausgaben belegen und am Ende einen "
                "sauberen Verwendungsnachweis schreiben. Bringen Sie gern einen eigenen "
                "Projektplan mit."
            ),
            (
                "Ziele, Meilensteine, Indikatoren",
                "Zeit- und Finanzplan",
                "Mittagsimbiss",
                "Belege, Dokumentation und Verwendungsnachweis",
                "Ihre Fragen aus laufenden Projekten",
            ),
            ("volunteers", "professionals"),
            ("civic_engagement", "migration_integration"),
        ),
    )
    # 15 people for 12 places: the first workshop is fully booked, with 3 waiting.
    signups = {FULLY_BOOKED: 15, "workshop-arbeitsmarktzugang-gefluechtete": 6}
    signups |= {"workshop-arbeit-mit-ehrenamtlichen": 4, "workshop-projektmanagement": 2}
    via_days: set[datetime.date] = set()
    for slug, title, topic, days, places, summary, text, agenda, groups, fields in workshops:
        weekday = 4 if topic == "volunteering" else 5  # Friday or Saturday
        day = on(today, days, weekday, taken=via_days)
        add(
            EventSpec(
                slug=slug,
                agency="via-berlin-brandenburg",
                project="willkommen-in-berlin",
                title=title,
                kind=EventKind.WORKSHOP,
                starts_at=at(day, 10),
                ends_at=at(day, 16),
                summary=summary,
                description=text + "\n\nDer Workshop ist kostenfrei. Für einen Mittagsimbiss "
                "ist gesorgt.",
                agenda=agenda,
                **VIA_VENUE,
                languages=("de",),
                interpretation=("ar", "fa"),
                target_groups=groups,
                fields=fields,
                topics=(topic,),
                capacity=places,
                # The project-management workshop has no waiting list: full is full.
                waitlist_enabled=slug != "workshop-projektmanagement",
                max_group_size=4,
                consent_text=consent(
                    "der VIA Regionalverband Berlin/Brandenburg e.V.",
                    "Fotos werden nur mit meiner ausdrücklichen Zustimmung vor Ort gemacht. ",
                ),
                registration_closes_at=at(day - datetime.timedelta(days=2), 12),
                questions=via_questions("10:00–16:00"),
                signups=signups[slug],
                signup_region=("BE", "BB"),
            )
        )
    day = on(today, 16, 2)  # Wednesday
    add(
        EventSpec(
            slug="arbeitsmarktgespraech-neukoelln",
            agency="via-berlin-brandenburg",
            project="willkommen-in-berlin",
            title="Arbeitsmarktgespräch im Arabischen Elternverein Neukölln",
            kind=EventKind.LABOUR_MARKET_TALK,
            starts_at=at(day, 17),
            ends_at=at(day, 19, 30),
            summary="Jobcenter, Agentur für Arbeit und Anerkennungsberatung kommen zum Verein: "
            "Fragen stellen, Antworten aus erster Hand bekommen.",
            description=(
                "Beim Arbeitsmarktgespräch laden wir Referent*innen von "
                "Arbeitsmarktinstitutionen zu einer Migrant*innenorganisation ein. Diesmal ist "
                "der Arabische Elternverein Neukölln Gastgeber. Themen sind die Anerkennung "
                "von beruflichen Abschlüssen aus dem Ausland, Qualifizierungsmöglichkeiten und "
                "Arbeitsrecht – und alles, was die Mitglieder des Vereins mitbringen.\n\n"
                "Die Arbeitsmarktakteure erfahren im Gegenzug, wie sie ihre Angebote für "
                "Migrantinnen und Migranten zugänglicher machen können. Es wird ins Arabische "
                "gedolmetscht."
            ),
            agenda=(
                "Begrüßung durch den Verein und VIA",
                "Kurzvorstellung: Jobcenter, Agentur für Arbeit, Anerkennungsberatung",
                "Fragen der Mitglieder – offene Runde",
                "Einzelgespräche an Infotischen",
            ),
            host="Arabischer Elternverein Neukölln e.V.",
            federal_state="BE",
            accessibility="Vereinsräume im Erdgeschoss mit einer Stufe am Eingang (mobile "
            "Rampe vorhanden). Kinderbetreuung im Nebenraum.",
            languages=("de", "ar"),
            interpretation=("ar",),
            target_groups=("job_seekers", "families", "newcomers"),
            fields=("labour_market",),
            topics=("labour_market_access", "recognition_qualifications"),
            capacity=35,
            consent_text=consent("der VIA Regionalverband Berlin/Brandenburg e.V."),
            questions=(
                QuestionSpec(
                    "Zu welchem Thema haben Sie Fragen?",
                    QuestionKind.MULTIPLE,
                    ("Anerkennung", "Arbeitssuche", "Qualifizierung", "Arbeitsrecht"),
                ),
                QuestionSpec(
                    "Ich bringe ein Kind mit, das betreut werden soll.",
                    QuestionKind.CHECKBOX,
                ),
            ),
            speakers=(
                SpeakerSpec("Amira Mansour", "Moderation", organization_name="VIA Berlin"),
                SpeakerSpec(
                    "Julia Hartmann",
                    "Arbeitsvermittlung, Team Integration",
                    organization_name="Jobcenter",
                ),
                SpeakerSpec(
                    "Daniel Lorenz",
                    "Berufsberatung im Erwerbsleben",
                    organization_name="Agentur für Arbeit",
                ),
                SpeakerSpec(
                    "Nadia Haddad",
                    "Anerkennungs- und Qualifizierungsberatung",
                    organization_name="Beratungsstelle Anerkennung ausländischer Abschlüsse",
                ),
                SpeakerSpec(
                    "Samir Hamdan",
                    "Vorstand, Gastgeber",
                    organization="Arabischer Elternverein Neukölln e.V.",
                ),
            ),
            signups=8,
            signup_region=("BE",),
        )
    )

    # --- PARITÄTISCHE Akademie Nord (KomMig): trainings for named professions ----------------
    trainings = (
        (
            "fortbildung-kultursensible-pflege",
            "Fortbildung: Kultursensible Pflege – ältere Migrant*innen gut begleiten",
            ("care_staff",),
            ("elderly_care",),
            ("elderly",),
            ("intercultural_opening",),
            22,
            1,
            18,
            "Biografie, Sprache, Religion und Familie in der Pflege: Haltung und Praxis für "
            "Pflegefachkräfte in ambulanten und stationären Diensten.",
        ),
        (
            "fortbildung-vielfalt-in-der-kita",
            "Fortbildung: Vorurteilsbewusste Bildung und Erziehung in der Kita",
            ("educators", "kita_leads"),
            ("youth_welfare",),
            ("children", "families"),
            ("anti_racism", "intercultural_opening"),
            29,
            2,
            20,
            "Mehrsprachigkeit stärken, Familien einbeziehen, Diskriminierung erkennen – mit "
            "Material für den Kita-Alltag und die Leitungsebene.",
        ),
        (
            "fortbildung-traumasensibel-arbeiten",
            "Fortbildung: Traumasensibles Arbeiten mit Geflüchteten",
            ("social_workers", "psychiatric_staff"),
            ("refugee_help",),
            ("refugees",),
            ("intercultural_opening",),
            36,
            1,
            16,
            "Belastungen erkennen, stabilisieren, weitervermitteln – und auf sich selbst achten. "
            "Für Fachkräfte der Sozialen Arbeit und der psychiatrischen Arbeit.",
        ),
        (
            "fortbildung-interkulturelle-oeffnung-fuehrung",
            "Fortbildung: Interkulturelle Öffnung als Führungsaufgabe",
            ("managers", "hr_staff"),
            ("elderly_care", "disability", "youth_welfare"),
            ("professionals",),
            ("intercultural_opening", "networking"),
            43,
            1,
            16,
            "Vielfalt im Team gewinnen und halten: Stellenausschreibungen, Auswahlverfahren, "
            "Einarbeitung und Kooperation mit Migrant*innenorganisationen.",
        ),
        (
            "fortbildung-migration-und-behinderung",
            "Fortbildung: Migration und Behinderung – Zugänge zur Eingliederungshilfe",
            ("social_workers", "care_staff"),
            ("disability",),
            ("families",),
            ("participation",),
            50,
            1,
            18,
            "Familien mit Migrationsgeschichte und behinderten Angehörigen erreichen, beraten "
            "und mit den Leistungen der Eingliederungshilfe verbinden.",
        ),
    )
    akademie_days: set[datetime.date] = set()
    for (
        slug,
        title,
        professions,
        fields,
        groups,
        topics,
        days,
        length,
        places,
        summary,
    ) in trainings:
        weekday = 0 if length == 2 else 3  # Mon+Tue or Thursday
        day = on(today, days, weekday, length=length, taken=akademie_days)
        last = day + datetime.timedelta(days=length - 1)
        add(
            EventSpec(
                slug=slug,
                agency="kommig-hamburg",
                title=title,
                kind=EventKind.TRAINING,
                format=EventFormat.HYBRID if length == 1 and days > 40 else EventFormat.IN_PERSON,
                online_url=(f"https://video.example.org/akademie-nord/{slug}" if days > 40 else ""),
                starts_at=at(day, 9),
                ends_at=at(last, 16, 30),
                summary=summary,
                description=(
                    summary
                    + "\n\nDie PARITÄTISCHE Akademie Nord bietet Fortbildungen für Fachkräfte "
                    "aus vielen Bereichen der Sozialen Arbeit an. Die Fortbildung verbindet "
                    "kurze Inputs mit Fallarbeit aus Ihrer Praxis. Sie erhalten eine "
                    "Teilnahmebescheinigung.\n\nTeilnahmebeitrag: 120 € pro Tag, für "
                    "Mitgliedsorganisationen und Migrant*innenorganisationen ermäßigt 60 €."
                ),
                agenda=(
                    "09:00 Ankommen und Einstieg",
                    "09:30 Input und Austausch",
                    "12:30 Mittagspause",
                    "13:30 Fallarbeit in Kleingruppen",
                    "16:00 Transfer in die eigene Praxis und Abschluss",
                ),
                **AKADEMIE_VENUE,
                languages=("de",),
                target_groups=groups,
                fields=fields,
                topics=topics,
                professions=professions,
                capacity=places,
                max_group_size=5,
                reminder_days=7 if length == 2 else 3,
                consent_text=consent(
                    "die PARITÄTISCHE Akademie Nord",
                    "Meine Angaben werden auch für die Teilnahmebescheinigung verwendet. ",
                ),
                registration_closes_at=at(day - datetime.timedelta(days=7), 12),
                questions=(
                    QuestionSpec(
                        "Rechnungsanschrift (Träger, Straße, Ort)",
                        QuestionKind.TEXT,
                        required=True,
                    ),
                    QuestionSpec(
                        "Ermäßigung",
                        QuestionKind.SINGLE,
                        (
                            "keine",
                            "Mitgliedsorganisation des PARITÄTISCHEN",
                            "Migrant*innenorganisation",
                        ),
                        required=True,
                    ),
                    DIET_QUESTION,
                ),
                signups=3,
                signup_region=("HH",),
            )
        )
    return specs


# --- Loading ---------------------------------------------------------------------------------


@dataclass
class _Context:
    today: datetime.date
    agencies: dict[str, Agency]
    users: dict[str, object]
    codes: dict[type, dict[str, object]]
    orgs_by_name: dict[str, Organization]
    orgs_by_state: dict[str, list[Organization]]


def load_events(today: datetime.date | None = None) -> list[Event]:
    """Create or update every demo event and its registrations; returns the events."""
    today = today or timezone.localdate()
    ctx = _context(today)
    bochum = _save_event(ctx, bochum_spec())
    _load_bochum_registrations(ctx, bochum)
    events = [bochum]
    for spec in upcoming_specs(today):
        event = _save_event(ctx, spec)
        _register_invented(ctx, event, spec)
        events.append(event)
    _load_featured_registrations(ctx, {e.slug: e for e in events})
    return events


def _context(today: datetime.date) -> _Context:
    orgs = list(
        Organization.objects.only("id", "name", "kind", "federal_state", "city").order_by("slug")
    )
    by_state: dict[str, list[Organization]] = {}
    for org in orgs:
        by_state.setdefault(org.federal_state, []).append(org)
    emails = set(ORGANIZERS.values()) | {
        people.cast().member.email,
        people.cast().colleague.email,
        people.cast().second_member.email,
        people.cast().manager.email,
    }
    return _Context(
        today=today,
        agencies={a.slug: a for a in Agency.objects.all()},
        users={u.email: u for u in get_user_model().objects.filter(email__in=emails)},
        codes={
            model: {row.code: row for row in model.objects.all()}
            for model in (WorkingLanguage, TargetGroup, FieldOfActivity, Topic, Profession)
        },
        orgs_by_name={o.name: o for o in orgs},
        orgs_by_state=by_state,
    )


def _save_event(ctx: _Context, spec: EventSpec) -> Event:
    agency = ctx.agencies[spec.agency]
    project = (
        Project.objects.filter(agency=agency, slug=spec.project).first() if spec.project else None
    )
    series = None
    if spec.series:
        series, _ = EventSeries.objects.get_or_create(agency=agency, title=spec.series)
    host = ctx.orgs_by_name.get(spec.host) if spec.host else None
    venue = {
        "venue_name": spec.venue_name,
        "street": spec.street,
        "postcode": spec.postcode,
        "city": spec.city,
    }
    if host is not None:  # a labour-market talk takes place at the host's address
        venue = {
            "venue_name": host.name,
            "street": host.street,
            "postcode": host.postcode,
            "city": host.city,
        }
    event, _ = Event.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "agency": agency,
            "project": project,
            "series": series,
            "title": spec.title,
            "kind": spec.kind,
            "format": spec.format,
            "status": EventStatus.PUBLISHED,
            "summary": spec.summary,
            "description": spec.description,
            "agenda": "\n".join(spec.agenda),
            "starts_at": spec.starts_at,
            "ends_at": spec.ends_at,
            **venue,
            "federal_state": spec.federal_state,
            "accessibility": spec.accessibility,
            "online_url": spec.online_url,
            "host_organization": host,
            "registration_required": True,
            "registration_opens_at": None,
            "registration_closes_at": spec.registration_closes_at,
            "capacity": spec.capacity,
            "waitlist_enabled": spec.waitlist_enabled,
            "requires_approval": spec.requires_approval,
            "max_group_size": spec.max_group_size,
            "consent_text": spec.consent_text,
            "reminder_days": spec.reminder_days,
            "created_by": ctx.users.get(ORGANIZERS[spec.agency]),
        },
    )
    codes = ctx.codes
    event.languages.set([codes[WorkingLanguage][c] for c in spec.languages])
    event.interpretation.set([codes[WorkingLanguage][c] for c in spec.interpretation])
    event.target_groups.set([codes[TargetGroup][c] for c in spec.target_groups])
    event.fields.set([codes[FieldOfActivity][c] for c in spec.fields])
    event.topics.set([codes[Topic][c] for c in spec.topics])
    event.professions.set([codes[Profession][c] for c in spec.professions])
    for position, q in enumerate(spec.questions):
        Question.objects.update_or_create(
            event=event,
            position=position,
            defaults={
                "label": q.label,
                "kind": q.kind,
                "choices": list(q.choices),
                "required": q.required,
                "help_text": q.help_text,
            },
        )
    event.questions.filter(position__gte=len(spec.questions)).delete()
    for position, s in enumerate(spec.speakers):
        Speaker.objects.update_or_create(
            event=event,
            position=position,
            defaults={
                "name": s.name,
                "role": s.role,
                "organization": ctx.orgs_by_name.get(s.organization) if s.organization else None,
                "organization_name": s.organization_name,
            },
        )
    event.speakers.filter(position__gte=len(spec.speakers)).delete()
    return event


# --- Invented participants -----------------------------------------------------------------

_TAKEN_NAMES = {login.person.name for login in people.cast().logins} | {
    s.person.name for s in people.cast().staff
}
# Addresses of log-ins and of the people registered by name below; random ones avoid them.
GROUP_GUEST = ("Layla Haddad", "layla.haddad@example.org")
_TAKEN_EMAILS = frozenset(
    {login.person.email for login in people.cast().logins}
    | {s.person.email for s in people.cast().staff}
    | {people.cast().colleague.email, GROUP_GUEST[1]}
)


def _email(name: str) -> str:
    folded = name.replace("ı", "i").replace("ß", "ss").replace("ł", "l")
    first, _, last = folded.partition(" ")
    return f"{slugify(first)}.{slugify(last)}@example.org"


def _participants(rng: Random, count: int, skip: set[str]) -> list[tuple[str, str]]:
    """`count` invented (name, email) pairs whose addresses are not in `skip`."""
    found = []
    while len(found) < count:
        name = f"{rng.choice(names().first_names)} {rng.choice(names().family_names)}"
        email = _email(name)
        if name in _TAKEN_NAMES or email in skip:
            continue
        skip.add(email)
        found.append((name, email))
    return found


def _rng(slug: str) -> Random:
    return Random(SEED + zlib.crc32(slug.encode()))  # noqa: S311 - demo data, not security


def _answers(rng: Random, event: Event, org: Organization | None) -> dict[int, object]:
    """Plausible answers to the event's questions, valid for `validate_answers`."""
    answers: dict[int, object] = {}
    for q in event.questions.all():
        if q.kind == QuestionKind.CHECKBOX:
            answers[q.pk] = q.required or rng.random() < 0.2
        elif q.kind == QuestionKind.SINGLE:
            answers[q.pk] = q.choices[0] if rng.random() < 0.6 else rng.choice(q.choices)
        elif q.kind == QuestionKind.MULTIPLE:
            answers[q.pk] = [c for c in q.choices if rng.random() < 0.25]
        elif q.required and q.label.startswith("Rechnungsanschrift"):
            answers[q.pk] = f"{org.name if org else 'privat'}, {org.city if org else 'Hamburg'}"
        elif q.required:
            answers[q.pk] = rng.choice(
                (
                    "Wir möchten mit unserem Verein in die Seniorenarbeit einsteigen.",
                    "Wir suchen eine Mitgliedsorganisation als Partner in der Jugendarbeit.",
                    "Wir haben ein Konzept für ein Frauencafé und suchen Räume und Partner.",
                )
            )
        elif rng.random() < 0.15:
            answers[q.pk] = rng.choice(
                (
                    "Ich komme mit dem Rollstuhl und brauche einen Platz am Gang.",
                    "Bitte eine Kinderbetreuung für meine Tochter (4 Jahre).",
                    "Ich höre schlecht – bitte mit Mikrofon sprechen.",
                )
            )
    return answers


def _register(event: Event, registrants: list[services.Person], **extra) -> services.Outcome:
    return services.register(event, registrants, consent=True, **extra)


def _register_invented(ctx: _Context, event: Event, spec: EventSpec) -> None:
    """Single registrations of invented people, once (an existing address is skipped)."""
    if not spec.signups:
        return
    rng = _rng(spec.slug)
    pool = [o for state in spec.signup_region for o in ctx.orgs_by_state.get(state, [])]
    pool = [o for o in pool if o.kind == "migrant_org"] * 2 + pool  # MO come most often
    registered = set(event.registrations.values_list("email", flat=True))
    registrations = []
    for name, email in _participants(rng, spec.signups, set(_TAKEN_EMAILS)):
        org = rng.choice(pool) if pool else None
        answers = _answers(rng, event, org)
        language = rng.choice(("de", "de", "de", "ar", "tr", "en"))
        if email in registered:
            continue
        outcome = _register(
            event,
            [
                services.Person(
                    name=name,
                    email=email,
                    organization_id=org.id if org else None,
                    language=language,
                    answers=answers,
                )
            ],
        )
        registrations.extend(outcome.registrations)
    if spec.slug == CLOSED_ROUND_TABLE and registrations:
        # Staff accepted the first request; the others still wait for a decision.
        services.decide(registrations[:1], accept=True, by=ctx.users[ORGANIZERS[spec.agency]])


def _load_featured_registrations(ctx: _Context, events: dict[str, Event]) -> None:
    """The demo's log-ins take part too: a group registration by the member's association,
    and a place for the second member at the Münster round table."""
    member = ctx.users[people.cast().member.email]
    colleague = ctx.users[people.cast().colleague.email]
    org = ctx.orgs_by_name["Deutsch-Syrischer Kulturverein Bochum e.V."]
    evening = events["abendveranstaltung-freie-wohlfahrtspflege-muenster"]
    if not evening.registrations.filter(email=member.email).exists():
        _register(
            evening,
            [
                services.Person(
                    name=member.name, email=member.email, user_id=member.id, organization_id=org.id
                ),
                services.Person(
                    name=colleague.name,
                    email=colleague.email,
                    user_id=colleague.id,
                    organization_id=org.id,
                    language="ar",
                ),
                services.Person(
                    name=GROUP_GUEST[0],
                    email=GROUP_GUEST[1],
                    organization_id=org.id,
                    language="ar",
                ),
            ],
            booked_by=member,
            contact_email=member.email,
            organization_id=org.id,
        )
    second = ctx.users[people.cast().second_member.email]
    round_table = events["runder-tisch-muenster-1"]
    if not round_table.registrations.filter(email=second.email).exists():
        _register(
            round_table,
            [
                services.Person(
                    name=second.name,
                    email=second.email,
                    user_id=second.id,
                    organization_id=ctx.orgs_by_name["Alevitische Gemeinde Gelsenkirchen e.V."].id,
                    language="tr",
                )
            ],
        )


# --- The past event in Bochum ----------------------------------------------------------------

BOCHUM_REGISTRATIONS = 40
BOCHUM_NO_SHOWS = (6, 17, 26, 33)  # confirmed, but did not come
BOCHUM_CANCELLED = (11, 29)  # cancelled a few days before


def _load_bochum_registrations(ctx: _Context, event: Event) -> None:
    """Forty registrations written directly (the service refuses past events), with
    attendance: most came, four did not, two cancelled beforehand."""
    rng = _rng(event.slug)
    nrw = ctx.orgs_by_state.get("NW", [])
    migrant = [o for o in nrw if o.kind == "migrant_org"]
    others = [o for o in nrw if o.kind != "migrant_org"]
    featured = [
        (
            people.cast().member.name,
            people.cast().member.email,
            "Deutsch-Syrischer Kulturverein Bochum e.V.",
        ),
        (
            people.cast().colleague.name,
            people.cast().colleague.email,
            "Deutsch-Syrischer Kulturverein Bochum e.V.",
        ),
        (
            people.cast().second_member.name,
            people.cast().second_member.email,
            "Alevitische Gemeinde Gelsenkirchen e.V.",
        ),
        ("Moritz Lange", _email("Moritz Lange"), "Jugendmigrationsdienst Dortmund"),
        ("Fatma Öztürk", _email("Fatma Öztürk"), "Türkischer Seniorentreff Marxloh"),
    ]
    rows = [(name, email, ctx.orgs_by_name.get(org)) for name, email, org in featured]
    skip = set(_TAKEN_EMAILS) | {email for _, email, _ in featured}
    for i, (name, email) in enumerate(_participants(rng, BOCHUM_REGISTRATIONS - len(rows), skip)):
        # Two in three come from a migrant organization, the rest from their tandem partners.
        org = rng.choice(migrant) if i % 3 != 2 and migrant else rng.choice(others or migrant)
        rows.append((name, email, org))
    questions = list(event.questions.all())
    opened = at(datetime.date(2024, 5, 2), 9)
    start = event.starts_at
    for i, (name, email, org) in enumerate(rows):
        signed_up = opened + datetime.timedelta(days=i * 0.9, hours=rng.randint(0, 9))
        cancelled = i in BOCHUM_CANCELLED
        attended = None if cancelled else i not in BOCHUM_NO_SHOWS
        registration, created = Registration.objects.update_or_create(
            event=event,
            email=email,
            defaults={
                "name": name,
                "user": ctx.users.get(email),
                "organization": org,
                "status": (
                    RegistrationStatus.CANCELLED if cancelled else RegistrationStatus.CONFIRMED
                ),
                "language": "tr" if email == people.cast().second_member.email else "de",
                "consent_text": event.consent_text,
                "consented_at": signed_up,
                "queued_at": signed_up,
                "cancelled_at": at(datetime.date(2024, 6, 11), 10) if cancelled else None,
                "attended": attended,
                "checked_in_at": (
                    start + datetime.timedelta(minutes=rng.randint(-20, 40)) if attended else None
                ),
            },
        )
        if created:
            Registration.objects.filter(pk=registration.pk).update(created_at=signed_up)
            Answer.objects.bulk_create(
                [
                    Answer(
                        registration=registration,
                        question=questions[0],
                        value=rng.choice(questions[0].choices),
                    )
                ]
            )
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    Event.objects.filter(pk=event.pk).update(seats_taken=confirmed)
    event.seats_taken = confirmed
