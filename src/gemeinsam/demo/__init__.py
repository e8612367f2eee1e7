"""Demo data for `gemeinsam demo`: the seed texts' five agencies with their projects, about 300
invented organizations in Hamburg, Berlin and North Rhine-Westphalia, and one invented person
per role.

- `names`, `places`, `texts`: the parts invented names and descriptions are made of;
- `organizations`: draws organizations as plain specifications (also used by `gemeinsam bench`);
- `agencies`, `people`: the agencies, their projects and staff, the log-ins;
- `loader`: writes all of it, idempotently.
"""
