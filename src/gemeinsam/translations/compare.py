"""The German as it was translated against today's German, word by word (difflib)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words (with their inner hyphens and apostrophes), runs of white space, and single signs, so
# "10 Uhr." against "11 Uhr." differs in the number alone.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def word_diff(before: str, now: str) -> SafeString:
    """Today's German with what was removed since `before` in <del> and what was added in
    <ins>, escaped. Equal texts come back as they are."""
    old, new = tokens(before), tokens(now)
    out = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(escape("".join(new[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(old[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(new[j1:j2]))}</ins>")
    # Every piece is escaped above.
    return mark_safe("".join(out))
