"""Test data made through the real actions: persons met by a persona, then referred."""

from __future__ import annotations

from typing import Any

from nrm.consent.actions import ConsentConfirmation
from nrm.referrals.actions import referral_create
from nrm.referrals.models import Referral, ReferralReason
from nrm.testing import World


def refer(world: World, persona: str = "inspector", person: Any = None, **options: Any) -> Referral:
    """A referral by the persona of a person it met (a new adult unless one is given), who
    agrees to be referred unless `consent=None` is passed."""
    if person is None:
        person = world.person(persona)
    options.setdefault("reason", ReferralReason.ADDITIONAL_SERVICES_REQUIRED)
    options.setdefault("consent", ConsentConfirmation(language="ro"))
    return referral_create(actor=world.actor(persona), person=person, **options)
