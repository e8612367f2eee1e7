"""The two-sided evaluation: each side answers the same statements in each phase; answering
again replaces that side's answers of the phase. Audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gemeinsam.core import audit
from gemeinsam.core.enums import AuditAction

from ..enums import EVALUATION_ITEMS, SCALE, Phase, Side
from ..inputs import Invalid
from ..models import Evaluation, Tandem


def evaluate(tandem: Tandem, *, side: str, phase: str, answers: dict, by) -> Evaluation:
    codes = [code for code, _label in EVALUATION_ITEMS]
    if side not in Side.values or phase not in Phase.values:
        raise Invalid({"__all__": [_("Choose the phase of the evaluation.")]})
    if set(answers) != set(codes) or any(answers[c] not in SCALE for c in codes):
        raise Invalid({"__all__": [_("Answer every statement from 1 to 5.")]})
    with transaction.atomic():
        evaluation, created = Evaluation.objects.update_or_create(
            tandem=tandem,
            side=side,
            phase=phase,
            defaults={"answers": {c: answers[c] for c in codes}, "answered_by": by},
        )
        audit.record(
            by=by,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=evaluation,
            changes={"phase": [None, phase], "side": [None, side]},
        )
    return evaluation
