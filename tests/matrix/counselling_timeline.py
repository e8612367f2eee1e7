"""Permission-matrix cases for counselling, timeline part (see tests/matrix/__init__.py)."""

from tests.matrix import Case

CASES: list[Case] = []
