"""The aftercare pass of `nrm deadlines run`: follow-up contacts falling due, and persons
met again after their support ended.

Contacts: the workers' one claim (`nrm.core.claims.claim_due`) stamps `reminded_at` once per
contact that falls due and is not done; the centre's caseworkers get one e-mail naming
references only, after the claim commits. The due contacts are on the centre's inbox too.

Met again: each pass looks at the involvements opened since the last pass (less a margin
for transactions still open when it looked). A person with an exit plan who is met by
another organisation, or a new record whose linkage key matches such a person's
(nrm/exchange), raises a re-trafficking flag for the centre that accompanied them. The
unique constraint makes a second look at the same involvement harmless.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.models import AuditEventType, Involvement, Purpose
from nrm.aftercare.models import (
    ExitPlan,
    FlagBasis,
    FollowUpContact,
    MeetingScan,
    RetraffickingFlag,
)
from nrm.core.claims import claim_due
from nrm.core.mail import send_after_claim
from nrm.exchange.linkage import link_two_lists
from nrm.exchange.models import LinkageKey
from nrm.organisations.models import Membership, Role

logger = logging.getLogger("nrm.aftercare.worker")
WORKER_LABEL = "aftercare worker"
# Involvements committed this long after they were stamped are still seen by the next pass.
SCAN_MARGIN = dt.timedelta(minutes=15)
CENTRE_ROLES = (Role.CASEWORKER, Role.CENTRE_DIRECTOR)


@dataclass(frozen=True)
class AftercareRun:
    contacts_due: int = 0
    flags: int = 0


def _centre_recipients(organisation_ids: set[int]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = defaultdict(dict)
    memberships = (
        Membership.objects.filter(
            organisation_id__in=organisation_ids,
            role__in=CENTRE_ROLES,
            ended_at__isnull=True,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        language = membership.user.preferred_language or settings.LANGUAGE_CODE
        found[membership.organisation_id].setdefault(membership.user.email, language)
    return found


@transaction.atomic
def contacts_due_send(*, now: dt.datetime, batch: int) -> int:
    done = connection.ops.quote_name("done_on")
    ids = claim_due(
        model=FollowUpContact,
        column="reminded_at",
        instant="remind_at",
        due_before=now,
        stamp=now,
        batch=batch,
        open_condition=(f"{done} IS NULL", []),
    )
    if not ids:
        return 0
    contacts = list(
        FollowUpContact.objects.filter(pk__in=ids)
        .select_related("plan__person")
        .order_by("due_on", "pk")
    )
    by_centre: dict[int, list[FollowUpContact]] = defaultdict(list)
    for contact in contacts:
        by_centre[contact.plan.organisation_id].append(contact)
    audit_record(
        actor=None,
        actor_label=WORKER_LABEL,
        event_type=AuditEventType.UPDATE,
        action="follow_up_contacts_due",
        record_type=FollowUpContact._meta.label_lower,
        record_id="*",
        purpose=Purpose.CARE,
        changes={"claimed": ids},
    )
    messages: list[EmailMessage] = []
    for centre, addresses in _centre_recipients(set(by_centre)).items():
        for address, language in addresses.items():
            with translation.override(language):
                lines = [
                    _("%(reference)s: contact %(months)d months after support, due %(date)s")
                    % {
                        "reference": c.plan.person.reference,
                        "months": c.months,
                        "date": c.due_on.isoformat(),
                    }
                    for c in by_centre[centre]
                ]
                messages.append(
                    EmailMessage(
                        subject=_("Open NRM: follow-up contacts after support"),
                        body=_("These follow-up contacts are due:")
                        + "\n\n"
                        + "\n".join(lines)
                        + "\n\n"
                        + _("Persons are named by their reference only."),
                        to=[address],
                    )
                )
    if messages:
        transaction.on_commit(lambda: send_after_claim(messages, what="aftercare"))
    return len(ids)


def _linked_plans(
    met: list[Involvement], plans_by_person: dict[int, list[ExitPlan]]
) -> list[tuple[Involvement, ExitPlan]]:
    """New records whose linkage key matches a person with an exit plan."""
    new_ids = {i.person_id for i in met if i.person_id not in plans_by_person}
    if not new_ids or not plans_by_person:
        return []
    new_keys = list(LinkageKey.objects.filter(person_id__in=new_ids))
    old_keys = list(LinkageKey.objects.filter(person_id__in=plans_by_person))
    if not new_keys or not old_keys:
        return []
    matches = link_two_lists(
        [bytes(k.clk) for k in new_keys],
        [k.block_keys for k in new_keys],
        [bytes(k.clk) for k in old_keys],
        [k.block_keys for k in old_keys],
    )
    matched = {new_keys[i].person_id: old_keys[j].person_id for i, j, _score in matches}
    return [
        (involvement, plan)
        for involvement in met
        if involvement.person_id in matched
        for plan in plans_by_person[matched[involvement.person_id]]
    ]


@transaction.atomic
def meetings_scan(*, now: dt.datetime) -> int:
    """Raise the flags for the involvements opened since the last pass."""
    scan = MeetingScan.objects.select_for_update().first()
    if scan is None:
        # The first pass starts now: meetings before aftercare existed are not flags.
        MeetingScan.objects.create(scanned_until=now)
        return 0
    met = list(
        Involvement.objects.filter(
            since__gt=scan.scanned_until - SCAN_MARGIN, since__lte=now
        ).order_by("since", "pk")
    )
    scan.scanned_until = now
    scan.save(update_fields=["scanned_until"])
    if not met:
        return 0
    plans_by_person: dict[int, list[ExitPlan]] = defaultdict(list)
    for plan in ExitPlan.objects.all().only(
        "pk", "person_id", "organisation_id", "support_ended_on", "created_at"
    ):
        plans_by_person[plan.person_id].append(plan)
    candidates: list[tuple[Involvement, ExitPlan, str]] = [
        (involvement, plan, FlagBasis.SAME_RECORD)
        for involvement in met
        for plan in plans_by_person.get(involvement.person_id, [])
        if involvement.organisation_id != plan.organisation_id
    ]
    candidates += [
        (involvement, plan, FlagBasis.LINKAGE)
        for involvement, plan in _linked_plans(met, plans_by_person)
    ]
    flags = [
        RetraffickingFlag(
            plan=plan,
            met_person_id=involvement.person_id,
            met_by_id=involvement.organisation_id,
            met_on=involvement.since,
            basis=basis,
            raised_at=now,
        )
        for involvement, plan, basis in candidates
        # Met again after the support ended and the centre recorded it: an organisation
        # that met the person before (the first contact, the referrer) is not a new meeting.
        if involvement.since.date() > plan.support_ended_on and involvement.since > plan.created_at
    ]
    if not flags:
        return 0
    before = RetraffickingFlag.objects.count()
    RetraffickingFlag.objects.bulk_create(flags, ignore_conflicts=True)
    raised = RetraffickingFlag.objects.count() - before
    if raised:
        audit_record(
            actor=None,
            actor_label=WORKER_LABEL,
            event_type=AuditEventType.CREATE,
            action="retrafficking_flags_raise",
            record_type=RetraffickingFlag._meta.label_lower,
            record_id="*",
            purpose=Purpose.CARE,
            changes={"plans": sorted({f.plan_id for f in flags}), "raised": raised},
        )
        logger.info("aftercare: %s re-trafficking flags raised", raised)
    return raised


def aftercare_process(*, now: dt.datetime, batch: int = 500) -> AftercareRun:
    contacts = 0
    while True:
        claimed = contacts_due_send(now=now, batch=batch)
        contacts += claimed
        if claimed < batch:
            break
    return AftercareRun(contacts_due=contacts, flags=meetings_scan(now=now))
