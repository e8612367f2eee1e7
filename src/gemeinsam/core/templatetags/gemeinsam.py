from django import template
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language: str) -> str:
    """The current page in another language (the same path under another prefix)."""
    full_path = context["request"].get_full_path()
    url = translate_url(full_path, language)
    current = f"/{get_language()}/"
    if url == full_path and full_path.startswith(current):
        # An address that resolves to nothing (a 404 page): the same path under the other prefix.
        url = f"/{language}/{full_path[len(current) :]}"
    return url


@register.filter
def label_of(obj) -> str:
    return getattr(obj, "label", str(obj))
