"""The steps of the chain that the NRM manual describes, per installation, and how workflow
pages name them.

Each installation's manual follows its own country's chain: Belgium's (RULES.md §3-§5)
and Denmark's (RULES.md §6, the criminal case under §262 a and §262 b) differ in steps and
in what a step means, so each has its own list of steps with its own labels, and its own
table of the other names a workflow page knows a step by. A workflow page passes whatever it
knows its step by — a pathway state (`REFLECTION`), a case-file status (`INDICTED`) or a
manual step itself — and `manual_step_for` finds the entry in the running installation's
manual (`settings.NRM_INSTALLATION.manual`). One table per country, so that a new pathway
state or case status is one line here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ManualStep(models.TextChoices):
    """Belgium, in the order of the chain (RULES.md §3.2, the prosecution's decisions, the
    money)."""

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


class DanishManualStep(models.TextChoices):
    """Denmark, in the order of the chain (RULES.md §6; the criminal case; the money).

    A value shared with a Belgian step (DETECTION, REFLECTION, STATUS_END, COMPENSATION)
    names the same place in the chain; its text and label are Denmark's own."""

    DETECTION = "DETECTION", _("Detection, joint inspections included")
    IDENTIFICATION = (
        "IDENTIFICATION",
        _("Identification by the Center mod Menneskehandel or the Immigration Service"),
    )
    REFLECTION = "REFLECTION", _("Reflection period (30 days, at most 120 in total)")
    RESTITUTION = "RESTITUTION", _("Restitution period (persons with legal stay)")
    IMMEDIATE_DEPARTURE = "IMMEDIATE_DEPARTURE", _("Immediate departure for public-order reasons")
    INVESTIGATION_PERMIT = (
        "INVESTIGATION_PERMIT",
        _("Residence permit for the investigation, at the police's request"),
    )
    INVESTIGATION_PERMIT_RENEWAL = (
        "INVESTIGATION_PERMIT_RENEWAL",
        _("Renewal of the residence permit for the investigation"),
    )
    CRIMINAL_CASE = "CRIMINAL_CASE", _("Criminal case (Criminal Code § 262 a, § 262 b)")
    COMPENSATION = "COMPENSATION", _("Compensation")
    PREPARED_RETURN = "PREPARED_RETURN", _("Prepared return")
    STATUS_END = "STATUS_END", _("End of the status")


D = DanishManualStep
# The Danish pathway's states and events (nrm/pathway/rules_dk.py), the case-file statuses
# (the same prosecution workflow runs in Denmark) and the other workflow pages.
DANISH_ALIASES: dict[str, DanishManualStep] = {
    # pathway states
    "IDENTIFICATION": D.IDENTIFICATION,
    "REFLECTION": D.REFLECTION,
    "RESTITUTION": D.RESTITUTION,
    "INVESTIGATION_PERMIT": D.INVESTIGATION_PERMIT,
    "PREPARED_RETURN": D.PREPARED_RETURN,
    "STATUS_ENDED": D.STATUS_END,
    # pathway events
    "IDENTIFIED": D.IDENTIFICATION,
    "REFLECTION_STARTED": D.REFLECTION,
    "REFLECTION_EXTENDED": D.REFLECTION,
    "IMMEDIATE_DEPARTURE_SET": D.IMMEDIATE_DEPARTURE,
    "INVESTIGATION_PERMIT_REQUESTED": D.INVESTIGATION_PERMIT,
    "INVESTIGATION_PERMIT_ISSUED": D.INVESTIGATION_PERMIT,
    "INVESTIGATION_PERMIT_RENEWED": D.INVESTIGATION_PERMIT_RENEWAL,
    # The end of the investigation is what stops the renewals (FT-L129).
    "INVESTIGATION_ENDED": D.INVESTIGATION_PERMIT_RENEWAL,
    "STATUS_END_DECIDED": D.STATUS_END,
    # case-file statuses: one step for the whole criminal case, the money once it is final
    "REGISTERED": D.CRIMINAL_CASE,
    "INVESTIGATION": D.CRIMINAL_CASE,
    "DISMISSED": D.CRIMINAL_CASE,
    "INDICTED": D.CRIMINAL_CASE,
    "CONVICTION_REQUESTED": D.CRIMINAL_CASE,
    "JUDGED": D.CRIMINAL_CASE,
    "APPEALED": D.CRIMINAL_CASE,
    "FINAL": D.COMPENSATION,
    # other workflow pages: in Denmark a referral leads to the identification (CMM or DIS)
    "SCREENING": D.DETECTION,
    "INSPECTION": D.DETECTION,
    "JOINT_ACTION": D.DETECTION,
    "HOTLINE": D.IDENTIFICATION,
    "INTAKE": D.IDENTIFICATION,
    "REFERRAL": D.IDENTIFICATION,
    "REFERRED": D.IDENTIFICATION,
    "RENEWAL": D.INVESTIGATION_PERMIT_RENEWAL,
    "CONFISCATION": D.COMPENSATION,
}

Step = ManualStep | DanishManualStep


@dataclass(frozen=True)
class Chain:
    """One installation's manual: its steps in order, their other names, and the language
    its working text is written in (the fallback when a step is not written in the reader's
    language)."""

    code: str
    steps: type[ManualStep] | type[DanishManualStep]
    aliases: Mapping[str, Step]
    language: str

    def ordered(self) -> list[Step]:
        return list(self.steps)

    def get(self, value: str) -> Step | None:
        """The chain's own step with this id, None if the chain has none."""
        if value in self.steps.values:
            return self.steps(value)
        return None


CHAINS: dict[str, Chain] = {
    "BE": Chain("BE", ManualStep, ALIASES, language="en"),
    "DK": Chain("DK", DanishManualStep, DANISH_ALIASES, language="da"),
}

# Every step id any installation's manual has, for the model field's choices (labels of the
# chain that has it first; pages take labels from the running installation's chain).
STEP_CHOICES: list[tuple[str, Any]] = [
    *ManualStep.choices,
    *(
        (value, label)
        for value, label in DanishManualStep.choices
        if value not in ManualStep.values
    ),
]


def installation_chain() -> Chain:
    """The running installation's manual; its jurisdiction's when it names none, Belgium's
    when there is none for it either."""
    installation = settings.NRM_INSTALLATION
    return CHAINS.get(installation.manual) or CHAINS.get(installation.jurisdiction) or CHAINS["BE"]


def manual_step_for(key: str, chain: Chain | None = None) -> Step | None:
    """The manual's step for a step id, a pathway state or a case status, in the running
    installation's chain unless another is given; None if unknown."""
    chain = chain or installation_chain()
    key = key.strip().upper()
    return chain.get(key) or chain.aliases.get(key)


def step_position(step: str) -> int:
    return installation_chain().steps.values.index(step)
