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
        "state": str(FederalState(state).label) if state in FederalState.values else "",
        "name": by_state.get(state, ""),
        "by_state": bool(by_state),
    }


def _for_land(states: list[str], state: str) -> bool:
    return not states or not state or state in states


def guides(document: dict, language: str, state: str = "") -> list[dict]:
    """The guides to read: those of every Land and those of `state`; when the Land is not
    known, all of them, each Land's named (`states`)."""
    return [
        {
            "title": g["title"].get(language) or g["title"]["de"],
            "url": g["url"],
            "states": [] if state else [str(FederalState(s).label) for s in g.get("states", [])],
        }
        for g in document.get("guides", [])
        if _for_land(g.get("states", []), state)
    ]


def legal_basis(requirement: dict, state: str = "") -> str:
    """The requirement's legal basis with the Land law of `state`; when the Land is not known,
    with every Land's law, each named."""
    by_state = requirement.get("legal_basis_by_state", {})
    if state:
        land = [by_state[state]] if state in by_state else []
    else:
        land = [f"{FederalState(code).label}: {text}" for code, text in by_state.items()]
    return "; ".join(part for part in [requirement.get("legal_basis", ""), *land] if part)
