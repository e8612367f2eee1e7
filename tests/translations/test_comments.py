"""Reviewer comments on a field's translation: added, listed, resolved; their author's data."""

from django.urls import reverse

from gemeinsam.core.personal_data import DataSubject, Scope, erase, export
from gemeinsam.translations.models import TranslationComment

from .conftest import edit_url


def _comment_url(event, language="ar"):
    return reverse("translations:comment-create", args=["events.event", event.pk, language])


def _block_prefix(response, field):
    block = next(b for b in response.context["editor"].blocks if b.field == field)
    return block.comment_form.prefix, block.comment_form["block"].initial


def test_a_comment_on_a_paragraph_is_listed_with_its_author_and_can_be_resolved(
    event, world, client_for
):
    client = client_for(world.advisor_x)
    prefix, block = _block_prefix(client.get(edit_url(event)), "description")

    response = client.post(
        _comment_url(event),
        {
            f"{prefix}-block": block,
            f"{prefix}-paragraph": "1",
            f"{prefix}-text": "„Kita“ ist hier ein Eigenname.",
        },
    )

    assert response.status_code == 302
    comment = TranslationComment.objects.get()
    assert (comment.field, comment.language, comment.paragraph, comment.author) == (
        "description",
        "ar",
        1,
        world.advisor_x,
    )
    page = client_for(world.manager_x).get(edit_url(event))
    block = next(b for b in page.context["editor"].blocks if b.field == "description")
    assert [c.text for c in block.open_comments] == ["„Kita“ ist hier ein Eigenname."]
    assert "Xenia Wolff" in page.content.decode()

    resolve = reverse(
        "translations:comment-resolve", args=["events.event", event.pk, "ar", comment.pk]
    )
    client_for(world.manager_x).post(resolve)
    comment.refresh_from_db()
    assert comment.resolved_by == world.manager_x and comment.resolved_at is not None
    page = client_for(world.advisor_x).get(edit_url(event))
    block = next(b for b in page.context["editor"].blocks if b.field == "description")
    assert block.open_comments == [] and len(block.comments) == 1


def test_an_empty_comment_is_refused_at_its_field(event, world, client_for):
    client = client_for(world.advisor_x)
    prefix, block = _block_prefix(client.get(edit_url(event)), "title")

    response = client.post(_comment_url(event), {f"{prefix}-block": block, f"{prefix}-text": ""})

    assert response.status_code == 200
    form = next(b for b in response.context["editor"].blocks if b.field == "title").comment_form
    assert "text" in form.errors
    assert not TranslationComment.objects.exists()


def test_comments_are_only_for_those_who_may_translate(event, world, client_for):
    client = client_for(world.advisor_x)
    prefix, block = _block_prefix(client.get(edit_url(event)), "title")
    data = {f"{prefix}-block": block, f"{prefix}-text": "Bitte prüfen."}
    assert client_for(world.advisor_y).post(_comment_url(event), data).status_code == 404
    assert not TranslationComment.objects.exists()
    comment = TranslationComment.objects.create(
        content_type_id=1, object_id=event.pk, field="title", language="ar", text="fremd"
    )
    # A comment on something else cannot be resolved through this event's address.
    resolve = reverse(
        "translations:comment-resolve", args=["events.event", event.pk, "ar", comment.pk]
    )
    assert client.post(resolve).status_code == 404
    comment.refresh_from_db()
    assert comment.resolved_at is None and comment.resolved_by is None


def test_the_authors_comments_are_exported_and_erasure_keeps_the_words_but_not_the_name(
    event, world, client_for
):
    client = client_for(world.advisor_x)
    prefix, block = _block_prefix(client.get(edit_url(event)), "title")
    client.post(_comment_url(event), {f"{prefix}-block": block, f"{prefix}-text": "Titel kürzen?"})

    subject = DataSubject(user=world.advisor_x)
    data = export(subject, Scope())
    assert [c["text"] for c in data["translation_comments"]] == ["Titel kürzen?"]

    erase(subject, Scope())
    comment = TranslationComment.objects.get()
    assert comment.author is None and comment.text == "Titel kürzen?"
