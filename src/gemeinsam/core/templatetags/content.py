"""Content in the reader's language (`core.content`) in templates.

{% load content %}
<h1>{{ event|tr:"title" }}</h1>          a one-line text, in a <span lang dir> if German
<title>{{ event|tr_text:"title" }}</title>  the same as plain text
{% translated event "description" %}     paragraphs, with notes on fallback, outdated and
                                         machine-translated paragraphs
"""

from django import template

from .. import content

register = template.Library()


@register.filter
def tr(obj, name: str) -> str:
    """The object's field in the page's language (the German where it is missing), marked up."""
    return content.shown(obj, name).html() if obj else ""


@register.filter
def tr_text(obj, name: str) -> str:
    """The same as plain text, for attributes, titles and filters that follow."""
    return content.text(obj, name) if obj else ""


@register.inclusion_tag("core/components/translated.html")
def translated(obj, name: str, **options) -> dict:
    """A multi-line text, paragraph by paragraph, each in its own language."""
    return {"shown": content.shown(obj, name) if obj else None, **options}
