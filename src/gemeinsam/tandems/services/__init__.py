"""Writes of the tandems: typed input in, one transaction each, audited (one module per part)."""

from .agreement import add_goal, add_milestone, sign_agreement
from .applications import answer_invitation, save_application, withdraw_application
from .calls import save_call
from .evaluation import evaluate
from .pairing import form_pair_first_tandem, form_tandem

__all__ = [
    "add_goal",
    "add_milestone",
    "answer_invitation",
    "evaluate",
    "form_pair_first_tandem",
    "form_tandem",
    "save_application",
    "save_call",
    "sign_agreement",
    "withdraw_application",
]
