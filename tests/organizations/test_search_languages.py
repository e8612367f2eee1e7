"""The directory search understands Arabic and Turkish word forms as it does German ones: the
article and clitics of Arabic, Turkish suffixes with their changed last consonant, folding of
spellings on both sides (index and query), and typo correction in Arabic."""

import pytest

from gemeinsam.organizations import search
from gemeinsam.organizations.queries import DirectoryFilters, search_directory
from gemeinsam.organizations.search import text
from tests import factories

pytestmark = pytest.mark.django_db


def names(q: str) -> list[str]:
    result = search_directory(user=None, filters=DirectoryFilters(q=q))
    return sorted(o.name for o in result.organizations)


@pytest.mark.parametrize(
    "word", ["الشباب", "والشباب", "بالشباب", "للشباب", "فالشباب", "كالشباب", "لشباب", "الشبابية"]
)
def test_the_arabic_article_and_clitics_come_off(word):
    assert "شباب" in text.arabic_stems(word)


def test_arabic_is_folded_alike_on_both_sides():
    # Tashkeel and tatweel, the alef with hamza or madda, teh marbuta and alef maqsura.
    assert text.words("شَبَاب ـشبـاب") == ["شباب", "شباب"]
    assert [text.fold(w) for w in ("أطفال", "إسلام", "آباء", "مدرسة", "مستشفى")] == [
        "اطفال",
        "اسلام",
        "اباء",
        "مدرسه",
        "مستشفي",
    ]
    # Turkish letters fold as the German keyboard types them.
    assert [text.fold(w) for w in ("kadın", "gençliği", "İstanbul".lower())] == [
        "kadin",
        "gencligi",
        "istanbul",
    ]


def test_a_turkish_stem_is_indexed_only_where_its_spelling_changed():
    assert text.index_forms("derneği") == {"dernegi", "dernek"}
    assert text.index_forms("gençliği") == {"gencligi", "genclik"}
    # "dernekleri" begins with "dernek": a query's prefix finds it as written.
    assert text.index_forms("dernekleri") == set()


@pytest.fixture
def orgs(db):
    factories.make_organization("Arabischer Jugendtreff", description="نقدم أنشطة مفتوحة للشباب.")
    factories.make_organization("Elternverein Süd", description="ندعم الشباب والنساء في المدرسة.")
    factories.make_organization("Kinderhaus Ost", description="روضة أطفال ثنائية اللغة.")
    factories.make_organization(
        "Türk Kadın Dayanışma Derneği", description="Kadınlar için danışmanlık ve gençliği destek."
    )
    factories.make_organization("Anadolu Dernekleri Birliği", description="Gençlik çalışması.")
    factories.make_organization("Bielefelder Kulp e.V.", description="Wir bieten Sport an.")


@pytest.mark.parametrize("q", ["شباب", "الشباب", "والشباب", "شَبَاب", "ـشبـاب", "بالشباب"])
def test_every_form_of_an_arabic_word_finds_every_other(orgs, q):
    assert names(q) == ["Arabischer Jugendtreff", "Elternverein Süd"]


def test_arabic_spellings_meet_in_one_form(orgs):
    assert names("اطفال") == ["Kinderhaus Ost"]  # written أطفال
    assert names("الأطفال") == ["Kinderhaus Ost"]
    assert names("مدرسه") == ["Elternverein Süd"]  # written المدرسة
    assert names("النساء") == names("نساء") == ["Elternverein Süd"]


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("dernek", ["Anadolu Dernekleri Birliği", "Türk Kadın Dayanışma Derneği"]),
        ("derneğin", ["Anadolu Dernekleri Birliği", "Türk Kadın Dayanışma Derneği"]),
        ("dernekleri", ["Anadolu Dernekleri Birliği", "Türk Kadın Dayanışma Derneği"]),
        ("gençlik", ["Anadolu Dernekleri Birliği", "Türk Kadın Dayanışma Derneği"]),
        ("genclik", ["Anadolu Dernekleri Birliği", "Türk Kadın Dayanışma Derneği"]),
        ("kadin", ["Türk Kadın Dayanışma Derneği"]),
        ("KADINLAR", ["Türk Kadın Dayanışma Derneği"]),
        ("dayanisma", ["Türk Kadın Dayanışma Derneği"]),
    ],
)
def test_turkish_word_forms_and_spellings_find_each_other(orgs, q, found):
    assert names(q) == found


def test_a_turkish_stem_that_only_cuts_a_german_word_short_does_not_widen_it(orgs):
    # The Turkish stemmer makes "bie" of "bieten" and "kul" of "kultur"; neither is a word of
    # the index, so neither finds "Bielefelder Kulp".
    assert search.parse("bieten").variants("bieten") == ["biet"]
    assert names("bieten") == ["Bielefelder Kulp e.V."]  # by its description, as written
    assert names("kultur") == []
    # A shorter Turkish form that is a word of the index does widen: "kadınlar" → "kadın".
    assert search.parse("kadınlar").variants("kadınlar") == ["kadin"]


def test_an_arabic_typo_is_corrected(orgs):
    result = search_directory(user=None, filters=DirectoryFilters(q="الشباث"))
    assert result.corrected_text == "الشباب"
    assert sorted(o.name for o in result.organizations) == [
        "Arabischer Jugendtreff",
        "Elternverein Süd",
    ]


def test_a_correction_is_a_word_as_written_never_a_stem(db):
    factories.make_organization("Verein für Jugendhilfe", description="Beratung für Familien.")
    result = search_directory(user=None, filters=DirectoryFilters(q="Jugendhilfr"))
    # "jugendhilf", the German stem the index holds too, is closer; it is no word to offer.
    assert result.corrected_text == "jugendhilfe"
    assert search.is_known("jugendhilf")
