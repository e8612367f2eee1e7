"""Machine translation through a pluggable backend, off unless configured.

    GEMEINSAM_MACHINE_TRANSLATION = "dotted.path.to.Backend"   # None (the default): off
    GEMEINSAM_MACHINE_TRANSLATION_OPTIONS = {"api_key": "..."}  # passed to the backend

A backend is a class whose instances translate a list of texts from one language into another
and receive the glossary of that pair (German term → term), which they should keep to. What it
returns is stored paragraph by paragraph as machine-translated (`Origin.MACHINE`), and readers
see it marked as such until a person confirms it in the editor.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.utils.module_loading import import_string


class MachineTranslationError(Exception):
    """The backend could not translate (the service did not answer, refused the key …)."""


class Backend(ABC):
    """The interface (a backend without `translate` cannot be made). `name` is shown to staff
    ("translated by …")."""

    name = "machine translation"

    def __init__(self, **options):
        self.options = options

    @abstractmethod
    def translate(
        self,
        texts: Sequence[str],
        *,
        source: str,
        target: str,
        glossary: Mapping[str, str],
    ) -> list[str]:
        """One translation per text, in order. Raise `MachineTranslationError` on failure."""


def backend() -> Backend | None:
    """The configured backend, or None when machine translation is off."""
    path = getattr(settings, "GEMEINSAM_MACHINE_TRANSLATION", None)
    if not path:
        return None
    options = getattr(settings, "GEMEINSAM_MACHINE_TRANSLATION_OPTIONS", None) or {}
    return import_string(path)(**options)


def is_on() -> bool:
    return bool(getattr(settings, "GEMEINSAM_MACHINE_TRANSLATION", None))
