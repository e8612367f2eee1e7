"""English is the source language: its catalog repeats each msgid, so no entry is empty."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "src/gemeinsam/locale/en/LC_MESSAGES/django.po"

ENTRY = re.compile(
    r'(?P<head>(?:msgctxt .*\n(?:".*"\n)*)?)'
    r'msgid (?P<id>".*"\n(?:".*"\n)*)'
    r'(?:msgid_plural (?P<plural>".*"\n(?:".*"\n)*))?'
    r'(?P<strs>(?:msgstr(?:\[\d\])? ".*"\n(?:".*"\n)*)+)'
)


def fill(match: re.Match) -> str:
    msgid, plural = match.group("id"), match.group("plural")
    if msgid == '""\n':
        return match.group(0)  # the header
    if plural:
        strs = f"msgstr[0] {msgid}msgstr[1] {plural}"
        return f"{match.group('head')}msgid {msgid}msgid_plural {plural}{strs}"
    return f"{match.group('head')}msgid {msgid}msgstr {msgid}"


def main() -> None:
    text = PO.read_text(encoding="utf-8")
    # msgmerge marks near matches fuzzy and keeps their old text; in English the msgid is the
    # translation, so neither the mark nor the previous text (#|) means anything here.
    text = re.sub(r"(?m)^#\| .*\n", "", text)
    text = re.sub(r"(?m)^#, fuzzy\n", "", text)
    text = re.sub(r"(?m)^#, fuzzy, ", "#, ", text)
    PO.write_text(ENTRY.sub(fill, text), encoding="utf-8")


if __name__ == "__main__":
    main()
