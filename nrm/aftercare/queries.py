"""Reads after support: through the care file's access (the centre that holds the person's
care), audited as care reads; the lists for a centre and the rapporteur's counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.aftercare.models import ExitPlan, FollowUpContact, RetraffickingFlag
from nrm.care.queries import care_person_get_for_actor, centre_of, own_centre
from nrm.people.models import Person


@dataclass(frozen=True)
class Aftercare:
    person: Person
    plan: ExitPlan | None
    contacts: list[FollowUpContact]
    flags: list[RetraffickingFlag]


def aftercare_for_actor(actor: Actor, reference: str) -> Aftercare:
    """The person's exit plan at the actor's centre, its contacts and flags; 404 unless the
    centre holds the person's care; the read audited."""
    person, decision = care_person_get_for_actor(actor, reference)
    plan = (
        ExitPlan.objects.filter(person=person, organisation_id=own_centre(actor))
        .select_related("created_by")
        .first()
    )
    contacts = list(plan.contacts.all()) if plan else []
    flags = list(plan.flags.select_related("met_by")) if plan else []
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="aftercare_view",
        record=person,
        purpose=decision.purpose,
        changes={"plan": plan.pk if plan else None},
    )
    return Aftercare(person=person, plan=plan, contacts=contacts, flags=flags)


def contacts_due_for_actor(actor: Actor, *, today: dt.date) -> QuerySet[FollowUpContact]:
    """The centre's follow-up contacts due by today and not yet recorded."""
    centre = centre_of(actor)
    if centre is None:
        return FollowUpContact.objects.none()
    return (
        FollowUpContact.objects.filter(
            plan__organisation_id=centre, done_on__isnull=True, due_on__lte=today
        )
        .select_related("plan__person")
        .order_by("due_on", "pk")
    )


def flags_open_for_actor(actor: Actor) -> QuerySet[RetraffickingFlag]:
    centre = centre_of(actor)
    if centre is None:
        return RetraffickingFlag.objects.none()
    return (
        RetraffickingFlag.objects.filter(plan__organisation_id=centre, reviewed_at__isnull=True)
        .select_related("plan__person", "met_by")
        .order_by("-raised_at", "-pk")
    )


@dataclass(frozen=True)
class OutcomeCounts:
    """Counts for the rapporteur: never a person, never a centre."""

    exits: dict[str, int]
    outcomes: dict[str, int]
    retrafficked: int


def aftercare_counts(*, year: int) -> OutcomeCounts:
    """Exit pathways of the support that ended in `year`, outcomes of the contacts made in
    it, and the confirmed re-trafficking flags raised in it. De-identified counts only;
    the statistics pages apply their small-cell rule."""
    exits = dict(
        ExitPlan.objects.filter(support_ended_on__year=year)
        .values_list("pathway")
        .annotate(n=Count("pk"))
        .values_list("pathway", "n")
    )
    outcomes = dict(
        FollowUpContact.objects.filter(done_on__year=year)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    retrafficked = (
        RetraffickingFlag.objects.filter(Q(confirmed=True), raised_at__year=year)
        .values("plan__person_id")
        .distinct()
        .count()
    )
    return OutcomeCounts(exits=exits, outcomes=outcomes, retrafficked=retrafficked)


def persons_of(items: list[FollowUpContact] | list[RetraffickingFlag]) -> list[str]:
    return sorted({item.plan.person.reference for item in items})


def list_audited(actor: Actor, references: list[str], *, action: str) -> None:
    if references:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action=action,
            record_type=ExitPlan._meta.label_lower,
            record_id="*",
            purpose=Purpose.CARE,
            changes={"references": references},
        )


def support_ended_on(person_id: int, organisation_id: int) -> dt.date | None:
    """The date the organisation's support of the person ended, and nothing else of the exit
    plan: the feedback to the referrer (issue 18 §3) shows this date only."""
    return (
        ExitPlan.objects.filter(person_id=person_id, organisation_id=organisation_id)
        .order_by("-support_ended_on")
        .values_list("support_ended_on", flat=True)
        .first()
    )
