"""Permission-matrix cases for this area (see tests/matrix/__init__.py)."""

from tests.matrix import Case

CASES: list[Case] = []
