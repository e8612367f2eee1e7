"""A guide as a PDF in each language, German where a translation is missing."""

from gemeinsam.core import content
from tests.knowledge.guides import make_guide
from tests.pdf_text import lines


def test_the_pdf_holds_the_steps_in_the_readers_language(world, client):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    content.set_texts(guide, "en", {"title": "Recognition in youth welfare"})
    content.set_texts(guide.steps.get(position=1), "en", {"title": "Found an association"})

    response = client.get(f"/en/knowledge/{guide.slug}/pdf/")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{guide.slug}-en.pdf"'
    text = lines(response.content)
    assert text[0] == "Recognition in youth welfare"
    assert "1. Found an association" in text
    assert "3. Förderverein als Träger (optional)" in text
    assert "Documents to prepare: Satzung, Gründungsprotokoll" in text
    assert "Legal basis: § 75 Abs. 1 Nr. 1 SGB VIII" in text
    assert "or" in text


def test_the_arabic_pdf_is_written_right_to_left_with_german_isolated(world, client):
    guide = make_guide(world.agency_x, by=world.advisor_x)

    response = client.get(f"/ar/knowledge/{guide.slug}/pdf/")

    assert response["Content-Disposition"] == f'attachment; filename="{guide.slug}-ar.pdf"'
    pdf = response.content
    assert b"/Lang (ar)" in pdf or b"/Lang(ar)" in pdf
    drawn = " ".join(lines(pdf))
    # The German title stays readable (isolated, so not reordered word by word).
    assert "Anerkennung als Träger der freien Jugendhilfe" in drawn


def test_a_draft_has_no_pdf_for_readers(world, client):
    guide = make_guide(world.agency_x, by=world.advisor_x, status="draft")
    assert client.get(f"/de/knowledge/{guide.slug}/pdf/").status_code == 404
