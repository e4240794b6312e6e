"""On-site screenings of workers: the person recorded or linked, the indicators observed,
the computed suggestion, and a referral through nrm.referrals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nrm.access.actions import involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, InvolvementBasis
from nrm.access.policy import purpose_for
from nrm.consent.actions import ConsentAnswer, consent_record
from nrm.consent.models import ConsentPurpose
from nrm.consent.queries import referral_consent
from nrm.core import clock
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inspections import permissions, suggestion
from nrm.inspections.actions._common import (
    NOTE_MAX,
    _text,
)
from nrm.inspections.models import (
    Inspection,
    Observation,
    Screening,
)
from nrm.inspections.vocab import (
    Consent,
    InspectionStatus,
    ReferralChannel,
)
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor
from nrm.people.vocab import COUNTRY_CODES, LANGUAGE_CODES
from nrm.referrals import routing
from nrm.referrals.actions import referral_create
from nrm.referrals.models import Referral, ReferralReason, ReferralSource

# Screenings ----------------------------------------------------------------------------


@dataclass
class ObservationData:
    framework: str
    indicator: str
    note: str = ""


@dataclass
class ScreeningData:
    """What the on-site form, the API or the demo says about one worker met."""

    screened_on: date | None = None
    person_reference: str = ""
    new_person: PersonData | None = None
    nationality: str = ""
    language: str = ""
    presumed_minor: bool = False
    hourly_wage_eur: Decimal | None = None
    weekly_hours: Decimal | None = None
    rest_days_per_week: int | None = None
    observations: list[ObservationData] = field(default_factory=list)
    leaflet_language: str = ""
    # The worker's answer to being referred; recorded as their consent (nrm.consent).
    consent: str = Consent.NOT_ASKED
    interpreter: bool = False
    notes: str = ""


def _validate_screening(data: ScreeningData, inspection: Inspection, today: date) -> date:
    screened_on = data.screened_on or today
    if screened_on > today:
        raise DomainError(_("A screening cannot be dated in the future."), field="screened_on")
    start = inspection.carried_out_on or inspection.planned_on
    if screened_on < start:
        raise DomainError(
            _("A screening cannot be dated before its inspection (%(date)s).")
            % {"date": start.isoformat()},
            field="screened_on",
        )
    if data.nationality and data.nationality not in COUNTRY_CODES:
        raise DomainError(
            _("%(code)s is not an ISO 3166 country code.") % {"code": data.nationality},
            field="nationality",
        )
    for name in ("language", "leaflet_language"):
        code = getattr(data, name)
        if code and code not in LANGUAGE_CODES:
            raise DomainError(
                _("%(code)s is not an ISO 639 language code.") % {"code": code}, field=name
            )
    if data.consent not in Consent.values:
        raise DomainError(_("Choose the worker's answer from the list."), field="consent")
    if data.hourly_wage_eur is not None and not Decimal(0) <= data.hourly_wage_eur < 1000:
        raise DomainError(_("Give the hourly pay in euros, 0 or more."), field="hourly_wage_eur")
    if data.weekly_hours is not None and not Decimal(0) <= data.weekly_hours <= 168:
        raise DomainError(_("A week has 168 hours at most."), field="weekly_hours")
    if data.rest_days_per_week is not None and not 0 <= data.rest_days_per_week <= 7:
        raise DomainError(_("A week has 7 days."), field="rest_days_per_week")
    seen: set[tuple[str, str]] = set()
    for row in data.observations:
        if not suggestion.known_indicator(row.framework, row.indicator):
            raise DomainError(
                _("Unknown indicator %(indicator)s.") % {"indicator": row.indicator},
                field="observations",
            )
        if (row.framework, row.indicator) in seen:
            raise DomainError(
                _("Indicator %(indicator)s is given twice.") % {"indicator": row.indicator},
                field="observations",
            )
        seen.add((row.framework, row.indicator))
        _text(row.note, field="observations", limit=NOTE_MAX)
    if data.person_reference and data.new_person is not None:
        raise DomainError(_("Either link a person or record a new one, not both."), field="person")
    return screened_on


def _screened_person(actor: Actor, data: ScreeningData, screened_on: date) -> Person:
    if data.person_reference:
        try:
            person, _decision = person_find_for_actor(actor, data.person_reference)
        except NotFound as exc:
            # The same answer whether the reference does not exist or is another's to see.
            raise DomainError(
                _("No person with this reference is known to your team."), field="person"
            ) from exc
        assert actor.organisation is not None
        involvement_open(
            actor=actor,
            person=person,
            organisation=actor.organisation,
            purpose=purpose_for(actor),
            basis=InvolvementBasis.SCREENING,
        )
        return person
    new = data.new_person or PersonData()
    if not new.nationalities and data.nationality:
        new.nationalities = [data.nationality]
    if not new.languages and data.language:
        new.languages = [data.language]
    new.first_contact_on = new.first_contact_on or screened_on
    # The team's first contact: person_create opens its involvement.
    return person_create(actor=actor, data=new)


def _asked_in(screening: Screening) -> str:
    """The language the worker was asked in, as far as the screening knows it: the one
    they speak, else the one of the leaflet handed to them; empty when neither is known."""
    return screening.language or screening.leaflet_language


def _record_referral_answer(
    actor: Actor, screening: Screening, *, given: bool, on: date, interpreter: bool
) -> None:
    """The worker's answer to being referred, as their consent by purpose: what every
    referral of the person reads, whoever makes it (issue 18 item 1)."""
    consent_record(
        actor=actor,
        person=screening.person,
        answer=ConsentAnswer(
            purpose=ConsentPurpose.REFERRAL,
            given=given,
            on=on,
            language=_asked_in(screening),
            interpreter=interpreter,
        ),
    )


def facts_of(screening: Screening, observed: frozenset[tuple[str, str]]) -> suggestion.Facts:
    return suggestion.Facts(
        observed=observed,
        hourly_wage_eur=screening.hourly_wage_eur,
        weekly_hours=screening.weekly_hours,
        rest_days_per_week=screening.rest_days_per_week,
        minor=routing.is_minor(
            screening.person, screening.screened_on, presumed_minor=screening.presumed_minor
        ),
    )


@transaction.atomic
def screening_create(*, actor: Actor, inspection: Inspection, data: ScreeningData) -> Screening:
    """Record one worker met at the inspection, the indicators observed and the answers."""
    inspection = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
    if not permissions.may_see_inspection(actor, inspection):
        raise NotFound(_("No such inspection."))
    if not permissions.may_record_on(actor, inspection):
        raise PermissionDenied(_("Only the members of the inspecting team screen its workers."))
    if inspection.status not in {InspectionStatus.PLANNED, InspectionStatus.CARRIED_OUT}:
        raise Conflict(
            _("Workers are screened while the inspection is planned or carried out, not after.")
        )
    organisation = actor.organisation
    assert organisation is not None
    screened_on = _validate_screening(data, inspection, clock.today())
    person = _screened_person(actor, data, screened_on)
    if Screening.objects.filter(inspection=inspection, person=person).exists():
        raise Conflict(_("This worker has already been screened at this inspection."))
    screening = Screening(
        inspection=inspection,
        person=person,
        organisation=organisation,
        screened_by=actor.user,
        screened_on=screened_on,
        nationality=data.nationality,
        language=data.language,
        presumed_minor=data.presumed_minor,
        hourly_wage_eur=data.hourly_wage_eur,
        weekly_hours=data.weekly_hours,
        rest_days_per_week=data.rest_days_per_week,
        leaflet_language=data.leaflet_language,
        consent=data.consent,
        notes=_text(data.notes, field="notes"),
    )
    observed = frozenset((row.framework, row.indicator) for row in data.observations)
    result = suggestion.suggest(facts_of(screening, observed))
    screening.suggests_potential_victim = result.potential_victim
    screening.indicator_count = result.indicator_count
    screening.save(force_insert=True)
    Observation.objects.bulk_create(
        Observation(
            screening=screening,
            person=person,
            framework=row.framework,
            indicator=row.indicator,
            dimension=suggestion.dimension_of(row.framework, row.indicator),
            observed_on=screened_on,
            organisation=organisation,
            note=row.note.strip(),
        )
        for row in data.observations
    )
    if data.consent != Consent.NOT_ASKED:
        _record_referral_answer(
            actor,
            screening,
            given=data.consent == Consent.CONSENTED,
            on=screened_on,
            interpreter=data.interpreter,
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="screening_create",
        record=screening,
        purpose=purpose_for(actor),
        changes={
            "inspection": inspection.reference,
            "person": person.reference,
            "screened_on": screened_on.isoformat(),
            "nationality": data.nationality,
            "language": data.language,
            "presumed_minor": data.presumed_minor,
            "hourly_wage_eur": data.hourly_wage_eur,
            "weekly_hours": data.weekly_hours,
            "rest_days_per_week": data.rest_days_per_week,
            "observations": sorted(f"{f}:{i}" for f, i in observed),
            "leaflet_language": data.leaflet_language,
            "consent": data.consent,
            "suggestion": result.level.value,
        },
    )
    return screening


def _referral_details(screening: Screening, channel: str, details: str) -> str:
    lines = [
        _("Screening %(screening)s at inspection %(inspection)s on %(date)s.")
        % {
            "screening": screening.reference,
            "inspection": screening.inspection.reference,
            "date": screening.screened_on.isoformat(),
        }
    ]
    if channel == ReferralChannel.HOTLINE:
        lines.append(_("Handed over by phone to the centre's hotline."))
    if screening.suggests_potential_victim:
        lines.append(
            _("The indicators observed suggest a potential victim (not an identification).")
        )
    if details.strip():
        lines.append(details.strip())
    return "\n".join(lines)


@transaction.atomic
def screening_refer(
    *,
    actor: Actor,
    screening: Screening,
    expected_version: int,
    channel: str = ReferralChannel.DIRECT,
    consent_confirmed: bool = False,
    interpreter: bool = False,
    details: str = "",
) -> Referral:
    """Refer the worker to the regional specialised centre, directly or through its hotline.

    The referral is made by nrm.referrals, which routes it by region and age; the region is
    the site's. Whether the worker may be referred is the person's say in nrm.consent, not
    this screening's answer alone: an adult only with their consent to be referred in force
    (a later refusal or withdrawal, recorded anywhere, stops it; `consent_confirmed` records
    their agreement given now); a (presumed) minor always, under the child exemption of
    `nrm.consent.rules.referral_goes_ahead`.
    """
    locked = (
        Screening.objects.select_for_update(of=("self",))
        .select_related("inspection__worksite__region", "inspection__team__region", "person")
        .filter(pk=screening.pk)
        .first()
    )
    if locked is None or not permissions.may_see_inspection(actor, locked.inspection):
        raise NotFound(_("No such screening."))
    if not permissions.may_record_on(actor, locked.inspection):
        raise PermissionDenied(_("Only the members of the inspecting team refer its workers."))
    if locked.version != expected_version:
        raise Conflict(
            _("Someone else changed this screening meanwhile. Reload the page and try again.")
        )
    if locked.referral_id is not None:
        raise Conflict(_("This worker has already been referred from this screening."))
    if channel not in ReferralChannel.values:
        raise DomainError(_("Choose how the worker is referred."), field="channel")
    today = clock.today()
    minor = routing.is_minor(locked.person, today, presumed_minor=locked.presumed_minor)
    consent_before = locked.consent
    if consent_confirmed:
        # The screening keeps its own answer as history; the person's consent governs.
        locked.consent = Consent.CONSENTED
        _record_referral_answer(actor, locked, given=True, on=today, interpreter=interpreter)
    say = referral_consent(locked.person, minor=minor)
    if not say.goes_ahead:
        if say.state == "NOT_ASKED":
            raise DomainError(
                _("An adult is referred only with their consent. Ask the worker and confirm it."),
                field="consent_confirmed",
            )
        raise DomainError(say.reason, field="consent_confirmed")
    inspection = locked.inspection
    region = inspection.worksite.region if inspection.worksite else inspection.team.region
    referral = referral_create(
        actor=actor,
        person=locked.person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        details=_referral_details(locked, channel, _text(details, field="details", limit=2000)),
        source=ReferralSource.INSPECTION,
        region=region,
        presumed_minor=locked.presumed_minor,
        referred_on=today,
    )
    locked.referral = referral
    locked.referral_channel = channel
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="screening_refer",
        record=locked,
        purpose=purpose_for(actor),
        changes={
            "person": locked.person.reference,
            "referral": referral.reference,
            "centre": referral.referred_organisation_id,
            "channel": channel,
            "consent": {"old": consent_before, "new": locked.consent},
            "consent_basis": "given" if say.given else "child_exemption",
        },
    )
    return referral
