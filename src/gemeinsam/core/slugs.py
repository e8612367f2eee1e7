from django.db.models import QuerySet
from django.utils.text import slugify


def slug_base(
    text: str, *, fallback: str, max_length: int, reserved: frozenset = frozenset()
) -> str:
    """The slug `text` would get if it were free; a word the URLs use themselves (`reserved`)
    gets the fallback appended."""
    base = slugify(text)[:max_length] or fallback
    return f"{base}-{fallback}" if base in reserved else base


def unique_slug(
    text: str, *, taken: QuerySet, fallback: str, max_length: int, reserved: frozenset = frozenset()
) -> str:
    """A slug for `text` that no row of `taken` has yet: "verein", "verein-2", "verein-3" …"""
    base = slug_base(text, fallback=fallback, max_length=max_length, reserved=reserved)
    slug, n = base, 2
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class SlugPicker:
    """Free slugs for many rows at once, against a set of taken slugs read beforehand.

    The same as `unique_slug` for each row, without a query per row and per number tried: each
    base remembers the next number to try, so a thousand rows named alike cost a thousand steps.
    """

    def __init__(self, taken: set[str], *, fallback: str, max_length: int, reserved=frozenset()):
        self.taken = taken
        self.options = {"fallback": fallback, "max_length": max_length, "reserved": reserved}
        self.next_number: dict[str, int] = {}

    def pick(self, text: str) -> str:
        base = slug_base(text, **self.options)
        slug, n = base, self.next_number.get(base, 2)
        if base in self.taken:
            while (slug := f"{base}-{n}") in self.taken:
                n += 1
            self.next_number[base] = n + 1
        self.taken.add(slug)
        return slug
