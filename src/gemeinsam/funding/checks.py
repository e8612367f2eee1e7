"""The readiness checks every installation starts with, as rule documents in data/checks/.

Each document is validated when it is read, so a broken file fails loudly at once.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from . import ruledoc

CHECKS = ("association", "youth_welfare", "kita", "labour_market")


@functools.cache
def builtin_check(code: str) -> dict:
    if code not in CHECKS:
        raise KeyError(code)
    text = (resources.files(__package__) / "data" / "checks" / f"{code}.json").read_text("utf-8")
    document = json.loads(text)
    ruledoc.validate(document)
    return document
