"""Taking a person out of free text: what staff typed about them in titles, next steps, comments,
reasons and notes.

A `Redaction` knows the person's name (and each part of it, since staff write "Frau Aydın"),
email address and phone number (with any spacing), and replaces them in a text by a neutral
mark. `remove_name` is for lists of participants, where the name goes with its separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "…"
# Name parts this short ("Al", "Li") match too much ordinary text to be removed on their own.
SHORTEST_PART = 3


def _name_pattern(name: str) -> str:
    return rf"(?<!\w){re.escape(name)}(?!\w)"


def _phone_pattern(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return None
    # The same digits however they are grouped: "0151 2345678", "0151/234 56 78".
    return r"(?<!\d)" + r"[\s/().-]*".join(re.escape(d) for d in digits) + r"(?!\d)"


@dataclass(frozen=True)
class Redaction:
    pattern: re.Pattern | None

    @classmethod
    def of(cls, *, names=(), emails=(), phones=()) -> Redaction:
        parts: list[str] = []
        for name in names:
            name = " ".join((name or "").split())
            if not name:
                continue
            parts.append(_name_pattern(name))
            parts += [_name_pattern(word) for word in name.split() if len(word) >= SHORTEST_PART]
        parts += [re.escape(email) for email in emails if email]
        parts += [p for p in (_phone_pattern(phone) for phone in phones if phone) if p]
        if not parts:
            return cls(None)
        # Longest first, so the whole name goes before its parts.
        parts.sort(key=len, reverse=True)
        return cls(re.compile("|".join(parts), re.IGNORECASE))

    def __call__(self, text: str) -> str:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(MARK, text)

    def finds(self, text: str) -> bool:
        return bool(text and self.pattern is not None and self.pattern.search(text))


def remove_name(text: str, name: str) -> str:
    """`text` without the name (whole words, any case), separators tidied: "Amal Haddad, Berk
    Yılmaz" without "amal haddad" is "Berk Yılmaz"."""
    if not (text and name.strip()):
        return text
    pattern = re.compile(_name_pattern(name.strip()), re.IGNORECASE)
    if not pattern.search(text):
        return text
    parts = [p.strip(" ()-") for p in re.split(r"[,;\n]", pattern.sub("", text))]
    return ", ".join(p for p in parts if p.strip())
