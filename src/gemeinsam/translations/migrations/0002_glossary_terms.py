"""The glossary's first terms: fifteen words of German social law and funding that migrant
organizations meet first, in English, Arabic and Turkish, each with a short explanation."""

from django.db import migrations

# German term: {language: (term, explanation)}
TERMS = {
    "Jugendhilfe": {
        "en": (
            "child and youth welfare services",
            "Support for children, young people and families under Book VIII of the Social "
            "Code (SGB VIII), provided by public authorities and independent organizations.",
        ),
        "ar": (
            "خدمات رعاية الأطفال والشباب",
            "دعم الأطفال والشباب والأسر وفق الكتاب الثامن من قانون الشؤون الاجتماعية "
            "(SGB VIII)، تقدّمه الجهات الحكومية والمنظمات المستقلة.",
        ),
        "tr": (
            "çocuk ve gençlik yardımı",
            "Sosyal Yasa Kitabı VIII (SGB VIII) uyarınca çocuklara, gençlere ve ailelere kamu "
            "kurumları ve bağımsız kuruluşlar tarafından sunulan destek.",
        ),
    },
    "Träger der freien Jugendhilfe": {
        "en": (
            "independent youth welfare organization",
            "A non-governmental organization, such as an association, that provides youth "
            "welfare services; it can be recognised under Section 75 SGB VIII.",
        ),
        "ar": (
            "جهة مستقلة لرعاية الشباب",
            "منظمة غير حكومية، مثل جمعية، تقدّم خدمات رعاية الشباب، ويمكن الاعتراف بها وفق "
            "المادة 75 من SGB VIII.",
        ),
        "tr": (
            "bağımsız gençlik yardımı kuruluşu",
            "Gençlik yardımı hizmetleri sunan, devlete ait olmayan bir kuruluş (örneğin bir "
            "dernek); SGB VIII § 75 uyarınca tanınabilir.",
        ),
    },
    "Zuwendung": {
        "en": (
            "grant",
            "Money from public funds for a project or an organization, which does not have to "
            "be paid back if it is used as agreed.",
        ),
        "ar": (
            "منحة",
            "أموال من الميزانية العامة لمشروع أو منظمة، لا يلزم ردّها إذا استُخدمت كما هو متفق "
            "عليه.",
        ),
        "tr": (
            "hibe",
            "Bir proje veya kuruluş için kamu bütçesinden verilen, kararlaştırıldığı gibi "
            "kullanılırsa geri ödenmesi gerekmeyen para.",
        ),
    },
    "Verwendungsnachweis": {
        "en": (
            "report on the use of funds",
            "The report with which a funded organization shows, after the project, how it spent "
            "the grant.",
        ),
        "ar": (
            "إثبات استخدام الأموال",
            "التقرير الذي تبيّن فيه المنظمة المموَّلة بعد انتهاء المشروع كيف أنفقت المنحة.",
        ),
        "tr": (
            "fon kullanım raporu",
            "Desteklenen kuruluşun proje sonunda hibeyi nasıl harcadığını gösterdiği rapor.",
        ),
    },
    "Gemeinnützigkeit": {
        "en": (
            "charitable status",
            "Recognition by the tax office that an organization pursues public-benefit aims; it "
            "brings tax advantages and lets the organization issue donation receipts.",
        ),
        "ar": (
            "صفة النفع العام",
            "اعتراف مكتب الضرائب بأن المنظمة تسعى إلى أهداف للنفع العام؛ ويمنحها ذلك مزايا "
            "ضريبية ويتيح لها إصدار إيصالات التبرع.",
        ),
        "tr": (
            "kamu yararı statüsü",
            "Vergi dairesinin bir kuruluşun kamu yararına amaçlar güttüğünü tanıması; vergi "
            "avantajı sağlar ve bağış makbuzu düzenlemeye izin verir.",
        ),
    },
    "eingetragener Verein (e.V.)": {
        "en": (
            "registered association (e.V.)",
            "An association entered in the register of associations at the local court; it is a "
            "legal person and needs at least seven founding members.",
        ),
        "ar": (
            "جمعية مسجّلة (e.V.)",
            "جمعية مقيّدة في سجل الجمعيات لدى المحكمة المحلية؛ وهي شخصية اعتبارية وتحتاج إلى "
            "سبعة أعضاء مؤسسين على الأقل.",
        ),
        "tr": (
            "tescilli dernek (e.V.)",
            "Sulh mahkemesindeki dernekler siciline kayıtlı dernek; tüzel kişidir ve en az yedi "
            "kurucu üye gerektirir.",
        ),
    },
    "Satzung": {
        "en": (
            "articles of association",
            "The founding document of an association: its name, purpose, membership and bodies.",
        ),
        "ar": ("النظام الأساسي", "الوثيقة التأسيسية للجمعية: اسمها وهدفها والعضوية فيها وهيئاتها."),
        "tr": ("tüzük", "Derneğin kuruluş belgesi: adı, amacı, üyeliği ve organları."),
    },
    "Anerkennung nach § 75 SGB VIII": {
        "en": (
            "recognition under Section 75 SGB VIII",
            "Official recognition as an independent youth welfare organization; many youth "
            "welfare grants require it.",
        ),
        "ar": (
            "الاعتراف وفق المادة 75 من SGB VIII",
            "اعتراف رسمي بالمنظمة جهةً مستقلة لرعاية الشباب؛ وتشترطه كثير من منح رعاية الشباب.",
        ),
        "tr": (
            "SGB VIII § 75 uyarınca tanınma",
            "Bağımsız gençlik yardımı kuruluşu olarak resmî tanınma; birçok gençlik yardımı "
            "hibesi bunu şart koşar.",
        ),
    },
    "Eigenanteil": {
        "en": (
            "own contribution",
            "The part of a project's costs that the organization pays itself, in money or in "
            "voluntary work.",
        ),
        "ar": (
            "المساهمة الذاتية",
            "جزء تكاليف المشروع الذي تتحمّله المنظمة بنفسها، نقداً أو بالعمل التطوعي.",
        ),
        "tr": (
            "öz katkı payı",
            "Proje maliyetinin kuruluşun kendisinin para ya da gönüllü çalışma olarak "
            "karşıladığı kısmı.",
        ),
    },
    "Förderbescheid": {
        "en": (
            "notice of grant award",
            "The official letter that awards a grant and states its amount, period and "
            "conditions.",
        ),
        "ar": ("قرار المنحة", "الخطاب الرسمي الذي يمنح التمويل ويحدّد مبلغه ومدته وشروطه."),
        "tr": (
            "hibe kararı",
            "Hibeyi veren, miktarını, süresini ve koşullarını belirten resmî yazı.",
        ),
    },
    "Kita": {
        "en": (
            "day-care centre (Kita)",
            "Short for Kindertagesstätte: day care for children before school; every child from "
            "the age of one has a right to a place.",
        ),
        "ar": (
            "حضانة الأطفال (Kita)",
            "اختصار لـ Kindertagesstätte: رعاية نهارية للأطفال قبل المدرسة؛ ولكل طفل ابتداءً من "
            "عمر سنة الحق في مكان فيها.",
        ),
        "tr": (
            "kreş (Kita)",
            "Kindertagesstätte'nin kısaltması: okul öncesi çocuklar için gündüz bakımı; bir "
            "yaşından itibaren her çocuğun bir yere hakkı vardır.",
        ),
    },
    "Migrantenorganisation": {
        "en": (
            "migrant organization",
            "An organization founded and run mainly by people with a migration history.",
        ),
        "ar": ("منظمة المهاجرين", "منظمة أسّسها ويديرها في الغالب أشخاص من خلفية مهاجرة."),
        "tr": (
            "göçmen örgütü",
            "Çoğunlukla göç geçmişi olan kişilerin kurduğu ve yönettiği kuruluş.",
        ),
    },
    "Ehrenamt": {
        "en": (
            "volunteering",
            "Unpaid work for the common good, for example in an association; small allowances "
            "can be paid tax-free.",
        ),
        "ar": (
            "العمل التطوعي",
            "عمل غير مدفوع الأجر من أجل الصالح العام، مثلاً في جمعية؛ ويمكن دفع مكافآت صغيرة "
            "معفاة من الضرائب.",
        ),
        "tr": (
            "gönüllü çalışma",
            "Ortak yarar için ücretsiz çalışma, örneğin bir dernekte; küçük ödenekler vergiden "
            "muaf ödenebilir.",
        ),
    },
    "Beratung": {
        "en": (
            "counselling",
            "Free, confidential advice from an agency, for example on founding an association "
            "or applying for funding.",
        ),
        "ar": (
            "الاستشارة",
            "مشورة مجانية وسرّية من إحدى الجهات، مثلاً حول تأسيس جمعية أو التقدّم بطلب تمويل.",
        ),
        "tr": (
            "danışmanlık",
            "Bir kurumdan ücretsiz ve gizli danışmanlık, örneğin dernek kurma ya da hibe "
            "başvurusu konusunda.",
        ),
    },
    "Antrag": {
        "en": (
            "application",
            "The written request for a grant or a service; it must usually be made before the "
            "project starts.",
        ),
        "ar": (
            "طلب",
            "الطلب المكتوب للحصول على منحة أو خدمة؛ ويجب عادةً تقديمه قبل بدء المشروع.",
        ),
        "tr": (
            "başvuru",
            "Bir hibe veya hizmet için yazılı talep; genellikle proje başlamadan önce "
            "yapılmalıdır.",
        ),
    },
}


def add_terms(apps, schema_editor):
    entry = apps.get_model("translations", "GlossaryEntry")
    for source, languages in TERMS.items():
        for language, (term, note) in languages.items():
            entry.objects.get_or_create(
                source_term=source,
                language=language,
                defaults={"target_term": term, "note": note},
            )


def remove_terms(apps, schema_editor):
    entry = apps.get_model("translations", "GlossaryEntry")
    entry.objects.filter(source_term__in=list(TERMS)).delete()


class Migration(migrations.Migration):
    dependencies = [("translations", "0001_initial")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
