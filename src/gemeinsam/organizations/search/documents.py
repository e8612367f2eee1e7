"""One search document per organization, written by `reindex()`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from gemeinsam.core.models import ContentTranslation

from ..models import (
    Organization,
    Recognition,
    RecognitionType,
    SearchDocument,
    SearchWord,
)
from .engines import optimize
from .text import REINDEX_CHUNK, _stems, fold, tag, words

# --- Documents ---------------------------------------------------------------------------------


@dataclass
class _Doc:
    pk: int
    name: str
    short_name: str
    places: list[str]
    kind: str
    state: str
    district: str
    is_public: bool
    tags: list[str]
    texts: list[str]

    def build(self) -> SearchDocument:
        title = " ".join(filter(None, [self.name, self.short_name]))
        body = " ".join(filter(None, [*self.places, *self.texts]))
        # Stems go in once each; bm25 would otherwise count them again and again.
        stems = " ".join(sorted(set(_stems(words(f"{title} {body}")))))
        tags = [
            tag("kind", self.kind),
            tag("state", self.state or "none"),
            tag("district", self.district or "none"),
            tag("org", self.pk),
            *self.tags,
        ]
        if self.is_public:
            tags.append(tag("public"))
        document = SearchDocument(
            organization_id=self.pk, title=title, body=f"{body} {stems}", tags=" ".join(tags)
        )
        document.written = words(f"{title} {body}")  # the words as written, not their forms
        return document


def _translated(segments: list[dict]) -> str:
    """A description's translation as one text (its paragraphs, outdated ones too)."""
    return " ".join(s.get("text", "") for s in segments or [])


def document_for(org: Organization) -> SearchDocument:
    """The search document of one organization; expects the related rows to be prefetched."""
    related = [
        *(tag("field", f.code) for f in org.fields.all()),
        *(tag("group", g.code) for g in org.target_groups.all()),
        *(tag("lang", lang.code) for lang in org.languages.all()),
        *(tag("recog", r.type.code) for r in org.recognitions.all()),
    ]
    return _Doc(
        pk=org.pk,
        name=org.name,
        short_name=org.short_name,
        places=[org.postcode, org.city, org.district, org.municipality],
        kind=org.kind,
        state=org.federal_state,
        district=org.district,
        is_public=org.is_public,
        tags=related,
        texts=[
            org.description,
            *(_translated(t.segments) for t in org.translations.all() if t.field == "description"),
        ],
    ).build()


def _documents_for_ids(ids: list[int]) -> list[SearchDocument]:
    """The same documents as `document_for`, read with plain value queries (no model instances
    per row), which makes rebuilding 100,000 documents take seconds instead of minutes."""
    tags: dict[int, list[str]] = defaultdict(list)
    for name, facet in (("fields", "field"), ("target_groups", "group"), ("languages", "lang")):
        field = Organization._meta.get_field(name)
        codes = dict(field.related_model.objects.values_list("pk", "code"))
        through = field.remote_field.through.objects.filter(organization_id__in=ids)
        pairs = through.values_list("organization_id", f"{field.m2m_reverse_field_name()}_id")
        for org_id, ref_id in pairs:
            tags[org_id].append(tag(facet, codes[ref_id]))
    codes = dict(RecognitionType.objects.values_list("pk", "code"))
    for org_id, type_id in Recognition.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "type_id"
    ):
        tags[org_id].append(tag("recog", codes[type_id]))
    # The description in German (a column of the row) and in every language translated.
    texts: dict[int, list[str]] = defaultdict(list)
    translations = ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(Organization),
        object_id__in=ids,
        field="description",
    ).order_by("pk")
    for org_id, segments in translations.values_list("object_id", "segments"):
        texts[org_id].append(_translated(segments))
    rows = Organization.objects.filter(pk__in=ids).values_list(
        "pk",
        "name",
        "short_name",
        "postcode",
        "city",
        "district",
        "municipality",
        "kind",
        "federal_state",
        "is_public",
        "description",
    )
    return [
        _Doc(
            pk=pk,
            name=name,
            short_name=short,
            places=[postcode, city, district, municipality],
            kind=kind,
            state=state,
            district=district,
            is_public=public,
            tags=tags[pk],
            texts=[german, *texts[pk]],
        ).build()
        for (
            pk,
            name,
            short,
            postcode,
            city,
            district,
            municipality,
            kind,
            state,
            public,
            german,
        ) in rows
    ]


def _replace(docs: list[SearchDocument]) -> int:
    if not docs:
        return 0
    SearchDocument.objects.filter(organization__in=[d.organization_id for d in docs]).delete()
    SearchDocument.objects.bulk_create(docs, batch_size=1000)
    # Every word the index holds, for typo correction; those only its forms hold (stems, folded
    # spellings) are known but never offered as a correction.
    written = _known(w for d in docs for w in getattr(d, "written", ()))
    forms = _known(w for d in docs for w in words(f"{d.title} {d.body}")) - written
    for found, as_written in ((written, True), (forms, False)):
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, length=len(w), written=as_written) for w in sorted(found)],
            batch_size=1000,
            ignore_conflicts=True,
        )
    SearchWord.objects.filter(word__in=sorted(written), written=False).update(written=True)
    return len(docs)


def _known(tokens: Iterable[str]) -> set[str]:
    return {word for w in tokens if 4 <= len(word := fold(w)) <= 100 and not word.isdigit()}


def reindex(organizations: Iterable[Organization] | models.QuerySet | None = None) -> int:
    """Rewrite the search documents of the given organizations (all when None).

    A queryset (or None) is read in chunks, so any number of organizations stays below the
    database's limit of query parameters.
    """
    if organizations is None or isinstance(organizations, models.QuerySet):
        qs = organizations if organizations is not None else Organization.objects.all()
        ids = list(qs.order_by("pk").values_list("pk", flat=True))
        count = sum(
            _replace(_documents_for_ids(ids[start : start + REINDEX_CHUNK]))
            for start in range(0, len(ids), REINDEX_CHUNK)
        )
        if organizations is None:
            optimize()
        return count
    return _replace([document_for(org) for org in organizations])
