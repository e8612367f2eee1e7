"""Counselling views, one module per part: public, intake, cases, timeline, appointments, gdpr,
reports."""
