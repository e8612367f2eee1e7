"""Who may open the committees pages: one row per URL and role."""

from __future__ import annotations

CASES: list = []
