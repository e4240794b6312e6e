"""Unanswered referrals escalate: to the centre's director, then to the coordination unit.

When a pending referral's answer time (`respond_by`) has passed, the worker e-mails the
director(s) of the receiving centre; when it is still unanswered
`NRM_REFERRAL_ESCALATE_COORDINATION_HOURS` later (default 24), the coordination unit's
coordinators. Each step is claimed by one conditional UPDATE that stamps its claim column
(`escalated_director_at`, `escalated_coordination_at`) only where it is still empty and the
referral still pending, and returns the rows it stamped: two workers never escalate the same
referral twice, and nothing is missed after downtime. The e-mails go after the claim commits
and name references and the centre only (never the person, the details or a reason). Both
steps also show on the recipients' inbox, so a lost e-mail loses nothing.

The claim is the same SQL as `nrm.coordination.reminders.items_claim`, which is keyed by that
app's own columns (`remind_at`, `overdue_at`); a referral's instant is `respond_by` shifted by
a delay, so the claim here takes the instant as a parameter instead.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Purpose
from nrm.core.claims import claim_due
from nrm.core.mail import send_after_claim
from nrm.organisations.models import Membership, OrganisationType, Role
from nrm.referrals.models import Referral, ReferralStatus

logger = logging.getLogger("nrm.referrals.worker")
WORKER_LABEL = "referral escalation worker"
DEFAULT_COORDINATION_HOURS = 24
EscalationColumn = Literal["escalated_director_at", "escalated_coordination_at"]


def coordination_delay() -> dt.timedelta:
    return dt.timedelta(
        hours=getattr(
            settings, "NRM_REFERRAL_ESCALATE_COORDINATION_HOURS", DEFAULT_COORDINATION_HOURS
        )
    )


def _claim(
    *, column: EscalationColumn, due_before: dt.datetime, now: dt.datetime, batch: int
) -> list[int]:
    """Stamp `column` with `now` on up to `batch` pending referrals whose `respond_by` is at
    or before `due_before` and whose column is empty; return the ids stamped by this call.
    The (status, respond_by) index serves the candidates' range scan."""
    status = connection.ops.quote_name("status")
    return claim_due(
        model=Referral,
        column=column,
        instant="respond_by",
        due_before=due_before,
        stamp=now,
        batch=batch,
        open_condition=(f"{status} = %s", [str(ReferralStatus.PENDING)]),
    )


def _recipients(**membership: object) -> list[tuple[str, str]]:
    rows = (
        Membership.objects.filter(ended_at__isnull=True, user__is_active=True, **membership)
        .exclude(user__email="")
        .values_list("user__email", "user__preferred_language")
    )
    return sorted({(email, language or settings.LANGUAGE_CODE) for email, language in rows})


def _line(referral: Referral) -> str:
    return _("%(reference)s to %(centre)s, answer due %(due)s") % {
        "reference": referral.reference,
        "centre": referral.referred_organisation.short_name or referral.referred_organisation.name,
        "due": timezone.localtime(referral.respond_by).strftime("%Y-%m-%d %H:%M"),
    }


def _mail(
    recipients: list[tuple[str, str]], referrals: list[Referral], *, coordination: bool
) -> list[EmailMessage]:
    messages = []
    for email, language in recipients:
        with translation.override(language):
            if coordination:
                subject = _("Referrals still unanswered after escalation to the centre")
                intro = _(
                    "These referrals were escalated to the receiving centre's director and "
                    "are still unanswered:"
                )
            else:
                subject = _("Referrals to your centre past their answer time")
                intro = _("These referrals to your centre are past their answer time:")
            body = intro + "\n\n" + "\n".join(_line(r) for r in referrals)
            messages.append(EmailMessage(subject=subject, body=body, to=[email]))
    return messages


@dataclass(frozen=True)
class EscalationRun:
    director: int = 0
    coordination: int = 0
    emails: int = 0

    def __add__(self, other: EscalationRun) -> EscalationRun:
        return EscalationRun(
            self.director + other.director,
            self.coordination + other.coordination,
            self.emails + other.emails,
        )


def _audit(ids: list[int], *, step: str) -> None:
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=AuditEventType.UPDATE,
        action=f"referral_escalate_{step}",
        record_type=Referral._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"claimed": ids},
    )


@transaction.atomic
def escalations_send(*, now: dt.datetime, batch: int) -> EscalationRun:
    """One batch of each step, claimed and audited in one transaction; e-mails after it."""
    messages: list[EmailMessage] = []
    director_ids = _claim(column="escalated_director_at", due_before=now, now=now, batch=batch)
    if director_ids:
        _audit(director_ids, step="director")
        by_centre: dict[int, list[Referral]] = defaultdict(list)
        for referral in (
            Referral.objects.filter(pk__in=director_ids)
            .select_related("referred_organisation")
            .order_by("respond_by", "pk")
        ):
            by_centre[referral.referred_organisation_id].append(referral)
        for centre_id, referrals in sorted(by_centre.items()):
            directors = _recipients(organisation_id=centre_id, role=Role.CENTRE_DIRECTOR)
            messages += _mail(directors, referrals, coordination=False)
    coordination_ids = _claim(
        column="escalated_coordination_at",
        due_before=now - coordination_delay(),
        now=now,
        batch=batch,
    )
    if coordination_ids:
        _audit(coordination_ids, step="coordination")
        referrals = list(
            Referral.objects.filter(pk__in=coordination_ids)
            .select_related("referred_organisation")
            .order_by("respond_by", "pk")
        )
        coordinators = _recipients(
            organisation__type=OrganisationType.COORDINATION_UNIT, role=Role.COORDINATOR
        )
        messages += _mail(coordinators, referrals, coordination=True)
    if messages:
        transaction.on_commit(lambda: send_after_claim(messages, what="referral escalation"))
    if director_ids or coordination_ids:
        logger.info(
            "referrals: %s escalated to directors, %s to coordination",
            len(director_ids),
            len(coordination_ids),
        )
    return EscalationRun(len(director_ids), len(coordination_ids), len(messages))


def escalations_process(*, now: dt.datetime, batch: int = 500) -> EscalationRun:
    """Every referral due for a step by `now`, one transaction per batch."""
    total = EscalationRun()
    while True:
        run = escalations_send(now=now, batch=batch)
        total += run
        if run.director < batch and run.coordination < batch:
            return total
