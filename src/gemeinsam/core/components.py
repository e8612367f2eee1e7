"""What the design system's components compute before their templates render: breadcrumb
trails, page numbers, the errors a form summarises, the chips of active filters, and the labels
of a table's cells when it stacks on a phone.

The template tags (core/templatetags/components.py) call these; docs/design-system.md shows the
components in use.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.html import escape, strip_tags

ELLIPSIS = "…"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def trail(items) -> list[Link]:
    """Pairs of label and address, in the order written: `_("Events") events_url …`."""
    items = list(items)
    if len(items) % 2:
        raise ValueError("a trail is pairs of label and address")
    return [Link(str(label), str(url)) for label, url in zip(items[::2], items[1::2], strict=True)]


@dataclass(frozen=True)
class PageItem:
    number: int | None
    url: str = ""
    current: bool = False

    @property
    def ellipsis(self) -> bool:
        return self.number is None


def page_numbers(number: int, pages: int, *, on_each_side: int = 1, on_ends: int = 1):
    """The page numbers worth a link: the ends, the current page and its neighbours; None marks
    a gap (1 … 4 [5] 6 … 42), as Django's Paginator.get_elided_page_range does."""
    shown = set(range(1, min(on_ends, pages) + 1))
    shown |= set(range(max(pages - on_ends + 1, 1), pages + 1))
    shown |= set(range(max(number - on_each_side, 1), min(number + on_each_side, pages) + 1))
    previous = 0
    for page in sorted(shown):
        if page - previous == 2:
            yield previous + 1  # a gap of one page: the page itself is as short as "…"
        elif page - previous > 2:
            yield None
        yield page
        previous = page


def page_url(querystring: str, number: int) -> str:
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"


def pagination(number: int, pages: int, querystring: str = "") -> dict:
    items = [
        PageItem(n, page_url(querystring, n), n == number) if n else PageItem(None)
        for n in page_numbers(number, pages)
    ]
    return {
        "number": number,
        "pages": pages,
        "items": items,
        "previous": page_url(querystring, number - 1) if number > 1 else "",
        "next": page_url(querystring, number + 1) if number < pages else "",
    }


@dataclass(frozen=True)
class ErrorItem:
    text: str
    href: str = ""


def _target(field) -> str:
    """The id the summary's link jumps to: the input, or a group's first choice."""
    if field.id_for_label:
        return field.id_for_label
    return f"{field.auto_id}_0" if field.auto_id else ""


def _form_errors(form) -> list[ErrorItem]:
    items = [ErrorItem(str(error)) for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            target = _target(field)
            text = f"{field.label}: {error}" if field.label else str(error)
            items.append(ErrorItem(text, f"#{target}" if target else ""))
    return items


def form_errors(forms) -> list[ErrorItem]:
    """Every error of the forms and formsets given, in page order, each linking to its field."""
    items: list[ErrorItem] = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        if hasattr(form, "forms"):  # a formset: its own errors, then each form's
            items += [ErrorItem(str(error)) for error in form.non_form_errors()]
            for member in form.forms:
                items += _form_errors(member)
        else:
            items += _form_errors(form)
    return items


@dataclass(frozen=True)
class Chip:
    field: str
    label: str
    url: str


def _choice_label(field, value: str) -> str | None:
    choices = getattr(field, "choices", None)
    if choices is None:
        return value
    for key, label in choices:
        if isinstance(label, list | tuple):  # a group of choices
            for inner_key, inner_label in label:
                if str(inner_key) == value:
                    return str(inner_label)
        elif str(key) == value:
            return str(label)
    return None  # not a choice the form offers: nothing to show or remove


def active_filters(form, params: QueryDict) -> list[Chip]:
    """One chip per value of the form's fields in the query, each linking to the same query
    without that value (and back on page 1)."""
    chips = []
    for bound in form.visible_fields():
        name = bound.html_name
        for value in params.getlist(name):
            if value == "":
                continue
            if bound.widget_type == "checkbox":
                label = str(bound.label)
            else:
                label = _choice_label(bound.field, value)
            if label is None:
                continue
            without = params.copy()
            without.pop("page", None)
            without.setlist(name, [v for v in params.getlist(name) if v != value])
            encoded = without.urlencode()
            chips.append(Chip(str(bound.label), label, f"?{encoded}" if encoded else "?"))
    return chips


_HEAD = re.compile(r"<thead\b.*?</thead>", re.S | re.I)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S | re.I)
_ROW = re.compile(r"<tr\b.*?</tr>", re.S | re.I)
_CELL = re.compile(r"<(td|th)(\s[^>]*)?>", re.I)
_SPAN = re.compile(r'colspan="?(\d+)', re.I)


def label_cells(table_html: str) -> str:
    """Gives every body cell a data-label with its column's heading, which the stacked layout
    shows beside the value on a phone. A cell that has one already keeps it."""
    head = _HEAD.search(table_html)
    if head is None:
        return table_html
    headings = [
        html.unescape(strip_tags(cell)).strip() for cell in _HEADER_CELL.findall(head.group(0))
    ]

    def label_row(row: re.Match) -> str:
        column = 0

        def label_cell(cell: re.Match) -> str:
            nonlocal column
            attributes = cell.group(2) or ""
            heading = headings[column] if column < len(headings) else ""
            span = _SPAN.search(attributes)
            column += int(span.group(1)) if span else 1
            if not heading or "data-label=" in attributes:
                return cell.group(0)
            return f'<{cell.group(1)}{attributes} data-label="{escape(heading)}">'

        return _CELL.sub(label_cell, row.group(0))

    body = table_html[head.end() :]
    return table_html[: head.end()] + _ROW.sub(label_row, body)
