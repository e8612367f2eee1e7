"""The featured cases, one for each kind of counselling the seeds describe.

An association founding in Harburg in Arabic (KomMig), a funding application to the „Auf
Augenhöhe“ fund (KomMig), committee coaching in Neukölln (VIA), a mediation in Münster-Kinderhaus
(DRK Münster), a recognition as youth-welfare provider for the demo member's association in
Bochum (Paritätischer NRW) and a first counselling in Hannover (Paritätischer Gesamtverband).
Summaries and notes are internal; the agreed next steps are what the organizations see, written
in the language the counselling is held in. `{partner}` stands for the Münster neighbourhood
centre, an organization of the generated directory.
"""

from __future__ import annotations

from decimal import Decimal

from gemeinsam.counselling.enums import CaseType, Channel, OutcomeKind

from . import people
from .counselling_requests import AMAL, BOCHUM, HANNOVER, KINDERHAUS, NEUKOELLN, PAIWAND
from .counselling_specs import (
    AMIRA,
    BARAN,
    BUND,
    FARID,
    JANA,
    KARIM,
    KOMMIG,
    LENA,
    MIRIAM,
    MUENSTER,
    NRW,
    TOBIAS,
    VIA,
    Asker,
    CaseSpec,
    ContactSpec,
    DocumentSpec,
    NoteSpec,
    OutcomeSpec,
    RequestSpec,
    SessionSpec,
    TaskSpec,
)

PHONE, VIDEO, IN_PERSON = Channel.PHONE, Channel.VIDEO, Channel.IN_PERSON
PARTNER = "{partner}"
KINDERHAUS_COMMUNITY = "Islamische Gemeinde Münster-Kinderhaus e.V."

AMAL_CASE = CaseSpec(
    KOMMIG,
    AMAL,
    CaseType.PROCESS_SUPPORT,
    (KARIM, JANA),
    38,
    request=RequestSpec(
        Asker("Nadia Haddad", "nadia.haddad@example.org", mail_language="ar"),
        ("association_founding", "association_law"),
        "ar",
        VIDEO,
        "نحن مجموعة من النساء من سوريا والعراق نلتقي منذ ثلاث سنوات في هاربورغ: دروس لغة، "
        "مساعدة في الواجبات المدرسية، ومقهى للأمهات. نريد الآن تأسيس جمعية مسجلة حتى نتمكن من "
        "استئجار غرفة والتقدم بطلبات تمويل. نحتاج إلى مساعدة في كتابة النظام الأساسي وفي خطوات "
        "التسجيل. نفضل أن تكون الاستشارة باللغة العربية.",
        41,
        organization_name="Frauentreff Amal Harburg (Initiative)",
        postcode="21073",
        preferred_times="مساءً",
    ),
    project="organisationsentwicklung",
    template="association_founding",
    steps_done=2,
    sessions=(
        SessionSpec(
            1, 60, VIDEO, "Nadia Haddad und zwei weitere Frauen aus der Gruppe",
            "Erstgespräch per Video auf Arabisch. Zweck des Vereins: Bildung, Begegnung und "
            "Unterstützung von Familien. Sieben Gründungsmitglieder stehen fest, zwei überlegen "
            "noch. Als Grundlage die Mustersatzung des Finanzamts (Anlage 1 zu § 60 AO) "
            "vorgeschlagen, damit die Gemeinnützigkeit später keine Hürde ist.",
            "• ترسل المجموعة أسماء أعضاء الهيئة التأسيسية.\n"
            "• يرسل السيد نصار مسودة النظام الأساسي باللغتين الألمانية والعربية.",
        ),
        SessionSpec(
            10, 90, IN_PERSON, "Vorstand in Gründung (3 Personen)",
            "Satzungsentwurf Absatz für Absatz durchgegangen: Zweck, Mitgliedschaft, Vorstand "
            "nach § 26 BGB, Beiträge, Kassenprüfung. Die Gruppe möchte einen dreiköpfigen "
            "Vorstand. Zwecke: Förderung der Bildung und der Hilfe für Geflüchtete. Checkliste "
            "zur Vereinsgründung mitgegeben.",
            "• تعديل المسودة حسب الملاحظات (السيد نصار، حتى نهاية الأسبوع).\n"
            "• تحديد موعد اجتماع التأسيس ودعوة جميع الأعضاء كتابياً قبل أسبوعين.",
        ),
        SessionSpec(
            31, 120, IN_PERSON, "9 Gründungsmitglieder",
            "Gründungsversammlung begleitet: neun Mitglieder anwesend, Satzung einstimmig "
            "beschlossen, Vorstand gewählt (Vorsitz: Frau Haddad). Protokoll auf Deutsch "
            "vorbereitet und mündlich übersetzt; zwei Mitglieder müssen noch unterschreiben.",
            "• التوقيع على محضر اجتماع التأسيس من قبل جميع الأعضاء.\n"
            "• موعد لدى الكاتب العدل لتوثيق طلب التسجيل – يساعدكم KomMig في إيجاد موعد.",
        ),
    ),
    notes=(
        NoteSpec(
            10, KARIM,
            "Zwei Frauen fragen, ob ihr Aufenthaltsstatus einem Vorstandsamt entgegensteht. "
            "Allgemein erklärt, dass das keine Voraussetzung ist; für ihre Einzelfälle an die "
            "Migrationsberatung verwiesen.",
        ),
        NoteSpec(
            31, JANA,
            "Post an den Verein vorerst an Frau Haddads Privatadresse, bis ein Raum gefunden ist. "
            "Die Adresse steht nur in der Kontaktkarte, nicht im Protokoll.",
        ),
    ),
    tasks=(
        TaskSpec(
            "Protokoll der Gründungsversammlung von allen Gründungsmitgliedern unterschreiben "
            "lassen", 3, KARIM, shared=True,
        ),
        TaskSpec("Satzungsentwurf vorab mit dem Finanzamt abstimmen", -12, JANA, done=True),
    ),
    documents=(
        DocumentSpec(
            "Checkliste_Vereinsgruendung.pdf",
            "Checkliste: einen Verein gründen",
            (
                "1. Zweck und Namen festlegen, Mustersatzung des Finanzamts als Grundlage nehmen.",
                "2. Satzung entwerfen: Zweck, Mitgliedschaft, Vorstand (§ 26 BGB), Beiträge.",
                "3. Gründungsversammlung mit mindestens sieben Mitgliedern, Protokoll führen.",
                "4. Anmeldung zum Vereinsregister beim Notar beglaubigen lassen.",
                "5. Eintragung beim Registergericht (Amtsgericht Hamburg) abwarten.",
                "6. Gemeinnützigkeit beim Finanzamt beantragen, Konto eröffnen.",
                "KomMig begleitet jeden Schritt – auf Deutsch und auf Arabisch.",
            ),
            JANA, 10, shared=True,
        ),
    ),
    reads=((JANA, "notes"),),
)  # fmt: skip

PAIWAND_CASE = CaseSpec(
    KOMMIG,
    PAIWAND,
    CaseType.PROCESS_SUPPORT,
    (KARIM, JANA),
    40,
    request=RequestSpec(
        Asker("Shirin Ahmadi", "shirin.ahmadi@example.org"),
        ("funding_applications", "project_planning"),
        "de",
        PHONE,
        "Wir sind ein Jugendverein, gegründet von jungen Geflüchteten aus Afghanistan. Wir "
        "möchten ein Sport- und Mentoringprojekt für neu angekommene Jugendliche in Harburg "
        "starten und haben vom „Auf Augenhöhe“-Fonds gehört. Können Sie uns beim Antrag helfen? "
        "Am liebsten telefonisch oder per Video, abends.",
        42,
        organization="Afghanischer Jugendverein Paiwand Harburg e.V.",
        preferred_times="abends ab 18 Uhr",
    ),
    project="organisationsentwicklung",
    template="funding_application",
    steps_done=3,
    sessions=(
        SessionSpec(
            1, 45, PHONE, "Shirin Ahmadi (Vorstand)",
            "Fördervoraussetzungen des „Auf Augenhöhe“-Fonds besprochen: Der Verein ist eine "
            "Geflüchtetenselbstorganisation und eingetragen, das Projekt passt. Laufzeit zwölf "
            "Monate; Eigenanteil über ehrenamtliche Stunden.",
            "• Der Verein schickt die Projektidee (eine Seite) und den letzten Jahresabschluss.\n"
            "• KomMig schickt die Antragsunterlagen und ein Beispiel für einen Finanzplan.",
        ),
        SessionSpec(
            14, 90, VIDEO, "Shirin Ahmadi, Kassenwart, zwei Trainer",
            "Konzept geschärft: zwei Trainingsgruppen, sechs Mentor*innen aus dem Verein, "
            "Kooperation mit einer Stadtteilschule in Harburg. Finanzplan: "
            "Übungsleiterpauschalen, Hallenmiete, Fahrtkosten, Honorar für eine Fortbildung.",
            "• Finanzplan bis Ende der Woche fertigstellen (Verein).\n"
            "• Letzte Durchsicht des Antrags gemeinsam am Telefon.",
        ),
        SessionSpec(
            27, 30, PHONE, "Shirin Ahmadi",
            "Antrag gemeinsam durchgesehen und eingereicht, beantragt sind 12.500 €. Der "
            "Kassenwart ist neu im Amt; bei einer Bewilligung früh zur Abrechnung beraten.",
            "• Eingangsbestätigung abwarten; Rückfragen der Förderstelle an KomMig weiterleiten.",
        ),
    ),
    notes=(
        NoteSpec(
            27, KARIM,
            "Der Kassenwart ist unsicher mit Belegen und Verwendungsnachweis. Bei Bewilligung "
            "einen Termin zur Projektverwaltung anbieten, gern mit dem Kollegen aus dem "
            "Professionalisierungsprojekt.",
        ),
    ),
    outcomes=(
        OutcomeSpec(
            OutcomeKind.FUNDING_SUBMITTED, 28,
            "„Auf Augenhöhe“-Fonds (Software AG Stiftung)", Decimal("12500.00"),
            "Sport- und Mentoringprojekt „Gemeinsam am Ball“, zwölf Monate",
        ),
    ),
    documents=(
        DocumentSpec(
            "Rueckfragen_Foerderstelle.txt",
            "Rückfragen der Förderstelle zum Finanzplan",
            (
                "1. Hallenmiete: Angebot des Bezirks beilegen.",
                "2. Honorar Fortbildung: Stundensatz begründen.",
                "3. Ehrenamtliche Stunden: wie werden sie nachgewiesen?",
            ),
            KARIM, 36,
        ),
    ),
    break_glass=(
        MIRIAM,
        "Herr Nasser ist diese Woche krank; die Förderstelle braucht bis Freitag eine Antwort "
        "zum Finanzplan, dafür muss ich die Rückfragen und Notizen lesen.",
        5,
    ),
    reads=((KARIM, "notes"),),
)  # fmt: skip

NEUKOELLN_CASE = CaseSpec(
    VIA,
    NEUKOELLN,
    CaseType.COMMITTEE_COACHING,
    (TOBIAS, AMIRA),
    40,
    request=RequestSpec(
        Asker("Samir Aziz", "samir.aziz@example.org", mail_language="ar"),
        ("committee_participation",),
        "ar",
        IN_PERSON,
        "نحن جمعية أولياء أمور عربية في نويكولن. نريد أن يكون لنا صوت في المجلس الاستشاري "
        "للاندماج في الحي، لكننا لا نعرف كيف تعمل اللجان وكيف نترشح. هل يمكنكم مرافقتنا؟",
        43,
        organization="Arabischer Elternverein Neukölln e.V.",
    ),
    project="willkommen-in-berlin",
    template="committee_coaching",
    steps_done=2,
    step_due={2: 1, 3: 10},
    sessions=(
        SessionSpec(
            2, 90, IN_PERSON, "Samir Aziz und eine weitere Vorstandsfrau",
            "Überblick über die Gremien im Bezirk: Integrationsbeirat, Jugendhilfeausschuss "
            "(beratende Mitglieder), AG Elternarbeit. Der Verein möchte zuerst in den "
            "Integrationsbeirat; zwei Vorstandsmitglieder kommen für eine Benennung in Frage.",
            "• Geschäftsordnung des Integrationsbeirats lesen (VIA schickt sie).\n"
            "• قراءة النظام الداخلي للمجلس الاستشاري – نرسل لكم ملخصاً بالعربية.",
        ),
        SessionSpec(
            16, 60, VIDEO, "Vorstand (3 Personen)",
            "Frau Mansour hat mit dem Vorstand auf Arabisch die Rolle eines Beiratsmitglieds "
            "besprochen. Bewerbung an das Integrationsbüro des Bezirksamts vorbereitet; "
            "Schwerpunkte: Elternarbeit an Schulen, Zugang zu Kitaplätzen.",
            "• إرسال رسالة الترشيح إلى مكتب الاندماج في البلدية حتى نهاية الشهر.\n"
            "• Bewerbung bis Monatsende an das Integrationsbüro schicken.",
            advisor=AMIRA,
        ),
        SessionSpec(
            34, 60, IN_PERSON, "Samir Aziz",
            "Benennung bestätigt: Herr Aziz ist stellvertretendes Mitglied im Integrationsbeirat "
            "Neukölln. Die erste Sitzung ist in der nächsten Woche; die Tagesordnung kommt "
            "vorher. Wir begleiten die Sitzung und werten sie danach gemeinsam aus.",
            "• التحضير للجلسة الأولى معاً: قراءة جدول الأعمال واختيار موضوع واحد نطرحه.\n"
            "• Erste Sitzung gemeinsam vorbereiten; VIA kommt als Gast mit.",
        ),
    ),
    notes=(
        NoteSpec(
            16, TOBIAS,
            "Das Integrationsbüro hat angedeutet, dass zwei Plätze frei werden und man sich "
            "mehr Elternvertretungen wünscht. Nicht nach außen geben, bevor es offiziell ist.",
        ),
    ),
    outcomes=(
        OutcomeSpec(
            OutcomeKind.COMMITTEE_SEAT, 34,
            comment="Stellvertretendes Mitglied im Integrationsbeirat Neukölln",
        ),
    ),
    reads=((AMIRA, "notes"),),
)  # fmt: skip

KINDERHAUS_CASE = CaseSpec(
    MUENSTER,
    KINDERHAUS,
    CaseType.MEDIATION,
    (BARAN,),
    25,
    organizations=(KINDERHAUS_COMMUNITY, PARTNER),
    contacts=(
        ContactSpec("Yasin Öztürk", "yasin.oeztuerk@example.org", KINDERHAUS_COMMUNITY),
        ContactSpec("Julia Lange", "julia.lange@example.org", PARTNER),
    ),
    topics=("mediation", "cooperation", "youth_welfare"),
    project="gemeinsam-lernen-im-dialog",
    sessions=(
        SessionSpec(
            0, 60, IN_PERSON, "Yasin Öztürk und ein weiteres Vorstandsmitglied der Gemeinde",
            "Das gemeinsame Ferienprogramm mit {partner} droht zu scheitern: Unklar ist, wer die "
            "Aufsicht stellt, wer versichert ist und wessen Name auf dem Flyer steht. Die "
            "Gemeinde fühlt sich als Raumgeberin behandelt, nicht als Partnerin.",
            "• Die Integrationsagentur lädt beide Seiten zu einem gemeinsamen Gespräch ein.",
        ),
        SessionSpec(
            6, 45, PHONE, "Julia Lange ({partner})",
            "Telefonat mit der Leitung: Sorge um die Haftung, weil die Gemeinde kein anerkannter "
            "Träger der Jugendhilfe ist. Grundsätzlich großes Interesse an der Zusammenarbeit, "
            "die Kinder aus Kinderhaus kommen zu beiden.",
            "• {partner} prüft, ob die Betreuer*innen der Gemeinde über ihren Träger versichert "
            "werden können.",
        ),
        SessionSpec(
            15, 120, IN_PERSON, "Beide Vorstände, je zwei Personen",
            "Gemeinsames Gespräch in der Integrationsagentur. Aufgaben verteilt: {partner} ist "
            "Veranstalter und übernimmt die Versicherung; die Gemeinde stellt vier "
            "Betreuer*innen mit erweitertem Führungszeugnis und ihre Räume; beide Namen stehen "
            "auf dem Flyer. Die Stimmung war deutlich entspannter.",
            "• Die Integrationsagentur schickt beiden Seiten den Entwurf einer "
            "Kooperationsvereinbarung.\n"
            "• Die Gemeinde meldet vier Betreuer*innen zur Juleica-Schulung an.",
        ),
    ),
    notes=(
        NoteSpec(
            6, BARAN,
            "Die Spannung geht auch auf den letzten Sommer zurück, als der Raum kurzfristig "
            "abgesagt wurde. Im gemeinsamen Gespräch nicht ansprechen, außer die Gemeinde bringt "
            "es selbst ein.",
        ),
    ),
    tasks=(
        TaskSpec(
            "Entwurf der Kooperationsvereinbarung an beide Vorstände schicken", 2, BARAN,
            shared=True,
        ),
        TaskSpec(
            "Termine der Juleica-Schulung an die Gemeinde weitergeben", -5, BARAN, shared=True,
            done=True,
        ),
        TaskSpec(
            "Folgeberatung anbieten: Anerkennung als Träger der freien Jugendhilfe", 21, BARAN,
        ),
    ),
)  # fmt: skip

BOCHUM_CASE = CaseSpec(
    NRW,
    BOCHUM,
    CaseType.PROCESS_SUPPORT,
    (LENA,),
    20,
    request=RequestSpec(
        Asker(people.cast().member.name, user=people.cast().member.email),
        ("youth_welfare", "association_law"),
        "de",
        VIDEO,
        "Unser Verein macht seit Jahren Hausaufgabenhilfe und Ferienfreizeiten für Kinder und "
        "Jugendliche. Wir möchten als freier Träger der Jugendhilfe anerkannt werden, um "
        "Fördermittel beim Jugendamt beantragen zu können. Was müssen wir dafür tun?",
        22,
        organization="Deutsch-Syrischer Kulturverein Bochum e.V.",
        preferred_times="montags oder mittwochs nach 17 Uhr",
    ),
    template="youth_welfare_recognition",
    steps_done=1,
    sessions=(
        SessionSpec(
            1, 60, VIDEO, "Rania Darwish, Omar Saleh",
            "Voraussetzungen nach § 75 SGB VIII besprochen: mindestens drei Jahre Tätigkeit in "
            "der Jugendhilfe, Gemeinnützigkeit, fachliche und personelle Voraussetzungen. Die "
            "drei Jahre erfüllt der Verein; die Satzung nennt die Jugendhilfe bisher nicht "
            "ausdrücklich als Zweck.",
            "• Der Verein sammelt Belege für die Jugendarbeit seit 2021 (Flyer, Teilnahmelisten, "
            "Berichte).\n"
            "• Der Paritätische NRW schickt eine Checkliste und liest die Satzung.",
        ),
        SessionSpec(
            13, 30, PHONE, "Rania Darwish",
            "Satzung gelesen: Der Zweck „Förderung der Jugendhilfe“ muss ergänzt werden, dafür "
            "ist eine Satzungsänderung in der nächsten Mitgliederversammlung nötig.",
            "• Satzungsänderung für die Mitgliederversammlung im nächsten Monat vorbereiten.\n"
            "• Den Termin beim Jugendamt Bochum erst nach der Satzungsänderung vereinbaren.",
        ),
    ),
    notes=(
        NoteSpec(
            13, LENA,
            "Frau Darwish macht fast alles allein. Beim nächsten Termin ansprechen, ob jemand "
            "aus dem Vorstand die Unterlagen für das Jugendamt übernehmen kann.",
        ),
    ),
    documents=(
        DocumentSpec(
            "Checkliste_Anerkennung_Jugendhilfe.pdf",
            "Checkliste: Anerkennung als Träger der freien Jugendhilfe (§ 75 SGB VIII)",
            (
                "1. Mindestens drei Jahre Tätigkeit in der Kinder- und Jugendhilfe belegen.",
                "2. Gemeinnützigkeit: Freistellungsbescheid des Finanzamts beilegen.",
                "3. Satzung: Förderung der Jugendhilfe als Zweck nennen.",
                "4. Fachliche Voraussetzungen: Qualifikationen der Verantwortlichen.",
                "5. Antrag mit allen Anlagen beim Jugendamt der Stadt stellen.",
                "Fragen? Der Paritätische NRW berät Sie gern.",
            ),
            LENA, 2, shared=True,
        ),
    ),
    reads=((LENA, "document"),),
)  # fmt: skip

HANNOVER_CASE = CaseSpec(
    BUND,
    HANNOVER,
    CaseType.SINGLE,
    (FARID,),
    8,
    request=RequestSpec(
        Asker("Abdi Farah", "abdi.farah@example.org"),
        ("youth_welfare", "funding_applications"),
        "de",
        VIDEO,
        "Wir haben unseren Verein gegründet, um mit Jugendlichen zu arbeiten, finanzieren aber "
        "alles über Integrationsprojekte, die nach einem Jahr enden. Wie kommen wir an die "
        "Regelförderung der Kinder- und Jugendhilfe?",
        10,
        organization_name="Somalischer Elternverein Hannover",
        postcode="30159",
        federal_state="NI",
    ),
    sessions=(
        SessionSpec(
            1, 60, VIDEO, "Abdi Farah und die Kassiererin",
            "Erstberatung: Der Verein arbeitet seit vier Jahren mit Jugendlichen, finanziert "
            "über befristete Integrationsprojekte. Weg zur Regelförderung skizziert: Anerkennung "
            "nach § 75 SGB VIII, Mitarbeit in der AG nach § 78 SGB VIII, Kontakt zum "
            "Landesverband vor Ort.",
            "• Die Arbeitshilfe „Jugendhilfe“ aus dem Projekt „Gemeinsam aktiv“ lesen.\n"
            "• Kontakt zum Paritätischen in Niedersachsen aufnehmen; Folgetermin in zwei Wochen.",
        ),
    ),
)  # fmt: skip

CASES = (AMAL_CASE, PAIWAND_CASE, NEUKOELLN_CASE, KINDERHAUS_CASE, BOCHUM_CASE, HANNOVER_CASE)
