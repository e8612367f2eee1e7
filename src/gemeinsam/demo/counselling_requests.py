"""Requests waiting in the agencies' intake queues, and the advisors' appointments this week and
next. Requests are keyed by their description, appointments by their key; every person is
invented."""

from __future__ import annotations

from gemeinsam.counselling.enums import Channel

from . import people
from .counselling_specs import (
    AMIRA,
    BARAN,
    BUND,
    FARID,
    JANA,
    KARIM,
    KOMMIG,
    LENA,
    MUENSTER,
    NRW,
    TOBIAS,
    VIA,
    AppointmentSpec,
    Asker,
    RequestSpec,
)

PHONE, VIDEO, IN_PERSON, EMAIL = Channel.PHONE, Channel.VIDEO, Channel.IN_PERSON, Channel.EMAIL

# Hamburg ---------------------------------------------------------------------------------------
HOMEWORK_WILHELMSBURG = RequestSpec(
    Asker("Nour Al-Khatib", "nour.al-khatib@example.org", mail_language="ar"),
    ("association_founding", "youth_welfare"),
    "ar",
    VIDEO,
    "نحن مجموعة من الأمهات والطلاب في فيلهلمسبورغ، ننظم منذ سنتين مساعدة في الواجبات المدرسية "
    "لحوالي ثلاثين طفلاً في غرفة تابعة لمسجد الحي. نريد أن نصبح جمعية مسجلة مستقلة حتى نتمكن "
    "من التقدم بطلب تمويل من مكتب رعاية الشباب. من أين نبدأ؟ نفضل الاستشارة باللغة العربية.",
    2,
    organization_name="Hausaufgabenhilfe Wilhelmsburg (Initiative)",
    postcode="21107",
    preferred_times="مساءً بعد الساعة السادسة",
)
MRIYA = RequestSpec(
    Asker("Iryna Melnyk", "iryna.melnyk@example.org"),
    ("project_planning", "funding_applications"),
    "de",
    IN_PERSON,
    "Wir betreiben seit 2022 eine Spielgruppe für ukrainische Kinder in Altona. Jetzt möchten "
    "wir daraus ein Brückenangebot machen, das die Kinder auf die Kita vorbereitet. Welche "
    "Fördermöglichkeiten gibt es dafür, und brauchen wir eine Anerkennung oder eine "
    "Betriebserlaubnis? Wir würden gern zu Ihnen in die Beratung kommen.",
    3,
    organization_name="Mriya – Ukrainische Familien in Altona e.V.",
    postcode="22765",
    preferred_times="dienstags oder donnerstags vormittags",
)
TANDEM_WILHELMSBURG = RequestSpec(
    Asker("Dilan Arslan", phone="040 66969-147"),
    ("cooperation", "funding_applications"),
    "de",
    PHONE,
    "Wir planen mit dem Nachbarschaftsheim Wilhelmsburg ein Tandem-Projekt für Elternarbeit in "
    "kurdischer und deutscher Sprache und möchten dafür einen Antrag bei der BASFI stellen. "
    "Bitte rufen Sie uns zurück, wir haben keine E-Mail-Adresse im Verein.",
    1,
    organization="Kurdisches Elternforum Wilhelmsburg e.V.",
    preferred_times="werktags ab 16 Uhr",
)
RESIDENCE_QUESTION = RequestSpec(
    Asker("Mehmet Çelik", "mehmet.celik@example.org"),
    ("labour_law",),
    "tr",
    PHONE,
    "Meine Aufenthaltserlaubnis läuft in zwei Monaten ab und mein Arbeitgeber will mich nur "
    "weiter beschäftigen, wenn sie verlängert wird. Können Sie mir helfen, die Unterlagen für "
    "die Ausländerbehörde zusammenzustellen?",
    9,
    postcode="22047",
    declined="Wir beraten Vereine und Initiativen, nicht zu Einzelfragen des Aufenthaltsrechts. "
    "Bitte wenden Sie sich an die Migrationsberatung für Erwachsene (MBE) in Wandsbek; dort wird "
    "auch auf Türkisch beraten.",
    decided_by=JANA,
)
FRAUENTREFF_BERGEDORF = RequestSpec(
    Asker("Linh Tran", "linh.tran@example.org"),
    ("volunteers",),
    "vi",
    EMAIL,
    "Unser Frauentreff sucht Ehrenamtliche für die Hausaufgabenhilfe. Wie finden wir sie und "
    "wie sind sie versichert?",
    12,
    organization_name="Vietnamesischer Frauentreff Bergedorf",
    postcode="21029",
    withdrawn=True,
)

# North Rhine-Westphalia ---------------------------------------------------------------------------
BOCHUM_VOLUNTEERS = RequestSpec(
    Asker(people.cast().member.name, user=people.cast().member.email),
    ("volunteers", "organizational_development"),
    "de",
    VIDEO,
    "Für unsere Hausaufgabenhilfe und die Ferienfreizeit brauchen wir mehr Ehrenamtliche, vor "
    "allem Studierende. Wie können wir sie gewinnen und halten, und was müssen wir bei "
    "Aufwandsentschädigungen beachten?",
    4,
    organization="Deutsch-Syrischer Kulturverein Bochum e.V.",
    preferred_times="montags ab 17 Uhr",
)
ALEVI_SENIORS = RequestSpec(
    Asker(people.cast().second_member.name, user=people.cast().second_member.email),
    ("funding_applications", "organizational_development"),
    "tr",
    IN_PERSON,
    "Unsere Gemeinde macht seit vielen Jahren ehrenamtlich Seniorenarbeit: Besuche, ein "
    "Frühstück jeden Mittwoch, Begleitung zu Ärzten. Wir möchten diese Arbeit auf feste Füße "
    "stellen und als Teil der Wohlfahrtspflege sichtbar machen. Welche Förderwege gibt es? Ein "
    "Teil des Vorstands spricht lieber Türkisch.",
    2,
    organization="Alevitische Gemeinde Gelsenkirchen e.V.",
)
NORDSTADT_PARENTS = RequestSpec(
    Asker("Hasan Hamdan", "hasan.hamdan@example.org", mail_language="ar"),
    ("association_founding", "volunteers"),
    "ar",
    PHONE,
    "نحن مبادرة لأولياء الأمور في حي نوردشتات في دورتموند. ننظم لقاءات للأهالي ودروس تقوية "
    "للأطفال. نريد أن نعرف: هل من الأفضل أن نؤسس جمعية مسجلة أم نبقى مبادرة؟ وكيف نؤمّن "
    "المتطوعين؟",
    5,
    organization_name="Elterninitiative Nordstadt Dortmund",
    postcode="44147",
    preferred_times="بعد الظهر",
)
COERDE_YOUTH = RequestSpec(
    Asker("Derya Koç", "derya.koc@example.org"),
    ("youth_welfare", "cooperation"),
    "de",
    IN_PERSON,
    "Wir sind junge Erwachsene aus der alevitischen Gemeinde und organisieren einen offenen "
    "Jugendtreff in Coerde. Das Jugendzentrum im Stadtteil würde gern mit uns zusammenarbeiten, "
    "aber wir wissen nicht, wie das rechtlich geht. Wer kann uns vor Ort beraten?",
    6,
    organization_name="Alevitischer Jugendtreff Münster-Coerde",
    federal_state="NW",
    forward_to=MUENSTER,
    forward_reason="Der Jugendtreff liegt in Münster-Coerde. Die Integrationsagentur des DRK "
    "Münster ist dort die lokale Anlaufstelle (Projekt „Gemeinsam lernen im Dialog“) und kennt "
    "das Jugendzentrum; Herr Kılıç berät auch auf Türkisch.",
    decided_by=LENA,
)
WOMEN_HEALTH_MUENSTER = RequestSpec(
    Asker("Ama Owusu", "ama.owusu@example.org"),
    ("funding_applications", "cooperation"),
    "en",
    IN_PERSON,
    "Unser Verein möchte ein Gesundheitscafé für Frauen anbieten, gemeinsam mit einer Hebamme "
    "und dem Gesundheitsamt. Wir brauchen Hilfe bei der Suche nach Fördermitteln und bei einer "
    "Kooperationsvereinbarung.",
    3,
    organization="Afrikanischer Frauenverein Münster",
    preferred_times="samstags",
)

# Berlin and Brandenburg --------------------------------------------------------------------------
SAWA_WEDDING = RequestSpec(
    Asker("Salma Idris", "salma.idris@example.org", mail_language="ar"),
    ("labour_law", "project_administration"),
    "ar",
    PHONE,
    "حصلنا لأول مرة على تمويل لمشروع مدته سنة، ونريد توظيف منسقة بدوام جزئي. ما الذي يجب أن "
    "ننتبه إليه في عقد العمل والتأمينات الاجتماعية؟ وكيف نوثق ساعات العمل للجهة الممولة؟",
    1,
    organization_name="Nachbarschaftsinitiative Sawa Wedding",
    postcode="13347",
    preferred_times="صباحاً",
)
LICHTENBERG_VOLUNTEERS = RequestSpec(
    Asker("Minh Pham", "minh.pham@example.org"),
    ("volunteers", "organizational_development"),
    "de",
    VIDEO,
    "Unsere Ehrenamtlichen in der Seniorenbegleitung sind selbst älter geworden, und Jüngere "
    "kommen kaum nach. Wir möchten die Arbeit neu aufstellen und jüngere Mitglieder für den "
    "Vorstand gewinnen.",
    2,
    organization="Vietnamesischer Kulturverein Lichtenberg e.V.",
)
COTTBUS_COMMITTEE = RequestSpec(
    Asker("Anna Krüger", "anna.krueger@example.org"),
    ("committee_participation",),
    "de",
    VIDEO,
    "Unsere Willkommensinitiative möchte im Integrationsbeirat der Stadt mitarbeiten. Wie "
    "läuft eine Benennung, und wie bereiten wir uns auf die Sitzungen vor?",
    4,
    organization_name="Willkommensinitiative Sandow",
    postcode="03042",
)

# The rest of Germany ------------------------------------------------------------------------
BREMEN_STATUTES = RequestSpec(
    Asker("Kwame Mensah", "kwame.mensah@example.org"),
    ("association_law", "organizational_development"),
    "en",
    VIDEO,
    "Unser Verein will die Satzung ändern, damit wir gemeinnützig werden. Was muss drinstehen, "
    "und wie läuft die Mitgliederversammlung dazu ab?",
    3,
    organization_name="Ghanaische Gemeinde Bremen e.V.",
    federal_state="HB",
)
FRANKFURT_KITA = RequestSpec(
    Asker("Rasha Khalil", "rasha.khalil@example.org", mail_language="ar"),
    ("project_planning", "youth_welfare", "funding_applications"),
    "ar",
    VIDEO,
    "نحن جمعية ثقافية عربية في فرانكفورت ونحلم بفتح روضة أطفال ثنائية اللغة. ما هي الشروط "
    "وكيف نحصل على التمويل؟ قرأنا عن دليل عملي لتأسيس روضة أطفال صدر عن مشروع «Gemeinsam aktiv».",
    1,
    organization_name="Arabischer Kulturverein Frankfurt-Gallus",
    postcode="60326",
    federal_state="HE",
)
LEIPZIG = RequestSpec(
    Asker("Ahmad Sabbagh", "ahmad.sabbagh@example.org"),
    ("organizational_development", "funding_applications"),
    "de",
    PHONE,
    "Wir sind ein syrisch-deutscher Verein in Leipzig mit 40 Mitgliedern. Wir suchen Beratung "
    "zur Organisationsentwicklung und zu Fördermitteln. Gibt es bei Ihnen jemanden für "
    "Sachsen?",
    2,
    organization_name="Syrisch-Deutscher Verein Leipzig e.V.",
    postcode="04109",
    federal_state="SN",
)

# In the order they arrived; the featured cases' requests are in counselling_cases.py.
REQUESTS = (
    FRAUENTREFF_BERGEDORF,
    RESIDENCE_QUESTION,
    COERDE_YOUTH,
    NORDSTADT_PARENTS,
    BOCHUM_VOLUNTEERS,
    COTTBUS_COMMITTEE,
    MRIYA,
    WOMEN_HEALTH_MUENSTER,
    BREMEN_STATUTES,
    HOMEWORK_WILHELMSBURG,
    ALEVI_SENIORS,
    LICHTENBERG_VOLUNTEERS,
    LEIPZIG,
    TANDEM_WILHELMSBURG,
    SAWA_WEDDING,
    FRANKFURT_KITA,
)

# Appointments ---------------------------------------------------------------------------------
AMAL = "Vereinsgründung Frauentreff Amal Harburg"
PAIWAND = "Förderantrag „Auf Augenhöhe“-Fonds: Afghanischer Jugendverein Paiwand"
NEUKOELLN = "Gremiencoaching Arabischer Elternverein Neukölln: Integrationsbeirat"
KINDERHAUS = "Vermittlung: gemeinsames Ferienprogramm in Kinderhaus"
BOCHUM = "Anerkennung als Träger der freien Jugendhilfe: Deutsch-Syrischer Kulturverein"
HANNOVER = "Jugendhilfe und Förderung: Somalischer Elternverein Hannover"

KOMMIG_ROOM = "KomMig, Beratungsraum 1. Stock, Hamburg"
VIA_ROOM = "VIA, Petersburger Str. 92, Beratungsraum 2, Berlin"
DRK_ROOM = "DRK Münster, Cheruskerring 19, Gruppenraum"


def _meet(name: str) -> str:
    return f"https://meet.example.org/{name}"


APPOINTMENTS = (
    # Jana Petersen, KomMig
    AppointmentSpec(
        "amal-satzung", JANA, KOMMIG, 0, 1, (10, 0), 60, VIDEO,
        "Amal Harburg: letzte Fragen zur Satzung", AMAL, video_link=_meet("kommig-amal"),
    ),
    AppointmentSpec(
        "paiwand-rueckfragen", JANA, KOMMIG, 0, 3, (14, 0), 45, PHONE,
        "Paiwand: Rückfragen der Förderstelle", PAIWAND,
    ),
    AppointmentSpec(
        "sprechstunde-vereinsgruendung", JANA, KOMMIG, 0, 4, (9, 30), 90, IN_PERSON,
        "Offene Sprechstunde Vereinsgründung", location=KOMMIG_ROOM,
    ),
    AppointmentSpec(
        "amal-notar", JANA, KOMMIG, 1, 0, (11, 0), 60, IN_PERSON,
        "Amal Harburg: Notartermin vorbereiten", AMAL, location=KOMMIG_ROOM,
    ),
    AppointmentSpec(
        "mriya-erstgespraech", JANA, KOMMIG, 1, 2, (15, 0), 60, IN_PERSON,
        "Erstgespräch Mriya – Ukrainische Familien in Altona", location=KOMMIG_ROOM,
    ),
    AppointmentSpec(
        "elternforum-tandem", JANA, KOMMIG, 1, 3, (10, 0), 45, PHONE,
        "Kurdisches Elternforum: Tandem-Antrag bei der BASFI",
    ),
    # Karim Nasser, KomMig (evenings, in Arabic)
    AppointmentSpec(
        "amal-mitglieder", KARIM, KOMMIG, 0, 2, (17, 30), 60, VIDEO,
        "Amal Harburg: Unterschriften der Gründungsmitglieder (auf Arabisch)", AMAL,
        video_link=_meet("kommig-amal"),
    ),
    AppointmentSpec(
        "paiwand-finanzplan", KARIM, KOMMIG, 0, 4, (11, 0), 60, VIDEO,
        "Paiwand: Finanzplan für die Rückfragen", PAIWAND, video_link=_meet("kommig-paiwand"),
    ),
    AppointmentSpec(
        "hausaufgabenhilfe-erstgespraech", KARIM, KOMMIG, 1, 1, (18, 0), 60, VIDEO,
        "Hausaufgabenhilfe Wilhelmsburg: Erstgespräch auf Arabisch",
        video_link=_meet("kommig-wilhelmsburg"),
    ),
    # Tobias Brandt and Amira Mansour, VIA
    AppointmentSpec(
        "neukoelln-vorbereitung", TOBIAS, VIA, 0, 0, (10, 0), 90, IN_PERSON,
        "Arabischer Elternverein: erste Beiratssitzung vorbereiten", NEUKOELLN,
        location=VIA_ROOM,
    ),
    AppointmentSpec(
        "lichtenberg-ehrenamt", TOBIAS, VIA, 0, 2, (13, 0), 60, VIDEO,
        "Vietnamesischer Kulturverein: Ehrenamtliche und Vorstand",
        video_link=_meet("via-lichtenberg"),
    ),
    AppointmentSpec(
        "cottbus-rueckruf", TOBIAS, VIA, 0, 4, (11, 0), 45, PHONE,
        "Willkommensinitiative Sandow: Rückruf zum Integrationsbeirat",
    ),
    AppointmentSpec(
        "neukoelln-beirat", TOBIAS, VIA, 1, 1, (17, 30), 120, IN_PERSON,
        "Integrationsbeirat Neukölln: erste Sitzung begleiten", NEUKOELLN,
        location="Rathaus Neukölln, Sitzungssaal",
    ),
    AppointmentSpec(
        "neukoelln-auswertung", TOBIAS, VIA, 1, 3, (10, 0), 60, VIDEO,
        "Arabischer Elternverein: Auswertung der Beiratssitzung", NEUKOELLN,
        video_link=_meet("via-neukoelln"),
    ),
    AppointmentSpec(
        "sawa-arbeitsvertrag", AMIRA, VIA, 1, 0, (16, 0), 60, PHONE,
        "Sawa Wedding: Arbeitsvertrag für die Koordinatorin (auf Arabisch)",
    ),
    AppointmentSpec(
        "neukoelln-arabisch", AMIRA, VIA, 0, 3, (18, 0), 60, VIDEO,
        "Arabischer Elternverein: Tagesordnung auf Arabisch durchgehen", NEUKOELLN,
        video_link=_meet("via-neukoelln"),
    ),
    # Lena Vogel, Paritätischer NRW
    AppointmentSpec(
        "bochum-satzung", LENA, NRW, 0, 3, (10, 0), 60, VIDEO,
        "Deutsch-Syrischer Kulturverein: Satzungsänderung besprechen", BOCHUM,
        video_link=_meet("nrw-bochum"),
    ),
    AppointmentSpec(
        "bochum-jugendamt", LENA, NRW, 1, 2, (14, 0), 90, IN_PERSON,
        "Deutsch-Syrischer Kulturverein: Antrag beim Jugendamt vorbereiten", BOCHUM,
        location="Deutsch-Syrischer Kulturverein Bochum e.V., Vereinsräume",
    ),
    # Baran Kılıç, DRK Münster
    AppointmentSpec(
        "kinderhaus-vereinbarung", BARAN, MUENSTER, 0, 1, (18, 0), 90, IN_PERSON,
        "Kinderhaus: Kooperationsvereinbarung gemeinsam durchgehen", KINDERHAUS,
        location=DRK_ROOM,
    ),
    AppointmentSpec(
        "coerde-rueckruf", BARAN, MUENSTER, 1, 0, (10, 0), 30, PHONE,
        "Alevitischer Jugendtreff Coerde: Rückruf",
    ),
    # Farid Rahimi, Paritätischer Gesamtverband
    AppointmentSpec(
        "hannover-folgetermin", FARID, BUND, 1, 1, (11, 0), 60, VIDEO,
        "Somalischer Elternverein Hannover: Folgetermin", HANNOVER,
        video_link=_meet("gesamtverband-hannover"),
    ),
)  # fmt: skip
