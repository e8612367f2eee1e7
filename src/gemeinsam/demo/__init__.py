"""Demo data for `gemeinsam demo`: the seed texts' five agencies with their projects, about 300
invented organizations in Hamburg, Berlin and North Rhine-Westphalia, and one invented person
per role.

- `data/*.yaml`: the data itself; `records` reads each file once and checks every record;
- `names`, `places`, `naming`, `descriptions`, `organizations`: the parts invented
  organizations are drawn from, and the drawing (also used by `gemeinsam bench`);
- `featured`, `agencies`, `people`: the organizations the demo's people act for, the agencies
  with their projects and staff, the log-ins;
- `loader`: writes all of it, idempotently.
"""
