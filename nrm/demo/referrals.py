"""The demo world's referrals and hotline contacts, written through the real actions.

`build_referrals` is called by `nrm/demo/world.py` once the persons exist. It needs no names:
it finds the referring services (inspection, police) and the centres among the actors it is
given by their organisations' types, so it works on any world built the same way.

What it makes, from a fixed pattern so every load looks the same:
- persons a centre already takes care of: a referral from the service that met them,
  accepted by that centre (which records the REFERRED step of the person's pathway);
- the other persons, in turn: a referral awaiting a decision, one overdue, one declined
  with a reason, one withdrawn by the referrer;
- per centre with staff: hotline contacts (advice, an emergency, and a call that ends in a
  referral to the centre of another region).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from nrm.access.context import Actor
from nrm.access.models import Involvement, Purpose
from nrm.access.policy import Ability, decide_person
from nrm.consent.actions import ConsentConfirmation
from nrm.organisations.models import Organisation, OrganisationType, Region, Role
from nrm.people.actions import PersonData
from nrm.people.models import Person
from nrm.people.queries import is_recorded_suspect
from nrm.people.vocab import Gender
from nrm.referrals import workflow
from nrm.referrals.actions import (
    HotlineEntryData,
    HotlineReferralData,
    hotline_entry_create,
    referral_accept,
    referral_create,
    referral_decline,
    referral_withdraw,
)
from nrm.referrals.models import (
    CallerType,
    ExploitationForm,
    HotlineChannel,
    HotlineOutcome,
    Referral,
    ReferralReason,
)
from nrm.referrals.routing import CENTRE_TYPES

T = OrganisationType
_REFERRING_SERVICES = frozenset({T.LABOUR_INSPECTION_TEAM, T.POLICE_UNIT})
_PENDING_KINDS = ("pending", "overdue", "declined", "withdrawn")
_DECLINE_REASONS = (
    "No shelter place for a man this week; Payoke has one and has been asked.",
    "The person told our social worker they do not want support now.",
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _referrers(actors: dict[str, Actor]) -> list[Actor]:
    return [
        actor
        for _name, actor in sorted(actors.items())
        if actor.organisation is not None
        and actor.organisation.type in _REFERRING_SERVICES
        and workflow.may_refer(actor)
    ]


def _centre_staff(actors: dict[str, Actor]) -> dict[int, Actor]:
    """One deciding member per centre: a caseworker where there is one."""
    staff: dict[int, Actor] = {}
    ordered = sorted(actors.items(), key=lambda item: (item[1].role != Role.CASEWORKER, item[0]))
    for _name, actor in ordered:
        if workflow.may_keep_hotline(actor) and actor.organisation_id is not None:
            staff.setdefault(actor.organisation_id, actor)
    return staff


def _caring_centre(person: Person) -> Organisation | None:
    involvement = (
        Involvement.objects.filter(
            person=person,
            purpose=Purpose.CARE,
            until__isnull=True,
            organisation__type__in=CENTRE_TYPES,
        )
        .select_related("organisation")
        .order_by("since", "pk")
        .first()
    )
    return involvement.organisation if involvement else None


def build_referrals(actors: dict[str, Actor], persons: list[Person], today: date) -> None:
    referrers = _referrers(actors)
    staff = _centre_staff(actors)
    now = timezone.now()
    turn = 0
    # Persons another demo already referred (the joint action's screenings) keep theirs.
    referred = set(Referral.objects.values_list("person_id", flat=True))
    for person in persons:
        # Victims apart from suspects: the convicted foreman is never referred to a centre.
        if person.pk in referred or is_recorded_suspect(person.pk):
            continue
        referrer = next(
            (a for a in referrers if decide_person(a, person.pk, Ability.PERSON_VIEW).allowed),
            None,
        )
        if referrer is None:
            continue
        centre = _caring_centre(person)
        if centre is not None:
            _accepted(referrer, staff.get(centre.pk), person, centre)
            continue
        kind = _PENDING_KINDS[turn % len(_PENDING_KINDS)]
        turn += 1
        _open_or_closed(referrer, staff, person, kind, today, now)
    for index, actor in enumerate(staff.values()):
        _hotline(actor, index, today)


# The forms of exploitation the demo's pending referrals presume ("" = not known yet).
_FORMS = (
    ExploitationForm.LABOUR,
    ExploitationForm.LABOUR,
    ExploitationForm.SEXUAL,
    "",
    ExploitationForm.FORCED_CRIMINALITY,
)


def _asked(person: Person) -> ConsentConfirmation:
    """The referrer asked the person, in their language with an interpreter, and they
    agreed to be referred (recorded with the referral: nrm.consent)."""
    return ConsentConfirmation(language=(person.languages or ["en"])[0], interpreter=True)


def _accepted(
    referrer: Actor, centre_actor: Actor | None, person: Person, centre: Organisation
) -> None:
    if centre_actor is None:
        return
    sent = _at(person.first_contact_on, 10)
    referral = referral_create(
        actor=referrer,
        person=person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        details="Met during a joint inspection; worked 12-hour days without pay for months.",
        centre=centre,
        referred_on=person.first_contact_on,
        now=sent,
        consent=_asked(person),
        exploitation_form=ExploitationForm.LABOUR,
    )
    referral_accept(
        actor=centre_actor,
        referral=referral,
        expected_version=referral.version,
        now=sent + timedelta(hours=3),
    )


def _open_or_closed(
    referrer: Actor,
    staff: dict[int, Actor],
    person: Person,
    kind: str,
    today: date,
    now: datetime,
) -> None:
    sent = {
        "pending": now - timedelta(hours=2),
        "overdue": now - timedelta(hours=30),
        "declined": _at(today - timedelta(days=5), 9),
        "withdrawn": _at(today - timedelta(days=3), 15),
    }[kind]
    referral: Referral = referral_create(
        actor=referrer,
        person=person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        details="Found living at the worksite; passport kept by the employer.",
        referred_on=timezone.localdate(sent),
        now=sent,
        consent=_asked(person),
        # Triage in the centre's inbox: forms of exploitation vary, one person is in danger.
        exploitation_form=_FORMS[person.pk % len(_FORMS)],
        imminent_danger=kind == "pending" and person.pk % 2 == 0,
    )
    if kind == "declined":
        centre_actor = staff.get(referral.referred_organisation_id)
        if centre_actor is not None:
            referral_decline(
                actor=centre_actor,
                referral=referral,
                expected_version=referral.version,
                reason=_DECLINE_REASONS[person.pk % len(_DECLINE_REASONS)],
                now=sent + timedelta(hours=20),
            )
    elif kind == "withdrawn":
        referral_withdraw(
            actor=referrer,
            referral=referral,
            expected_version=referral.version,
            reason="The person was already referred by the police the same day.",
            now=sent + timedelta(hours=1),
        )


def _other_region(centre: Organisation) -> Region | None:
    """A region whose adults' centre is another centre, for a call that is passed on."""
    regions = Region.objects.filter(
        organisations__type=T.CENTRE_ADULTS, organisations__is_active=True
    )
    if centre.region_id is not None:
        regions = regions.exclude(pk=centre.region_id)
    return regions.order_by("code").first()


def _hotline(actor: Actor, index: int, today: date) -> None:
    centre = actor.organisation
    assert centre is not None  # centre staff have one
    day = today - timedelta(days=1 + index)
    hotline_entry_create(
        actor=actor,
        data=HotlineEntryData(
            contact_at=_at(day, 9),
            channel=HotlineChannel.PHONE,
            language="fr",
            caller_type=CallerType.PROFESSIONAL,
            summary="A social worker asked which indicators to look for in a car wash.",
            outcome=HotlineOutcome.ADVICE,
        ),
        now=_at(day, 9) + timedelta(minutes=20),
    )
    hotline_entry_create(
        actor=actor,
        data=HotlineEntryData(
            contact_at=_at(day, 23),
            channel=HotlineChannel.PHONE,
            language="ro",
            caller_type=CallerType.POTENTIAL_VICTIM,
            summary="Caller locked in a dormitory above a bakery; police called at once.",
            outcome=HotlineOutcome.EMERGENCY,
        ),
        new_person=PersonData(
            given_names="Ioana",
            gender=Gender.FEMININE,
            age_at_first_contact=27,
            nationalities=["RO"],
            languages=["ro"],
            first_contact_on=day,
        ),
        now=_at(day, 23) + timedelta(minutes=30),
    )
    elsewhere = _other_region(centre)
    if elsewhere is None or centre.type != T.CENTRE_ADULTS:
        return
    referral_day = today - timedelta(days=2 + index)
    hotline_entry_create(
        actor=actor,
        data=HotlineEntryData(
            contact_at=_at(referral_day, 14),
            channel=HotlineChannel.CHAT,
            language="en",
            caller_type=CallerType.THIRD_PARTY,
            summary="A neighbour reports a worker sleeping in a greenhouse, unpaid since spring.",
            outcome=HotlineOutcome.REFERRAL,
            # The worker joined the chat and agreed to be referred (nrm.consent).
            referral_consent=True,
        ),
        new_person=PersonData(
            gender=Gender.MASCULINE,
            age_at_first_contact=34,
            nationalities=["IN"],
            languages=["hi"],
            first_contact_on=referral_day,
        ),
        referral=HotlineReferralData(
            details="Works in a greenhouse; the neighbour can show the way.", region=elsewhere
        ),
        now=_at(referral_day, 14) + timedelta(minutes=15),
    )
