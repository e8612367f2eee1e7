"""The German's change since translation, word by word."""

from gemeinsam.translations.compare import word_diff


def test_only_the_changed_word_is_marked():
    html = word_diff("Das Programm beginnt um 10 Uhr.", "Das Programm beginnt um 11 Uhr.")
    assert html == "Das Programm beginnt um <del>10</del><ins>11</ins> Uhr."


def test_added_and_removed_words_and_equal_texts():
    assert word_diff("Bitte melden Sie sich an.", "Bitte melden Sie sich bis Freitag an.") == (
        "Bitte melden Sie sich <ins>bis Freitag </ins>an."
    )
    assert word_diff("Kinder-betreuung gibt es.", "Kinder-betreuung gibt es.") == (
        "Kinder-betreuung gibt es."
    )


def test_markup_in_the_text_is_escaped():
    html = word_diff("A <b>B</b>", "A <i>B</i> & C")
    assert "<b>" not in html and "<i>" not in html
    assert html == (
        "A &lt;<del>b</del><ins>i</ins>&gt;B&lt;/<del>b</del><ins>i</ins>&gt;<ins> &amp; C</ins>"
    )
