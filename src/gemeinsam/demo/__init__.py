"""Demo data for `gemeinsam demo`: the seed texts' five agencies with their projects, about 300
invented organizations in Hamburg, Berlin and North Rhine-Westphalia, one invented person per
role, their events, rooms, counselling and funding.

- `data/`: the content itself, as YAML files (texts in every language, dates as offsets from the
  day the demo is loaded); `records` reads each file once with `yaml.safe_load` and checks every
  record against its shape, so a malformed file stops the demo with the file and the record;
- `names`, `places`, `naming`, `descriptions`, `organizations`: invented organizations drawn
  from the data (also used by `gemeinsam bench`); `featured`, `agencies`, `people`: the
  organizations the demo's people act for, the agencies with their projects, the log-ins;
- `days`: dates and times counted from the day of loading;
- `events`, `registrations`, `rooms`, `counselling*`, `funding`: the shapes of their files and
  the code that turns records into rows;
- `loader`: writes all of it, idempotently (loading again adds nothing).
"""
