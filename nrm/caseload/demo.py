"""The caseload's demo (issue 18 §7), for the demo loader (nrm/demo, the lead's): a
caseworker of the director's centre who accompanied a few persons has left, so the
director sees them flagged and their persons among those "accompanied by nobody active",
ready to hand over in one step; most other persons have a key worker; a couple have none;
the caseworker has an absence planned.

Everything goes through the real actions: the departed caseworker is created, granted and
approved like any account, named key worker while she worked, and her membership ended by
the administrator."""

from __future__ import annotations

import datetime as dt

from nrm.access.context import Actor
from nrm.administration.actions import (
    membership_approve,
    membership_end,
    membership_grant,
    user_create,
)
from nrm.caseload.actions import absence_record, key_worker_assign
from nrm.caseload.models import AssignmentReason
from nrm.caseload.queries import persons_held
from nrm.organisations.models import Role

LEFT_USERNAME = "caseworker.left"
# Persons the departed caseworker accompanied, and persons left with nobody at all.
LEFT_PERSONS = 4
UNASSIGNED = 2


def build_demo(
    *,
    director: Actor,
    caseworker: Actor,
    admin: Actor,
    approver: Actor,
    today: dt.date,
    password: str,
) -> str:
    """Build the caseload demo at `director`'s centre; returns the departed caseworker's
    username. `caseworker` is the centre's active caseworker (the demo's Carla Santos)."""
    organisation = director.organisation
    assert organisation is not None
    assert caseworker.organisation_id == organisation.pk
    left, _password = user_create(
        actor=admin,
        username=LEFT_USERNAME,
        first_name="Lotte",
        last_name="Vermeulen",
        email=f"{LEFT_USERNAME}@demo.invalid",
        password=password,
    )
    membership = membership_grant(
        actor=admin, user=left, organisation=organisation, role=Role.CASEWORKER
    )
    membership_approve(actor=approver, membership=membership)
    held = list(persons_held(organisation.pk).order_by("reference"))
    no_one = [p for p in held if getattr(p, "key_worker_id", None) is None]
    for index, person in enumerate(no_one[: len(no_one) - UNASSIGNED]):
        to_left = index < LEFT_PERSONS
        key_worker_assign(
            actor=director,
            person_reference=person.reference,
            to_user=left if to_left else caseworker.user,
            reason=AssignmentReason.ASSIGNED if to_left else AssignmentReason.WORKLOAD,
        )
    membership_end(actor=admin, membership=membership)
    absence_record(
        actor=director,
        user=caseworker.user,
        starts_on=today + dt.timedelta(days=14),
        ends_on=today + dt.timedelta(days=18),
    )
    return LEFT_USERNAME
