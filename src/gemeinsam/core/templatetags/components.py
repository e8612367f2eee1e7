"""The design system's components as template tags, `{% load components %}`.

Each tag renders one template of core/components/, so the markup of page headers, fields,
tables, pagination and the rest lives in one place; docs/design-system.md shows every call.
Tags with a body (`{% card %}…{% endcard %}`) hand it to their template as `content`.
"""

from __future__ import annotations

from itertools import count

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from gemeinsam.core import charts, components

register = template.Library()

TONES = {"neutral", "info", "ok", "warn", "error"}


# --- Blocks: tags with a body ----------------------------------------------------------------


def _render(context, name: str, values: dict):
    chosen = context.template.engine.get_template(f"core/components/{name}.html")
    return chosen.render(context.new(values))


def _unique_id(context, stem: str) -> str:
    """An id not used before on this page (the render context lives as long as the page)."""
    counter = context.render_context.dicts[0].setdefault("component-ids", count(1))
    return f"{slugify(stem)[:30] or 'component'}-{next(counter)}"


@register.simple_block_tag(takes_context=True)
def page_header(context, content, *crumbs, lead=""):
    """The page's h1 (the body), with breadcrumbs when label/address pairs are given."""
    return _render(
        context,
        "page_header",
        {
            "title": content,
            "trail": components.trail(crumbs),
            "lead": lead,
            "home_url": reverse("site:home"),
        },
    )


@register.simple_block_tag(takes_context=True)
def card(context, content, title="", url="", level=3):
    values = {"content": content, "title": title, "url": url, "level": level}
    return _render(context, "card", values)


@register.simple_block_tag(takes_context=True)
def table(context, content, caption, stack=False, caption_hidden=False, classes=""):
    """A table that scrolls inside its own box, or with `stack=True` turns each row into a
    block of label and value on a phone (the labels come from the head row). `classes` are
    added to the table's own (a page's layout of it: a month grid, a sheet to print)."""
    return _render(
        context,
        "table",
        {
            "content": mark_safe(components.label_cells(content)) if stack else content,
            "caption": caption,
            "caption_id": _unique_id(context, f"table-{caption}"),
            "stack": stack,
            "caption_hidden": caption_hidden,
            "classes": classes,
        },
    )


@register.simple_block_tag(takes_context=True)
def empty_state(context, content, title):
    """Says that nothing is there, and (the body) what the person could do instead."""
    return _render(context, "empty_state", {"content": content, "title": title})


@register.simple_block_tag(takes_context=True)
def section_nav(context, content, label):
    """The parts of one area as a row of links (the body: `{% nav_item %}`s), named for
    assistive technology by `label`."""
    return _render(context, "section_nav", {"content": content, "label": label})


@register.simple_tag(takes_context=True)
def nav_item(context, label, url, exact=True, current=None, rel=""):
    """One link of a section navigation, marked when it leads to this page (`exact=False`:
    also to a page below it). `current=True` or `False` decides instead, for links whose
    query string makes the page (`?when=past`, a month); `rel` names the link's relation
    (prev, next)."""
    if current is None:
        marked = aria_current(context, url, exact=exact)
    else:
        marked = mark_safe(' aria-current="page"') if current else ""
    relation = format_html(' rel="{}"', rel) if rel else ""
    return format_html('<li><a href="{}"{}{}>{}</a></li>', url, relation, marked, label)


# --- Inclusion tags ---------------------------------------------------------------------------


@register.inclusion_tag("core/components/breadcrumbs.html")
def breadcrumbs(*crumbs, current=""):
    return {
        "trail": components.trail(crumbs),
        "current": current,
        "home_url": reverse("site:home"),
    }


@register.inclusion_tag("core/components/field.html")
def field(bound_field):
    return {"field": bound_field}


@register.inclusion_tag("core/components/fieldset.html")
def fieldset(legend, *fields, hint=""):
    return {"legend": legend, "fields": fields, "hint": hint}


@register.inclusion_tag("core/components/error_summary.html")
def error_summary(*forms, title=""):
    return {"items": components.form_errors(forms), "title": title}


@register.inclusion_tag("core/components/pagination.html")
def pagination(page=None, querystring="", *, number=None, pages=None):
    """Pages with numbers; from a Django Page, or from `number=` and `pages=`."""
    if page is not None:
        number, pages = page.number, page.paginator.num_pages
    if not number or not pages or pages <= 1:
        return {"pages": 0}
    return components.pagination(int(number), int(pages), querystring or "")


@register.inclusion_tag("core/components/active_filters.html", takes_context=True)
def active_filters(context, form):
    return {"chips": components.active_filters(form, context["request"].GET)}


@register.inclusion_tag("core/components/filter_panel.html", takes_context=True)
def filter_panel(context, form, *, title="", submit="", action="", chips=True):
    """A GET form of filters: folded on a phone, open beside the results on a wide screen.
    `chips=False` leaves the active filters out of the panel, for a page that shows them with
    `{% active_filters %}` above its results."""
    active = components.active_filters(form, context["request"].GET)
    return {
        "form": form,
        "title": title,
        "submit": submit,
        "action": action,
        "chips": active,
        "show_chips": chips,
        "heading_id": _unique_id(context, "filters"),
    }


@register.inclusion_tag("core/components/steps.html")
def steps(*labels, current=1):
    """A long form's steps; `current` counts from 1."""
    return {
        "steps": [
            {"number": number, "label": label, "done": number < current, "now": number == current}
            for number, label in enumerate(labels, start=1)
        ],
        "current": current,
        "total": len(labels),
    }


@register.simple_tag
def badge(label, tone="neutral"):
    """A short status word; the tone (neutral, info, ok, warn, error) only colours it."""
    if tone not in TONES:
        raise template.TemplateSyntaxError(f"badge tone {tone!r} is not one of {sorted(TONES)}")
    return format_html('<span class="badge badge-{}">{}</span>', tone, label)


@register.simple_tag(takes_context=True)
def chart(context, chart):
    """A `core.charts.Chart` as an SVG image drawn on the server, right to left on a
    right-to-left page; put its table beside it."""
    html_id = _unique_id(context, "chart")
    return charts.svg(chart, html_id=html_id, rtl=translation.get_language_bidi())


@register.simple_tag(takes_context=True)
def aria_current(context, url, exact=False):
    """` aria-current="page"` on the link to this page, `"true"` on the link to its section."""
    path = context["request"].path
    if path == url:
        return mark_safe(' aria-current="page"')
    if not exact and url and path.startswith(url):
        return mark_safe(' aria-current="true"')
    return ""
