"""The yearly re-vetting reminder: one e-mail to the coordination unit a month ahead.

The workers' one claim (`nrm.core.claims.claim_due`): one
conditional UPDATE stamps `reminded_at` on the providers whose reminder instant has come,
so two workers never send the same reminder and nothing is missed after downtime. A new
vetting clears the stamp (`nrm.directory.actions._vetting`). The due providers are also on
the unit's inbox, so a lost e-mail loses nothing. `nrm deadlines run` calls it each pass.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Purpose
from nrm.core.claims import claim_due
from nrm.core.mail import send_after_claim
from nrm.directory.models import Provider, ProviderStatus
from nrm.organisations.models import Membership, OrganisationType, Role

logger = logging.getLogger("nrm.directory.worker")
WORKER_LABEL = "directory vetting reminder worker"


def _coordinators() -> list[tuple[str, str]]:
    """(e-mail, language) of the coordination units' active coordinators."""
    rows = (
        Membership.objects.filter(
            organisation__type=OrganisationType.COORDINATION_UNIT,
            role=Role.COORDINATOR,
            ended_at__isnull=True,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("user__email", "user__preferred_language")
    )
    return sorted({(email, language or settings.LANGUAGE_CODE) for email, language in rows})


@transaction.atomic
def vetting_reminders_send(*, now: dt.datetime, batch: int) -> int:
    """Claim up to `batch` providers due for re-vetting and e-mail the unit once, after
    the claim commits. Returns how many were claimed."""
    status = connection.ops.quote_name("status")
    ids = claim_due(
        model=Provider,
        column="reminded_at",
        instant="remind_at",
        due_before=now,
        stamp=now,
        batch=batch,
        open_condition=(f"{status} = %s", [str(ProviderStatus.ACTIVE)]),
    )
    if not ids:
        return 0
    providers = list(Provider.objects.filter(pk__in=ids).order_by("vetting_due", "name"))
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=AuditEventType.UPDATE,
        action="provider_vetting_reminder",
        record_type=Provider._meta.label_lower,
        record_id="*",
        purpose=Purpose.ADMINISTRATION,
        changes={"claimed": ids},
    )
    messages = []
    for email, language in _coordinators():
        with translation.override(language):
            lines = [
                _("%(name)s: vetting due on %(date)s")
                % {"name": p.name, "date": p.vetting_due.isoformat()}
                for p in providers
            ]
            messages.append(
                EmailMessage(
                    subject=_("Services directory: providers to vet again"),
                    body=_("These providers are due for their yearly vetting:")
                    + "\n\n"
                    + "\n".join(lines),
                    to=[email],
                )
            )
    if messages:
        transaction.on_commit(lambda: send_after_claim(messages, what="vetting reminder"))
    logger.info("directory: %s vetting reminders", len(ids))
    return len(ids)


def vetting_reminders_process(*, now: dt.datetime, batch: int = 500) -> int:
    """Every provider due by `now`, one transaction per batch."""
    total = 0
    while True:
        claimed = vetting_reminders_send(now=now, batch=batch)
        total += claimed
        if claimed < batch:
            return total
