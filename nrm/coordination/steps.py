"""The steps of the chain that the NRM manual describes, and how workflow pages name them.

A workflow page passes whatever it knows its step by — a pathway state (`REFLECTION`), a
case-file status (`INDICTED`) or a manual step itself — and `manual_step_for` finds the
manual's entry. One table, so that a new pathway state or case status is one line here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ManualStep(models.TextChoices):
    """In the order of the chain (RULES.md §3.2, the prosecution's decisions, the money)."""

    DETECTION = "DETECTION", _("Detection")
    REFERRAL = "REFERRAL", _("Referral to a specialised centre")
    REFLECTION = "REFLECTION", _("Reflection period (annex 15, 45 days)")
    PROVISIONAL_STAY = "PROVISIONAL_STAY", _("Provisional residence document (3 months)")
    PROSECUTOR_OPINION = "PROSECUTOR_OPINION", _("Prosecutor's or labour auditor's opinion")
    TEMPORARY_STAY = "TEMPORARY_STAY", _("Temporary residence permit (6 months, renewable)")
    PERMIT_RENEWAL = "PERMIT_RENEWAL", _("Renewal of the temporary permit")
    DISMISSAL = "DISMISSAL", _("Dismissal of the case")
    INDICTMENT = "INDICTMENT", _("Indictment and requisitions for trafficking")
    PERMANENT_STAY = "PERMANENT_STAY", _("Permanent residence")
    JUDGMENT = "JUDGMENT", _("Judgment")
    COMPENSATION = "COMPENSATION", _("Confiscation and compensation")
    HUMANITARIAN_RESIDENCE = "HUMANITARIAN_RESIDENCE", _("Humanitarian residence after two years")
    STATUS_END = "STATUS_END", _("End of the status")
    RETURN = "RETURN", _("Voluntary return")


S = ManualStep
# Other names a workflow page may know its step by: the pathway's states and events
# (nrm/pathway/rules_be.py), the case-file statuses (nrm/prosecution/vocab.py), and the
# referral and inspection steps. Strings, not imports: this app reads those layers, it
# must not make them import it back.
ALIASES: dict[str, ManualStep] = {
    # pathway states
    "DETECTED": S.DETECTION,
    "REFERRED": S.REFERRAL,
    "REFLECTION": S.REFLECTION,
    "PROVISIONAL_STAY": S.PROVISIONAL_STAY,
    "TEMPORARY_STAY": S.TEMPORARY_STAY,
    "PERMANENT_STAY": S.PERMANENT_STAY,
    "STATUS_ENDED": S.STATUS_END,
    "VOLUNTARY_RETURN": S.RETURN,
    "HUMANITARIAN_RESIDENCE": S.HUMANITARIAN_RESIDENCE,
    # case-file statuses
    "REGISTERED": S.PROSECUTOR_OPINION,
    "INVESTIGATION": S.PERMIT_RENEWAL,
    "DISMISSED": S.DISMISSAL,
    "INDICTED": S.INDICTMENT,
    "CONVICTION_REQUESTED": S.PERMANENT_STAY,
    "JUDGED": S.JUDGMENT,
    "APPEALED": S.JUDGMENT,
    "FINAL": S.COMPENSATION,
    # other workflow pages
    "SCREENING": S.DETECTION,
    "INSPECTION": S.DETECTION,
    "HOTLINE": S.REFERRAL,
    "INTAKE": S.REFERRAL,
    "OPINION": S.PROSECUTOR_OPINION,
    "RENEWAL": S.PERMIT_RENEWAL,
    "CONFISCATION": S.COMPENSATION,
}


def manual_step_for(key: str) -> ManualStep | None:
    """The manual's step for a step id, a pathway state or a case status; None if unknown."""
    key = key.strip().upper()
    if key in ManualStep.values:
        return ManualStep(key)
    return ALIASES.get(key)


def step_position(step: str) -> int:
    return list(ManualStep.values).index(step)
