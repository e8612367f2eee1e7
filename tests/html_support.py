"""Reading rendered HTML in tests: find elements by tag and attributes, and read their text.

Built on Django's own test parser (django.test.html), so no HTML library is needed.
"""

from __future__ import annotations

from django.test.html import Element, parse_html


def parse(html: str) -> Element:
    return parse_html(html)


def _matches(element: Element, tag: str | None, attributes: dict[str, str | bool]) -> bool:
    if tag is not None and element.name != tag:
        return False
    present = dict(element.attributes)
    for name, wanted in attributes.items():
        name = name.rstrip("_").replace("_", "-")
        if wanted is True:
            if name not in present:
                return False
        elif name == "class":
            if wanted not in (present.get("class") or "").split():
                return False
        elif present.get(name) != wanted:
            return False
    return True


def find_all(root: Element | str, tag: str | None = None, **attributes) -> list[Element]:
    """Elements under root with the tag and attributes (class_="x" matches one of its classes,
    aria_label="…" the attribute aria-label, True any value)."""
    found = []
    if isinstance(root, str):
        # Django's parser returns the element itself when the HTML has a single one at the top.
        root = parse(root)
        if root.name is not None and _matches(root, tag, attributes):
            found.append(root)
    for child in root.children:
        if isinstance(child, Element):
            if _matches(child, tag, attributes):
                found.append(child)
            found += find_all(child, tag, **attributes)
    return found


def find(root: Element | str, tag: str | None = None, **attributes) -> Element:
    """The one element that matches; fails when there is none or more than one."""
    found = find_all(root, tag, **attributes)
    assert len(found) == 1, f"{len(found)} elements match {tag} {attributes}"
    return found[0]


def attribute(element: Element, name: str) -> str | None:
    return dict(element.attributes).get(name)


def text(element: Element) -> str:
    """The element's text, its parts joined by single spaces."""
    parts = []
    for child in element.children:
        parts.append(child if isinstance(child, str) else text(child))
    return " ".join(part for part in parts if part).strip()
