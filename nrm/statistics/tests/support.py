"""Statistics test data, made through the real actions of the other apps."""

from __future__ import annotations

from datetime import date

from nrm.consent.actions import ConsentConfirmation
from nrm.people.models import Person
from nrm.prosecution import actions as prosecution
from nrm.prosecution.models import CaseFile
from nrm.referrals.actions import referral_accept, referral_create
from nrm.referrals.models import Referral, ReferralReason
from nrm.testing import World

YEAR = 2025


def accepted_referral(
    world: World, *, persona: str = "inspector", on: date = date(YEAR, 4, 1), **person: object
) -> Referral:
    """A person met by the persona, referred to PAG-ASA (a minor: Minor-Ndako), accepted."""
    who: Person = world.person(persona, **person)
    minor = who.is_minor_at_first_contact is True
    referral = referral_create(
        consent=ConsentConfirmation(language="ro"),
        actor=world.actor(persona),
        person=who,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        centre=world.organisations["Minor-Ndako" if minor else "PAG-ASA"],
        referred_on=on,
    )
    return referral_accept(
        actor=world.actor("caseworker_minors" if minor else "caseworker_a"),
        referral=referral,
        expected_version=referral.version,
    )


def case_with_suspects(world: World, *, suspects: int, form: str = "SEXUAL") -> CaseFile:
    """A case file opened in YEAR naming `suspects` persons the police met as suspects."""
    case = prosecution.case_file_open(
        actor=world.actor("prosecutor"),
        title="Massage parlour, Brussels",
        exploitation_form=form,
        opened_on=date(YEAR, 2, 1),
        summary="",
    )
    investigator = world.actor("investigator")
    assert investigator.membership is not None
    prosecution.case_assignment_add(
        actor=world.actor("prosecutor"),
        case=case,
        user=investigator.user,
        organisation=investigator.membership.organisation,
        role="INVESTIGATOR",
    )
    for i in range(suspects):
        person = world.person("investigator", given_names=f"Suspect{i}", gender="Masculine")
        prosecution.case_suspect_add(
            actor=world.actor("prosecutor"), case=case, person_reference=person.reference
        )
    return case
