"""Topics and professions every installation starts with. Platform admins extend them."""

from django.db import migrations

TOPICS = [
    ("recognition_qualifications", "Anerkennung ausländischer Berufsabschlüsse", "Recognition of foreign qualifications", "الاعتراف بالمؤهلات الأجنبية", "Yabancı mesleki yeterliliklerin tanınması"),
    ("labour_market_access", "Arbeitsmarktzugang für Geflüchtete", "Labour-market access for refugees", "وصول اللاجئين إلى سوق العمل", "Mültecilerin işgücü piyasasına erişimi"),
    ("volunteering", "Arbeit mit Ehrenamtlichen", "Working with volunteers", "العمل مع المتطوعين", "Gönüllülerle çalışma"),
    ("project_management", "Projektmanagement", "Project management", "إدارة المشاريع", "Proje yönetimi"),
    ("funding", "Fördermittel und Anträge", "Funding and applications", "التمويل وطلبات الدعم", "Fonlar ve başvurular"),
    ("association_law", "Vereinsrecht und Gründung", "Association law and founding", "قانون الجمعيات والتأسيس", "Dernek hukuku ve kuruluş"),
    ("participation", "Teilhabe und Gremienarbeit", "Participation and committees", "المشاركة والعمل في اللجان", "Katılım ve kurul çalışması"),
    ("anti_racism", "Rassismuskritik und Powersharing", "Anti-racism and power sharing", "مناهضة العنصرية وتقاسم السلطة", "Irkçılık eleştirisi ve güç paylaşımı"),
    ("intercultural_opening", "Interkulturelle Öffnung", "Intercultural opening", "الانفتاح بين الثقافات", "Kültürlerarası açılım"),
    ("networking", "Vernetzung und Kooperation", "Networking and cooperation", "التشبيك والتعاون", "Ağ oluşturma ve işbirliği"),
]
PROFESSIONS = [
    ("care_staff", "Pflegekräfte", "Care staff", "العاملون في التمريض والرعاية", "Bakım personeli"),
    ("educators", "Erzieher*innen", "Educators", "المربون والمربيات", "Eğitmenler"),
    ("social_workers", "Sozialarbeiter*innen", "Social workers", "الأخصائيون الاجتماعيون", "Sosyal hizmet uzmanları"),
    ("managers", "Führungskräfte", "Managers", "المديرون", "Yöneticiler"),
    ("hr_staff", "Personalverantwortliche", "HR staff", "مسؤولو الموارد البشرية", "İnsan kaynakları personeli"),
    ("kita_leads", "Kita-Leitungen", "Kita leads", "مديرو رياض الأطفال", "Kreş müdürleri"),
    ("psychiatric_staff", "Fachkräfte in der Psychiatrie", "Psychiatric staff", "العاملون في الطب النفسي", "Psikiyatri personeli"),
    ("volunteers", "Ehrenamtliche", "Volunteers", "المتطوعون", "Gönüllüler"),
]


def _names(row):
    return dict(zip(["de", "en", "ar", "tr"], row[1:5], strict=True))


def load(apps, schema_editor):
    for model_name, rows in [("Topic", TOPICS), ("Profession", PROFESSIONS)]:
        model = apps.get_model("events", model_name)
        for position, row in enumerate(rows):
            model.objects.update_or_create(
                code=row[0], defaults={"names": _names(row), "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
