"""The reference data every installation starts with. Platform admins extend it in the admin."""

from django.db import migrations

FIELDS = [
    ("youth_welfare", "Kinder- und Jugendhilfe", "Child and youth welfare", "رعاية الأطفال والشباب", "Çocuk ve gençlik yardımı"),
    ("youth_work", "Jugendarbeit", "Youth work", "العمل الشبابي", "Gençlik çalışması"),
    ("daycare", "Kindertagesbetreuung (Kita)", "Day care (Kita)", "رعاية الأطفال النهارية", "Kreş ve gündüz bakımı"),
    ("education", "Bildung und Nachhilfe", "Education and tutoring", "التعليم والدروس الخصوصية", "Eğitim ve etüt"),
    ("labour_market", "Arbeitsmarktintegration", "Labour-market integration", "الاندماج في سوق العمل", "İşgücü piyasasına uyum"),
    ("counselling", "Beratung", "Counselling", "الاستشارة", "Danışmanlık"),
    ("migration_integration", "Migration und Integration", "Migration and integration", "الهجرة والاندماج", "Göç ve uyum"),
    ("refugee_help", "Hilfe für Geflüchtete", "Help for refugees", "مساعدة اللاجئين", "Mülteci yardımı"),
    ("elderly_care", "Altenhilfe und Pflege", "Elderly care", "رعاية المسنين", "Yaşlı bakımı"),
    ("disability", "Behindertenhilfe", "Disability support", "دعم ذوي الإعاقة", "Engelli yardımı"),
    ("health", "Gesundheit", "Health", "الصحة", "Sağlık"),
    ("women_family", "Frauen und Familie", "Women and families", "المرأة والأسرة", "Kadın ve aile"),
    ("culture", "Kultur und Begegnung", "Culture and encounter", "الثقافة واللقاء", "Kültür ve buluşma"),
    ("sports", "Sport", "Sports", "الرياضة", "Spor"),
    ("anti_discrimination", "Antidiskriminierung", "Anti-discrimination", "مكافحة التمييز", "Ayrımcılıkla mücadele"),
    ("civic_engagement", "Bürgerschaftliches Engagement", "Civic engagement", "المشاركة المدنية", "Sivil katılım"),
]
TARGET_GROUPS = [
    ("children", "Kinder", "Children", "الأطفال", "Çocuklar"),
    ("young_people", "Jugendliche", "Young people", "الشباب", "Gençler"),
    ("families", "Familien", "Families", "العائلات", "Aileler"),
    ("women", "Frauen", "Women", "النساء", "Kadınlar"),
    ("elderly", "Ältere Menschen", "Older people", "كبار السن", "Yaşlılar"),
    ("refugees", "Geflüchtete", "Refugees", "اللاجئون", "Mülteciler"),
    ("newcomers", "Neuzugewanderte", "Newcomers", "القادمون الجدد", "Yeni gelenler"),
    ("job_seekers", "Arbeitsuchende", "Job seekers", "الباحثون عن عمل", "İş arayanlar"),
    ("students", "Studierende", "Students", "الطلاب", "Öğrenciler"),
    ("volunteers", "Ehrenamtliche", "Volunteers", "المتطوعون", "Gönüllüler"),
    ("professionals", "Fachkräfte", "Professionals", "المهنيون", "Uzmanlar"),
]
LANGUAGES = [
    ("de", "Deutsch", "German", "الألمانية", "Almanca", False),
    ("en", "Englisch", "English", "الإنجليزية", "İngilizce", False),
    ("ar", "Arabisch", "Arabic", "العربية", "Arapça", True),
    ("tr", "Türkisch", "Turkish", "التركية", "Türkçe", False),
    ("ku", "Kurdisch", "Kurdish", "الكردية", "Kürtçe", False),
    ("fa", "Persisch (Farsi/Dari)", "Persian (Farsi/Dari)", "الفارسية", "Farsça", True),
    ("ru", "Russisch", "Russian", "الروسية", "Rusça", False),
    ("uk", "Ukrainisch", "Ukrainian", "الأوكرانية", "Ukraynaca", False),
    ("pl", "Polnisch", "Polish", "البولندية", "Lehçe", False),
    ("fr", "Französisch", "French", "الفرنسية", "Fransızca", False),
    ("es", "Spanisch", "Spanish", "الإسبانية", "İspanyolca", False),
    ("ti", "Tigrinya", "Tigrinya", "التغرينية", "Tigrinya", False),
    ("so", "Somali", "Somali", "الصومالية", "Somalice", False),
    ("vi", "Vietnamesisch", "Vietnamese", "الفيتنامية", "Vietnamca", False),
    ("el", "Griechisch", "Greek", "اليونانية", "Yunanca", False),
    ("bs", "Bosnisch/Kroatisch/Serbisch", "Bosnian/Croatian/Serbian", "البوسنية/الكرواتية/الصربية", "Boşnakça/Hırvatça/Sırpça", False),
]
LEGAL_FORMS = [
    ("registered_association", "eingetragener Verein (e.V.)", "registered association (e.V.)", "جمعية مسجلة (e.V.)", "tescilli dernek (e.V.)"),
    ("unregistered_association", "nicht eingetragener Verein", "unregistered association", "جمعية غير مسجلة", "tescilsiz dernek"),
    ("ggmbh", "gGmbH", "non-profit limited company (gGmbH)", "شركة ذات مسؤولية محدودة غير ربحية (gGmbH)", "kâr amacı gütmeyen limited şirket (gGmbH)"),
    ("foundation", "Stiftung", "foundation", "مؤسسة", "vakıf"),
    ("initiative", "Initiative ohne Rechtsform", "initiative without legal form", "مبادرة بدون شكل قانوني", "tüzel kişiliği olmayan girişim"),
    ("public_body", "Körperschaft des öffentlichen Rechts", "public body", "هيئة عامة", "kamu tüzel kişiliği"),
    ("religious_community", "Religionsgemeinschaft", "religious community", "جماعة دينية", "dini topluluk"),
]
RECOGNITIONS = [
    ("charitable", "Gemeinnützigkeit (Freistellungsbescheid)", "charitable status (tax office notice)", "صفة النفع العام (إشعار مكتب الضرائب)", "kamu yararı statüsü (vergi dairesi kararı)", True, False),
    ("youth_welfare_75", "Anerkannter Träger der freien Jugendhilfe (§ 75 SGB VIII)", "recognised youth-welfare provider (§ 75 SGB VIII)", "جهة معترف بها لرعاية الشباب (§ 75 SGB VIII)", "tanınmış gençlik yardımı kuruluşu (§ 75 SGB VIII)", True, False),
    ("azav", "AZAV-Trägerzulassung", "AZAV provider approval", "اعتماد AZAV للجهات المقدمة", "AZAV kuruluş onayı", True, True),
    ("welfare_association", "Mitglied eines Wohlfahrtsverbands", "member of a welfare association", "عضو في رابطة رعاية اجتماعية", "bir refah derneği üyesi", True, False),
]


def _names(row):
    return dict(zip(["de", "en", "ar", "tr"], row[1:5], strict=True))


def load(apps, schema_editor):
    for model_name, rows in [("FieldOfActivity", FIELDS), ("TargetGroup", TARGET_GROUPS)]:
        model = apps.get_model("organizations", model_name)
        for position, row in enumerate(rows):
            model.objects.update_or_create(code=row[0], defaults={"names": _names(row), "position": position})
    WorkingLanguage = apps.get_model("organizations", "WorkingLanguage")
    for position, row in enumerate(LANGUAGES):
        WorkingLanguage.objects.update_or_create(
            code=row[0], defaults={"names": _names(row), "position": position, "is_rtl": row[5]}
        )
    LegalForm = apps.get_model("organizations", "LegalForm")
    for position, row in enumerate(LEGAL_FORMS):
        LegalForm.objects.update_or_create(code=row[0], defaults={"names": _names(row), "position": position})
    RecognitionType = apps.get_model("organizations", "RecognitionType")
    for position, row in enumerate(RECOGNITIONS):
        RecognitionType.objects.update_or_create(
            code=row[0],
            defaults={"names": _names(row), "position": position, "has_authority": row[5], "has_expiry": row[6]},
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_search_index")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
