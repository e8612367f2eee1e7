"""What an organization's directory profile already tells the rules, so a readiness check asks
only the rest. Anything the profile does not say is left out: unknown, not "no"."""

from __future__ import annotations

import datetime

from gemeinsam.organizations.models import Organization

# Recognition types in the directory (organizations.RecognitionType codes) and what they answer.
CHARITABLE, YOUTH_WELFARE, AZAV, WELFARE_ASSOCIATION = (
    "charitable",
    "youth_welfare_75",
    "azav",
    "welfare_association",
)


def profile_facts(organization: Organization, *, as_of: datetime.date) -> dict:
    """Facts from the profile; call with recognitions (and their types) prefetched for lists."""
    facts: dict = {}
    if organization.legal_form_id:
        facts["legal_form"] = organization.legal_form.code
    for fact, value in (
        ("founded_on", organization.founded_on),
        ("members", organization.members_count),
        ("youth_work_since", organization.youth_welfare_since),
        ("federal_state", organization.federal_state or None),
        ("board_majority_migration", organization.board_migration_majority),
    ):
        if value is not None:
            facts[fact] = value
    recognitions = {r.type.code: r for r in organization.recognitions.all()}
    charitable = recognitions.get(CHARITABLE)
    if charitable is not None and charitable.granted_on:
        facts["charitable_notice_on"] = charitable.granted_on
    youth = recognitions.get(YOUTH_WELFARE)
    if youth is not None:
        facts["recognised_75"] = youth.valid_until is None or youth.valid_until >= as_of
    azav = recognitions.get(AZAV)
    if azav is not None and azav.valid_until:
        facts["azav_valid_until"] = azav.valid_until
    if WELFARE_ASSOCIATION in recognitions:
        facts["welfare_association_member"] = True
    return facts
