"""Suggested pairs for a match-later call: a score with its reasons for every allowed pair of a
migrant organization's application and a partner's, and the assignment with the best total.

Hard constraints are never costs: a forbidden pair (different Länder when the call pairs within
a Land, neither side able to receive money) is not an edge of the assignment at all (`None` in
the score matrix, infinity in the solver, which always has a finite way out: every migrant
organization may stay unpaired). The solver is the shortest-augmenting-path form of the
Hungarian method (Kuhn–Munkres, as in Jonker and Volgenant), exact and O(n²·m); the tests
compare its totals with an exhaustive search on random instances with forbidden pairs.
SciPy's `linear_sum_assignment` implements the same method and can replace `assign` once SciPy
is a dependency.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gemeinsam.organizations.enums import OrganizationKind

from .enums import RECEIVING_LEGAL_FORMS

# Points for any allowed pair (so a pair is always worth more than leaving both unpaired), per
# shared field, per shared language (besides German), per word one side offers
# and the other needs (at most three each way), and for the same district or the same Land.
PAIR_POINTS = 1
FIELD_POINTS = 3
LANGUAGE_POINTS = 2
WORD_POINTS = 2
WORDS_COUNTED = 3
SAME_DISTRICT_POINTS = 4
SAME_LAND_POINTS = 2

_WORD = re.compile(r"\w{5,}", re.UNICODE)


def words(text: str) -> set[str]:
    """The longer words of a text, folded; short words say little about what is offered."""
    return {w.casefold() for w in _WORD.findall(text or "")}


@dataclass(frozen=True)
class Side:
    """What pairing reads of one application, loaded once (no query per pair)."""

    application_id: int
    organization_id: int
    name: str
    is_migrant_org: bool
    can_receive: bool
    region: str
    district: str
    fields: frozenset[int]
    languages: frozenset[int]
    offers: frozenset[str]
    needs: frozenset[str]

    @classmethod
    def of(cls, application) -> Side:
        organization = application.organization
        legal_form = organization.legal_form
        return cls(
            application_id=application.pk,
            organization_id=organization.pk,
            name=organization.name,
            is_migrant_org=organization.kind == OrganizationKind.MIGRANT_ORG,
            can_receive=legal_form is not None and legal_form.code in RECEIVING_LEGAL_FORMS,
            region=application.region,
            district=(application.district or "").strip().casefold(),
            fields=frozenset(f.pk for f in application.fields.all()),
            languages=frozenset(
                lang.pk for lang in application.languages.all() if lang.code != "de"
            ),
            offers=frozenset(words(application.offers)),
            needs=frozenset(words(application.needs)),
        )


@dataclass(frozen=True)
class Reasons:
    """Why a pair fits: ids of shared fields and languages, words offered and needed."""

    fields: tuple[int, ...] = ()
    languages: tuple[int, ...] = ()
    mo_offers: tuple[str, ...] = ()
    partner_offers: tuple[str, ...] = ()
    place: str = ""  # "district", "land" or ""
    partner_hosts: bool = False

    def as_json(self) -> dict:
        return {
            "fields": list(self.fields),
            "languages": list(self.languages),
            "mo_offers": list(self.mo_offers),
            "partner_offers": list(self.partner_offers),
            "place": self.place,
            "partner_hosts": self.partner_hosts,
        }


def allowed(mo: Side, partner: Side, *, within_land: bool) -> bool:
    if mo.organization_id == partner.organization_id:
        return False
    if within_land and mo.region != partner.region:
        return False
    return mo.can_receive or partner.can_receive


def score(mo: Side, partner: Side) -> tuple[int, Reasons]:
    shared_fields = tuple(sorted(mo.fields & partner.fields))
    shared_languages = tuple(sorted(mo.languages & partner.languages))
    mo_offers = tuple(sorted(mo.offers & partner.needs))[:WORDS_COUNTED]
    partner_offers = tuple(sorted(partner.offers & mo.needs))[:WORDS_COUNTED]
    if mo.district and mo.district == partner.district and mo.region == partner.region:
        place, place_points = "district", SAME_DISTRICT_POINTS
    elif mo.region and mo.region == partner.region:
        place, place_points = "land", SAME_LAND_POINTS
    else:
        place, place_points = "", 0
    points = (
        PAIR_POINTS
        + FIELD_POINTS * len(shared_fields)
        + LANGUAGE_POINTS * len(shared_languages)
        + WORD_POINTS * (len(mo_offers) + len(partner_offers))
        + place_points
    )
    return points, Reasons(
        fields=shared_fields,
        languages=shared_languages,
        mo_offers=mo_offers,
        partner_offers=partner_offers,
        place=place,
        partner_hosts=not mo.can_receive,
    )


def assign(scores: list[list[int | None]]) -> list[tuple[int, int]]:
    """The pairs (row, column) with the highest total score; `None` marks a forbidden pair.

    Rows may stay unpaired (a dummy column per row, worth nothing), so every instance has a
    finite optimum and a forbidden pair is never chosen.
    """
    rows = len(scores)
    if rows == 0:
        return []
    columns = len(scores[0])
    width = columns + rows  # the real columns, then one "unpaired" column per row
    inf = math.inf

    def cost(i: int, j: int) -> float:
        if j >= columns:
            return 0
        value = scores[i][j]
        return inf if value is None else -value

    # Potentials and matching, 1-based with a virtual row 0 (e-maxx's formulation).
    u = [0.0] * (rows + 1)
    v = [0.0] * (width + 1)
    match = [0] * (width + 1)  # column -> row
    way = [0] * (width + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        least = [inf] * (width + 1)
        used = [False] * (width + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, width + 1):
                if used[j]:
                    continue
                current = cost(i0 - 1, j - 1) - u[i0] - v[j]
                if current < least[j]:
                    least[j], way[j] = current, j0
                if least[j] < delta:
                    delta, j1 = least[j], j
            for j in range(width + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sorted(
        (match[j] - 1, j - 1)
        for j in range(1, columns + 1)
        if match[j] and scores[match[j] - 1][j - 1] is not None
    )


@dataclass
class Suggestion:
    mo: object
    partner: object
    score: int
    reasons: Reasons


@dataclass
class Proposal:
    suggestions: list[Suggestion] = field(default_factory=list)
    unpaired: list = field(default_factory=list)


def propose(applications, *, within_land: bool, excluded: set[tuple[int, int]] = frozenset()):
    """The best pairs among the applications (migrant organizations on one side, everyone
    else on the other), each with its reasons; `excluded` are (MO, partner) application ids
    staff ruled out."""
    mos = [a for a in applications if a.organization.kind == OrganizationKind.MIGRANT_ORG]
    partners = [a for a in applications if a.organization.kind != OrganizationKind.MIGRANT_ORG]
    mo_sides = [Side.of(a) for a in mos]
    partner_sides = [Side.of(a) for a in partners]
    matrix: list[list[int | None]] = []
    why: dict[tuple[int, int], tuple[int, Reasons]] = {}
    for i, mo in enumerate(mo_sides):
        row: list[int | None] = []
        for j, partner in enumerate(partner_sides):
            if (mo.application_id, partner.application_id) in excluded or not allowed(
                mo, partner, within_land=within_land
            ):
                row.append(None)
                continue
            why[i, j] = score(mo, partner)
            row.append(why[i, j][0])
        matrix.append(row)
    pairs = assign(matrix) if partner_sides else []
    proposal = Proposal()
    paired = set()
    for i, j in pairs:
        points, reasons = why[i, j]
        proposal.suggestions.append(Suggestion(mos[i], partners[j], points, reasons))
        paired |= {mos[i].pk, partners[j].pk}
    proposal.suggestions.sort(key=lambda s: (-s.score, s.mo.organization.name))
    proposal.unpaired = [a for a in applications if a.pk not in paired]
    return proposal


def reason_chips(reasons: dict, fields: dict[int, str], languages: dict[int, str]) -> list[str]:
    """The reasons as short phrases in the page's language ("both: youth work")."""
    chips = []
    if reasons.get("fields"):
        names = ", ".join(fields.get(pk, "?") for pk in reasons["fields"])
        chips.append(_("both: %(fields)s") % {"fields": names})
    if reasons.get("languages"):
        names = ", ".join(languages.get(pk, "?") for pk in reasons["languages"])
        chips.append(_("both speak %(languages)s") % {"languages": names})
    if reasons.get("mo_offers"):
        chips.append(
            _("MO offers what the partner needs: %(words)s")
            % {"words": ", ".join(reasons["mo_offers"])}
        )
    if reasons.get("partner_offers"):
        chips.append(
            _("partner offers what the MO needs: %(words)s")
            % {"words": ", ".join(reasons["partner_offers"])}
        )
    if reasons.get("place") == "district":
        chips.append(_("same district or town"))
    elif reasons.get("place") == "land":
        chips.append(_("same Land"))
    if reasons.get("partner_hosts"):
        chips.append(_("the partner receives the money as fiscal host"))
    return chips
