"""Counselling over HTTP: /api/v1/counselling/…"""

from ninja import Router

router = Router(tags=["counselling"])
