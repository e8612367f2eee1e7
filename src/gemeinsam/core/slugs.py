from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(
    text: str, *, taken: QuerySet, fallback: str, max_length: int, reserved: frozenset = frozenset()
) -> str:
    """A slug for `text` that no row of `taken` has yet: "verein", "verein-2", "verein-3" …

    A slug in `reserved` (a word the URLs use themselves) gets the fallback appended.
    """
    base = slugify(text)[:max_length] or fallback
    if base in reserved:
        base = f"{base}-{fallback}"
    slug, n = base, 2
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
