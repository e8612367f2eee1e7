"""The permission matrix's vocabulary, shared by every area's table of cases.

Each area lists its cases in `tests/matrix/<area>.py` as `CASES`; `tests/matrix/test_matrix.py`
walks them all, and fails for a URL pattern that no case covers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ["anonymous", "member_a", "member_b", "advisor_x", "advisor_y", "manager_x", "admin"]
LOGIN = "login"


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def logged_in(answer, anonymous=LOGIN):
    return {**everyone(answer), "anonymous": anonymous}


def staff_only(answer=200, others=403):
    return {
        "anonymous": LOGIN,
        "member_a": others,
        "member_b": others,
        "advisor_x": answer,
        "advisor_y": answer,
        "manager_x": answer,
        "admin": answer,
    }


@dataclass
class Case:
    name: str
    expect: dict[str, int | str]
    kwargs: Callable = lambda w: {}
    method: str = "get"
    data: Callable = lambda w: {}
    query: str = ""
    label: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}{' ' + self.label if self.label else ''}"
