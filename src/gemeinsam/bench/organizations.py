"""Organizations for the directory bench: drawn like the demo's, written in bulk, indexed by the
production code; and the naive search the directory is measured against."""

from __future__ import annotations

import datetime
import json
from random import Random

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from gemeinsam.core.models import ContentTranslation
from gemeinsam.demo.organizations import organization_spec
from gemeinsam.demo.translated import segments
from gemeinsam.organizations import queries as directory
from gemeinsam.organizations import search
from gemeinsam.organizations.models import (
    FieldOfActivity,
    FundingSource,
    LegalForm,
    Organization,
    Recognition,
    RecognitionType,
    TargetGroup,
    WorkingLanguage,
)

BATCH = 5_000


def generate(n: int, *, seed: int) -> None:
    """N organizations drawn like the demo's, written in bulk with their related rows.

    Organizations go through `bulk_create` (it returns their ids); the many related rows go
    straight to `executemany`, which is several times faster than building model instances.
    """
    rng = Random(seed)  # noqa: S311 (made-up data, not secrets)
    today = datetime.date.today()
    codes = {
        model: dict(model.objects.values_list("code", "id"))
        for model in (FieldOfActivity, TargetGroup, WorkingLanguage, LegalForm, RecognitionType)
    }
    m2m = [
        (_insert_sql(Organization.fields.through), "fields", codes[FieldOfActivity]),
        (_insert_sql(Organization.target_groups.through), "target_groups", codes[TargetGroup]),
        (_insert_sql(Organization.languages.through), "languages", codes[WorkingLanguage]),
    ]
    translations_sql = _insert_sql(ContentTranslation)
    described = ContentType.objects.get_for_model(Organization).pk
    recognitions_sql = _insert_sql(Recognition)
    funding_sql = _insert_sql(FundingSource)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day = connection.ops.adapt_datefield_value
    for start in range(0, n, BATCH):
        specs = [organization_spec(rng, today=today) for _ in range(min(BATCH, n - start))]
        orgs = [
            Organization(
                slug=f"{spec.slug[:100]}-{start + i}",
                legal_form_id=codes[LegalForm].get(spec.legal_form),
                **spec.model_fields(),
            )
            for i, spec in enumerate(specs)
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            Organization.objects.bulk_create(orgs, batch_size=1000)
            pairs = list(zip((o.id for o in orgs), specs, strict=True))
            for sql, attr, ids in m2m:
                rows = [(pk, ids[code]) for pk, spec in pairs for code in getattr(spec, attr)]
                cursor.executemany(sql, rows)
            # The description's translations (its German is a column of the row).
            cursor.executemany(
                translations_sql,
                [
                    (described, pk, "description", language, json.dumps(found), now)
                    for pk, spec in pairs
                    for language, (text, made_from) in spec.descriptions.items()
                    if language != "de" and (found := segments(made_from, text))
                ],
            )
            cursor.executemany(
                recognitions_sql,
                [
                    (pk, codes[RecognitionType][code], authority, day(granted), day(valid_until))
                    for pk, spec in pairs
                    for code, authority, granted, valid_until in spec.recognitions
                ],
            )
            cursor.executemany(
                funding_sql,
                [
                    (pk, codes[FieldOfActivity][field], kind, funder)
                    for pk, spec in pairs
                    for field, kind, funder in spec.funding
                ],
            )


_COLUMNS = {
    ContentTranslation: (
        "content_type_id",
        "object_id",
        "field",
        "language",
        "segments",
        "updated_at",
    ),
    Recognition: ("organization_id", "type_id", "authority", "granted_on", "valid_until"),
    FundingSource: ("organization_id", "field_id", "kind", "funder"),
}


def _insert_sql(model) -> str:
    """INSERT for a model's table; for an M2M through table its two foreign keys, in order."""
    if model in _COLUMNS:
        columns = _COLUMNS[model]
    else:
        columns = [f.column for f in model._meta.fields if f.is_relation]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    return (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608 (names from the models)
    )


def index(*, batch: int) -> None:
    """Search documents for every organization, built by the production code, in chunks."""
    ids = list(Organization.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with transaction.atomic():
            search.reindex(Organization.objects.filter(id__gte=chunk[0], id__lte=chunk[-1]))
    # As after any bulk load: one compact index instead of one segment per chunk.
    search.optimize()


def naive_search(filters) -> tuple[list, int]:
    """What a directory without a search index would do: LIKE over the name and the
    description in every language (the German in the row, the others in their translations).

    Its answer is the directory's: the first page and the number of matches, counted up to the
    same limit (`queries.TOTAL_CAP`)."""
    t = filters.q
    qs = (
        Organization.objects.filter(
            Q(name__icontains=t)
            | Q(description__icontains=t)
            | Q(translations__field="description", translations__segments__icontains=t)
        )
        .filter(kind__in=filters.kinds, federal_state__in=filters.states)
        .distinct()
        .order_by("name")
    )
    return list(qs[:20]), qs[: directory.TOTAL_CAP + 1].count()
