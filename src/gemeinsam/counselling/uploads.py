"""Checks for case documents: the name is cleaned, the size bounded, and the content must be what
the name says (an .exe renamed to .pdf, or HTML renamed to .png, is refused).

Only the types in `enums.DOCUMENT_TYPES` are accepted. The stored file gets a random name
(`models.document_path`); the cleaned name is kept for the download.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .enums import DOCUMENT_TYPES

MAX_NAME_LENGTH = 120
# Characters that are not allowed (or mean something) in file names on common systems.
_RESERVED = re.compile(r'[<>:"/\\|?*]')
# Control, format (e.g. right-to-left override), separator, surrogate and unassigned characters.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,10}")

# What must be inside an office file's zip container for it to be that kind of document.
_ZIP_PARTS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    content_type: str
    size: int


def allowed_extensions() -> list[str]:
    return sorted({ext.lstrip(".").upper() for ext in DOCUMENT_TYPES})


def clean_filename(raw: str) -> str:
    """A safe base name: no folders, no control characters, no reserved characters, not too long.

    "../../etc/passwd" becomes "passwd", "C:\\x\\y.pdf" becomes "y.pdf"; the extension is kept
    (in lower case), and a name that is nothing but an extension becomes "document.pdf".
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        " " if unicodedata.category(ch) == "Zs" else ch
        for ch in name
        if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )
    name = _RESERVED.sub("_", re.sub(r"\s+", " ", name))
    stem, suffix = _split(name)
    stem = stem.strip(" .")[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") or "document"
    return f"{stem}{suffix}"


def _split(name: str) -> tuple[str, str]:
    """The name and its extension (with the dot, lower case; empty when there is none)."""
    stem, dot, extension = name.strip().rpartition(".")
    if dot and _EXTENSION.fullmatch(extension):
        return stem, f".{extension.lower()}"
    return name.strip(), ""


def check_upload(upload) -> CheckedUpload:
    """Raise ValidationError (a clear message) unless the upload is an allowed, genuine document."""
    name = clean_filename(getattr(upload, "name", ""))
    extension = _split(name)[1]
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed: %(types)s.")
            % {"types": ", ".join(allowed_extensions())},
            code="type",
        )
    limit = settings.GEMEINSAM_MAX_DOCUMENT_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(size)s).") % {"size": filesizeformat(limit)},
            code="size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if not _content_matches(upload, extension):
        raise ValidationError(
            _(
                "The content of this file does not match its name (%(ext)s). It may be another "
                "kind of file renamed; it has not been uploaded."
            )
            % {"ext": extension.lstrip(".").upper()},
            code="disguised",
        )
    return CheckedUpload(name=name, content_type=DOCUMENT_TYPES[extension], size=upload.size)


def _content_matches(upload, extension: str) -> bool:
    try:
        upload.seek(0)
        if extension == ".pdf":
            return upload.read(5) == b"%PDF-"
        if extension == ".png":
            return upload.read(8) == b"\x89PNG\r\n\x1a\n"
        if extension in {".jpg", ".jpeg"}:
            return upload.read(3) == b"\xff\xd8\xff"
        if extension == ".txt":
            return _is_text(upload.read())
        if extension in _ZIP_PARTS or extension == ".odt":
            return _zip_holds(upload, extension)
        return False
    finally:
        upload.seek(0)


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _zip_holds(upload, extension: str) -> bool:
    if upload.read(4) != b"PK\x03\x04":
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension == ".odt":
                if "mimetype" not in names:
                    return False
                with archive.open("mimetype") as member:
                    return member.read(len(_ODT_MIMETYPE) + 1).strip() == _ODT_MIMETYPE
            return _ZIP_PARTS[extension] in names
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return False
