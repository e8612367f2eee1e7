"""The test suite's settings: production's, plus what only tests may do (never shipped: this file
is outside the package).

- Fast password hashing and mail kept in memory.
- Race hooks (`gemeinsam.core.races`): the concurrency tests' negative controls switch a lock off
  and widen the window between counting places and taking them. A test in this process sets
  `GEMEINSAM_RACES`; a server started for a test (gunicorn on a scratch database) reads the same
  from `GEMEINSAM_TEST_RACES`, as JSON, e.g. `{"registration": {"lock": false, "delay": 0.5}}`.
"""

import json
import os

from gemeinsam.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

GEMEINSAM_RACE_HOOKS = "tests.races"
GEMEINSAM_RACES = json.loads(os.environ.get("GEMEINSAM_TEST_RACES", "{}"))
