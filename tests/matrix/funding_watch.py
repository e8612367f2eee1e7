"""Permission-matrix cases for the watch list (see tests/matrix/__init__.py).

Everyone logged in has their own watch list and may watch any programme; anonymous visitors
are sent to log in.
"""

from tests.matrix import Case, logged_in

CASES: list[Case] = [
    Case("funding:watch-list", logged_in(200)),
    Case(
        "funding:programme-watch",
        logged_in(302),
        kwargs=lambda w: {"code": "amif"},
        method="post",
        data=lambda w: {"action": "watch"},
    ),
]
