"""The demo world's referrals and hotline contacts (`nrm/demo/referrals.py`)."""

from __future__ import annotations

from django.utils import timezone

from nrm.access.audit import audit_verify
from nrm.access.context import Actor, actor_for
from nrm.access.models import Involvement, InvolvementBasis, Purpose
from nrm.accounts.models import User
from nrm.demo.referrals import build_referrals
from nrm.demo.world import build_world
from nrm.people.models import Person
from nrm.protection.models import StatusEvent
from nrm.referrals.models import HotlineEntry, HotlineOutcome, Referral, ReferralStatus
from nrm.referrals.queries import referral_inbox_counts


def demo_actors() -> dict[str, Actor]:
    return {user.username: actor_for(user) for user in User.objects.order_by("username")}


def load(persons: int) -> dict[str, Actor]:
    build_world(persons=persons)
    actors = demo_actors()
    # Once world.py calls build_referrals itself, the world already has them.
    if not Referral.objects.exists():
        build_referrals(actors, list(Person.objects.order_by("pk")), timezone.localdate())
    return actors


def test_the_demo_has_referrals_in_every_state_and_an_overdue_one(db: None) -> None:
    actors = load(24)

    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(ReferralStatus.values)
    pagasa = referral_inbox_counts(actors["caseworker"], now=timezone.now())
    assert pagasa.overdue >= 1
    assert pagasa.pending > pagasa.overdue
    declined = Referral.objects.filter(status=ReferralStatus.DECLINED).first()
    assert declined is not None
    assert declined.decision_reason


def test_every_person_a_centre_cares_for_came_through_an_accepted_referral(db: None) -> None:
    load(24)

    cared = Involvement.objects.filter(
        purpose=Purpose.CARE,
        until__isnull=True,
        basis=InvolvementBasis.REFERRAL_ACCEPTED,
    ).values_list("person_id", "organisation_id")
    accepted = set(
        Referral.objects.filter(status=ReferralStatus.ACCEPTED).values_list(
            "person_id", "referred_organisation_id"
        )
    )
    assert set(cared) <= accepted
    assert StatusEvent.objects.filter(type="REFERRED").exists()


def test_each_centre_with_staff_has_a_hotline_log_with_an_emergency_and_a_referral(
    db: None,
) -> None:
    actors = load(8)

    for name in ("caseworker", "caseworker.payoke", "caseworker.minors"):
        centre = actors[name].organisation
        entries = HotlineEntry.objects.filter(centre=centre)
        assert entries.filter(emergency=True).exists()
        if name != "caseworker.minors":
            referred = entries.get(outcome=HotlineOutcome.REFERRAL).referral
            assert referred is not None
            assert referred.referred_organisation != centre


def test_the_demo_keeps_the_audit_chain_whole(db: None) -> None:
    load(8)

    assert audit_verify().ok
