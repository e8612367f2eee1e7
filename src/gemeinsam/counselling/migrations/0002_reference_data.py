"""Counselling topics and case templates every installation starts with. Admins extend them."""

from django.db import migrations

TOPICS = [
    ("association_founding", "Vereinsgründung", "Founding an association", "تأسيس جمعية", "Dernek kurma"),
    ("organizational_development", "Organisationsentwicklung", "Organizational development", "التطوير المؤسسي", "Kurumsal gelişim"),
    ("project_planning", "Projektplanung und Konzeptentwicklung", "Project planning and concept development", "تخطيط المشاريع وتطوير المفاهيم", "Proje planlama ve konsept geliştirme"),
    ("funding_applications", "Fördermittel und Anträge", "Funding and applications", "التمويل وطلبات الدعم", "Fonlar ve başvurular"),
    ("project_administration", "Projektverwaltung und Abrechnung", "Project administration and accounting", "إدارة المشاريع والمحاسبة", "Proje yönetimi ve hesap verme"),
    ("volunteers", "Ehrenamtliche gewinnen und begleiten", "Finding and supporting volunteers", "استقطاب المتطوعين ومرافقتهم", "Gönüllü bulma ve destekleme"),
    ("association_law", "Vereinsrecht und Gemeinnützigkeit", "Association law and charitable status", "قانون الجمعيات والنفع العام", "Dernek hukuku ve kamu yararı statüsü"),
    ("labour_law", "Arbeitsrecht", "Labour law", "قانون العمل", "İş hukuku"),
    ("committee_participation", "Mitwirkung in kommunalen Gremien", "Seats in municipal committees", "المشاركة في اللجان البلدية", "Belediye kurullarında yer alma"),
    ("youth_welfare", "Anerkennung als Träger der Jugendhilfe", "Recognition as youth-welfare provider", "الاعتراف كجهة حاملة لرعاية الشباب", "Gençlik refahı kuruluşu olarak tanınma"),
    ("mediation", "Vermittlung zwischen Akteuren", "Mediation between organizations", "الوساطة بين المنظمات", "Kuruluşlar arası arabuluculuk"),
    ("cooperation", "Kooperationen und Tandems", "Cooperation and tandems", "التعاون والشراكات الثنائية", "İşbirlikleri ve tandemler"),
]

TEMPLATES = [
    (
        "association_founding",
        "process_support",
        ("Vereinsgründung", "Founding an association", "تأسيس جمعية", "Dernek kurma"),
        [
            (7, "Satzung entwerfen", "Draft the statutes", "صياغة النظام الأساسي", "Tüzük taslağını hazırlama"),
            (30, "Gründungsversammlung (mindestens 7 Mitglieder)", "Founding meeting (at least 7 members)", "اجتماع التأسيس (7 أعضاء على الأقل)", "Kuruluş toplantısı (en az 7 üye)"),
            (40, "Anmeldung beim Notar beglaubigen lassen", "Have the registration certified by a notary", "توثيق طلب التسجيل لدى الكاتب العدل", "Tescil başvurusunu notere onaylatma"),
            (60, "Eintragung beim Registergericht", "Entry at the register court", "التسجيل لدى محكمة السجل", "Sicil mahkemesine kayıt"),
            (90, "Gemeinnützigkeit beim Finanzamt beantragen", "Apply for charitable status at the tax office", "طلب صفة النفع العام لدى مكتب الضرائب", "Vergi dairesinden kamu yararı statüsü isteme"),
        ],
    ),
    (
        "funding_application",
        "process_support",
        ("Förderantrag", "Funding application", "طلب تمويل", "Fon başvurusu"),
        [
            (0, "Passendes Förderprogramm prüfen", "Check which programme fits", "التحقق من برنامج التمويل المناسب", "Uygun fon programını belirleme"),
            (14, "Konzept und Finanzplan schreiben", "Write the concept and the budget", "كتابة المفهوم وخطة التمويل", "Konsept ve bütçe planını yazma"),
            (28, "Antrag einreichen", "Submit the application", "تقديم الطلب", "Başvuruyu gönderme"),
            (56, "Rückfragen der Förderstelle beantworten", "Answer the funder's questions", "الرد على أسئلة الجهة الممولة", "Fon kuruluşunun sorularını yanıtlama"),
        ],
    ),
    (
        "committee_coaching",
        "committee_coaching",
        ("Gremiencoaching", "Committee coaching", "التدريب على العمل في اللجان", "Kurul koçluğu"),
        [
            (7, "Gremien im Bezirk erkunden", "Find out which committees the district has", "التعرف على اللجان في الحي", "İlçedeki kurulları tanıma"),
            (21, "Bewerbung oder Benennung vorbereiten", "Prepare the application or nomination", "التحضير للترشح أو التسمية", "Başvuru ya da aday gösterme hazırlığı"),
            (35, "Erste Sitzung gemeinsam vorbereiten", "Prepare the first meeting together", "التحضير المشترك للجلسة الأولى", "İlk toplantıya birlikte hazırlanma"),
            (49, "Auswertung nach der Sitzung", "Review after the meeting", "التقييم بعد الجلسة", "Toplantı sonrası değerlendirme"),
        ],
    ),
    (
        "youth_welfare_recognition",
        "process_support",
        ("Anerkennung als Träger der Jugendhilfe (§ 75 SGB VIII)", "Recognition as youth-welfare provider (§ 75 SGB VIII)", "الاعتراف كجهة حاملة لرعاية الشباب (المادة 75)", "Gençlik refahı kuruluşu olarak tanınma (§ 75 SGB VIII)"),
        [
            (14, "Bisherige Jugendarbeit dokumentieren", "Document the youth work done so far", "توثيق العمل الشبابي السابق", "Şimdiye kadarki gençlik çalışmasını belgeleme"),
            (21, "Satzung auf die Voraussetzungen prüfen", "Check the statutes against the requirements", "مراجعة النظام الأساسي وفق الشروط", "Tüzüğü koşullara göre kontrol etme"),
            (45, "Antrag beim Jugendamt stellen", "Apply to the youth welfare office", "تقديم الطلب إلى مكتب رعاية الشباب", "Gençlik dairesine başvurma"),
            (75, "Unterlagen nachreichen", "Send in further documents", "تقديم الوثائق الإضافية", "Eksik belgeleri gönderme"),
        ],
    ),
]

LANGS = ["de", "en", "ar", "tr"]


def load(apps, schema_editor):
    Topic = apps.get_model("counselling", "Topic")
    CaseTemplate = apps.get_model("counselling", "CaseTemplate")
    TemplateStep = apps.get_model("counselling", "TemplateStep")
    for position, row in enumerate(TOPICS):
        Topic.objects.update_or_create(
            code=row[0], defaults={"names": dict(zip(LANGS, row[1:], strict=True)), "position": position}
        )
    for position, (code, case_type, names, steps) in enumerate(TEMPLATES):
        template, _created = CaseTemplate.objects.update_or_create(
            code=code,
            defaults={
                "case_type": case_type,
                "names": dict(zip(LANGS, names, strict=True)),
                "position": position,
            },
        )
        template.steps.all().delete()
        for step_position, (offset, *step_names) in enumerate(steps):
            TemplateStep.objects.create(
                template=template,
                names=dict(zip(LANGS, step_names, strict=True)),
                offset_days=offset,
                position=step_position,
            )


class Migration(migrations.Migration):
    dependencies = [("counselling", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
