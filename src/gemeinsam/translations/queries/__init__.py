"""Reads for the translation pages, each starting from the person asking."""

from .editor import Block, Editor, Paragraph, editor, editor_comments
from .glossary import glossary_for, glossary_hits, public_glossary
from .items import Item, item_for, unit_of, units_of
from .overview import Row, overview

__all__ = [
    "Block",
    "Editor",
    "Item",
    "Paragraph",
    "Row",
    "editor",
    "editor_comments",
    "glossary_for",
    "glossary_hits",
    "item_for",
    "overview",
    "public_glossary",
    "unit_of",
    "units_of",
]
