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


TONES = {"met": "ok", "not_met": "error", "unknown": "warn"}


@register.filter
def status_tone(status: str) -> str:
    """The badge tone of a requirement's or a check's state: met ok, missing error, unknown warn."""
    return TONES.get(status, "neutral")
