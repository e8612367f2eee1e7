"""Permission-matrix cases for counselling, public part (see tests/matrix/__init__.py)."""

from tests.matrix import Case

CASES: list[Case] = []
