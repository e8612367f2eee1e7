"""Writes of the translation workflow: typed input in, one transaction each."""

from .editor import add_comment, machine_translate, resolve_comment, save_translations
from .exchange import Imported, export_xliff, import_xliff
from .glossary import delete_glossary_entry, save_glossary_entry

__all__ = [
    "Imported",
    "add_comment",
    "delete_glossary_entry",
    "export_xliff",
    "import_xliff",
    "machine_translate",
    "resolve_comment",
    "save_glossary_entry",
    "save_translations",
]
