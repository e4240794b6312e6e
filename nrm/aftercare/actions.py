"""Every write after support: exit plans, follow-up contacts, flag reviews. Audited; the
free texts (what was agreed, a contact's note) are encrypted and never in the audit row."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import Ability
from nrm.aftercare.models import (
    ContactChannel,
    ContactOutcome,
    ExitPathway,
    ExitPlan,
    FollowUpContact,
    RetraffickingFlag,
)
from nrm.care.queries import care_person_get_for_actor, own_centre
from nrm.core.errors import Conflict, DomainError, NotFound, bounded_text
from nrm.people.models import Person

# Follow-up contacts are due in the morning of their day, in the installation's time zone.
REMIND_HOUR = 8
TEXT_MAX = 4000


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 January + 1 month is
    28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _morning(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(REMIND_HOUR, 0)))


@transaction.atomic
def exit_plan_record(
    *,
    actor: Actor,
    person: Person,
    pathway: str,
    support_ended_on: dt.date,
    summary: str = "",
    follow_up_agreed: bool = True,
) -> ExitPlan:
    """The centre ends its support with a plan; the follow-up contacts are scheduled."""
    person, _decision = care_person_get_for_actor(
        actor, person.reference, ability=Ability.CARE_RECORD
    )
    centre = own_centre(actor)
    if pathway not in ExitPathway.values:
        raise DomainError(_("Choose where the person is going from the list."), field="pathway")
    if support_ended_on > timezone.localdate():
        raise DomainError(
            _("The end of support cannot be in the future."), field="support_ended_on"
        )
    if ExitPlan.objects.filter(person=person, organisation_id=centre).exists():
        raise Conflict(_("Your centre already recorded an exit plan for this person."))
    plan = ExitPlan.objects.create(
        person=person,
        organisation_id=centre,
        pathway=pathway,
        support_ended_on=support_ended_on,
        summary=bounded_text(summary, field="summary", limit=TEXT_MAX),
        follow_up_agreed=follow_up_agreed,
        created_by=actor.user,
    )
    months = settings.NRM_AFTERCARE_FOLLOW_UP_MONTHS if follow_up_agreed else []
    FollowUpContact.objects.bulk_create(
        FollowUpContact(
            plan=plan,
            months=m,
            due_on=months_after(support_ended_on, m),
            remind_at=_morning(months_after(support_ended_on, m)),
        )
        for m in months
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="exit_plan_record",
        record=plan,
        purpose=Purpose.CARE,
        changes={
            "person": person.reference,
            "pathway": pathway,
            "support_ended_on": support_ended_on.isoformat(),
            "follow_up_months": list(months),
        },
    )
    return plan


def _contact_for_update(actor: Actor, contact_id: int) -> FollowUpContact:
    contact = (
        FollowUpContact.objects.select_for_update()
        .select_related("plan__person")
        .filter(pk=contact_id, plan__organisation_id=own_centre(actor))
        .first()
    )
    if contact is None:
        raise NotFound(_("No such record."))
    care_person_get_for_actor(actor, contact.plan.person.reference, ability=Ability.CARE_RECORD)
    return contact


@transaction.atomic
def follow_up_contact_record(
    *,
    actor: Actor,
    contact_id: int,
    done_on: dt.date,
    channel: str,
    outcome: str,
    note: str = "",
) -> FollowUpContact:
    """What the contact found, in a fixed category. Recorded once: a later contact is
    the next one, not an edit of this one."""
    contact = _contact_for_update(actor, contact_id)
    if contact.done_on is not None:
        raise Conflict(_("This contact is already recorded."))
    if outcome not in ContactOutcome.values:
        raise DomainError(_("Choose the outcome from the list."), field="outcome")
    if channel not in ContactChannel.values:
        raise DomainError(_("Choose how the contact took place."), field="channel")
    if done_on > timezone.localdate():
        raise DomainError(_("A contact cannot be dated in the future."), field="done_on")
    if done_on < contact.plan.support_ended_on:
        raise DomainError(
            _("A follow-up contact comes after the end of support (%(date)s).")
            % {"date": contact.plan.support_ended_on.isoformat()},
            field="done_on",
        )
    contact.done_on = done_on
    contact.channel = channel
    contact.outcome = outcome
    contact.note = bounded_text(note, field="note", limit=TEXT_MAX)
    contact.recorded_by = actor.user
    contact.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="follow_up_contact_record",
        record=contact,
        purpose=Purpose.CARE,
        changes={
            "person": contact.plan.person.reference,
            "done_on": done_on.isoformat(),
            "channel": channel,
            "outcome": outcome,
        },
    )
    return contact


@transaction.atomic
def retrafficking_flag_review(*, actor: Actor, flag_id: int, confirmed: bool) -> RetraffickingFlag:
    """The accompanying centre says whether the person was trafficked again (counted in the
    statistics) or not (a new contact for another reason)."""
    flag = (
        RetraffickingFlag.objects.select_for_update()
        .select_related("plan__person")
        .filter(pk=flag_id, plan__organisation_id=own_centre(actor))
        .first()
    )
    if flag is None:
        raise NotFound(_("No such record."))
    care_person_get_for_actor(actor, flag.plan.person.reference, ability=Ability.CARE_RECORD)
    if flag.reviewed_at is not None:
        raise Conflict(_("This flag is already reviewed."))
    flag.confirmed = confirmed
    flag.reviewed_at = timezone.now()
    flag.reviewed_by = actor.user
    flag.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="retrafficking_flag_review",
        record=flag,
        purpose=Purpose.CARE,
        changes={"person": flag.plan.person.reference, "confirmed": confirmed},
    )
    return flag
