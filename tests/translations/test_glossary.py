"""The glossary: readers' page in their language, the staff's page, and the seeded terms."""

from django.urls import reverse

from gemeinsam.translations.models import GlossaryEntry
from gemeinsam.translations.queries import glossary_for, glossary_hits
from tests.html_support import attribute, find, find_all, text


def test_the_seeded_glossary_has_fifteen_terms_in_english_arabic_and_turkish(db):
    for language in ("en", "ar", "tr"):
        assert len(glossary_for(language)) == 15
    assert glossary_for("ar")["Zuwendung"] == "منحة"
    assert glossary_for("tr")["Satzung"] == "tüzük"
    assert glossary_for("en")["Anerkennung nach § 75 SGB VIII"] == (
        "recognition under Section 75 SGB VIII"
    )


def test_readers_open_the_glossary_in_arabic_with_the_german_term_beside_it(client, db):
    response = client.get("/ar/glossary/")
    html = response.content.decode()
    root = find(html, "dl", **{"class": "glossary"})
    terms = [text(dt) for dt in find_all(root, "dt")]
    assert len(terms) == 15
    assert "منحة ( Zuwendung )" in terms
    # In the Arabic alphabet: الاستشارة (counselling) before منحة (grant).
    assert terms.index("الاستشارة ( Beratung )") < terms.index("منحة ( Zuwendung )")
    german = find_all(root, "span", lang="de")
    assert len(german) == 15 and {attribute(span, "dir") for span in german} == {"ltr"}
    assert "أموال من الميزانية العامة" in html
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    # No English or Turkish terms on the Arabic page.
    assert "hibe" not in text(root) and "grant " not in text(root)
    assert "kamu yararı" not in html and "charitable status" not in html


def test_the_german_glossary_lists_every_language_of_a_term(client, db):
    html = client.get("/de/glossary/").content.decode()
    assert "Zuwendung" in html and "منحة" in html and "hibe" in html and "grant" in html
    assert '<span lang="ar" dir="rtl">منحة</span>' in html


def test_glossary_hits_find_a_term_at_the_start_of_a_word(db):
    entries = list(GlossaryEntry.objects.filter(language="tr"))
    found = glossary_hits("Zwei Kitas und ein Antrag auf Zuwendung, nicht Akita.", entries)
    assert sorted(e.source_term for e in found) == ["Antrag", "Kita", "Zuwendung"]


def test_staff_keep_the_glossary_and_members_may_not(world, client_for):
    url = reverse("translations:glossary-manage")
    refused = client_for(world.member_a).get(url)
    assert refused.status_code == 403 and "<form" not in refused.content.decode().split("<main")[1]
    client = client_for(world.advisor_x)
    response = client.post(
        url,
        {
            "source_term": "Freiwilligendienst",
            "language": "tr",
            "target_term": "gönüllü hizmet",
            "note": "Bir yıla kadar tam zamanlı gönüllü çalışma.",
        },
    )
    assert response.status_code == 302
    entry = GlossaryEntry.objects.get(source_term="Freiwilligendienst")
    assert entry.target_term == "gönüllü hizmet"

    twice = client.post(
        url, {"source_term": "Freiwilligendienst", "language": "tr", "target_term": "x"}
    )
    assert "The glossary already has this term for this language." in twice.content.decode()

    update = reverse("translations:glossary-update", args=[entry.pk])
    client.post(
        update, {"source_term": "Freiwilligendienst", "language": "tr", "target_term": "hizmet"}
    )
    entry.refresh_from_db()
    assert entry.target_term == "hizmet"
    client.post(reverse("translations:glossary-delete", args=[entry.pk]))
    assert not GlossaryEntry.objects.filter(pk=entry.pk).exists()
