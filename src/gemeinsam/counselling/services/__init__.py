"""Writes in counselling, one transaction each (the docstring names the side effects), by part:
`public` (asking for counselling, withdrawing), `intake` (accepting, forwarding, declining a
request), `cases`, `timeline` (notes, sessions, tasks, outcomes, documents, break-glass),
`appointments` and `gdpr` (export, erasure, retention)."""

from . import appointments, cases, gdpr, intake, public, timeline

__all__ = ["appointments", "cases", "gdpr", "intake", "public", "timeline"]
