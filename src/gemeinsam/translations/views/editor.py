"""The side-by-side editor of one item in one language, its comments and machine translation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.core import content

from .. import machine, queries, services
from ..forms import CommentForm, EditorForm, language_name
from ..inputs import Refused
from ..models import TranslationComment


def _page(request, item, editor, form, comment_forms=None):
    comment_forms = comment_forms or {}
    for block in editor.blocks:
        block.comment_form = comment_forms.get(block.key) or CommentForm(block)
    language = editor.language
    return render(
        request,
        "translations/item_edit.html",
        {
            "item": item,
            "editor": editor,
            "form": form,
            "language": language,
            "language_name": language_name(language),
            "direction": content.direction(language),
            "machine_on": machine.is_on(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_edit(request, label: str, pk: int, language: str):
    item = queries.item_for(request.user, label, pk)
    editor = queries.editor(item, language)
    form = EditorForm(editor, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            written = services.save_translations(request.user, item, language, form.to_input())
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                ngettext("%(count)d field saved.", "%(count)d fields saved.", written)
                % {"count": written},
            )
            return redirect(request.path)
    return _page(request, item, editor, form)


@login_required
@require_POST
def item_machine(request, label: str, pk: int, language: str):
    item = queries.item_for(request.user, label, pk)
    if not machine.is_on():
        raise Http404
    try:
        count = services.machine_translate(request.user, item, language)
    except Refused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d paragraph machine-translated. Check it before readers rely on it.",
                "%(count)d paragraphs machine-translated. Check them before readers rely on them.",
                count,
            )
            % {"count": count},
        )
    return redirect("translations:item-edit", label=label, pk=pk, language=language)


@login_required
@require_POST
def comment_create(request, label: str, pk: int, language: str):
    item = queries.item_for(request.user, label, pk)
    editor = queries.editor(item, language)
    for block in editor.blocks:
        form = CommentForm(block, request.POST)
        if f"{form.prefix}-text" not in request.POST:
            continue
        if form.is_valid():
            try:
                services.add_comment(request.user, item, language, form.to_input())
            except Refused as refused:
                for problem in refused.problems:
                    form.add_error("text", problem)
            else:
                messages.success(request, _("Your comment was added."))
                return redirect("translations:item-edit", label=label, pk=pk, language=language)
        return _page(request, item, editor, EditorForm(editor), {block.key: form})
    raise Http404


@login_required
@require_POST
def comment_resolve(request, label: str, pk: int, language: str, comment: int):
    item = queries.item_for(request.user, label, pk)
    wanted = queries.editor_comments(item, language)
    found = get_object_or_404(TranslationComment.objects.filter(wanted), pk=comment)
    services.resolve_comment(request.user, found)
    messages.success(request, _("The comment is marked as resolved."))
    return redirect("translations:item-edit", label=label, pk=pk, language=language)
