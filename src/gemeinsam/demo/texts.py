"""Sentences the demo descriptions are made of, in the tone of the seed texts.

German comes first and is always there; some organizations also describe themselves in
English, Arabic or Turkish. Placeholders: {city}, {district}, {origin}, {langs}, {year}.
"""

from __future__ import annotations

# What the organization does, per field of activity: German variants, then one sentence in
# English, Arabic and Turkish.
FIELD_SENTENCES = {
    "youth_welfare": (
        (
            "Seit {year} sind wir in der Kinder- und Jugendhilfe aktiv und bereiten die "
            "Anerkennung als freier Träger der Jugendhilfe vor.",
            "Wir machen offene Angebote für Kinder und Jugendliche im Stadtteil und suchen den "
            "Anschluss an die Förderung über das Jugendamt.",
        ),
        "We run open activities for children and young people and are working towards "
        "recognition as a youth-welfare provider.",
        "نقدم أنشطة مفتوحة للأطفال والشباب ونعمل على الاعتراف بنا كجهة لرعاية الشباب.",
        "Çocuklar ve gençler için açık etkinlikler düzenliyor, gençlik yardımı kuruluşu olarak "
        "tanınmak için çalışıyoruz.",
    ),
    "youth_work": (
        (
            "Unsere Jugendgruppe trifft sich jede Woche; ehrenamtliche Teamer*innen organisieren "
            "Hausaufgabenhilfe, Ausflüge und Sport.",
            "Im Jugendtreff in {district} planen junge Leute ihre Projekte selbst – von der "
            "Theatergruppe bis zum Podcast.",
        ),
        "Our youth group meets every week; volunteers organise homework help, trips and sports.",
        "تلتقي مجموعتنا الشبابية كل أسبوع، وينظم المتطوعون المساعدة في الواجبات المدرسية "
        "والرحلات والرياضة.",
        "Gençlik grubumuz her hafta buluşuyor; gönüllüler ödev yardımı, geziler ve spor "
        "etkinlikleri düzenliyor.",
    ),
    "daycare": (
        (
            "Wir planen eine zweisprachige Kita mit 30 Plätzen in {district} und suchen dafür "
            "Räume und Kooperationspartner.",
            "Unsere Eltern-Kind-Gruppe ist der erste Schritt zu einer eigenen Kita.",
        ),
        "We are planning a bilingual day-care centre with 30 places and are looking for rooms.",
        "نخطط لإنشاء روضة أطفال ثنائية اللغة تتسع لثلاثين طفلاً ونبحث عن مكان مناسب.",
        "30 kişilik iki dilli bir kreş planlıyor ve bunun için mekân arıyoruz.",
    ),
    "education": (
        (
            "Ehrenamtliche geben Nachhilfe in Mathe, Deutsch und Englisch und unterrichten "
            "{langs} als Herkunftssprache.",
            "Wir bieten Sprachcafés, Alphabetisierungskurse und Lernpatenschaften für "
            "Schüler*innen an.",
        ),
        "Volunteers tutor pupils in maths, German and English and teach heritage languages.",
        "يقدم المتطوعون دروس تقوية في الرياضيات والألمانية والإنجليزية ويعلّمون اللغة الأم.",
        "Gönüllüler matematik, Almanca ve İngilizce dersleri veriyor, ana dil eğitimi sunuyor.",
    ),
    "labour_market": (
        (
            "Wir beraten zur Anerkennung beruflicher Abschlüsse aus dem Ausland und laden "
            "Jobcenter und Arbeitsagentur zu Arbeitsmarktgesprächen ein.",
            "Mit Bewerbungstrainings und Praktikumsbörsen begleiten wir Geflüchtete in "
            "Ausbildung und Arbeit.",
        ),
        "We advise on the recognition of foreign qualifications and invite job centres to talks.",
        "نقدم الاستشارة حول الاعتراف بالشهادات المهنية الأجنبية وننظم لقاءات مع مراكز العمل.",
        "Yurt dışında alınan mesleki diplomaların tanınması konusunda danışmanlık veriyoruz.",
    ),
    "counselling": (
        (
            "In unserer offenen Sprechstunde beraten wir auf {langs} zu Behördenpost, Wohnen, "
            "Schule und Gesundheit.",
            "Unsere Beratung ist kostenlos und vertraulich; wir helfen bei Anträgen und "
            "begleiten zu Ämtern.",
        ),
        "Our open consultation hours offer free, confidential advice on letters from "
        "authorities, housing and school.",
        "نقدم في ساعات الاستشارة المفتوحة نصائح مجانية وسرية حول رسائل الدوائر الرسمية "
        "والسكن والمدرسة.",
        "Açık danışma saatlerimizde resmi yazılar, konut ve okul konularında ücretsiz "
        "danışmanlık veriyoruz.",
    ),
    "migration_integration": (
        (
            "Wir unterstützen Neuzugewanderte beim Ankommen in {city} und vermitteln Kontakte "
            "zu Beratungsstellen im Stadtteil.",
            "Als Brücke zwischen Community und Verwaltung bringen wir die Anliegen unserer "
            "Mitglieder in den Integrationsbeirat ein.",
        ),
        "We help newcomers settle in {city} and connect them with local services.",
        "نساعد القادمين الجدد على الاستقرار في {city_ar} ونربطهم بمراكز الاستشارة في الحي.",
        "Yeni gelenlerin {city} şehrine uyum sağlamasına yardım ediyoruz.",
    ),
    "refugee_help": (
        (
            "Wir begleiten Geflüchtete zu Ämtern, übersetzen bei Arztbesuchen und helfen bei "
            "der Wohnungssuche.",
            "Unsere Lotsinnen und Lotsen besuchen Familien in den Unterkünften in {district}.",
        ),
        "We accompany refugees to appointments, interpret at the doctor's and help find housing.",
        "نرافق اللاجئين إلى الدوائر الرسمية ونترجم لهم عند الطبيب ونساعدهم في البحث عن سكن.",
        "Mültecilere resmi dairelerde eşlik ediyor, doktorda tercümanlık yapıyoruz.",
    ),
    "elderly_care": (
        (
            "Unser Seniorentreff bietet älteren Menschen Begegnung, Beratung zur "
            "Pflegeversicherung und Besuche zu Hause.",
            "Wir bilden ehrenamtliche Pflegebegleiter*innen aus, die {langs} sprechen.",
        ),
        "Our seniors' club offers company, advice on long-term care insurance and home visits.",
        "يوفر نادي كبار السن لدينا اللقاءات والاستشارة حول تأمين الرعاية والزيارات المنزلية.",
        "Yaşlılar buluşmamızda bakım sigortası danışmanlığı ve ev ziyaretleri sunuyoruz.",
    ),
    "disability": (
        (
            "Wir beraten Familien mit Kindern mit Behinderung in ihrer Sprache und begleiten "
            "sie zu Frühförderung und Schule.",
        ),
        "We advise families of children with disabilities in their own language.",
        "نقدم الاستشارة لعائلات الأطفال ذوي الإعاقة بلغتهم الأم.",
        "Engelli çocuğu olan ailelere kendi dillerinde danışmanlık veriyoruz.",
    ),
    "health": (
        (
            "Gesundheitslotsinnen informieren auf {langs} über Vorsorge, Impfungen und das "
            "deutsche Gesundheitssystem.",
        ),
        "Health guides explain check-ups, vaccinations and the German health system.",
        "تشرح مرشدات الصحة الفحوصات الوقائية والتطعيمات والنظام الصحي الألماني.",
        "Sağlık rehberlerimiz koruyucu muayeneler ve aşılar hakkında bilgi veriyor.",
    ),
    "women_family": (
        (
            "Im Frauencafé kommen Mütter aus {district} zusammen; wir bieten Elternkurse und "
            "Kinderbetreuung während der Kurse.",
            "Wir stärken Frauen mit Migrationsgeschichte durch Kurse, Beratung und Austausch.",
        ),
        "Our women's café brings mothers together; we offer parenting courses and childcare.",
        "يجمع مقهى النساء لدينا الأمهات، ونقدم دورات للوالدين ورعاية للأطفال.",
        "Kadın kafemizde anneler bir araya geliyor; ebeveyn kursları düzenliyoruz.",
    ),
    "culture": (
        (
            "Wir organisieren Feste, Lesungen und Musikabende und bringen Nachbar*innen aller "
            "Herkunft zusammen.",
            "Unsere Tanz- und Musikgruppen treten bei Stadtteilfesten in {city} auf.",
        ),
        "We organise festivals, readings and music evenings that bring neighbours together.",
        "ننظم الاحتفالات والأمسيات الأدبية والموسيقية التي تجمع الجيران من كل الخلفيات.",
        "Her kökenden komşuları bir araya getiren şenlikler ve müzik akşamları düzenliyoruz.",
    ),
    "sports": (
        (
            "Bei uns spielen Kinder und Jugendliche Fußball, Volleyball und Basketball; alle "
            "Trainer*innen sind ehrenamtlich tätig.",
        ),
        "Children and young people play football and volleyball with volunteer coaches.",
        "يلعب الأطفال والشباب عندنا كرة القدم والكرة الطائرة مع مدربين متطوعين.",
        "Çocuklar ve gençler gönüllü antrenörlerle futbol ve voleybol oynuyor.",
    ),
    "anti_discrimination": (
        (
            "Wir dokumentieren Diskriminierung, begleiten Betroffene und sensibilisieren Schulen "
            "und Verwaltungen.",
        ),
        "We document discrimination, support those affected and train schools and authorities.",
        "نوثّق حالات التمييز ونرافق المتضررين ونوعّي المدارس والإدارات.",
        "Ayrımcılığı belgeliyor, mağdurlara destek oluyor, okulları bilinçlendiriyoruz.",
    ),
    "civic_engagement": (
        (
            "Wir qualifizieren Ehrenamtliche und vertreten die Interessen unserer Community in "
            "Gremien und Beiräten.",
        ),
        "We train volunteers and speak for our community on local committees.",
        "ندرّب المتطوعين ونمثل مصالح مجتمعنا في اللجان والمجالس الاستشارية.",
        "Gönüllüleri eğitiyor, topluluğumuzun çıkarlarını kurullarda temsil ediyoruz.",
    ),
}

# The first sentence, by kind of organization.
OPENINGS = {
    "migrant_org": (
        "Der Verein wurde {year} von Menschen aus {origin} in {city} gegründet.",
        "Wir sind eine Selbstorganisation von Familien aus {origin} in {city}.",
        "Seit {year} engagieren sich bei uns Menschen aus {origin} für ihre Nachbarschaft in "
        "{district}.",
    ),
    "religious_community": (
        "Neben dem Gemeindeleben leisten wir seit vielen Jahren soziale Arbeit in {district}, "
        "fast ausschließlich ehrenamtlich.",
        "Unsere Gemeinde in {city} trennt religiöse Angebote und soziale Dienstleistungen und "
        "öffnet diese für alle.",
    ),
    "established_provider": (
        "Als Einrichtung der sozialen Arbeit in {district} arbeiten wir eng mit "
        "Migrant*innenorganisationen zusammen.",
        "Seit {year} sind wir ein fester Teil der sozialen Infrastruktur in {city}.",
    ),
    "authority": (
        "Wir sind Ansprechpartner der Verwaltung für Migrant*innenorganisationen in {district}.",
        "Die Fachverwaltung fördert Projekte freier Träger und berät zu Fördermitteln.",
    ),
    "service_provider": (
        "Wir sind ein Träger von Bildungs- und Beratungsangeboten in {city}.",
        "Unser Team arbeitet mehrsprachig und bietet Kurse, Coaching und Dolmetschdienste.",
    ),
    "umbrella_body": (
        "Wir sind der Zusammenschluss von Migrant*innenorganisationen in {city} und vertreten "
        "ihre Interessen gegenüber Politik und Verwaltung.",
        "Als Netzwerk beraten wir unsere Mitgliedsvereine zu Vereinsgründung, Projekten und "
        "Fördermitteln.",
    ),
}

# (any organization, a migrant organization)
OPENINGS_TRANSLATED = {
    "en": (
        "We are an organization in {city}.",
        "We are an association founded by migrants in {city}.",
    ),
    "ar": ("نحن منظمة تعمل في {city_ar}.", "نحن جمعية أسسها مهاجرون في {city_ar}."),
    "tr": (
        "{city} şehrinde faaliyet gösteren bir kuruluşuz.",
        "{city} şehrinde göçmenlerin kurduğu bir derneğiz.",
    ),
}
CITY_NAMES_AR = {
    "Hamburg": "هامبورغ",
    "Berlin": "برلين",
    "Bochum": "بوخوم",
    "Münster": "مونستر",
    "Köln": "كولونيا",
    "Dortmund": "دورتموند",
    "Essen": "إيسن",
    "Duisburg": "دويسبورغ",
    "Gelsenkirchen": "غيلزنكيرشن",
    "Düsseldorf": "دوسلدورف",
    "Wuppertal": "فوبرتال",
    "Bielefeld": "بيليفيلد",
}

# The last sentence, sometimes: how the work is paid for, as the seeds describe it.
# Keyed by when they fit: only volunteers, a self-organisation, any, several languages.
CLOSINGS = {
    "volunteers_only": (
        "Die Arbeit erfolgt bisher ausschließlich ehrenamtlich und wird über Spenden finanziert.",
    ),
    "self_organised": (
        "Unsere Angebote werden bisher über zeitlich befristete Integrationsprojekte gefördert.",
        "Wir suchen Kooperationspartner aus den Regeldiensten für ein Tandem-Projekt.",
        "Neue Mitglieder und Ehrenamtliche sind herzlich willkommen.",
    ),
    "multilingual": ("Beratung ist bei uns auch auf {langs} möglich.",),
}

# Kind-specific fields: which fields of activity each kind of organization tends to have.
KIND_FIELDS = {
    "migrant_org": (
        "youth_work",
        "youth_welfare",
        "education",
        "women_family",
        "culture",
        "counselling",
        "migration_integration",
        "refugee_help",
        "labour_market",
        "sports",
        "elderly_care",
        "health",
        "civic_engagement",
        "anti_discrimination",
        "daycare",
        "disability",
    ),
    "religious_community": (
        "youth_work",
        "women_family",
        "elderly_care",
        "education",
        "counselling",
        "culture",
        "refugee_help",
    ),
    "established_provider": (
        "youth_welfare",
        "youth_work",
        "daycare",
        "counselling",
        "elderly_care",
        "disability",
        "health",
        "women_family",
        "migration_integration",
    ),
    "authority": ("migration_integration", "youth_welfare", "labour_market", "counselling"),
    "service_provider": (
        "labour_market",
        "education",
        "elderly_care",
        "health",
        "counselling",
        "refugee_help",
    ),
    "umbrella_body": (
        "civic_engagement",
        "migration_integration",
        "anti_discrimination",
        "counselling",
        "culture",
    ),
}

KIND_TARGET_GROUPS = {
    "migrant_org": (
        "children",
        "young_people",
        "families",
        "women",
        "elderly",
        "refugees",
        "newcomers",
        "job_seekers",
        "students",
        "volunteers",
    ),
    "religious_community": ("children", "young_people", "families", "women", "elderly"),
    "established_provider": ("children", "young_people", "families", "elderly", "refugees"),
    "authority": ("refugees", "newcomers", "families", "professionals", "job_seekers"),
    "service_provider": ("job_seekers", "refugees", "newcomers", "elderly", "professionals"),
    "umbrella_body": ("volunteers", "professionals", "newcomers"),
}
