"""A programme's name and summary become content in the reader's language (core.content): the
summary, until now one JSON value with a text per language, keeps its German in the field and
its English, Arabic and Turkish as ContentTranslation rows made from that German (so they read
as up to date until someone changes the German); the built-in programmes' names get their
translations too, where the name is still the one the catalogue shipped."""

from django.db import migrations, models

LANGUAGES = ("en", "ar", "tr")

# The built-in catalogue's names (gemeinsam/funding/data/programmes.json), translated. A name
# that is a brand stays as it is in every language.
NAMES = {
    "bamf-structural": (
        "Strukturförderung von Migrantenorganisationen auf Bundesebene",
        {
            "en": "Structural funding for migrant organisations at federal level",
            "ar": "الدعم الهيكلي لمنظمات المهاجرين على المستوى الاتحادي",
            "tr": "Göçmen örgütlerinin federal düzeyde yapısal desteklenmesi",
        },
    ),
    "amif": (
        "Asyl-, Migrations- und Integrationsfonds (AMIF) 2021–2027",
        {
            "en": "Asylum, Migration and Integration Fund (AMIF) 2021–2027",
            "ar": "صندوق اللجوء والهجرة والاندماج (AMIF) 2021–2027",
            "tr": "İltica, Göç ve Uyum Fonu (AMIF) 2021–2027",
        },
    ),
    "esf-plus": (
        "Europäischer Sozialfonds Plus (ESF Plus) 2021–2027",
        {
            "en": "European Social Fund Plus (ESF Plus) 2021–2027",
            "ar": "الصندوق الاجتماعي الأوروبي بلس (ESF Plus) 2021–2027",
            "tr": "Avrupa Sosyal Fonu Artı (ESF Plus) 2021–2027",
        },
    ),
    "integrationsagenturen-nrw": (
        "Förderung von Integrationsagenturen für die Belange von Menschen mit "
        "Migrationshintergrund",
        {
            "en": "Funding for integration agencies for the concerns of people with a migration "
            "background",
            "ar": "دعم وكالات الاندماج المعنية بشؤون الأشخاص ذوي الخلفية المهاجرة",
            "tr": "Göçmen kökenli insanların ihtiyaçlarına yönelik uyum ajanslarının desteklenmesi",
        },
    ),
    "komm-an-nrw": ("KOMM-AN NRW", dict.fromkeys(LANGUAGES, "KOMM-AN NRW")),
    "rbs-level-up": ("LEVEL up!", dict.fromkeys(LANGUAGES, "LEVEL up!")),
    "auf-augenhoehe": (
        "„Auf Augenhöhe“-Fonds",
        {
            "en": "“Auf Augenhöhe” Fund (on an equal footing)",
            "ar": "صندوق «Auf Augenhöhe» (على قدم المساواة)",
            "tr": "“Auf Augenhöhe” Fonu (eşit düzeyde)",
        },
    ),
    "aktion-mensch-kinder-jugend": (
        "Kinder und Jugendliche stärken",
        {
            "en": "Strengthening children and young people",
            "ar": "تمكين الأطفال والشباب",
            "tr": "Çocukları ve gençleri güçlendirmek",
        },
    ),
    "dsee-micro": (
        "Mikroförderprogramm „Ehrenamt gewinnen. Engagement binden. Zivilgesellschaft stärken.“",
        {
            "en": "Micro-funding programme “Win volunteers. Retain engagement. Strengthen civil "
            "society.”",
            "ar": "برنامج المنح الصغيرة «كسب المتطوعين. ترسيخ الالتزام. تقوية المجتمع المدني.»",
            "tr": "Mikro destek programı “Gönüllü kazanmak. Katılımı kalıcı kılmak. Sivil "
            "toplumu güçlendirmek.”",
        },
    ),
    "hamburg-teilhabe": (
        "Förderung der chancengerechten Teilhabe von Menschen mit Migrationshintergrund",
        {
            "en": "Funding for the equal participation of people with a migration background",
            "ar": "دعم المشاركة المتكافئة للأشخاص ذوي الخلفية المهاجرة",
            "tr": "Göçmen kökenli insanların fırsat eşitliğine dayalı katılımının desteklenmesi",
        },
    ),
    "berlin-partintp": (
        "Partizipations- und Integrationsprogramm (PartIntP)",
        {
            "en": "Participation and Integration Programme (PartIntP)",
            "ar": "برنامج المشاركة والاندماج (PartIntP)",
            "tr": "Katılım ve Uyum Programı (PartIntP)",
        },
    ),
    "kjp-bund": (
        "Kinder- und Jugendplan des Bundes (KJP)",
        {
            "en": "Federal Child and Youth Plan (KJP)",
            "ar": "الخطة الاتحادية للأطفال والشباب (KJP)",
            "tr": "Federal Çocuk ve Gençlik Planı (KJP)",
        },
    ),
}


def _segment(german: str, text: str) -> dict:
    return {"source": german, "text": text, "origin": "person", "reviewed": True}


def _segments(german: str, text: str) -> list[dict]:
    """Paragraph by paragraph where they line up, else the whole text as one."""
    old = [p.strip() for p in german.split("\n\n") if p.strip()]
    new = [p.strip() for p in text.split("\n\n") if p.strip()]
    if len(old) == len(new):
        return [_segment(g, t) for g, t in zip(old, new, strict=True)]
    return [_segment("\n\n".join(old), "\n\n".join(new))] if old and new else []


def forward(apps, schema_editor):
    Programme = apps.get_model("funding", "Programme")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentTranslation = apps.get_model("core", "ContentTranslation")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="funding", model="programme"
    )
    rows = []
    for programme in Programme.objects.all():
        texts = programme.summary or {}
        programme.summary_text = texts.get("de", "")
        programme.save(update_fields=["summary_text"])
        translated = {("summary", lang): texts.get(lang, "") for lang in LANGUAGES}
        german_name, names = NAMES.get(programme.code, ("", {}))
        if german_name and programme.name == german_name:
            translated |= {("name", lang): name for lang, name in names.items()}
        for (field, language), text in translated.items():
            german = programme.summary_text if field == "summary" else programme.name
            segments = _segments(german, text)
            if segments:
                rows.append(
                    ContentTranslation(
                        content_type=content_type,
                        object_id=programme.pk,
                        field=field,
                        language=language,
                        segments=segments,
                    )
                )
    ContentTranslation.objects.bulk_create(rows, ignore_conflicts=True)


def backward(apps, schema_editor):
    Programme = apps.get_model("funding", "Programme")
    ContentTranslation = apps.get_model("core", "ContentTranslation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="funding", model="programme").first()
    for programme in Programme.objects.all():
        texts = {"de": programme.summary_text}
        found = ContentTranslation.objects.filter(
            content_type=content_type, object_id=programme.pk, field="summary"
        )
        for row in found:
            texts[row.language] = "\n\n".join(s["text"] for s in row.segments)
        programme.summary = texts
        programme.save(update_fields=["summary"])
    ContentTranslation.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0006_rules_by_land"),
        ("core", "0005_content_translation"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="summary_text",
            field=models.TextField(blank=True, verbose_name="summary"),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="programme", name="summary"),
        migrations.RenameField(model_name="programme", old_name="summary_text", new_name="summary"),
    ]
