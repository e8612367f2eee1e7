"""Encryption at rest for confidential counselling text (internal notes, session summaries).

The keys come from the environment (`GEMEINSAM_NOTES_KEYS`, comma-separated Fernet keys). The
first key encrypts; every key decrypts, so a new key is put in front, `gemeinsam
rotate_notes_keys` re-encrypts everything with it, and then the old key can go. A database dump
alone reveals nothing but tokens.

A wrong key is a clear error at start (`system_checks.verify_keys()`, called by the system check
and by the WSGI application), never garbage on a page: a value that no key opens raises
`NotesKeyError`.
"""

from __future__ import annotations

import base64
import functools
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models


class NotesKeyError(ImproperlyConfigured):
    """The configured keys cannot open what the database holds (or are not keys at all)."""


def development_key(secret_key: str) -> str:
    """Outside production, a key derived from SECRET_KEY, so the demo needs no set-up."""
    digest = hashlib.sha256(b"gemeinsam-notes:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise NotesKeyError("GEMEINSAM_NOTES_KEYS is empty: counselling notes need a key.")
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode()))
        except (ValueError, TypeError) as exc:
            raise NotesKeyError(
                f"GEMEINSAM_NOTES_KEYS: key {position} is not a Fernet key "
                "(32 url-safe base64-encoded bytes; make one with `gemeinsam new_notes_key`)."
            ) from exc
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.GEMEINSAM_NOTES_KEYS))


def encrypt(plain: str) -> str:
    return fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise NotesKeyError(
            "No key in GEMEINSAM_NOTES_KEYS opens the stored counselling notes. Put the key "
            "they were written with back into GEMEINSAM_NOTES_KEYS (after the new one)."
        ) from exc


def rotate(token: str) -> str:
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise NotesKeyError("A stored note cannot be opened with any configured key.") from exc


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token and read back as plain text.

    It cannot be searched or sorted in SQL, by design. Empty text stays empty, so "no summary"
    costs nothing.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)


# Every Fernet token starts with its version byte 0x80, "gA" in url-safe base64.
_TOKEN_START = b"gAAAAA"


class EncryptedFileSystemStorage(FileSystemStorage):
    """Case documents on disk are Fernet tokens made with the notes keys, so a copy of the
    document folder (a backup, a stolen disk) reveals no document without the key; opening a
    file gives its plain bytes. A file stored before documents were encrypted is read as it is,
    and `gemeinsam rotate_notes_keys` encrypts it."""

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        return super()._save(name, ContentFile(fernet().encrypt(content.read())))

    def _open(self, name, mode="rb"):
        return ContentFile(self.plain_bytes(name), name=name)

    def plain_bytes(self, name: str) -> bytes:
        with super()._open(name, "rb") as handle:
            stored = handle.read()
        if not stored.startswith(_TOKEN_START):
            return stored  # written before documents were encrypted
        try:
            return fernet().decrypt(stored)
        except InvalidToken as exc:
            raise NotesKeyError(
                "No key in GEMEINSAM_NOTES_KEYS opens a stored case document."
            ) from exc

    def rotate_file(self, name: str) -> None:
        """Write the file again with the first key (and encrypt one stored in plain)."""
        plain = self.plain_bytes(name)
        with open(self.path(name), "wb") as handle:
            handle.write(fernet().encrypt(plain))
