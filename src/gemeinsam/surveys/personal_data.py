"""Surveys in the registry of personal data (`core.personal_data`).

Questionnaires, their versions, the item bank and its wordings hold no data about people: only
who launched a version, which the erasure of an account clears by itself (SET_NULL).
"""

from gemeinsam.core import personal_data

personal_data.not_personal("surveys.Question", "list_name names an XLSForm choice list")
