"""Permission-matrix cases for counselling, staff part (see tests/matrix/__init__.py)."""

from tests.matrix import Case

CASES: list[Case] = []
