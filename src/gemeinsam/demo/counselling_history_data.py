"""What the generated history is made of: per agency, its projects and their topics, advisors,
languages, organizations and funding programmes; and short texts: what people asked, what
advisors wrote down (internal) and what was agreed (shared), in German, and in Arabic where the
counselling was held in Arabic."""

from __future__ import annotations

from dataclasses import dataclass

from gemeinsam.counselling.enums import OutcomeKind

from .counselling_specs import (
    AMIRA,
    BARAN,
    ELIF,
    JANA,
    KARIM,
    KATRIN,
    KOMMIG,
    MUENSTER,
    TOBIAS,
    VIA,
)


@dataclass(frozen=True)
class ProjectMix:
    slug: str
    weight: int
    topics: str  # topic codes, separated by spaces


@dataclass(frozen=True)
class History:
    agency: str
    seed: int
    months: int
    cases: int
    projects: tuple[ProjectMix, ...]
    advisors: dict[str, tuple[str, ...]]  # advisor → languages besides German
    languages: tuple[tuple[str, int], ...]
    where: dict  # which demo organizations come for counselling
    programmes: tuple[tuple[str, int, int], ...]  # (programme, smallest, largest amount)


HISTORIES = (
    History(
        KOMMIG,
        seed=20200407,  # the day KomMig wrote that its counselling goes on by phone and video
        months=30,
        cases=160,
        projects=(
            ProjectMix(
                "organisationsentwicklung",
                14,
                "association_founding organizational_development funding_applications "
                "association_law volunteers project_planning",
            ),
            ProjectMix(
                "professionalisierung-projektmanagement",
                4,
                "funding_applications project_administration cooperation",
            ),
            ProjectMix(
                "vernetzt-und-aktiv",
                2,
                "organizational_development youth_welfare cooperation",
            ),
        ),
        advisors={JANA: ("en",), KARIM: ("ar",), ELIF: ("tr",)},
        languages=(("de", 52), ("ar", 26), ("tr", 9), ("fa", 6), ("en", 4), ("ru", 3)),
        where={"federal_state": "HH"},
        programmes=(
            ("„Auf Augenhöhe“-Fonds (Software AG Stiftung)", 4000, 15000),
            ("BASFI – Förderung von Tandem-Projekten", 10000, 40000),
            ("Bezirkliche Integrationsmittel Hamburg", 1500, 8000),
        ),
    ),
    History(
        VIA,
        seed=20160101,
        months=18,
        cases=40,
        projects=(
            ProjectMix(
                "willkommen-in-berlin",
                1,
                "committee_participation funding_applications project_planning "
                "project_administration volunteers association_law labour_law",
            ),
        ),
        advisors={TOBIAS: ("en",), AMIRA: ("ar", "fr")},
        languages=(("de", 60), ("ar", 20), ("en", 8), ("vi", 6), ("ru", 6)),
        where={"federal_state": "BE"},
        programmes=(
            ("Partizipations- und Integrationsprogramm des Landes Berlin", 15000, 60000),
            ("Bezirklicher Integrationsfonds", 1000, 6000),
        ),
    ),
    History(
        MUENSTER,
        seed=20220101,
        months=18,
        cases=30,
        projects=(
            ProjectMix(
                "gemeinsam-lernen-im-dialog",
                1,
                "youth_welfare cooperation mediation organizational_development",
            ),
        ),
        advisors={BARAN: ("tr", "ku"), KATRIN: ()},
        languages=(("de", 60), ("tr", 22), ("ar", 13), ("ku", 5)),
        where={"city": "Münster"},
        programmes=(("Kinder- und Jugendförderplan NRW", 3000, 20000),),
    ),
)

OUTCOME_CHANCES = {  # topic → (outcome, chance)
    "association_founding": (OutcomeKind.ASSOCIATION_REGISTERED, 0.65),
    "association_law": (OutcomeKind.CHARITABLE_STATUS, 0.35),
    "funding_applications": (OutcomeKind.FUNDING_SUBMITTED, 0.6),
    "cooperation": (OutcomeKind.COOPERATION, 0.45),
    "mediation": (OutcomeKind.COOPERATION, 0.5),
    "youth_welfare": (OutcomeKind.YOUTH_WELFARE_RECOGNITION, 0.3),
    "committee_participation": (OutcomeKind.COMMITTEE_SEAT, 0.4),
}


SUMMARIES = {
    "association_founding": (
        "Schritte der Vereinsgründung erklärt: Satzung, Gründungsversammlung, Notar, "
        "Registergericht, Finanzamt. Die Gruppe hat genug Mitglieder.",
        "Satzungsentwurf besprochen; Zweck und Vorstand (§ 26 BGB) angepasst, damit die "
        "Gemeinnützigkeit möglich ist.",
        "Rückfragen des Registergerichts zur Anmeldung beantwortet; Protokoll nachgebessert.",
    ),
    "organizational_development": (
        "Aufgaben im Vorstand neu verteilt; bisher liegt fast alles bei einer Person.",
        "Mitgliederversammlung vorbereitet: Tagesordnung, Einladung, Wahl eines neuen Vorstands.",
        "Leitbild-Workshop geplant; der Verein will sich für jüngere Mitglieder öffnen.",
    ),
    "funding_applications": (
        "Passende Förderprogramme gesucht; zwei kommen in Frage, Fristen notiert.",
        "Konzept und Finanzplan gemeinsam durchgesehen; Eigenanteil über ehrenamtliche "
        "Stunden geklärt.",
        "Antrag vor dem Einreichen geprüft; Anlagen vollständig.",
    ),
    "association_law": (
        "Satzungsänderung für die Gemeinnützigkeit besprochen; Vorlage des Finanzamts genutzt.",
        "Fragen zur Haftung des Vorstands und zur Vereinsversicherung beantwortet.",
    ),
    "volunteers": (
        "Wege besprochen, neue Ehrenamtliche zu gewinnen: Freiwilligenbörse, Hochschulen, "
        "eigene Veranstaltungen.",
        "Ehrenamtspauschale, Übungsleiterpauschale und Versicherung der Ehrenamtlichen erklärt.",
    ),
    "project_planning": (
        "Projektidee in Ziele, Zielgruppe, Maßnahmen und Zeitplan gegliedert.",
        "Kooperationspartner im Stadtteil gesucht; zwei Gespräche vereinbart.",
    ),
    "project_administration": (
        "Verwendungsnachweis vorbereitet: Belege, Sachbericht, zahlenmäßiger Nachweis.",
        "Honorarverträge und Belegführung besprochen.",
    ),
    "cooperation": (
        "Tandem mit einer Regeleinrichtung vorbereitet; Rollen und Erwartungen geklärt.",
        "Entwurf einer Kooperationsvereinbarung gemeinsam durchgesehen.",
    ),
    "youth_welfare": (
        "Voraussetzungen der Anerkennung nach § 75 SGB VIII erklärt; Belege der bisherigen "
        "Jugendarbeit gesammelt.",
        "Antrag beim Jugendamt vorbereitet; Satzung um die Jugendhilfe als Zweck ergänzt.",
    ),
    "committee_participation": (
        "Gremien im Bezirk vorgestellt; der Verein möchte in den Integrationsbeirat.",
        "Erste Gremiensitzung nachbesprochen; nächstes Thema für die Tagesordnung gefunden.",
    ),
    "labour_law": (
        "Fragen zum ersten Arbeitsvertrag (Teilzeit, Minijob) und zur Anmeldung bei der "
        "Sozialversicherung beantwortet.",
    ),
    "mediation": (
        "Einzelgespräch mit einer Seite; die Sicht der anderen Seite wird im nächsten Schritt "
        "eingeholt.",
        "Gemeinsames Gespräch beider Seiten; Absprachen schriftlich festgehalten.",
    ),
}

NEXT_STEPS = {
    "de": (
        "• Der Verein schickt den Satzungsentwurf.\n• Nächster Termin in zwei Wochen.",
        "• Finanzplan überarbeiten (Verein).\n• Wir lesen den Antrag vor dem Einreichen.",
        "• Protokoll der Mitgliederversammlung an uns schicken.",
        "• Der Vorstand klärt die Aufgabenverteilung bis zum nächsten Treffen.",
        "• Wir schicken Beispiele und Vorlagen per E-Mail.",
        "• Termin mit dem Kooperationspartner vereinbaren.",
    ),
    "ar": (
        "• ترسل الجمعية مسودة النظام الأساسي.\n• الموعد القادم بعد أسبوعين.",
        "• مراجعة خطة التمويل من قبل الجمعية.\n• نقرأ الطلب معاً قبل تقديمه.",
        "• إرسال محضر اجتماع الجمعية العمومية إلينا.",
        "• نرسل لكم نماذج وأمثلة بالبريد الإلكتروني.",
    ),
}

PARTICIPANTS = (
    "{name}",
    "{name} und ein weiteres Vorstandsmitglied",
    "Vorstand (3 Personen)",
    "{name}, Kassierer*in",
)

DESCRIPTIONS = {
    "de": {
        "association_founding": (
            "Wir sind eine Gruppe von Eltern und möchten einen Verein gründen. Wie geht das?",
            "Wir treffen uns seit einem Jahr und wollen jetzt ein eingetragener Verein werden.",
        ),
        "organizational_development": (
            "Unser Vorstand ist überlastet. Wie können wir die Arbeit besser verteilen?",
            "Wir möchten jüngere Mitglieder gewinnen und den Verein neu aufstellen.",
        ),
        "funding_applications": (
            "Wir suchen Fördermittel für ein Projekt mit Jugendlichen. Welche Programme passen?",
            "Können Sie unseren Förderantrag vor dem Einreichen lesen?",
        ),
        "association_law": ("Wie werden wir gemeinnützig, und was muss in die Satzung?",),
        "volunteers": ("Wie finden und versichern wir Ehrenamtliche?",),
        "project_planning": ("Wir haben eine Projektidee und brauchen Hilfe beim Konzept.",),
        "project_administration": ("Wie erstellen wir den Verwendungsnachweis für unser Projekt?",),
        "cooperation": ("Wir möchten mit einer Kita im Stadtteil ein Tandem-Projekt machen.",),
        "youth_welfare": ("Wie werden wir als freier Träger der Jugendhilfe anerkannt?",),
        "committee_participation": ("Wie können wir im Integrationsbeirat mitarbeiten?",),
        "labour_law": ("Wir wollen zum ersten Mal jemanden anstellen. Was müssen wir beachten?",),
        "mediation": ("Mit einem anderen Verein gibt es Streit um gemeinsame Räume.",),
    },
    "ar": {
        "association_founding": ("نحن مجموعة من الأهالي ونريد تأسيس جمعية مسجلة. كيف نبدأ؟",),
        "organizational_development": ("الهيئة الإدارية مثقلة بالعمل. كيف نوزع المهام بشكل أفضل؟",),
        "funding_applications": ("نبحث عن تمويل لمشروع مع الشباب. ما هي البرامج المناسبة؟",),
        "volunteers": ("كيف نجد متطوعين وكيف نؤمّن عليهم؟",),
        "project_planning": ("لدينا فكرة مشروع ونحتاج إلى مساعدة في كتابة المفهوم.",),
        "youth_welfare": ("كيف نحصل على الاعتراف كجهة حاملة لرعاية الشباب؟",),
        "cooperation": ("نريد التعاون مع روضة أطفال في الحي في مشروع مشترك.",),
        "committee_participation": ("كيف يمكننا المشاركة في المجلس الاستشاري للاندماج؟",),
        "labour_law": ("نريد توظيف أول موظفة لدينا. ما الذي يجب أن ننتبه إليه؟",),
    },
}

# Requests about something the agencies do not counsel on: (topic, description, reason).
DECLINED = (
    (
        "labour_law",
        "Meine Aufenthaltserlaubnis läuft bald ab. Können Sie mir bei der Verlängerung helfen?",
        "Wir beraten Vereine und Initiativen, nicht zu Einzelfragen des Aufenthaltsrechts. Bitte "
        "wenden Sie sich an die Migrationsberatung für Erwachsene in Ihrem Bezirk.",
    ),
    (
        "labour_law",
        "Ich suche eine Stelle als Erzieherin. Können Sie mir helfen?",
        "Für die eigene Arbeitssuche ist die Agentur für Arbeit die richtige Stelle; zur "
        "Anerkennung Ihres Abschlusses berät die Anerkennungsberatung.",
    ),
    (
        "project_administration",
        "Ich brauche Hilfe bei meiner Steuererklärung.",
        "Zur Steuererklärung von Privatpersonen beraten wir nicht; bitte wenden Sie sich an "
        "einen Lohnsteuerhilfeverein.",
    ),
)
