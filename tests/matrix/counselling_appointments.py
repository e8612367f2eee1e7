"""Permission-matrix cases for counselling, appointments part (see tests/matrix/__init__.py)."""

from tests.matrix import Case

CASES: list[Case] = []
