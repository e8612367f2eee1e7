from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def next_deadline(programme, today):
    return programme.next_deadline(today)


@register.filter
def requirement_title(requirement_result) -> str:
    return requirement_result.text("title", (get_language() or "de").split("-")[0])


@register.filter
def requirement_text(requirement_result, name: str) -> str:
    return requirement_result.text(name, (get_language() or "de").split("-")[0])
