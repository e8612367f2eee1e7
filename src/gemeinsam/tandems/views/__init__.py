"""Tandems' views, one module per part. Every view parses, authorises (a fetcher), calls one
service and responds. Calls, applications and tandems are fetched through the person asking:
an outsider gets 404, too little right 403, nobody logged in the log-in page.
"""

from .agreement import agreement_sign, goal_add, milestone_add, tandem_detail
from .applications import (
    application_create,
    application_detail,
    application_document,
    application_list,
    application_tandem,
    application_withdraw,
    invitation_answer,
    my_applications,
)
from .calls import call_detail, call_form, call_list, call_manage, giving_export
from .evaluation import evaluation_overview, evaluation_report, evaluation_submit
from .pairing import pair_list, tandem_create

__all__ = [
    "agreement_sign",
    "application_create",
    "application_detail",
    "application_document",
    "application_list",
    "application_tandem",
    "application_withdraw",
    "call_detail",
    "call_form",
    "call_list",
    "call_manage",
    "evaluation_overview",
    "evaluation_report",
    "evaluation_submit",
    "giving_export",
    "goal_add",
    "invitation_answer",
    "milestone_add",
    "my_applications",
    "pair_list",
    "tandem_create",
    "tandem_detail",
]
