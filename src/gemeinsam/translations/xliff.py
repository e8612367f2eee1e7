"""XLIFF 2.0 documents for translation agencies, written and read with translate-toolkit.

An export holds one `<file>` per item (`id` = "events.event-12") and one `<unit>` per paragraph
of every translated field of the item and its children: `id` = "events.question-5.label.0"
(unit, field, paragraph index), `name` = "label.0", the German paragraph as `<source>`, the
current translation (if any) as `<target>`, and notes naming the field and the item for the
translator. `srcLang` is German, `trgLang` the target language as a BCP-47 tag.

Reading refuses, before anything is parsed for its content: files over `MAX_XLIFF_BYTES`, any
DTD or entity declaration (defusedxml: no billion laughs, no external entities), XML that is
not well-formed, and documents that are not XLIFF 2.x from German. translate-toolkit then
parses with its own safe parser (entities not resolved, no network).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as defused_fromstring
from django.utils.translation import gettext as _
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from .enums import MAX_XLIFF_BYTES, SOURCE, XLIFF_NAMESPACE
from .inputs import Refused, Unit

_UNIT_ID = re.compile(r"^(?P<label>[a-z_]+\.[a-z_]+)-(?P<pk>\d+)\.(?P<field>\w+)\.(?P<index>\d+)$")


@dataclass(frozen=True)
class Paragraph:
    """One `<unit>`: a paragraph of one field of one unit."""

    unit: Unit
    field: str
    index: int
    source: str
    target: str = ""
    note: str = ""

    @property
    def unit_id(self) -> str:
        return f"{self.unit.key}.{self.field}.{self.index}"


@dataclass
class File:
    """One `<file>`: one item (the unit the registry knows) with its children's paragraphs."""

    item: Unit
    title: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Document:
    target_language: str
    files: list[File]


def _ns(tag: str) -> str:
    return f"{{{XLIFF_NAMESPACE}}}{tag}"


def _notes(parent, *texts: tuple[str, str]) -> None:
    """`<notes>` as the first child (XLIFF 2.0 wants them before the segments)."""
    notes = etree.Element(_ns("notes"))
    for category, text in texts:
        if text:
            note = etree.SubElement(notes, _ns("note"), category=category)
            note.text = text
    if len(notes):
        parent.insert(0, notes)


def write(document: Document) -> bytes:
    store = Xliff2File()
    root = store.document.getroot()
    for node in list(root):
        root.remove(node)
    store.setsourcelanguage(SOURCE)
    store.settargetlanguage(document.target_language)
    for item in document.files:
        node = store.createfilenode(item.item.key)
        root.append(node)
        store.body = node
        for paragraph in item.paragraphs:
            unit = store.UnitClass(paragraph.source)
            unit.setid(paragraph.unit_id)
            if paragraph.target:
                unit.target = paragraph.target
            element = unit.getunitelement()
            element.set("name", f"{paragraph.field}.{paragraph.index}")
            store.addunit(unit)
            _notes(element, ("field", paragraph.note))
        _notes(node, ("item", item.title))
    return bytes(store)


def _language(tag: str | None) -> str:
    return (tag or "").strip().replace("_", "-").split("-")[0].lower()


def _check_safe(data: bytes) -> None:
    if len(data) > MAX_XLIFF_BYTES:
        raise Refused([_("The file is larger than 5 MB.")])
    try:
        defused_fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise Refused(
            [_("The file declares a DTD or entities, which an XLIFF file never needs.")]
        ) from None
    except (ParseError, ValueError) as error:
        raise Refused(
            [_("The file is not well-formed XML: %(error)s") % {"error": error}]
        ) from None


def _parse(data: bytes) -> Xliff2File:
    root = defused_fromstring(data, forbid_dtd=True)
    if root.tag != _ns("xliff") or not (root.get("version") or "").startswith("2."):
        raise Refused([_("The file is not an XLIFF 2.0 document.")])
    try:
        return Xliff2File.parsestring(data)
    except (ValueError, etree.XMLSyntaxError, AssertionError) as error:
        message = _("The file could not be read as XLIFF 2.0: %(error)s") % {"error": error}
        raise Refused([message]) from None


def _text_of(unit_element, segments: dict, which: str) -> str:
    """A unit's whole source or target: its segments (as a CAT tool may have split it) and the
    ignorable white space between them, in order."""
    pieces = []
    for child in unit_element:
        if child in segments:
            value = getattr(segments[child], which)
            pieces.append(str(value) if value is not None else "")
        elif child.tag == _ns("ignorable"):
            node = child.find(_ns(which))
            pieces.append("".join(node.itertext()) if node is not None else "")
    return "".join(pieces)


def read(data: bytes) -> Document:
    """The document's paragraphs, or `Refused` naming what is wrong with the file itself.
    Whether the paragraphs fit today's content is the service's question."""
    _check_safe(data)
    store = _parse(data)
    if _language(store.getsourcelanguage()) != SOURCE:
        raise Refused([_("The file is not translated from German (srcLang).")])
    segments = {unit.xmlelement: unit for unit in store.units}
    files: dict[str, File] = {}
    problems = []
    for unit_element in store.document.getroot().iter(_ns("unit")):
        file_element = next(unit_element.iterancestors(_ns("file")))
        file_id = file_element.get("id", "")
        match = _UNIT_ID.match(unit_element.get("id", ""))
        item = re.fullmatch(r"(?P<label>[a-z_]+\.[a-z_]+)-(?P<pk>\d+)", file_id)
        if match is None or item is None:
            problems.append(
                _("Unit %(unit)s in file %(file)s does not name a paragraph of ours.")
                % {"unit": unit_element.get("id", "?"), "file": file_id or "?"}
            )
            continue
        found = files.setdefault(file_id, File(Unit(item["label"], int(item["pk"]))))
        found.paragraphs.append(
            Paragraph(
                unit=Unit(match["label"], int(match["pk"])),
                field=match["field"],
                index=int(match["index"]),
                source=_text_of(unit_element, segments, "source"),
                target=_text_of(unit_element, segments, "target").strip(),
            )
        )
    if problems:
        raise Refused(problems)
    return Document(_language(store.gettargetlanguage()), list(files.values()))
