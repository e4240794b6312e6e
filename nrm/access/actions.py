"""Writes of the access layer: opening and ending involvements."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement

if TYPE_CHECKING:
    from nrm.accounts.models import User
    from nrm.organisations.models import Organisation
    from nrm.people.models import Person


@transaction.atomic
def involvement_open(
    *,
    actor: Actor,
    person: Person,
    organisation: Organisation,
    purpose: str,
    basis: str,
    assigned: Iterable[User] = (),
) -> Involvement:
    """Give an organisation a reason to see a person; reuse the open one for that purpose.

    Called by the actions that create the reason (first contact, screening, accepted
    referral, case file), never by a page directly.
    """
    involvement = (
        Involvement.objects.select_for_update()
        .filter(person=person, organisation=organisation, purpose=purpose, until__isnull=True)
        .first()
    )
    created = involvement is None
    if involvement is None:
        involvement = Involvement.objects.create(
            person=person,
            organisation=organisation,
            purpose=purpose,
            basis=basis,
            created_by=actor.user,
        )
    users = list(assigned)
    if users:
        involvement.assigned_users.add(*users)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE if created else AuditEventType.UPDATE,
        action="involvement_open",
        record=involvement,
        purpose=purpose,
        changes={
            "person": person.pk,
            "organisation": organisation.pk,
            "purpose": purpose,
            "basis": basis,
            "assigned": sorted(u.pk for u in users),
        },
    )
    return involvement


@transaction.atomic
def involvement_end(*, actor: Actor, involvement: Involvement) -> Involvement:
    """End the reason: from now on the organisation no longer sees the person through it."""
    involvement = Involvement.objects.select_for_update().get(pk=involvement.pk)
    if involvement.until is None:
        involvement.until = timezone.now()
        involvement.save(update_fields=["until"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.END,
            action="involvement_end",
            record=involvement,
            purpose=involvement.purpose,
            changes={"until": involvement.until.isoformat()},
        )
    return involvement
