"""Who may open the surveys pages: one row per URL and role."""

from __future__ import annotations

CASES: list = []
