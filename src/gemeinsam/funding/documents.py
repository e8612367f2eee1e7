"""The readiness checks every installation starts with, as rule documents in data/checks/, and
what a result shows besides its requirements: who decides, and guides to read.

Each document is validated when it is read, so a broken file fails loudly at once.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from gemeinsam.core.enums import FederalState

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


def authority(document: dict, state: str, language: str) -> dict | None:
    """Who decides, and for the given Land whom to ask (a name kept in the rule document)."""
    found = document.get("authority")
    if not found:
        return None
    text = found["text"].get(language) or found["text"]["de"]
    by_state = found.get("by_state", {})
    return {
        "text": text,
        "state": FederalState(state).label if state in FederalState.values else "",
        "name": by_state.get(state, ""),
        "by_state": bool(by_state),
    }


def guides(document: dict, language: str) -> list[dict]:
    return [
        {"title": g["title"].get(language) or g["title"]["de"], "url": g["url"]}
        for g in document.get("guides", [])
    ]
