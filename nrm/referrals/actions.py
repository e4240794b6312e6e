"""Every write to referrals and to the hotline log. Atomic, audited in the same transaction.

A referral gives the receiving centre a reason to see the person (an involvement for care,
basis "referral received") so that it can decide; accepting turns it into "referral
accepted" and records the REFERRED step of the person's pathway; declining or withdrawing
ends it, unless the centre already had another reason to see the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.actions import involvement_end, involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.access.policy import Ability, decide_person, purpose_for
from nrm.consent.actions import (
    ConsentAnswer,
    ConsentConfirmation,
    SafeContactData,
    consent_confirm,
    consent_record,
    safe_contact_save,
)
from nrm.consent.models import ConsentPurpose, ContactChannel, UnsafeKind
from nrm.consent.queries import referral_consent
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.core.workflow import Step, take
from nrm.organisations.models import Organisation, Region
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor, support_refused
from nrm.people.vocab import LANGUAGE_CODES
from nrm.protection.actions import pathway_event_record
from nrm.protection.engine import time_zone
from nrm.protection.models import PathwayRecord
from nrm.referrals import routing, workflow
from nrm.referrals.models import (
    CallerType,
    ExploitationForm,
    HotlineChannel,
    HotlineEntry,
    HotlineOutcome,
    Referral,
    ReferralAddendum,
    ReferralEvent,
    ReferralReason,
    ReferralSource,
    ReferralStatus,
    ReviewStatus,
)
from nrm.referrals.workflow import ACCEPT, DECLINE, REFERRALS, WITHDRAW

DETAILS_MAX = 4000
REASON_MAX = 2000
SUMMARY_MAX = 8000
# A contact logged "now" from a phone whose clock runs a little ahead is not in the future.
CLOCK_SKEW = timedelta(minutes=5)
REFERRED_EVENT = "REFERRED"


def _text(value: str, *, field: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise DomainError(
            _("Keep this under %(limit)d characters.") % {"limit": limit}, field=field
        )
    return value


# Referrals -----------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    actor: Actor,
    person: Person,
    reason: str,
    details: str = "",
    source: str = "",
    region: Region | None = None,
    centre: Organisation | None = None,
    presumed_minor: bool = False,
    referred_on: date | None = None,
    now: datetime | None = None,
    resent_from: Referral | None = None,
    consent: ConsentConfirmation | None = None,
    exploitation_form: str = "",
    imminent_danger: bool = False,
) -> Referral:
    """Refer a person the actor can see to a specialised centre.

    Without `centre`, the routing rule picks the centre of the region for the person's age.
    An adult is referred only with their consent to be referred in force (nrm.consent): one
    recorded before, or `consent`, which the referrer confirms now and which is recorded
    with the referral; a minor under the child exemption (`nrm.consent.rules`).
    `now` is the clock, for the demo world and tests; pages and the API never pass it.
    """
    now = now or timezone.now()
    if not decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed:
        raise NotFound(_("No such person."))
    # Two referrals of one person at once (two tabs, two colleagues) would both pass the
    # checks below and race on the open involvement's and the pending referral's unique
    # constraints: the second waits here, then finds the first's referral (409).
    list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))
    organisation = actor.organisation
    if organisation is None or not workflow.may_refer(actor):
        raise PermissionDenied(_("Your role does not refer persons to a specialised centre."))
    allowed_sources = workflow.sources_for(organisation.type)
    source = source or allowed_sources[0]
    if source not in allowed_sources:
        raise DomainError(
            _("Your organisation cannot make a referral from this source."), field="source"
        )
    if reason not in ReferralReason.values:
        raise DomainError(_("Choose a reason from the list."), field="reason")
    if exploitation_form and exploitation_form not in ExploitationForm.values:
        raise DomainError(
            _("Choose the form of exploitation from the list."), field="exploitation_form"
        )
    details = _text(details, field="details", limit=DETAILS_MAX)
    today = timezone.localdate(now)
    referred_on = referred_on or today
    if referred_on > today:
        raise DomainError(_("A referral cannot be dated in the future."), field="referred_on")
    region = region or organisation.region
    if region is None and centre is None:
        raise DomainError(_("Say in which region the person is."), field="region")
    minor = routing.is_minor(person, referred_on, presumed_minor=presumed_minor)
    if centre is None:
        assert region is not None  # checked above
        centre = routing.centre_for(region=region, minor=minor)
        routed = True
    else:
        routing.check_centre(centre, minor=minor)
        routed = False
    if support_refused(person.pk, centre.pk):
        # Victims apart from suspects (issue 9 §4): the centre's director decides, with
        # reasons; nothing of the case file is said here.
        raise Conflict(
            _(
                "%(person)s is recorded as a suspect in a criminal case file and cannot be "
                "referred to %(centre)s unless the centre's director decides so, with "
                "reasons. Ask the director of %(centre)s to record that decision, then refer "
                "again."
            )
            % {"person": person.reference, "centre": centre}
        )
    if Referral.objects.filter(
        person=person, referred_organisation=centre, status=ReferralStatus.PENDING
    ).exists():
        raise Conflict(
            _("This person already has a referral awaiting the decision of %(centre)s.")
            % {"centre": centre}
        )
    # The person's say comes last among the checks: a referral that could not be made
    # anyway is refused for that reason, and no consent is recorded for it.
    confirmed = None
    if consent is not None:
        confirmed = consent_confirm(
            actor=actor,
            person=person,
            purpose=ConsentPurpose.REFERRAL,
            confirmation=consent,
            on=today,
        )
    say = referral_consent(person, minor=minor)
    if not say.goes_ahead:
        raise DomainError(say.reason, field="consent")
    received = None
    already_involved = Involvement.objects.filter(
        person=person, organisation=centre, purpose=Purpose.CARE, until__isnull=True
    ).exists()
    if not already_involved:
        # The centre needs to see the person to decide; this reason lasts while it decides.
        received = involvement_open(
            actor=actor,
            person=person,
            organisation=centre,
            purpose=Purpose.CARE,
            basis=InvolvementBasis.REFERRAL_RECEIVED,
        )
    referral = Referral(
        person=person,
        source=source,
        referring_organisation=organisation,
        referring_caseworker=actor.user,
        referred_organisation=centre,
        region=region,
        routed=routed,
        presumed_minor=presumed_minor,
        referred_on=referred_on,
        reason=reason,
        details=details,
        created_at=now,
        respond_by=now + workflow.response_time(),
        received_involvement=received,
        resent_from=resent_from,
        exploitation_form=exploitation_form,
        imminent_danger=imminent_danger,
    )
    try:
        with transaction.atomic():
            referral.save(force_insert=True)
    except IntegrityError as exc:
        # Someone referred the same person to the same centre a moment earlier.
        raise Conflict(
            _("This person already has a referral awaiting the decision of %(centre)s.")
            % {"centre": centre}
        ) from exc
    ReferralEvent.objects.create(
        referral=referral,
        from_status="",
        to_status=ReferralStatus.PENDING,
        at=now,
        by=actor.user,
        organisation=organisation,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="referral_create",
        record=referral,
        purpose=purpose_for(actor),
        changes={
            "person": person.reference,
            "source": source,
            "referring_organisation": organisation.pk,
            "referred_organisation": centre.pk,
            "region": region.code if region else None,
            "routed": routed,
            "presumed_minor": presumed_minor,
            "referred_on": referred_on.isoformat(),
            "reason": reason,
            "exploitation_form": exploitation_form,
            "imminent_danger": imminent_danger,
            # Free text about the person (encrypted in the referral): a marker in the trail.
            "details": "set" if details else "",
            "respond_by": referral.respond_by.isoformat(),
            "resent_from": resent_from.reference if resent_from else None,
            # On what the referral rests: the person's consent, or the child exemption.
            "consent": "given" if say.given else "child_exemption",
            "consent_confirmed": confirmed is not None,
        },
    )
    return referral


def _decided(step: Step[Referral, None], *, now: datetime, reason: str) -> None:
    """What every decision on a referral stores besides its state: when, by whom, why."""
    referral = step.record
    referral.decided_at = now
    referral.decided_by = step.actor.user
    referral.decision_reason = reason
    step.history_fields["at"] = now
    # The reason is free text about the person (encrypted in the referral): a marker here.
    step.changes.update({"person": referral.person.reference, "reason": "set" if reason else ""})


def _end_received_involvement(actor: Actor, referral: Referral) -> bool:
    """End the centre's reason to see the person if this referral gave it, and only then."""
    involvement = referral.received_involvement
    if (
        involvement is None
        or involvement.until is not None
        or involvement.basis != InvolvementBasis.REFERRAL_RECEIVED
    ):
        return False
    involvement_end(actor=actor, involvement=involvement)
    return True


def _record_referred_event(actor: Actor, person: Person, on: date) -> bool:
    """The REFERRED step of the person's pathway, taken by the accepting centre."""
    version = (
        PathwayRecord.objects.filter(person=person).values_list("version", flat=True).first() or 0
    )
    try:
        pathway_event_record(
            actor=actor, person=person, event_type=REFERRED_EVENT, on=on, expected_version=version
        )
    except (NotFound, PermissionDenied):
        raise
    except DomainError:
        # The engine refuses REFERRED when the pathway is already further along (an earlier
        # centre accepted the person, or they went straight into reflection), when the
        # jurisdiction's pathway has no such step, or when a later step is already dated
        # after today. The centre's acceptance stands all the same: it is its decision to
        # accompany the person; only the pathway does not move (its own savepoint rolled back).
        return False
    return True


@transaction.atomic
def referral_accept(
    *, actor: Actor, referral: Referral, expected_version: int, now: datetime | None = None
) -> Referral:
    """The centre takes the person on: its involvement becomes "referral accepted"."""
    now = now or timezone.now()

    def apply(step: Step[Referral, None]) -> None:
        referral = step.record
        assert actor.organisation is not None
        person = referral.person
        if support_refused(person.pk, actor.organisation.pk):
            # Named as a suspect after the referral was made.
            raise Conflict(
                _(
                    "%(person)s is recorded as a suspect in a criminal case file: your centre "
                    "takes them on only if its director decides so, with reasons."
                )
                % {"person": person.reference}
            )
        ended = _end_received_involvement(actor, referral)
        involvement_open(
            actor=actor,
            person=person,
            organisation=actor.organisation,
            purpose=Purpose.CARE,
            basis=InvolvementBasis.REFERRAL_ACCEPTED,
        )
        on = now.astimezone(time_zone(settings.NRM_JURISDICTION)).date()
        referral.referred_caseworker = actor.user
        referral.referred_event_recorded = _record_referred_event(actor, person, on)
        _decided(step, now=now, reason="")
        step.changes.update(
            {
                "referred_caseworker": actor.user.pk,
                "received_involvement_ended": ended,
                "pathway_event": REFERRED_EVENT if referral.referred_event_recorded else None,
            }
        )

    return take(
        REFERRALS, ACCEPT, referral, actor=actor, expected_version=expected_version, apply=apply
    ).record


@transaction.atomic
def referral_decline(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int,
    reason: str,
    now: datetime | None = None,
) -> Referral:
    """The centre does not take the person on, and says why; its access through it ends."""
    now = now or timezone.now()

    def apply(step: Step[Referral, None]) -> None:
        why = _text(reason, field="reason", limit=REASON_MAX)
        if not why:
            raise DomainError(_("Say why your centre declines this referral."), field="reason")
        ended = _end_received_involvement(actor, step.record)
        _decided(step, now=now, reason=why)
        step.changes["received_involvement_ended"] = ended

    return take(
        REFERRALS, DECLINE, referral, actor=actor, expected_version=expected_version, apply=apply
    ).record


@transaction.atomic
def referral_withdraw(
    *,
    actor: Actor,
    referral: Referral,
    expected_version: int,
    reason: str = "",
    now: datetime | None = None,
) -> Referral:
    """The referring organisation takes the referral back before the centre decides."""
    now = now or timezone.now()

    def apply(step: Step[Referral, None]) -> None:
        why = _text(reason, field="reason", limit=REASON_MAX)
        ended = _end_received_involvement(actor, step.record)
        _decided(step, now=now, reason=why)
        step.changes["received_involvement_ended"] = ended

    return take(
        REFERRALS, WITHDRAW, referral, actor=actor, expected_version=expected_version, apply=apply
    ).record


# Feedback to the referrer (issue 18 §3) --------------------------------------------------

ADDENDUM_MAX = 4000
# Information can be added while the centre decides or accompanies the person; a declined
# or withdrawn referral is over (re-send it instead).
ADDENDUM_STATUSES = frozenset({ReferralStatus.PENDING, ReferralStatus.ACCEPTED})


def _locked_for_referrer(actor: Actor, referral: Referral) -> Referral:
    """The referral, locked, if the actor may see it and belongs to the referring side."""
    locked = (
        Referral.objects.select_for_update().select_related("person").filter(pk=referral.pk).first()
    )
    if locked is None or not workflow.may_see(actor, locked):
        raise NotFound(_("No such referral."))
    if actor.organisation_id != locked.referring_organisation_id:
        raise PermissionDenied(
            _("Only the organisation that made the referral can add to it or send it again.")
        )
    return locked


@transaction.atomic
def referral_addendum_add(
    *, actor: Actor, referral: Referral, text: str, now: datetime | None = None
) -> ReferralAddendum:
    """The referrer adds information to a referral it sent; the centre sees it."""
    now = now or timezone.now()
    locked = _locked_for_referrer(actor, referral)
    if locked.status not in ADDENDUM_STATUSES:
        raise Conflict(workflow.state_reason(locked.status))
    body = _text(text, field="text", limit=ADDENDUM_MAX)
    if not body:
        raise DomainError(_("Write the information to add."), field="text")
    assert actor.organisation is not None  # the referring organisation
    addendum = ReferralAddendum.objects.create(
        referral=locked,
        text=body,
        added_at=now,
        added_by=actor.user,
        organisation=actor.organisation,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="referral_addendum_add",
        record=addendum,
        purpose=purpose_for(actor),
        changes={
            "referral": locked.reference,
            "person": locked.person.reference,
            "text": "set",
        },
    )
    return addendum


@transaction.atomic
def referral_resend(
    *,
    actor: Actor,
    referral: Referral,
    centre: Organisation,
    now: datetime | None = None,
    consent: ConsentConfirmation | None = None,
) -> Referral:
    """Send a declined referral to another centre in one step: a new referral of the same
    person with the same facts, linked to the declined one. Like any referral it needs the
    adult's consent in force now (a withdrawal since the first one stops it)."""
    locked = _locked_for_referrer(actor, referral)
    if locked.status != ReferralStatus.DECLINED:
        raise Conflict(_("Only a declined referral can be sent to another centre."))
    # Back to the declining centre only when a review overturned its decline (issue 18 §6).
    if (
        centre.pk == locked.referred_organisation_id
        and not locked.reviews.filter(status=ReviewStatus.OVERTURNED).exists()
    ):
        raise DomainError(
            _("This centre declined the referral: choose another centre."), field="centre"
        )
    if Referral.objects.filter(resent_from=locked).exists():
        raise Conflict(_("This referral has already been sent to another centre."))
    made = referral_create(
        actor=actor,
        person=locked.person,
        reason=locked.reason,
        details=locked.details,
        source=locked.source,
        region=locked.region,
        centre=centre,
        presumed_minor=locked.presumed_minor,
        now=now,
        resent_from=locked,
        consent=consent,
        exploitation_form=locked.exploitation_form,
        imminent_danger=locked.imminent_danger,
    )
    return made


# Hotline -------------------------------------------------------------------------------


@dataclass
class HotlineEntryData:
    """What the hotline form or the demo says about one contact."""

    contact_at: datetime
    channel: str
    language: str
    caller_type: str
    summary: str
    outcome: str
    emergency: bool = False
    # The person's answer to being referred, when it was asked during the contact (None:
    # not asked); recorded as their consent (nrm.consent) with the contact's language.
    referral_consent: bool | None = None
    interpreter: bool = False
    # For a new person's phone: True, they may be called back on it; False, never call it
    # (a shared or watched phone); None, not said.
    phone_safe: bool | None = None


@dataclass
class HotlineReferralData:
    """Where a contact with the outcome "referral" sends the person."""

    reason: str = ReferralReason.ADDITIONAL_SERVICES_REQUIRED
    details: str = ""
    region: Region | None = None
    centre: Organisation | None = None
    presumed_minor: bool = False


def _validate_hotline(data: HotlineEntryData, now: datetime) -> None:
    if data.channel not in HotlineChannel.values:
        raise DomainError(_("Choose a channel from the list."), field="channel")
    if data.caller_type not in CallerType.values:
        raise DomainError(_("Choose who contacted the hotline from the list."), field="caller_type")
    if data.outcome not in HotlineOutcome.values:
        raise DomainError(_("Choose an outcome from the list."), field="outcome")
    if data.language not in LANGUAGE_CODES:
        raise DomainError(
            _("%(code)s is not an ISO 639 language code.") % {"code": data.language},
            field="language",
        )
    if timezone.is_naive(data.contact_at):
        raise DomainError(_("Give the time with its time zone."), field="contact_at")
    if data.contact_at > now + CLOCK_SKEW:
        raise DomainError(_("A contact cannot be in the future."), field="contact_at")
    if not data.summary.strip():
        raise DomainError(_("Summarise the contact."), field="summary")


def _linked_person(actor: Actor, reference: str) -> Person:
    try:
        person, _decision = person_find_for_actor(actor, reference)
    except NotFound as exc:
        # The same answer whether the reference does not exist or is another's to see.
        raise DomainError(
            _("No person with this reference is known to your centre."), field="person"
        ) from exc
    return person


def _record_the_persons_say(
    actor: Actor, data: HotlineEntryData, person: Person | None, phone: str, on: date
) -> list[str]:
    """What the person said during the contact about being referred and called back,
    recorded in nrm.consent. Returns markers for the audit row (never the phone)."""
    said: list[str] = []
    if data.referral_consent is not None:
        if person is None:
            raise DomainError(
                _("Link or record the person whose answer this is."), field="referral_consent"
            )
        consent_record(
            actor=actor,
            person=person,
            answer=ConsentAnswer(
                purpose=ConsentPurpose.REFERRAL,
                given=data.referral_consent,
                on=on,
                language=data.language,
                interpreter=data.interpreter,
            ),
        )
        said.append("referral_consent")
    if data.phone_safe is None:
        return said
    if person is None or not phone:
        raise DomainError(_("Give the phone number this answer is about."), field="phone")
    if data.phone_safe:
        # A phone given to be called back on is a contact channel the person accepts.
        consent_record(
            actor=actor,
            person=person,
            answer=ConsentAnswer(
                purpose=ConsentPurpose.CONTACT,
                given=True,
                on=on,
                language=data.language,
                interpreter=data.interpreter,
                channels=[ContactChannel.PHONE],
            ),
        )
        said.append("contact_consent")
    else:
        # Kept on the person's record (it is theirs) and listed never to use, so that no
        # call, text or notification goes to it (nrm.consent.queries.channel_is_safe).
        safe_contact_save(
            actor=actor,
            person=person,
            expected_version=0,
            data=SafeContactData(
                never_use=[
                    {
                        "kind": UnsafeKind.PHONE,
                        "value": phone,
                        "reason": _("Said at the hotline: not safe to call."),
                    }
                ]
            ),
        )
        said.append("phone_never_use")
    return said


@transaction.atomic
def hotline_entry_create(
    *,
    actor: Actor,
    data: HotlineEntryData,
    person_reference: str = "",
    new_person: PersonData | None = None,
    referral: HotlineReferralData | None = None,
    now: datetime | None = None,
) -> HotlineEntry:
    """Log one hotline contact; record or link the person; refer them if that was the outcome.

    All or nothing: a referral that cannot be routed leaves no person and no entry behind.
    """
    now = now or timezone.now()
    centre = actor.organisation
    if centre is None or not workflow.may_keep_hotline(actor):
        raise PermissionDenied(_("Only a specialised centre's staff keep its hotline log."))
    _validate_hotline(data, now)
    summary = _text(data.summary, field="summary", limit=SUMMARY_MAX)
    if person_reference and new_person is not None:
        raise DomainError(_("Either link a person or record a new one, not both."), field="person")
    person: Person | None = None
    if person_reference:
        person = _linked_person(actor, person_reference)
    elif new_person is not None:
        # The centre's first contact: person_create gives the centre its involvement.
        person = person_create(actor=actor, data=new_person)
    contact_day = min(timezone.localdate(data.contact_at), timezone.localdate(now))
    said = _record_the_persons_say(
        actor, data, person, new_person.phone.strip() if new_person else "", contact_day
    )
    made: Referral | None = None
    if data.outcome == HotlineOutcome.REFERRAL:
        if person is None:
            raise DomainError(
                _("A referral needs a person: link one or record a new one."), field="person"
            )
        wanted = referral or HotlineReferralData()
        made = referral_create(
            actor=actor,
            person=person,
            reason=wanted.reason,
            details=wanted.details,
            source=ReferralSource.HOTLINE,
            region=wanted.region,
            centre=wanted.centre,
            presumed_minor=wanted.presumed_minor,
            referred_on=contact_day,
            now=now,
        )
    entry = HotlineEntry.objects.create(
        centre=centre,
        taken_by=actor.user,
        contact_at=data.contact_at,
        channel=data.channel,
        language=data.language,
        caller_type=data.caller_type,
        summary=summary,
        outcome=data.outcome,
        # An emergency outcome is always flagged; another outcome may be an emergency too.
        emergency=data.emergency or data.outcome == HotlineOutcome.EMERGENCY,
        person=person,
        referral=made,
        created_at=now,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="hotline_entry_create",
        record=entry,
        purpose=purpose_for(actor),
        changes={
            "contact_at": entry.contact_at.isoformat(),
            "channel": entry.channel,
            "language": entry.language,
            "caller_type": entry.caller_type,
            # The call's account is free text about a person: in the entry, not the trail.
            "summary": "set" if summary else "",
            "outcome": entry.outcome,
            "emergency": entry.emergency,
            "person": person.reference if person else None,
            "referral": made.reference if made else None,
            "persons_say": said,
        },
    )
    return entry
