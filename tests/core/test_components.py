"""The design system's components (core/templates/core/components, `{% load components %}`),
each rendered in German and in Arabic: the structure and the ARIA that assistive technology
reads, and the words in the page's language."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages.storage.base import Message
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

from gemeinsam.core import components
from tests.html_support import attribute, find, find_all, text

LANGUAGES = ["de", "ar"]


class EventFilters(forms.Form):
    q = forms.CharField(label="Search", required=False)
    kind = forms.MultipleChoiceField(
        label="Kind",
        choices=[("training", "Training"), ("workshop", "Workshop")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    online = forms.BooleanField(label="Online only", required=False)


class ContactForm(forms.Form):
    email = forms.EmailField(label="Email", help_text="We write to you here.")
    contact = forms.ChoiceField(
        label="Contact by", choices=[("mail", "Mail"), ("phone", "Phone")], widget=forms.RadioSelect
    )

    def clean(self):
        raise forms.ValidationError("Something about the whole form.")


def render(source: str, language: str, path: str = "/", **context) -> str:
    request = RequestFactory().get(f"/{language}{path}")
    with translation.override(language):
        template = Template("{% load components %}" + source)
        return template.render(RequestContext(request, context))


@pytest.mark.parametrize(
    ("language", "label", "home"),
    [("de", "Sie sind hier", "Startseite"), ("ar", "مسار التنقل", "الصفحة الرئيسية")],
)
def test_the_page_header_shows_the_title_under_a_trail_that_ends_at_the_parent(
    language, label, home
):
    html = render(
        '{% page_header "Events" "/x/events/" "Kita" "/x/events/kita/" lead="Two dates" %}'
        "Registration for <bdi>Kita</bdi>{% endpage_header %}",
        language,
    )
    nav = find(html, "nav", class_="breadcrumbs")
    assert attribute(nav, "aria-label") == label
    links = find_all(nav, "a")
    assert [(attribute(a, "href"), text(a)) for a in links] == [
        (f"/{language}/", home),
        ("/x/events/", "Events"),
        ("/x/events/kita/", "Kita"),
    ]
    # On a phone only the parent stays, as the way back.
    assert [text(li) for li in find_all(nav, "li", class_="breadcrumbs-parent")] == ["Kita"]
    assert text(find(html, "h1")) == "Registration for Kita"
    assert text(find(html, "p", class_="lead")) == "Two dates"


def test_a_page_header_without_a_trail_has_no_breadcrumbs():
    html = render("{% page_header %}Events{% endpage_header %}", "de")
    assert find_all(html, "nav") == []
    assert text(find(html, "h1")) == "Events"


@pytest.mark.parametrize(
    ("language", "current"), [("de", "Neue Veranstaltung"), ("ar", "فعالية جديدة")]
)
def test_breadcrumbs_can_name_the_current_page(language, current):
    html = render('{% breadcrumbs "Events" "/e/" current=title %}', language, title=current)
    here = find(html, "li", aria_current="page")
    assert text(here) == current
    assert find_all(here, "a") == []


@pytest.mark.parametrize(("language", "required"), [("de", "erforderlich"), ("ar", "إلزامي")])
def test_a_field_has_label_hint_and_error_tied_to_its_input(language, required):
    form = ContactForm({"email": "x", "contact": "mail"})
    form.is_valid()
    html = render("{% field form.email %}", language, form=form)
    wrapper = find(html, "div", class_="field")
    assert "field-error" in attribute(wrapper, "class").split()
    label = find(wrapper, "label")
    assert attribute(label, "for") == "id_email"
    assert text(label) == f"Email ({required})"
    assert text(find(wrapper, "span", id="id_email_helptext")) == "We write to you here."
    assert find(wrapper, "ul", id="id_email_error")
    field = find(wrapper, "input", name="email")
    assert attribute(field, "aria-describedby") == "id_email_helptext id_email_error"
    assert attribute(field, "aria-invalid") == "true"


def test_the_old_field_include_renders_the_component():
    form = ContactForm()
    with translation.override("de"):
        html = Template('{% include "core/_field.html" with field=form.email %}').render(
            Context({"form": form})
        )
    assert attribute(find(html, "label"), "for") == "id_email"
    assert find_all(html, "div", class_="field-error") == []


@pytest.mark.parametrize(("language", "required"), [("de", "erforderlich"), ("ar", "إلزامي")])
def test_a_single_checkbox_comes_before_its_label_which_has_no_colon(language, required):
    class Consent(forms.Form):
        public = forms.BooleanField(label="Public profile", required=False)
        agree = forms.BooleanField(label="I agree")

    html = render("{% field form.public %}{% field form.agree %}", language, form=Consent())
    labels = find_all(html, "label")
    assert [(attribute(label, "for"), text(label)) for label in labels] == [
        ("id_public", "Public profile"),
        ("id_agree", f"I agree ({required})"),
    ]
    assert html.index('name="public"') < html.index('for="id_public"')


def test_choices_are_a_fieldset_whose_legend_is_the_label():
    form = ContactForm({"email": "a@example.org"})
    form.is_valid()
    html = render("{% field form.contact %}", "de", form=form)
    fieldset = find(html, "fieldset")
    assert attribute(fieldset, "aria-describedby") == "id_contact_error"
    assert text(find(fieldset, "legend")) == "Contact by (erforderlich)"


@pytest.mark.parametrize(
    ("language", "title"), [("de", "Bitte prüfen Sie Ihre Angaben"), ("ar", "هناك مشكلة")]
)
def test_the_error_summary_is_an_alert_that_links_to_each_field(language, title):
    form = ContactForm({"email": "x"})
    form.is_valid()
    html = render("{% error_summary form %}", language, form=form)
    summary = find(html, "div", class_="error-summary")
    assert attribute(summary, "role") == "alert"
    assert attribute(summary, "tabindex") == "-1"
    assert attribute(summary, "aria-labelledby") == "error-summary-title"
    assert text(find(summary, "h2", id="error-summary-title")) == title
    items = find_all(summary, "li")
    assert text(items[0]) == "Something about the whole form."
    assert find_all(items[0], "a") == []
    links = [(attribute(a, "href"), text(a).split(":")[0]) for a in find_all(summary, "a")]
    # A group of choices is reached through its first choice.
    assert links == [("#id_email", "Email"), ("#id_contact_0", "Contact by")]


def test_the_error_summary_says_nothing_for_an_unsent_or_valid_form():
    unsent = ContactForm()
    assert render("{% error_summary form %}", "de", form=unsent).strip() == ""
    valid = EventFilters({"q": "kita"})
    assert valid.is_valid()
    assert render("{% error_summary form %}", "de", form=valid).strip() == ""


def test_the_error_summary_reads_formsets_too():
    formset = forms.formset_factory(forms.Form, extra=0, min_num=2, validate_min=True)(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"}
    )
    formset.is_valid()
    items = components.form_errors([formset])
    assert [item.text for item in items] == ["Please submit at least 2 forms."]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_fieldset_groups_fields_under_a_legend_with_a_hint(language):
    form = ContactForm()
    html = render(
        '{% fieldset "How to reach you" form.email form.contact hint="One is enough." %}',
        language,
        form=form,
    )
    fieldset = find(html, "fieldset", class_="fieldset")
    assert text(find_all(fieldset, "legend")[0]) == "How to reach you"
    assert text(find(fieldset, "p", class_="field-help")) == "One is enough."
    assert len(find_all(fieldset, "div", class_="field")) == 2


@pytest.mark.parametrize(
    ("language", "remove", "clear"),
    [
        ("de", "Filter entfernen:", "Alle Filter zurücksetzen"),
        ("ar", "إزالة عامل التصفية:", "مسح كل عوامل التصفية"),
    ],
)
def test_the_filter_panel_folds_its_form_and_lists_removable_chips(language, remove, clear):
    path = "/events/?q=kita&kind=training&kind=workshop&kind=nonsense&online=on&page=3"
    request_form = EventFilters({"q": "kita", "kind": ["training", "workshop"], "online": "on"})
    html = render("{% filter_panel form %}", language, path=path, form=request_form)
    panel = find(html, "section", class_="filter-panel")
    heading = find(panel, "h2")
    assert attribute(panel, "aria-labelledby") == attribute(heading, "id")
    details = find(panel, "details")
    assert attribute(details, "data-open-wide") == ""  # folded on a phone, open on a wide screen
    assert text(find(details, "span", class_="badge")) == "4"
    form = find(details, "form")
    assert attribute(form, "method") == "get"
    chips = find_all(panel, "a", class_="chip")
    assert [(attribute(a, "href"), text(a)) for a in chips] == [
        ("?kind=training&kind=workshop&kind=nonsense&online=on", f"{remove} Search: kita ×"),
        ("?q=kita&kind=workshop&kind=nonsense&online=on", f"{remove} Kind: Training ×"),
        ("?q=kita&kind=training&kind=nonsense&online=on", f"{remove} Kind: Workshop ×"),
        (
            "?q=kita&kind=training&kind=workshop&kind=nonsense",
            f"{remove} Online only: Online only ×",
        ),
    ]
    assert text(find(panel, "a", class_="chips-clear")) == clear


def test_a_filter_panel_can_leave_its_chips_to_the_results():
    path = "/organizations/?kind=training"
    form = EventFilters({"kind": ["training"]})
    html = render(
        "{% filter_panel form chips=False %}<main>{% active_filters form %}</main>",
        "de",
        path=path,
        form=form,
    )
    panel = find(html, "section", class_="filter-panel")
    assert find_all(panel, "a", class_="chip") == []
    # The panel still says how many filters are in force while it is folded.
    assert text(find(panel, "span", class_="badge")) == "1"
    chips = find_all(find(html, "main"), "a", class_="chip")
    assert [attribute(a, "href") for a in chips] == ["?"]


def test_no_active_filter_means_no_chips():
    html = render("{% filter_panel form %}", "de", path="/events/", form=EventFilters())
    assert find_all(html, "div", class_="active-filters") == []
    assert find_all(html, "span", class_="badge") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_table_scrolls_inside_a_labelled_region(language):
    html = render(
        '{% table caption="Rooms" %}<thead><tr><th>Name</th></tr></thead>'
        "<tbody><tr><td>Hafen</td></tr></tbody>{% endtable %}",
        language,
    )
    region = find(html, "div", class_="table-wrap")
    assert attribute(region, "role") == "region"
    assert attribute(region, "tabindex") == "0"
    caption = find(region, "caption")
    assert attribute(region, "aria-labelledby") == attribute(caption, "id")
    assert text(caption) == "Rooms"


def test_a_stacked_table_labels_each_cell_with_its_column():
    html = render(
        '{% table caption="People" stack=True %}<thead><tr><th scope="col">Name</th>'
        '<th scope="col" colspan="2">When &amp; where</th><th>Note</th></tr></thead><tbody>'
        '<tr><th scope="row">Ayşe</th><td>Monday</td><td>Hafen</td><td data-label="Own">x</td>'
        "</tr></tbody>{% endtable %}",
        "ar",
    )
    assert "table-stack" in attribute(find(html, "table"), "class").split()
    assert attribute(find(html, "div", class_="table-wrap"), "tabindex") is None
    cells = [cell for cell in find_all(find(html, "tbody")) if cell.name in ("th", "td")]
    assert [attribute(cell, "data-label") for cell in cells] == [
        "Name",
        "When & where",
        "Note",  # the column after a colspan of two
        "Own",  # a label written by hand stays
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_card_links_its_title_at_the_level_asked(language):
    html = render(
        '{% card title=name url="/o/1/" level=2 %}<p>Kita</p>{% endcard %}',
        language,
        name="Verein B",
    )
    card = find(html, "div", class_="card")
    heading = find(card, "h2")
    assert attribute(find(heading, "a"), "href") == "/o/1/"
    assert text(heading) == "Verein B"
    assert text(find(card, "p")) == "Kita"


def test_a_badge_names_its_tone_and_refuses_an_unknown_one():
    html = render('{% badge "offen" "ok" %}', "de")
    assert attribute(find(html, "span"), "class") == "badge badge-ok"
    assert text(find(html, "span")) == "offen"
    with pytest.raises(TemplateSyntaxError):
        render('{% badge "offen" "green" %}', "de")


@pytest.mark.parametrize(
    ("language", "label", "status", "page_5"),
    [
        ("de", "Seiten", "Seite 5 von 10", "Seite 5"),
        ("ar", "الصفحات", "الصفحة 5 من 10", "الصفحة 5"),
    ],
)
def test_pagination_numbers_the_pages_around_the_current_one(language, label, status, page_5):
    page = Paginator(range(100), 10).page(5)
    html = render('{% pagination page "q=kita" %}', language, page=page)
    nav = find(html, "nav", class_="pagination")
    assert attribute(nav, "aria-label") == label
    items = [
        text(li) if not find_all(li, "a") else attribute(find(li, "a"), "href")
        for li in find_all(nav, "li")
    ]
    assert items == [
        "?q=kita&page=1",
        "…",
        "?q=kita&page=4",
        "?q=kita&page=5",
        "?q=kita&page=6",
        "…",
        "?q=kita&page=10",
    ]
    current = find(nav, "a", aria_current="page")
    assert text(find(current, "span", class_="visually-hidden")) == page_5
    assert attribute(find(nav, "a", rel="prev"), "href") == "?q=kita&page=4"
    assert attribute(find(nav, "a", rel="next"), "href") == "?q=kita&page=6"
    assert text(find(nav, "p", class_="pagination-status")) == status


def test_pagination_takes_plain_numbers_and_hides_a_single_page():
    html = render("{% pagination number=1 pages=3 %}", "de")
    assert [attribute(a, "href") for a in find_all(html, "a")] == [
        "?page=1",
        "?page=2",
        "?page=3",
        "?page=2",
    ]
    assert find_all(html, "a", rel="prev") == []
    single = Paginator(range(5), 10).page(1)
    assert render("{% pagination page %}", "de", page=single).strip() == ""


def test_the_old_pagination_include_keeps_the_query():
    page = Paginator(range(30), 10).page(2)
    with translation.override("de"):
        html = Template('{% include "core/_pagination.html" %}').render(
            Context({"page": page, "querystring": "kind=training"})
        )
    assert attribute(find(html, "a", rel="next"), "href") == "?kind=training&page=3"


@pytest.mark.parametrize(
    ("gaps", "expected"),
    [
        ((1, 1), [1]),
        ((1, 3), [1, 2, 3]),
        ((3, 42), [1, 2, 3, 4, None, 42]),
        ((5, 42), [1, None, 4, 5, 6, None, 42]),
        ((40, 42), [1, None, 39, 40, 41, 42]),
    ],
)
def test_page_numbers_leave_out_the_far_pages(gaps, expected):
    number, pages = gaps
    assert list(components.page_numbers(number, pages)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_state_says_so_and_offers_a_way_on(language):
    html = render(
        '{% empty_state "No events match." %}<ul><li><a href="?">All events</a></li></ul>'
        "{% endempty_state %}",
        language,
    )
    state = find(html, "div", class_="empty-state")
    assert text(find(state, "p", class_="empty-state-title")) == "No events match."
    assert attribute(find(state, "a"), "href") == "?"


@pytest.mark.parametrize("language", LANGUAGES)
def test_messages_are_one_live_region_coloured_by_level(language):
    messages = [Message(25, "Gespeichert."), Message(40, "Nicht gespeichert.")]
    with translation.override(language):
        html = Template('{% include "core/components/messages.html" %}').render(
            Context({"messages": messages})
        )
    region = find(html, "div", class_="messages")
    assert attribute(region, "role") == "status"
    assert [(attribute(p, "class"), text(p)) for p in find_all(region, "p")] == [
        ("message message-success", "Gespeichert."),
        ("message message-error", "Nicht gespeichert."),
    ]


@pytest.mark.parametrize(
    ("language", "count", "done"),
    [("de", "Schritt 2 von 3", "(erledigt)"), ("ar", "الخطوة 2 من 3", "(منجزة)")],
)
def test_the_step_indicator_marks_the_current_step(language, count, done):
    html = render('{% steps "Event" "Place" "Registration" current=2 %}', language)
    indicator = find(html, "div", class_="step-indicator")
    assert text(find(indicator, "p", id="step-count")) == count
    assert attribute(find(indicator, "ol"), "aria-labelledby") == "step-count"
    steps = find_all(indicator, "li")
    assert [attribute(li, "class") for li in steps] == ["step-done", "step-now", "step-next"]
    assert attribute(steps[1], "aria-current") == "step"
    assert text(steps[0]).endswith(done)


@pytest.mark.parametrize(
    ("path", "exact", "expected"),
    [
        ("/de/events/", False, ' aria-current="page"'),
        ("/de/events/kita/", False, ' aria-current="true"'),
        ("/de/events/kita/", True, ""),
        ("/de/rooms/", False, ""),
    ],
)
def test_a_navigation_link_marks_its_page_and_its_section(path, exact, expected):
    request = RequestFactory().get(path)
    source = '{% load components %}{% aria_current "/de/events/" exact=exact %}'
    assert Template(source).render(RequestContext(request, {"exact": exact})) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_section_navigation_marks_the_link_to_this_page(language):
    html = render(
        '{% section_nav "Funding" %}{% nav_item "Programmes" programmes %}'
        '{% nav_item "Checks" checks %}{% nav_item "All" all exact=False %}{% endsection_nav %}',
        language,
        path="/funding/checks/",
        programmes=f"/{language}/funding/programmes/",
        checks=f"/{language}/funding/checks/",
        all=f"/{language}/funding/",
    )
    nav = find(html, "nav", class_="subnav")
    assert attribute(nav, "aria-label") == "Funding"
    assert [(text(a), attribute(a, "aria-current")) for a in find_all(nav, "a")] == [
        ("Programmes", None),
        ("Checks", "page"),
        ("All", "true"),
    ]


def test_a_navigation_link_can_be_marked_by_the_page_and_name_its_relation():
    html = render(
        '{% section_nav "Months" %}{% nav_item "Earlier" "?month=2026-11" rel="prev" %}'
        '{% nav_item "Past" "?when=past" current=True %}'
        '{% nav_item "Events" "/de/events/" current=False %}{% endsection_nav %}',
        "de",
        path="/events/",
    )
    links = find_all(find(html, "nav", class_="subnav"), "a")
    assert [(attribute(a, "rel"), attribute(a, "aria-current")) for a in links] == [
        ("prev", None),
        (None, "page"),
        (None, None),
    ]


def test_a_table_takes_classes_of_its_page():
    html = render(
        '{% table caption="December" classes="month-grid" %}<tbody><tr><td>1</td></tr></tbody>'
        "{% endtable %}",
        "de",
    )
    assert set(attribute(find(html, "table"), "class").split()) == {"table", "month-grid"}
