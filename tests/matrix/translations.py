"""Permission-matrix cases for translating content (see tests/matrix/__init__.py)."""

from tests.matrix import Case

CASES: list[Case] = []
