"""Events over HTTP: /api/v1/events (list, detail, public registration, staff participants)."""

from ninja import Router

router = Router(tags=["events"])
