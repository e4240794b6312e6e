"""Legal holds: what keeps a person's records from anonymisation, read at each run.

Automatic holds are not stored: they are the ongoing procedures themselves, so a hold ends
exactly when the procedure does, and none can be forgotten. A manual hold (`LegalHold`) is
placed with reasons by an authorised role and released the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.prosecution.models import CaseSuspect, CaseVictim
from nrm.prosecution.vocab import CaseStatus
from nrm.protection.models import Deadline, DeadlineStatus, DocumentRequest, RequestStatus
from nrm.referrals.models import Referral, ReferralStatus
from nrm.retention.models import LegalHold


class HoldKind(models.TextChoices):
    OPEN_CASE = "OPEN_CASE", _("An open criminal case file names the person")
    STATUS_PROCEDURE = "STATUS_PROCEDURE", _("A status procedure is pending (request or deadline)")
    OPEN_REFERRAL = "OPEN_REFERRAL", _("A referral awaits a centre's decision")
    MANUAL = "MANUAL", _("A legal hold placed by an organisation")


# A case is closed when it was dismissed or its judgment became final; an appeal, a
# judgment not yet final and every stage before are ongoing procedures.
CLOSED_CASE_STATUSES = frozenset({CaseStatus.DISMISSED, CaseStatus.FINAL})


def holds_by_person(person_ids: Iterable[int] | None = None) -> dict[int, set[str]]:
    """Person id -> the kinds of hold on them now; `person_ids` narrows the query."""
    ids = None if person_ids is None else list(set(person_ids))
    held: dict[int, set[str]] = defaultdict(set)

    def narrow(qs: models.QuerySet, path: str) -> models.QuerySet:  # type: ignore[type-arg]
        return qs if ids is None else qs.filter(**{f"{path}__in": ids})

    open_cases = ~models.Q(case__status__in=CLOSED_CASE_STATUSES)
    for person_id in narrow(CaseVictim.objects.filter(open_cases), "person_id").values_list(
        "person_id", flat=True
    ):
        held[person_id].add(HoldKind.OPEN_CASE)
    suspects = CaseSuspect.objects.filter(open_cases, person__isnull=False)
    for person_id in narrow(suspects, "person_id").values_list("person_id", flat=True):
        assert person_id is not None
        held[person_id].add(HoldKind.OPEN_CASE)
    requests = DocumentRequest.objects.filter(status=RequestStatus.OPEN)
    deadlines = Deadline.objects.filter(status=DeadlineStatus.OPEN)
    for qs in (requests, deadlines):
        for person_id in narrow(qs, "record__person_id").values_list(
            "record__person_id", flat=True
        ):
            held[person_id].add(HoldKind.STATUS_PROCEDURE)
    referrals = Referral.objects.filter(status=ReferralStatus.PENDING)
    for person_id in narrow(referrals, "person_id").values_list("person_id", flat=True):
        held[person_id].add(HoldKind.OPEN_REFERRAL)
    manual = LegalHold.objects.filter(released_at__isnull=True)
    for person_id in narrow(manual, "person_id").values_list("person_id", flat=True):
        held[person_id].add(HoldKind.MANUAL)
    return dict(held)


def hold_labels(kinds: Iterable[str]) -> list[str]:
    labels = dict(HoldKind.choices)
    return [str(labels.get(kind, kind)) for kind in sorted(kinds)]
