"""The tandems' pages are built from the design system's components: no template writes a
table, a navigation, a label or a pagination by hand."""

import re
from pathlib import Path

import gemeinsam.tandems

HAND_WRITTEN = re.compile(r'<table|<nav|class="pagination|<label')


def test_no_template_of_the_tandems_writes_navigation_fields_tables_or_pages_by_hand():
    folder = Path(gemeinsam.tandems.__file__).parent / "templates"
    templates = sorted(folder.rglob("*.html"))
    by_hand = [
        str(path.relative_to(folder))
        for path in templates
        if HAND_WRITTEN.search(path.read_text(encoding="utf-8"))
    ]
    assert len(templates) >= 14
    assert by_hand == []
