"""A small reader for gettext .po files: enough to check catalogs, not to edit them."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def untranslated(self) -> bool:
        return not self.msgstr or any(not text for text in self.msgstr.values())


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def parse(path: Path) -> list[Entry]:  # noqa: PLR0915 - one pass of a line-state machine
    """The entries of a .po file. One loop over the lines that tracks which part of an entry
    (comment, msgctxt, msgid, msgid_plural, msgstr[n]) a continued string belongs to; split
    into functions it would pass that state around for no gain."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    started = False

    def finish():
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        started = True
        keyword, _, rest = line.partition(" ")
        text = _unquote(line) if line.startswith('"') else _unquote(rest)
        if keyword == "msgctxt":
            entry.msgctxt, target = text, ("msgctxt", 0)
        elif keyword == "msgid":
            entry.msgid, target = text, ("msgid", 0)
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = text, ("msgid_plural", 0)
        elif keyword.startswith("msgstr["):
            index = int(keyword[7:-1])
            entry.msgstr[index], target = text, ("msgstr", index)
        elif keyword == "msgstr":
            entry.msgstr[0], target = text, ("msgstr", 0)
        elif line.startswith('"') and target:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, name, (getattr(entry, name) or "") + text)
    finish()
    return [e for e in entries if not e.obsolete]
